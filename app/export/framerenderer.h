// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QFont>
#include <QImage>
#include <QRect>
#include <QSize>
#include <QStringList>
#include <memory>
#include <optional>

class QWidget;

namespace gradlab {

class ContourView;
class RunCharts;
class Session;
class SurfaceView;

/// Which views an animation shows.
enum class AnimationView {
    Contour, ///< the contour map
    Surface, ///< the 3-D surface (needs OpenGL)
    Linked,  ///< the contour map and the 3-D surface side by side
};

/// \brief What each frame of an animation shows, and at which size.
struct FrameOptions
{
    AnimationView view = AnimationView::Contour;
    /// The run charts (f and ‖∇f‖ against the step) under the views.
    bool charts = false;
    /// The step number and, per visible run, f and the learning rate, in a box at the top left.
    bool overlay = false;
    QSize size{960, 540};
};

/// The size presets of the export: 480p, 720p and 1080p, and the slide-friendly default.
inline constexpr QSize kFramePresets[] = {{854, 480}, {1280, 720}, {1920, 1080}};
inline constexpr QSize kDefaultFrameSize{960, 540};

/// A session of its own with \a source's scene: function, parameters, domain, probe, start and
/// runs (same settings, visibility, ids and so colours), at step 0. The export draws from the
/// copy, so the window's views do not move while frames are drawn.
std::unique_ptr<Session> copyScene(const Session& source);

/// \brief Draws the scene of a session step by step into images, off-screen: its own contour
/// view, 3-D surface and run charts, never shown and never captured from the screen.
class FrameRenderer
{
    Q_DECLARE_TR_FUNCTIONS(FrameRenderer)

public:
    /// \a session must outlive the renderer; rendering moves its current step.
    FrameRenderer(Session* session, const FrameOptions& options);
    ~FrameRenderer();
    FrameRenderer(const FrameRenderer&) = delete;
    FrameRenderer& operator=(const FrameRenderer&) = delete;

    static bool needsOpenGL(AnimationView view) { return view != AnimationView::Contour; }

    /// Runs every run to its end; returns the last step of the race (one frame per step from 0).
    static int lastStep(Session& session);

    /// Shows the overlays (contours, labels, gradient field, critical points, probe) of \a view.
    void matchContourView(const ContourView& view);

    /// The scene at \a step, options().size pixels.
    QImage render(int step);
    const FrameOptions& options() const { return m_options; }

    /// Where each part of a frame goes: the views, then the charts below (empty without them).
    QRect contourArea() const { return m_contourArea; }
    QRect surfaceArea() const { return m_surfaceArea; }
    QRect chartsArea() const { return m_chartsArea; }

    /// The overlay's lines at the current step: the step, then per shown run its f and the rate
    /// η of the step from there (the schedule's value; none for Nelder–Mead).
    QStringList overlayLines() const;
    /// Where an overlay box of \a size goes in the frame: the top left of the map, or its bottom
    /// right when the probe, the start or a run's current point would be under the box there.
    QRect overlayBox(const QSize& size) const;

private:
    QImage contourImage();
    QFont overlayFont() const;
    void drawOverlay(QImage& frame) const;

    Session* m_session;
    FrameOptions m_options;
    QRect m_contourArea;
    QRect m_surfaceArea;
    QRect m_chartsArea;
    std::unique_ptr<ContourView> m_contour;
    std::unique_ptr<SurfaceView> m_surface;
    std::unique_ptr<RunCharts> m_charts;
};

} // namespace gradlab
