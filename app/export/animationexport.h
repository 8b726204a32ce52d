// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "export/animationencoder.h"
#include "export/framerenderer.h"

#include <QObject>
#include <QString>
#include <memory>

namespace gradlab {

class EncodeWorker;
class Session;

/// \brief Everything an animation export is asked for.
struct AnimationRequest
{
    QString path; ///< .gif, .webp or .mp4
    FrameOptions frames;
    int fps = 15;
    /// Steps drawn, both included; a negative last step means the race's last.
    int firstStep = 0;
    int lastStep = -1;
    bool lossless = true; ///< WebP
};

/// \brief One animation export: frames drawn from a session one per step, encoded on a worker
/// thread as they come. Either run() at once (command line) or start() in slices on the event
/// loop (the window: one frame per turn of the loop, so the UI keeps answering).
class AnimationExport : public QObject
{
    Q_OBJECT

public:
    /// \a session must outlive the export; its current step moves while frames are drawn.
    AnimationExport(Session* session, const AnimationRequest& request, QObject* parent = nullptr);
    ~AnimationExport() override;

    /// Checks the request and prepares the views; false (errorString() says why) if it cannot be
    /// done. Needs OpenGL for the 3-D views.
    bool prepare();
    /// The views prepare() made, to match the window's overlays before the first frame.
    FrameRenderer* renderer() const { return m_renderer.get(); }
    /// Frames of the steps (the end hold is not counted: it is a delay or repeats the last).
    int frameCount() const { return m_lastStep - m_firstStep + 1; }
    int firstStep() const { return m_firstStep; }
    int lastStep() const { return m_lastStep; }

    /// Draws and encodes every frame, then waits for the file; false on failure.
    bool run();
    /// Draws frames in slices on the event loop; progress() per frame, then finished().
    void start();
    /// Stops drawing and encoding; finished(false) follows and no file is left.
    void cancel();

    QString errorString() const { return m_error; }

Q_SIGNALS:
    /// \a drawn of \a total frames drawn (and queued for the encoder).
    void progress(int drawn, int total);
    /// Every frame is drawn; the encoder is writing the file.
    void encoding();
    void finished(bool ok);

private:
    void drawNext();
    void encoderDone(bool ok);

    Session* m_session;
    AnimationRequest m_request;
    int m_firstStep = 0;
    int m_lastStep = 0;
    int m_next = 0; ///< the next step to draw
    bool m_cancelled = false;
    QString m_error;
    std::unique_ptr<FrameRenderer> m_renderer;
    std::unique_ptr<EncodeWorker> m_worker;
};

} // namespace gradlab
