// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview.h"

#include "analysis/criticalpoints.h"
#include "colormap/colormap.h"
#include "contourviewparts.h"
#include "functions/presets.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace gradlab {

using namespace contourparts;

ContourView::ContourView(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setUpPlot();
    setUpProbeItems();

    m_fullResolutionTimer.setSingleShot(true);
    m_fullResolutionTimer.setInterval(kFullResolutionDelayMs);
    connect(&m_fullResolutionTimer, &QTimer::timeout, this, [this] {
        if (m_grid->spec.columns != m_fullResolution) {
            rebuildHeatMap(m_fullResolution);
            updateProbe();
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
    m_followTimer.setSingleShot(true);
    m_followTimer.setInterval(kFollowDelayMs);
    connect(&m_followTimer, &QTimer::timeout, this, &ContourView::followView);

    connect(m_session, &Session::functionChanged, this, &ContourView::onFunctionChanged);
    connect(m_session, &Session::gridReady, this, &ContourView::onGridReady);
    m_computingHintTimer.setSingleShot(true);
    m_computingHintTimer.setInterval(kComputingHintDelayMs);
    connect(&m_computingHintTimer, &QTimer::timeout, this, [this] {
        if (m_pendingResolution != 0) {
            m_computingNote->setText(
                tr("Computing the heat map (%1 × %1 points)…").arg(m_pendingResolution));
            m_computingNote->setVisible(true);
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
    connect(m_session, &Session::domainChanged, this, &ContourView::onDomainChanged);
    connect(m_session, &Session::viewportChanged, this, &ContourView::onViewportChanged);
    connect(m_session, &Session::probeChanged, this, [this] {
        updateProbe();
        replotProbeLayer();
    });
    connect(m_session, &Session::runsChanged, this, &ContourView::rebuildRuns);
    connect(m_session, &Session::startPointChanged, this, [this] {
        updateRuns();
        replotRunsLayer();
    });
    connect(m_session, &Session::currentStepChanged, this, [this] {
        updateRuns();
        replotRunsLayer();
    });
    connect(m_session, &Session::runDiverged, this, [this] {
        updateDivergence();
        replotRunsLayer();
    });

    connect(m_plot, &QCustomPlot::mousePress, this, &ContourView::onMousePress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ContourView::onMouseMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &ContourView::onMouseRelease);
    connect(m_plot, &QCustomPlot::mouseWheel, this, &ContourView::onMouseWheel);
    connect(m_plot, &QCustomPlot::legendClick, this, &ContourView::onLegendClick);
    connect(m_plot, &QCustomPlot::afterReplot, this, &ContourView::checkAspect);
    // The notes wrap to the axis rect's width as laid out (a resize, larger fonts).
    connect(m_plot, &QCustomPlot::afterLayout, this, &ContourView::wrapNotes);
    // Arrow lengths are shares of the visible range: they follow zoom.
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        updateProbe();
        updateRuns();
    });
    // What the user panned or zoomed to is what the view keeps in sight from now on (when the
    // axis rect changes size, the 1:1 aspect is fitted around it).
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
            if (!m_fitting) {
                m_target = visibleRect();
            }
        });
    }

    // The session was set up before this view: take its state as it is.
    m_homeDomain = m_session->domain();
    m_target = m_session->viewport();
    fitToTarget();
    rebuildHeatMap(m_fullResolution);
    rebuildCriticalPoints();
    rebuildRuns();
    updateProbe();
}

ContourView::~ContourView()
{
    m_frameToken.cancel(); // a frame under way stops early; its result finds no view
}

void ContourView::setFullResolution(int samples)
{
    // the nearest 2ᵏ + 1 (every second sample then keeps the grid's edges)
    int resolution = kCoarseResolution;
    while (resolution < kFinestResolution &&
           std::abs((2 * resolution - 1) - samples) <= std::abs(resolution - samples)) {
        resolution = 2 * resolution - 1;
    }
    if (resolution == m_fullResolution) {
        return;
    }
    m_fullResolution = resolution;
    m_fullResolutionTimer.stop();
    rebuildHeatMap(m_fullResolution);
    updateProbe();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool ContourView::isComputingNoteVisible() const
{
    return m_computingNote->visible();
}

void ContourView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        m_plotFonts.apply();
    }
}

void ContourView::setUpPlot()
{
    m_plot = new QCustomPlot(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(240, 200);

    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->xAxis->setLabel(QStringLiteral("x"));
    m_plot->yAxis->setLabel(QStringLiteral("y"));
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->axisRect()->setBackground(QColor(250, 250, 250));

    // Layers, bottom to top: heat map, contours and markers ("main"), runs, probe. Runs and probe
    // have their own paint buffers, so a step or a probe move repaints only them.
    m_plot->addLayer(QStringLiteral("heatmap"), m_plot->layer(QStringLiteral("grid")),
                     QCustomPlot::limAbove);
    m_plot->addLayer(QStringLiteral("runs"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limAbove);
    m_plot->addLayer(QStringLiteral("probe"), m_plot->layer(QStringLiteral("runs")),
                     QCustomPlot::limAbove);
    m_heatMapLayer = m_plot->layer(QStringLiteral("heatmap"));
    m_runsLayer = m_plot->layer(QStringLiteral("runs"));
    m_probeLayer = m_plot->layer(QStringLiteral("probe"));
    m_runsLayer->setMode(QCPLayer::lmBuffered);
    m_probeLayer->setMode(QCPLayer::lmBuffered);
    QCPLayer* mainLayer = m_plot->layer(QStringLiteral("main"));

    // The hatching lies under the colour map; undefined cells are transparent and show it.
    m_undefinedHatch = new QCPItemRect(m_plot);
    m_undefinedHatch->setLayer(m_heatMapLayer);
    m_undefinedHatch->setPen(QPen(QColor(140, 140, 140)));
    m_undefinedHatch->setBrush(Qt::NoBrush);

    m_colorMap = new FrameColorMap(m_plot->xAxis, m_plot->yAxis);
    m_colorMap->setLayer(m_heatMapLayer);
    m_colorMap->setInterpolate(true);
    m_colorMap->setTightBoundary(false);
    m_colorScale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_colorScale);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->setBarWidth(12);
    m_colorScale->setRangeDrag(false);
    m_colorScale->setRangeZoom(false);
    // Map and bar are not linked: the map holds values linear in colour (log₁₀ f on log scales,
    // computed here once, not by QCustomPlot at each redraw), the bar is labelled in f.
    m_colorMap->setGradient(functionColorGradient());
    m_colorScale->setGradient(functionColorGradient());
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

    // Thin lines: dark over the light part of the palette, light over the dark part. (A halo
    // under every line reads everywhere too, but wide antialiased lines cost 30 ms a replot.)
    m_contourLight = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_contourLight->setLayer(mainLayer);
    m_contourLight->setPen(QPen(QColor(255, 255, 255, 120), 1.0));
    m_contourDark = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_contourDark->setLayer(mainLayer);
    m_contourDark->setPen(QPen(QColor(10, 10, 10, 150), 1.0));

    m_gradientField = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_gradientField->setLayer(mainLayer);
    m_gradientField->setPen(QPen(QColor(235, 235, 235, 150), 1.0));
    m_gradientField->setName(tr("−∇f field"));

    const QPen ring(Qt::white, 1.5);
    const QBrush dark(QColor(20, 20, 20));
    const std::array<QCPScatterStyle, 4> markers{
        QCPScatterStyle(QCPScatterStyle::ssCircle, ring, dark, 10),   // minimum ●
        QCPScatterStyle(QCPScatterStyle::ssTriangle, ring, dark, 11), // maximum ▲
        QCPScatterStyle(QCPScatterStyle::ssCross, QPen(QColor(20, 20, 20), 2.5), Qt::NoBrush,
                        10),                                         // saddle ✕
        QCPScatterStyle(QCPScatterStyle::ssDiamond, ring, dark, 11), // degenerate ◆
    };
    const std::array<QString, 4> names{tr("minimum"), tr("maximum"), tr("saddle point"),
                                       tr("degenerate critical point")};
    for (std::size_t kind = 0; kind < m_criticalCurves.size(); ++kind) {
        auto* curve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
        curve->setLayer(mainLayer);
        curve->setLineStyle(QCPCurve::lsNone);
        curve->setScatterStyle(markers[kind]);
        curve->setName(names[kind]);
        m_criticalCurves[kind] = curve;
    }

    m_undefinedNote = makeNote(m_plot, mainLayer, 0.99, 0.99, Qt::AlignBottom | Qt::AlignRight);
    m_undefinedText = tr("f is undefined (NaN) in the hatched region");
    m_computingNote = makeNote(m_plot, mainLayer, 0.5, 0.5, Qt::AlignCenter);
    m_computingNote->setVisible(false);

    m_startMarker = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_startMarker->setLayer(m_runsLayer);
    m_startMarker->setLineStyle(QCPCurve::lsNone);
    m_startMarker->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(Qt::white, 2.0), Qt::NoBrush, 10));
    m_startMarker->setName(tr("start (click to move)"));
    m_startMarker->addToLegend();

    m_arrowCaption = makeNote(m_plot, m_runsLayer, 0.01, 0.99, Qt::AlignBottom | Qt::AlignLeft);
    m_arrowCaptionText = tr("grey arrow: −lr·∇f, the plain gradient-descent step (at most ¼ of "
                            "the view)\ncoloured arrow: the step the method takes");
    m_divergenceBox = makeNote(m_plot, m_runsLayer, 0.01, 0.01, Qt::AlignTop | Qt::AlignLeft);
    m_divergenceBox->setPen(QPen(QColor(200, 30, 30), 1.5));
    m_divergenceBox->setColor(QColor(120, 0, 0));
    m_divergenceBox->setBrush(QColor(255, 250, 245, 215));
    for (QCPItemText* note : {m_divergenceBox, m_arrowCaption, m_undefinedNote, m_computingNote}) {
        m_plotFonts.addText(note, kNoteFont);
    }
    wrapNotes();

    m_plot->legend->setVisible(true);
    // A dark legend: every run colour (white included) and the white-ringed markers show on it.
    m_plot->legend->setBrush(QColor(35, 35, 40, 215));
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setTextColor(QColor(240, 240, 240));
    m_plotFonts.addLegend(m_plot->legend, kNoteFont);
    m_plotFonts.addAxisRect(m_plot->axisRect());
    m_plotFonts.addAxis(m_colorScale->axis());
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->setMouseTracking(true);
}

void ContourView::setUpProbeItems()
{
    const QPen slicePen(QColor(255, 255, 255, 170), 1.0, Qt::DashLine);
    m_sliceX = new QCPItemStraightLine(m_plot);
    m_sliceX->setLayer(m_probeLayer);
    m_sliceX->setPen(slicePen);
    m_sliceY = new QCPItemStraightLine(m_plot);
    m_sliceY->setLayer(m_probeLayer);
    m_sliceY->setPen(slicePen);

    m_probeContour = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_probeContour->setLayer(m_probeLayer);

    m_gradientArrow = makeArrow(m_plot, m_probeLayer, QPen(QColor(255, 70, 50), 2.5));
    m_descentArrow = makeArrow(m_plot, m_probeLayer, QPen(QColor(70, 170, 255), 2.5));
    m_directionArrow = makeArrow(m_plot, m_probeLayer, QPen(QColor(255, 215, 0), 2.0));
    const auto makeLabel = [this](const QString& text, const QColor& color) {
        auto* label = new QCPItemText(m_plot);
        label->setLayer(m_probeLayer);
        label->setText(text);
        label->setColor(color);
        label->setBrush(QColor(0, 0, 0, 140));
        label->setPadding(QMargins(3, 1, 3, 1));
        m_plotFonts.addText(label, kArrowLabelFont);
        label->setVisible(false);
        return label;
    };
    m_gradientLabel = makeLabel(QStringLiteral("∇f"), QColor(255, 120, 100));
    m_descentLabel = makeLabel(QStringLiteral("−∇f"), QColor(120, 195, 255));
    m_directionLabel = makeLabel(QStringLiteral("u"), QColor(255, 215, 0));

    m_probeMarker = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_probeMarker->setLayer(m_probeLayer);
    m_probeMarker->setLineStyle(QCPCurve::lsNone);
    m_probeMarker->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.0), QBrush(Qt::white), 13));
}

void ContourView::setShowContours(bool show)
{
    if (show == m_showContours) {
        return;
    }
    m_showContours = show;
    rebuildContourCurves();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourView::setShowContourLabels(bool show)
{
    if (show == m_showContourLabels) {
        return;
    }
    m_showContourLabels = show;
    rebuildContourCurves();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourView::setShowGradientField(bool show)
{
    if (show == m_showGradientField) {
        return;
    }
    m_showGradientField = show;
    rebuildGradientField();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourView::setShowCriticalPoints(bool show)
{
    if (show == m_showCriticalPoints) {
        return;
    }
    m_showCriticalPoints = show;
    rebuildCriticalPoints();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourView::setShowProbe(bool show)
{
    if (show == m_showProbe) {
        return;
    }
    m_showProbe = show;
    m_probeLayer->setVisible(show);
    updateProbe();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourView::setAdaptiveResolution(bool adaptive)
{
    m_adaptiveResolution = adaptive;
    if (!adaptive && m_grid->spec.columns != m_fullResolution) {
        m_fullResolutionTimer.stop();
        rebuildHeatMap(m_fullResolution);
        updateProbe();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

bool ContourView::isUndefinedNoteVisible() const
{
    return m_undefinedNote->visible();
}

QString ContourView::undefinedNote() const
{
    return m_undefinedNote->text();
}

const ContourView::RunGraphics* ContourView::graphicsOf(int runId) const
{
    auto it = std::find_if(m_runGraphics.begin(), m_runGraphics.end(),
                           [runId](const RunGraphics& g) { return g.id == runId; });
    return it == m_runGraphics.end() ? nullptr : &*it;
}

QPointF ContourView::currentPointMarker(int runId) const
{
    const RunGraphics* graphics = graphicsOf(runId);
    if (!graphics || !graphics->current->visible() || graphics->current->data()->isEmpty()) {
        return QPointF(kNaN, kNaN);
    }
    const auto first = graphics->current->data()->constBegin();
    return QPointF(first->key, first->value);
}

std::vector<QPointF> ContourView::pathPoints(int runId) const
{
    const RunGraphics* graphics = graphicsOf(runId);
    return graphics ? curvePoints(graphics->path) : std::vector<QPointF>{};
}

bool ContourView::isRunDrawn(int runId) const
{
    const RunGraphics* graphics = graphicsOf(runId);
    return graphics && graphics->path->visible();
}

QPointF ContourView::probeMarker() const
{
    const std::vector<QPointF> points = curvePoints(m_probeMarker);
    return points.empty() ? QPointF(kNaN, kNaN) : points.front();
}

QLineF ContourView::probeGradientArrow() const
{
    if (!m_gradientArrow->visible()) {
        return {};
    }
    return QLineF(m_gradientArrow->start->coords(), m_gradientArrow->end->coords());
}

std::vector<QPointF> ContourView::probeContour() const
{
    return curvePoints(m_probeContour);
}

QString ContourView::divergenceText() const
{
    return m_divergenceBox->visible() ? m_divergenceBox->text() : QString();
}

QPointF ContourView::pixelAt(const Eigen::Vector2d& point) const
{
    return QPointF(m_plot->xAxis->coordToPixel(point.x()), m_plot->yAxis->coordToPixel(point.y()));
}

Eigen::Vector2d ContourView::pointAt(const QPointF& pixel) const
{
    return {m_plot->xAxis->pixelToCoord(pixel.x()), m_plot->yAxis->pixelToCoord(pixel.y())};
}

const OptimizerOverlay* ContourView::optimizerOverlay(int runId) const
{
    const RunGraphics* graphics = graphicsOf(runId);
    return graphics ? graphics->overlay.get() : nullptr;
}

QCPAbstractLegendItem* ContourView::legendItem(int runId) const
{
    const RunGraphics* graphics = graphicsOf(runId);
    return graphics ? m_plot->legend->itemWithPlottable(graphics->path) : nullptr;
}

QImage ContourView::render(const QSize& size)
{
    const QRect viewport = m_plot->viewport();
    const QSize target = size.isValid() && !size.isEmpty() ? size : viewport.size();
    // Lay the plot out at the requested size first, so that the 1:1 aspect fits that size.
    // (rpQueuedRefresh: lay out and draw the buffers now, but do not paint the widget with them.)
    m_plot->setViewport(QRect(QPoint(0, 0), target));
    m_plot->replot(QCustomPlot::rpQueuedRefresh);
    fitToTarget();
    const QImage image = m_plot->toPixmap(target.width(), target.height()).toImage();
    m_plot->setViewport(viewport);
    m_plot->replot(QCustomPlot::rpQueuedRefresh);
    fitToTarget();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return image;
}

void ContourView::resetView()
{
    // Home is the function's domain: panning and zooming never changed it.
    m_target = m_homeDomain;
    fitToTarget();
    if (m_session->viewport() == m_homeDomain) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    m_session->setViewport(m_homeDomain);
}

void ContourView::onFunctionChanged()
{
    int resolution = m_fullResolution;
    if (m_adaptiveResolution) {
        // A change less than a moment after the previous one: the function is being dragged
        // (a parameter slider, the domain following a zoom). Coarse now, full once it rests.
        if (m_fullResolutionTimer.isActive()) {
            resolution = kCoarseResolution;
        }
        m_fullResolutionTimer.start();
    }
    rebuildHeatMap(resolution);
    rebuildCriticalPoints();
    updateProbe();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourView::onDomainChanged()
{
    m_homeDomain = m_session->domain();
}

void ContourView::onViewportChanged()
{
    const Domain viewport = m_session->viewport();
    if (!sameRectangle(viewport, visibleRect())) {
        // set from outside (a new domain, a scenario, Home): keep it in sight
        m_target = viewport;
        fitToTarget();
    }
    if (m_heatMapRevision == m_session->revision() && m_grid && m_grid->spec.domain == viewport) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return; // the function's change drew it over this viewport already
    }
    // A pan or a zoom: the heat map over what is shown now, coarse while it moves.
    onFunctionChanged();
}

bool ContourView::sameRectangle(const Domain& a, const Domain& b)
{
    const double tolerance = 1e-9 * std::max(a.width(), a.height());
    return std::abs(a.xMin - b.xMin) <= tolerance && std::abs(a.xMax - b.xMax) <= tolerance &&
           std::abs(a.yMin - b.yMin) <= tolerance && std::abs(a.yMax - b.yMax) <= tolerance;
}

} // namespace gradlab
