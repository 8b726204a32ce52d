// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "analysis/contours.h"
#include "analysis/criticalpoints.h"
#include "concurrency/cancellation.h"
#include "contourview/framecolormap.h"
#include "contourview/heatmapframe.h"
#include "contourview/heatmapscale.h"
#include "contourview/optimizeroverlay.h"
#include "evaluation/grid.h"
#include "functions/presets.h"
#include "plotfonts.h"

#include <Eigen/Core>
#include <QImage>
#include <QLineF>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <QWidget>
#include <array>
#include <atomic>
#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorScale;
class QCPCurve;
class QCPItemLine;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QCPLayer;
class QCPLegend;
class QCPAbstractLegendItem;
class QEvent;
class QMouseEvent;
class QWheelEvent;

namespace gradlab {

class Session;

/// \brief The function seen from above: heat map, contour lines, the runs of the race with their
/// arrows, the known critical points and the probe with its gradient. Click to set the start,
/// drag the probe to move it (Shift: turn its direction u), drag elsewhere to pan, wheel to zoom.
class ContourView : public QWidget
{
    Q_OBJECT

public:
    /// Heat-map samples per axis while the function keeps changing, and once it rests.
    /// 2ᵏ + 1, so that every second sample is a grid with the same edges (the probe's contour).
    static constexpr int kCoarseResolution = 129;
    static constexpr int kFullResolution = 513;
    /// Contour levels drawn over the heat map.
    static constexpr int kContourLevels = 14;
    /// A press this close to the probe marker (pixels) grabs the probe instead of panning.
    static constexpr double kProbeGrabRadius = 8.0;

    explicit ContourView(Session* session, QWidget* parent = nullptr);
    ~ContourView() override;

    Session* session() const { return m_session; }
    /// The plot widget: mouse events go to it; coordinates convert through its axes.
    QCustomPlot* plot() const { return m_plot; }

    // --- Overlays ------------------------------------------------------------------------
    void setShowContours(bool show);
    bool showsContours() const { return m_showContours; }
    void setShowContourLabels(bool show);
    bool showsContourLabels() const { return m_showContourLabels; }
    /// Arrows of −∇f on a coarse grid; their length grows with √‖∇f‖.
    void setShowGradientField(bool show);
    bool showsGradientField() const { return m_showGradientField; }
    void setShowCriticalPoints(bool show);
    bool showsCriticalPoints() const { return m_showCriticalPoints; }
    /// The probe marker, its ∇f / −∇f / u arrows, its contour line and the two slice lines.
    void setShowProbe(bool show);
    bool showsProbe() const { return m_showProbe; }

    /// On (default): the heat map is computed at kCoarseResolution while the function keeps
    /// changing (a parameter slider moves) and at fullResolution() once it rests. Off: always full.
    void setAdaptiveResolution(bool adaptive);
    /// Samples per axis of the heat map at rest: kFullResolution unless set; \a samples is
    /// rounded to the nearest 2ᵏ + 1 in [kCoarseResolution, kFinestResolution]. Heat maps too
    /// costly for the event loop (finer than kFullResolution, or an expensive grid:
    /// Session::isGridExpensive) are computed on the worker pool: the last picture stays, a note
    /// says that the new one is being computed once it takes over 100 ms.
    void setFullResolution(int samples);
    int fullResolution() const { return m_fullResolution; }
    static constexpr int kFinestResolution = 2049;
    /// Samples per axis of the heat map shown now.
    int heatMapResolution() const { return m_grid->spec.columns; }
    /// Whether a heat map is being computed in the background (the one shown is older).
    bool isComputingHeatMap() const { return m_pendingResolution != 0; }
    /// The rectangle the heat map shown covers: the session's viewport when it was made.
    Domain heatMapDomain() const { return m_grid ? m_grid->spec.domain : Domain{}; }
    /// Whether the "being computed" note is shown (after 100 ms of background work).
    bool isComputingNoteVisible() const;

    // --- What is drawn (for the CLI, the tests and the benchmark) --------------------------
    /// The heat map: its data, gradient and colour range as drawn.
    FrameColorMap* colorMap() const { return m_colorMap; }
    /// The colour bar, labelled in f (logarithmic axis on log scales).
    QCPColorScale* colorScale() const { return m_colorScale; }
    const HeatMapScale& colorScaling() const { return m_scale; }
    /// Share of the domain where f is NaN or infinite, drawn hatched (not in a colour of the
    /// scale).
    double undefinedFraction() const { return m_scale.undefinedFraction(); }
    bool isUndefinedNoteVisible() const;
    QString undefinedNote() const;
    const std::vector<double>& contourLevels() const { return m_levels; }
    const std::vector<ContourLine>& contours() const { return m_contours; }
    /// Data position of the current-point marker of run \a runId (NaN if the run is not drawn).
    QPointF currentPointMarker(int runId) const;
    /// Data points of run \a runId's path as drawn (NaN breaks where it left the sane range).
    std::vector<QPointF> pathPoints(int runId) const;
    bool isRunDrawn(int runId) const;
    QPointF probeMarker() const;
    /// The probe's ∇f arrow in data coordinates (null when ∇f has no direction).
    QLineF probeGradientArrow() const;
    /// The contour line through the probe (level f(probe)), in data coordinates.
    std::vector<QPointF> probeContour() const;
    /// The explanation box shown when runs diverged (empty when none is shown).
    QString divergenceText() const;
    /// Widget pixel of the plot at data point \a point, and back.
    QPointF pixelAt(const Eigen::Vector2d& point) const;
    Eigen::Vector2d pointAt(const QPointF& pixel) const;
    /// The legend entry of run \a runId (nullptr if none).
    /// What run \a runId's method reasons with, as drawn (L-BFGS, Nelder–Mead); nullptr if absent.
    const OptimizerOverlay* optimizerOverlay(int runId) const;
    QCPAbstractLegendItem* legendItem(int runId) const;

    /// The view drawn at \a size (for `gradlab render --view contour` and exports).
    QImage render(const QSize& size);

    /// The critical points marked on the map: a preset's known ones, or those found for a typed
    /// function (in the background: empty until they arrive, see criticalPointsPending()).
    std::vector<KnownPoint> criticalPointsShown() const;
    bool criticalPointsPending() const { return m_criticalPending; }
    /// Computes everything before drawing instead of in the background (a typed function's
    /// critical points, an expensive heat map): for pictures drawn off-screen (`gradlab render`,
    /// animation frames), which must not depend on how fast a thread was.
    void setDrawsAtOnce(bool atOnce);
    /// A heat map under way in the background is computed now, on this thread, and shown (for
    /// an export of the window, which must show the current function).
    void finishHeatMap();

    // For tests: the −∇f field's curve and run \a runId's items at the current step (nullptr if
    // the run has none).
    QCPCurve* gradientFieldCurve() const { return m_gradientField; }
    QCPItemLine* runDescentArrow(int runId) const
    {
        const RunGraphics* graphics = graphicsOf(runId);
        return graphics ? graphics->gradientArrow : nullptr;
    }
    QCPItemLine* runStepArrow(int runId) const
    {
        const RunGraphics* graphics = graphicsOf(runId);
        return graphics ? graphics->stepArrow : nullptr;
    }
    QCPCurve* runTrials(int runId) const
    {
        const RunGraphics* graphics = graphicsOf(runId);
        return graphics ? graphics->trials : nullptr;
    }
    // (end for tests)

public Q_SLOTS:
    /// Back to the home domain: the preset's, or the one last set from outside this view.
    void resetView();

Q_SIGNALS:
    /// The heat map and contour lines were recomputed at \a resolution samples per axis.
    void heatMapRebuilt(int resolution);

protected:
    /// On a font change (presenter mode), the plot's fonts follow the view's.
    void changeEvent(QEvent* event) override;

private:
    enum class Drag { None, Pan, Probe, ProbeDirection };

    /// Everything drawn for one run.
    struct RunGraphics
    {
        int id = 0;
        QCPCurve* outline = nullptr;
        QCPCurve* path = nullptr;
        QCPCurve* current = nullptr;
        QCPCurve* trials = nullptr;
        QCPItemLine* gradientArrow = nullptr;
        QCPItemLine* stepArrow = nullptr;
        std::shared_ptr<OptimizerOverlay> overlay; ///< L-BFGS's memory, Nelder–Mead's simplex
    };

    void setUpPlot();
    void setUpProbeItems();
    void onFunctionChanged();
    void onDomainChanged();
    void onViewportChanged();
    /// Equal up to rounding (1e-9 of the larger side).
    static bool sameRectangle(const Domain& a, const Domain& b);
    void rebuildHeatMap(int resolution);
    void onGridReady(int columns, int rows);
    void makeFrameInBackground(std::shared_ptr<const GridValues> grid);
    void cancelPendingFrame();
    void applyHeatMapFrame(HeatMapFrame frame, quint64 revision);
    void rebuildContourCurves();
    void rebuildGradientField();
    void rebuildCriticalPoints();
    QString criticalPointsKey() const;
    void findCriticalPointsInBackground();
    void rebuildRuns();
    void updateRuns();
    void updateProbe();
    void updateDivergence();
    void updateArrowCaption();
    /// Breaks the notes' texts into lines that fit the axis rect in the notes' font.
    void wrapNotes();
    void fitToTarget();
    Domain visibleRect() const;
    void checkAspect();
    void followView();
    void replotRunsLayer();
    void replotProbeLayer();
    double arrowLength() const;
    double unitsPerPixel() const;
    /// Whether level \a f lies on the dark part of the palette (light lines read there).
    bool isOnDark(double f) const;

    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    void onMouseWheel(QWheelEvent* event);
    void onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event);
    void showToolTip(const QPointF& pixel);
    const RunGraphics* graphicsOf(int runId) const;

    Session* m_session = nullptr;
    QCustomPlot* m_plot = nullptr;
    PlotFonts m_plotFonts{this};
    QCPLayer* m_heatMapLayer = nullptr;
    QCPLayer* m_runsLayer = nullptr;
    QCPLayer* m_probeLayer = nullptr;
    FrameColorMap* m_colorMap = nullptr;
    QCPColorScale* m_colorScale = nullptr;
    QCPItemRect* m_undefinedHatch = nullptr;
    QCPItemText* m_undefinedNote = nullptr;
    QCPCurve* m_contourDark = nullptr;  ///< levels over the light part of the palette
    QCPCurve* m_contourLight = nullptr; ///< levels over the dark part
    std::vector<QCPItemText*> m_contourLabels;
    QCPCurve* m_gradientField = nullptr;
    std::array<QCPCurve*, 4> m_criticalCurves{}; ///< by CriticalKind
    QString m_criticalKey;                       ///< the function the found points belong to
    std::vector<CriticalPoint> m_foundCritical;  ///< a typed function's, found in the background
    bool m_criticalPending = false;
    bool m_drawsAtOnce = false;
    std::shared_ptr<std::atomic<quint64>> m_criticalGeneration =
        std::make_shared<std::atomic<quint64>>(0);
    QCPCurve* m_startMarker = nullptr;
    QCPItemText* m_arrowCaption = nullptr;
    QCPItemText* m_divergenceBox = nullptr;
    // The notes' texts before wrapNotes() breaks them into lines.
    QString m_undefinedText;
    QString m_arrowCaptionText;
    QString m_divergenceText;
    std::vector<RunGraphics> m_runGraphics;

    QCPCurve* m_probeMarker = nullptr;
    QCPCurve* m_probeContour = nullptr;
    QCPItemStraightLine* m_sliceX = nullptr; ///< the line y = y₀ (x moves)
    QCPItemStraightLine* m_sliceY = nullptr; ///< the line x = x₀ (y moves)
    QCPItemLine* m_gradientArrow = nullptr;
    QCPItemLine* m_descentArrow = nullptr;
    QCPItemLine* m_directionArrow = nullptr;
    QCPItemText* m_gradientLabel = nullptr;
    QCPItemText* m_descentLabel = nullptr;
    QCPItemText* m_directionLabel = nullptr;

    std::shared_ptr<const GridValues> m_grid = std::make_shared<GridValues>();
    quint64 m_heatMapRevision = ~quint64(0); ///< the session revision the heat map shows
    int m_fullResolution = kFullResolution;
    // A heat map under way on the worker pool: its size and revision (0: none), its token, the
    // tasks not known to have returned (the destructor waits for them).
    int m_pendingResolution = 0;
    quint64 m_pendingRevision = 0;
    Domain m_pendingRegion;       ///< the viewport the pending heat map covers
    bool m_frameUnderWay = false; ///< the grid is there, the frame is being made
    CancellationToken m_frameToken;
    QTimer m_computingHintTimer;
    QCPItemText* m_computingNote = nullptr;
    GridValues m_probeGrid; ///< every second sample of m_grid
    HeatMapScale m_scale;
    std::vector<double> m_levels;
    std::vector<ContourLine> m_contours;

    bool m_showContours = true;
    bool m_showContourLabels = true;
    bool m_showGradientField = false;
    bool m_showCriticalPoints = true;
    bool m_showProbe = true;
    bool m_adaptiveResolution = true;

    Domain m_homeDomain;
    Domain m_target;        ///< the rectangle the view keeps in sight (grown to the 1:1 aspect)
    bool m_fitting = false; ///< the view itself is setting the axis ranges
    QTimer m_fullResolutionTimer;
    QTimer m_followTimer;

    Drag m_drag = Drag::None;
    QPointF m_pressPixel;
    Eigen::Vector2d m_grabOffset{0, 0}; ///< probe − the point under the cursor at the press
    bool m_moved = false;
};

} // namespace gradlab
