// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "export/animationencoder.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

class QThread;

namespace gradlab {

/// \brief Runs an AnimationEncoder on a thread of its own: frames queued with push() are encoded
/// while the next ones are drawn. begin(), every frame and finish() run on that thread.
class EncodeWorker : public QObject
{
    Q_OBJECT

public:
    EncodeWorker(std::unique_ptr<AnimationEncoder> encoder, const QString& path,
                 QObject* parent = nullptr);
    /// Cancels an unfinished export (no file is left) and waits for the thread.
    ~EncodeWorker() override;

    /// Queues the next frame.
    void push(const QImage& frame);
    /// Frames queued and not yet encoded.
    int pending() const;
    /// No more frames: the encoder finishes, then done() is emitted.
    void close();
    /// Stops as soon as possible; done(false) follows and no file is left.
    void cancel();
    /// Blocks until done (for the command line).
    bool wait();

    bool hasFailed() const;
    QString errorString() const;
    int encodedFrames() const;

Q_SIGNALS:
    /// From the worker thread: the file is written (\a ok) or abandoned.
    void done(bool ok);

private:
    void work();

    std::unique_ptr<AnimationEncoder> m_encoder;
    QString m_path;
    QThread* m_thread = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<QImage> m_queue;
    bool m_closed = false;
    bool m_cancelled = false;
    bool m_failed = false;
    int m_encoded = 0;
    QString m_error;
};

} // namespace gradlab
