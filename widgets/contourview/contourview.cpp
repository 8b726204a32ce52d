// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview.h"

#include "analysis/criticalpoints.h"
#include "charts/runlabel.h"
#include "colormap/colormap.h"
#include "concurrency/workerpool.h"
#include "contourview/polyline.h"
#include "functions/presets.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>
#include <utility>

namespace gradlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A full-resolution heat map follows this long after the last change of the function.
constexpr int kFullResolutionDelayMs = 150;
// A heat map computed in the background says so once it takes longer than this.
constexpr int kComputingHintDelayMs = 100;
// The session's domain follows the view this long after the last pan or zoom.
constexpr int kFollowDelayMs = 250;
// Movement (Manhattan pixels) up to which a press and release still count as a click; the same
// threshold QCustomPlot uses for its own click signals.
constexpr int kClickTolerance = 3;
// Arrows of the gradient field per axis.
constexpr int kGradientFieldCells = 20;
// Probe arrows are this share of the shorter visible side long; run arrows at most kArrowCap of
// the visible width.
constexpr double kProbeArrowShare = 0.12;
constexpr double kArrowCap = 0.25;
// Path points farther than this many domain sizes from the domain are left out of the drawing:
// lines to 10³⁰⁰ would stall the painter, and nothing there can be seen anyway.
constexpr double kSaneExtent = 1e3;
// Text of the notes wraps at this many characters, or earlier where the axis rect is narrower.
constexpr int kWrapColumns = 64;
// A note's horizontal padding (6 pixels a side, see makeNote) and frame (up to 2 a side).
constexpr double kNoteChrome = 16.0;
// Fonts relative to the view's (they follow it): axes in it, legend and notes a little smaller,
// contour levels smaller still, the labels of the probe's arrows bold.
constexpr PlotFontRole kNoteFont{0.85};
constexpr PlotFontRole kContourLevelFont{0.75};
constexpr PlotFontRole kArrowLabelFont{1.0, true};

QString formatNumber(double value, int digits = 6)
{
    if (!std::isfinite(value)) {
        return ContourView::tr("undefined");
    }
    return QString::number(value, 'g', digits);
}

QString formatPoint(const Eigen::Vector2d& point)
{
    return QStringLiteral("(%1, %2)").arg(formatNumber(point.x(), 4), formatNumber(point.y(), 4));
}

// \a text broken into lines of at most kWrapColumns characters and at most \a width pixels in
// \a metrics (a word longer than that keeps its line); its own line breaks stay.
QString wrapText(const QString& text, const QFontMetricsF& metrics, double width)
{
    QStringList lines;
    for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
        QString line;
        for (const QString& word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() &&
                (longer.size() > kWrapColumns || metrics.horizontalAdvance(longer) > width)) {
                lines << line;
                line = word;
            } else {
                line = longer;
            }
        }
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

// Light grey with dark diagonal strokes: reads as "no value here" over any palette.
QBrush hatchBrush()
{
    QPixmap tile(10, 10);
    tile.fill(QColor(226, 226, 226));
    QPainter painter(&tile);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(120, 120, 120), 1.5));
    painter.drawLine(QPointF(0, 10), QPointF(10, 0));
    painter.drawLine(QPointF(-1, 1), QPointF(1, -1));
    painter.drawLine(QPointF(9, 11), QPointF(11, 9));
    return QBrush(tile);
}

QCPLineEnding arrowHead()
{
    return QCPLineEnding(QCPLineEnding::esSpikeArrow, 10, 12);
}

bool isSane(const Eigen::Vector2d& point, const Domain& domain)
{
    const double reach = kSaneExtent * std::max(domain.width(), domain.height());
    return point.allFinite() && point.x() > domain.xMin - reach &&
           point.x() < domain.xMax + reach && point.y() > domain.yMin - reach &&
           point.y() < domain.yMax + reach;
}

QString runLabel(const RunEntry& entry)
{
    return gradlab::runLabel(entry.settings);
}

void setCurvePoints(QCPCurve* curve, const std::vector<QPointF>& points)
{
    QVector<double> xs;
    QVector<double> ys;
    xs.reserve(static_cast<qsizetype>(points.size()));
    ys.reserve(static_cast<qsizetype>(points.size()));
    for (const QPointF& point : points) {
        xs.push_back(point.x());
        ys.push_back(point.y());
    }
    curve->setData(xs, ys);
}

std::vector<QPointF> curvePoints(const QCPCurve* curve)
{
    std::vector<QPointF> points;
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it) {
        points.emplace_back(it->key, it->value);
    }
    return points;
}

/// Where \a item's text and padding are drawn, in the plot's pixels (as QCPItemText::draw
/// places them: its position, then its position alignment).
QRectF pixelRect(const QCPItemText* item)
{
    const QFontMetricsF metrics(item->font());
    QRectF box = metrics.boundingRect(QRectF(0, 0, 1e6, 1e6),
                                      Qt::TextDontClip | item->textAlignment(), item->text());
    const QMargins padding = item->padding();
    box.adjust(-padding.left(), -padding.top(), padding.right(), padding.bottom());
    const QPointF anchor = item->position->pixelPosition();
    const Qt::Alignment alignment = item->positionAlignment();
    const double x = alignment & Qt::AlignRight     ? anchor.x() - box.width()
                     : alignment & Qt::AlignHCenter ? anchor.x() - box.width() / 2
                                                    : anchor.x();
    const double y = alignment & Qt::AlignBottom    ? anchor.y() - box.height()
                     : alignment & Qt::AlignVCenter ? anchor.y() - box.height() / 2
                                                    : anchor.y();
    return QRectF(QPointF(x, y), box.size());
}

QCPItemText* makeNote(QCustomPlot* plot, QCPLayer* layer, double x, double y,
                      Qt::Alignment alignment)
{
    auto* note = new QCPItemText(plot);
    note->setLayer(layer);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(x, y);
    note->setPositionAlignment(alignment);
    note->setTextAlignment(Qt::AlignLeft);
    note->setBrush(QColor(255, 255, 255, 225));
    note->setPen(QPen(QColor(90, 90, 90)));
    note->setPadding(QMargins(6, 3, 6, 3));
    note->setVisible(false);
    return note;
}

QCPItemLine* makeArrow(QCustomPlot* plot, QCPLayer* layer, const QPen& pen)
{
    auto* arrow = new QCPItemLine(plot);
    arrow->setLayer(layer);
    arrow->setPen(pen);
    arrow->setHead(arrowHead());
    arrow->setVisible(false);
    return arrow;
}

void placeArrow(QCPItemLine* arrow, const Eigen::Vector2d& from, const Eigen::Vector2d& to)
{
    arrow->start->setCoords(from.x(), from.y());
    arrow->end->setCoords(to.x(), to.y());
}

} // namespace

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
    m_target = m_homeDomain;
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

    m_colorMap = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
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
    const Preset* preset = m_session->preset();
    const Domain home = preset ? preset->domain : m_homeDomain;
    m_target = home;
    fitToTarget();
    if (m_session->domain() == home) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    m_followingView = true; // the home domain stays what it is
    m_session->setDomain(home);
    m_followingView = false;
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
    if (m_followingView) {
        return;
    }
    m_homeDomain = m_session->domain();
    m_target = m_homeDomain;
    fitToTarget();
}

void ContourView::rebuildHeatMap(int resolution)
{
    const quint64 revision = m_session->revision();
    // Beyond 513² the picture alone (colours, levels, contours: ~50 ns a point) stalls the event
    // loop whatever f costs; up to it, only an expensive f does.
    const bool costly =
        resolution > kFullResolution || m_session->isGridExpensive(resolution, resolution);
    if (m_drawsAtOnce || !costly) {
        cancelPendingFrame();
        applyHeatMapFrame(HeatMapFrame::make(m_session->sharedGrid(resolution, resolution),
                                             m_session->preset(), kContourLevels),
                          revision);
        return;
    }
    // An expensive grid (#18): the last picture stays until the new one is ready; grid and frame
    // are made on the worker pool, a newer change cancels them.
    if (m_pendingResolution == resolution && m_pendingRevision == revision) {
        return; // already under way
    }
    cancelPendingFrame();
    m_pendingResolution = resolution;
    m_pendingRevision = revision;
    m_computingHintTimer.start();
    if (std::shared_ptr<const GridValues> grid = m_session->readyGrid(resolution, resolution)) {
        makeFrameInBackground(std::move(grid));
    } else {
        m_session->requestGrid(resolution, resolution);
    }
}

void ContourView::finishHeatMap()
{
    if (m_pendingResolution == 0) {
        return;
    }
    const int resolution = m_pendingResolution;
    cancelPendingFrame();
    applyHeatMapFrame(HeatMapFrame::make(m_session->sharedGrid(resolution, resolution),
                                         m_session->preset(), kContourLevels),
                      m_session->revision());
    updateProbe();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourView::onGridReady(int columns, int rows)
{
    if (m_pendingResolution == 0 || columns != m_pendingResolution || rows != columns ||
        m_pendingRevision != m_session->revision() || m_frameUnderWay) {
        return;
    }
    if (std::shared_ptr<const GridValues> grid = m_session->readyGrid(columns, rows)) {
        makeFrameInBackground(std::move(grid));
    }
}

void ContourView::makeFrameInBackground(std::shared_ptr<const GridValues> grid)
{
    m_frameUnderWay = true;
    // As the critical-point search does: the task holds copies and a QPointer, never `this`, so
    // the view need not wait for it when it goes.
    QPointer<ContourView> self(this);
    WorkerPool::shared().submit([self, grid = std::move(grid), preset = m_session->preset(),
                                 token = m_frameToken, revision = m_pendingRevision] {
        auto frame =
            std::make_shared<HeatMapFrame>(HeatMapFrame::make(grid, preset, kContourLevels, token));
        if (token.isCancelled()) {
            return;
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, frame, revision] {
                if (!self || revision != self->m_pendingRevision ||
                    revision != self->m_session->revision()) {
                    return; // gone or superseded meanwhile
                }
                self->cancelPendingFrame();
                self->applyHeatMapFrame(std::move(*frame), revision);
                self->updateProbe();
                self->m_plot->replot(QCustomPlot::rpQueuedReplot);
            },
            Qt::QueuedConnection);
    });
}

void ContourView::cancelPendingFrame()
{
    m_frameToken.cancel();
    m_frameToken = CancellationToken();
    m_pendingResolution = 0;
    m_frameUnderWay = false;
    m_computingHintTimer.stop();
    if (m_computingNote->visible()) {
        m_computingNote->setVisible(false);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void ContourView::applyHeatMapFrame(HeatMapFrame frame, quint64 revision)
{
    std::shared_ptr<const GridValues> old = std::exchange(m_grid, std::move(frame.grid));
    if (old && old.use_count() == 1 && old->spec.size() > kFullResolution * kFullResolution) {
        // a 2049² grid is 100 MiB: given back on the worker pool, not between two frames
        (void)WorkerPool::shared().submit([old = std::move(old)]() mutable { old.reset(); });
    }
    m_heatMapRevision = revision;
    const Domain domain = m_grid->spec.domain;
    m_scale = frame.scale;
    m_colorMap->setData(frame.cells.release()); // the colour map takes it
    const bool logColors = m_scale.isLogarithmic();
    m_colorMap->setDataRange(QCPRange(m_scale.storedLower(), m_scale.storedUpper()));
    m_colorScale->setDataScaleType(logColors ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    m_colorScale->setDataRange(QCPRange(m_scale.lower, m_scale.upper));
    if (logColors) {
        m_colorScale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        m_colorScale->axis()->setNumberFormat(QStringLiteral("gb"));
    } else {
        m_colorScale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
        m_colorScale->axis()->setNumberFormat(QStringLiteral("g"));
    }
    switch (m_scale.kind) {
    case HeatMapScale::Kind::Linear:
        m_colorScale->setLabel(QStringLiteral("f"));
        break;
    case HeatMapScale::Kind::Logarithmic:
        m_colorScale->setLabel(tr("f (log scale)"));
        break;
    case HeatMapScale::Kind::ShiftedLogarithmic:
        m_colorScale->setLabel(tr("f − min f (log scale)"));
        break;
    }

    m_undefinedHatch->topLeft->setCoords(domain.xMin, domain.yMax);
    m_undefinedHatch->bottomRight->setCoords(domain.xMax, domain.yMin);
    const bool undefined = m_scale.undefinedCount > 0;
    m_undefinedHatch->setBrush(undefined ? hatchBrush() : QBrush(Qt::NoBrush));
    m_undefinedNote->setVisible(undefined);

    m_probeGrid = std::move(frame.probeGrid);
    m_levels = std::move(frame.levels);
    m_contours = std::move(frame.contours);
    rebuildContourCurves();
    rebuildGradientField();
    Q_EMIT heatMapRebuilt(m_grid->spec.columns);
}

void ContourView::rebuildContourCurves()
{
    for (QCPItemText* label : m_contourLabels) {
        m_plot->removeItem(label);
    }
    m_contourLabels.clear();
    // Two curves, each holding many polylines: NaN between polylines breaks the line.
    QVector<double> darkX;
    QVector<double> darkY;
    QVector<double> lightX;
    QVector<double> lightY;
    // Simplified to a third of a pixel: invisible, and a fraction of the points to draw.
    const double tolerance = unitsPerPixel() / 3;
    for (const ContourLine& line : m_contours) {
        const bool onDark = isOnDark(line.level);
        QVector<double>& xs = onDark ? lightX : darkX;
        QVector<double>& ys = onDark ? lightY : darkY;
        for (const Eigen::Vector2d& point : simplifyPolyline(line.points, tolerance)) {
            xs.push_back(point.x());
            ys.push_back(point.y());
        }
        xs.push_back(kNaN);
        ys.push_back(kNaN);
    }
    m_contourDark->setData(darkX, darkY);
    m_contourLight->setData(lightX, lightY);
    m_contourDark->setVisible(m_showContours);
    m_contourLight->setVisible(m_showContours);
    if (!m_showContours || !m_showContourLabels) {
        return;
    }
    // Every second level is labelled, in the middle of its longest line.
    for (std::size_t level = 0; level < m_levels.size(); level += 2) {
        const ContourLine* longest = nullptr;
        for (const ContourLine& line : m_contours) {
            if (line.level == m_levels[level] &&
                (!longest || line.points.size() > longest->points.size())) {
                longest = &line;
            }
        }
        if (!longest || longest->points.size() < 12) {
            continue;
        }
        const Eigen::Vector2d& at = longest->points[longest->points.size() / 2];
        auto* label = new QCPItemText(m_plot);
        label->setLayer(QStringLiteral("main"));
        label->position->setCoords(at.x(), at.y());
        label->setText(formatNumber(m_levels[level], 3));
        m_plotFonts.addText(label, kContourLevelFont);
        label->setColor(QColor(20, 20, 20));
        label->setBrush(QColor(255, 255, 255, 150));
        label->setPadding(QMargins(1, 0, 1, 0));
        m_contourLabels.push_back(label);
    }
}

void ContourView::rebuildGradientField()
{
    if (!m_showGradientField) {
        m_gradientField->data()->clear();
        m_gradientField->setVisible(false);
        return;
    }
    const Domain domain = m_session->domain();
    const double cellX = domain.width() / kGradientFieldCells;
    const double cellY = domain.height() / kGradientFieldCells;
    const double cell = std::min(cellX, cellY);
    std::vector<std::pair<Eigen::Vector2d, Eigen::Vector2d>> samples; // centre, ∇f
    double largest = 0;
    for (int j = 0; j < kGradientFieldCells; ++j) {
        for (int i = 0; i < kGradientFieldCells; ++i) {
            const Eigen::Vector2d centre(domain.xMin + (i + 0.5) * cellX,
                                         domain.yMin + (j + 0.5) * cellY);
            const Eigen::Vector2d gradient = m_session->evaluate(centre).gradient;
            if (gradient.allFinite() && gradient.norm() > 0) {
                samples.emplace_back(centre, gradient);
                largest = std::max(largest, gradient.norm());
            }
        }
    }
    QVector<double> xs;
    QVector<double> ys;
    const auto add = [&](const Eigen::Vector2d& point) {
        xs.push_back(point.x());
        ys.push_back(point.y());
    };
    const auto gap = [&] {
        xs.push_back(kNaN);
        ys.push_back(kNaN);
    };
    for (const auto& [centre, gradient] : samples) {
        // Length ∝ √(‖∇f‖ / max ‖∇f‖): steep and gentle slopes both stay readable.
        const double length = 0.85 * cell * std::max(0.2, std::sqrt(gradient.norm() / largest));
        const Eigen::Vector2d direction = -gradient / gradient.norm();
        const Eigen::Vector2d tail = centre - 0.5 * length * direction;
        const Eigen::Vector2d tip = centre + 0.5 * length * direction;
        // Head: two strokes at ±25° back from the tip, a third of the arrow long.
        const double c = std::cos(0.436);
        const double s = std::sin(0.436);
        const Eigen::Vector2d back = -direction * (length / 3);
        const Eigen::Vector2d left(c * back.x() - s * back.y(), s * back.x() + c * back.y());
        const Eigen::Vector2d right(c * back.x() + s * back.y(), -s * back.x() + c * back.y());
        add(tail);
        add(tip);
        gap();
        add(tip + left);
        add(tip);
        add(tip + right);
        gap();
    }
    m_gradientField->setData(xs, ys);
    m_gradientField->setVisible(true);
}

void ContourView::rebuildRuns()
{
    for (const RunGraphics& graphics : m_runGraphics) {
        m_plot->removePlottable(graphics.outline);
        m_plot->removePlottable(graphics.path);
        m_plot->removePlottable(graphics.trials);
        m_plot->removePlottable(graphics.current);
        m_plot->removeItem(graphics.gradientArrow);
        m_plot->removeItem(graphics.stepArrow);
        graphics.overlay->remove();
    }
    m_runGraphics.clear();

    for (const RunEntry& entry : m_session->runs()) {
        RunGraphics graphics;
        graphics.id = entry.id;
        const auto newCurve = [this] {
            auto* curve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
            curve->setLayer(m_runsLayer);
            return curve;
        };
        // Creation order is drawing order: outline, path, trials, arrows, current point on top.
        graphics.outline = newCurve();
        graphics.outline->setPen(QPen(QColor(0, 0, 0, 140), 4.5));
        graphics.path = newCurve();
        graphics.path->setPen(QPen(entry.color, 2.0));
        graphics.path->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDisc, entry.color, entry.color, 5));
        graphics.path->setName(entry.visible ? runLabel(entry)
                                             : tr("%1 (hidden)").arg(runLabel(entry)));
        graphics.path->addToLegend();
        if (QCPAbstractLegendItem* item = m_plot->legend->itemWithPlottable(graphics.path)) {
            item->setTextColor(entry.visible ? QColor(240, 240, 240) : QColor(140, 140, 140));
        }
        graphics.trials = newCurve();
        graphics.trials->setLineStyle(QCPCurve::lsNone);
        graphics.trials->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(entry.color, 1.5), Qt::NoBrush, 7));
        graphics.overlay = std::make_shared<OptimizerOverlay>(m_plot, m_runsLayer, entry.color);
        m_plotFonts.addText(graphics.overlay->captionItem(), kNoteFont);
        graphics.gradientArrow = makeArrow(m_plot, m_runsLayer, QPen(QColor(225, 225, 225), 2.0));
        graphics.stepArrow = makeArrow(m_plot, m_runsLayer, QPen(entry.color, 2.5));
        graphics.current = newCurve();
        graphics.current->setLineStyle(QCPCurve::lsNone);
        graphics.current->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.0), entry.color, 13));
        m_runGraphics.push_back(graphics);
    }
    updateRuns();
    updateArrowCaption();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool ContourView::isOnDark(double f) const
{
    // The colour of level f on the heat map; luma Y' = 0.299 R + 0.587 G + 0.114 B.
    QCPColorGradient gradient = m_colorMap->gradient();
    const QColor under(gradient.color(m_scale.stored(f), m_colorMap->dataRange()));
    return 0.299 * under.red() + 0.587 * under.green() + 0.114 * under.blue() < 110;
}

double ContourView::unitsPerPixel() const
{
    const int width = m_plot->axisRect()->width();
    return width > 1 ? m_plot->xAxis->range().size() / width : m_session->domain().width() / 1000;
}

double ContourView::arrowLength() const
{
    const double width = m_plot->xAxis->range().size();
    const double height = m_plot->yAxis->range().size();
    return kProbeArrowShare * std::min(width, height);
}

void ContourView::updateRuns()
{
    const Domain domain = m_session->domain();
    const Eigen::Vector2d start = m_session->startPoint();
    m_startMarker->setData(QVector<double>{start.x()}, QVector<double>{start.y()});
    const double cap = kArrowCap * m_plot->xAxis->range().size();
    const int step = m_session->currentStep();

    for (const RunGraphics& graphics : m_runGraphics) {
        const RunEntry* entry = m_session->runById(graphics.id);
        const bool visible = entry != nullptr && entry->visible && !entry->run->records().empty();
        for (QCPLayerable* part : {static_cast<QCPLayerable*>(graphics.outline),
                                   static_cast<QCPLayerable*>(graphics.path),
                                   static_cast<QCPLayerable*>(graphics.trials),
                                   static_cast<QCPLayerable*>(graphics.current)}) {
            part->setVisible(visible);
        }
        graphics.gradientArrow->setVisible(false);
        graphics.stepArrow->setVisible(false);
        if (!visible) {
            graphics.overlay->update(StepRecord{}, false, {});
            continue;
        }
        const int k = entry->indexAt(step);
        const std::vector<StepRecord>& records = entry->run->records();

        // The path x_0 … x_k; points beyond any sane range break the line.
        std::vector<QPointF> path;
        path.reserve(static_cast<std::size_t>(k) + 1);
        for (int i = 0; i <= k; ++i) {
            const Eigen::Vector2d& point = records[static_cast<std::size_t>(i)].point;
            if (isSane(point, domain)) {
                path.emplace_back(point.x(), point.y());
            } else if (!path.empty() && !std::isnan(path.back().x())) {
                path.emplace_back(kNaN, kNaN);
            }
        }
        setCurvePoints(graphics.path, path);
        setCurvePoints(graphics.outline, path);

        const StepRecord& record = records[static_cast<std::size_t>(k)];
        const Eigen::Vector2d x = record.point;
        graphics.overlay->update(record, true, [&domain](const Eigen::Vector2d& point) {
            return isSane(point, domain);
        });
        if (!isSane(x, domain)) {
            graphics.current->data()->clear();
            graphics.trials->data()->clear();
            continue;
        }
        setCurvePoints(graphics.current, {QPointF(x.x(), x.y())});
        std::vector<QPointF> trials;
        for (const Eigen::Vector2d& trial : record.trials) {
            if (isSane(trial, domain)) {
                trials.emplace_back(trial.x(), trial.y());
            }
        }
        setCurvePoints(graphics.trials, trials);

        // −η·∇f: where plain gradient descent would go from here with this step's rate (a
        // schedule's); capped so it stays readable.
        const double rate =
            std::isfinite(record.learningRate) ? record.learningRate : entry->settings.learningRate;
        Eigen::Vector2d descent = -rate * record.gradient;
        if (descent.allFinite() && descent.norm() > 0) {
            if (descent.norm() > cap) {
                descent *= cap / descent.norm();
            }
            placeArrow(graphics.gradientArrow, x, x + descent);
            graphics.gradientArrow->setVisible(true);
        }
        // The step the method takes: x_{k+1} − x_k.
        const auto next = static_cast<std::size_t>(k) + 1;
        const Eigen::Vector2d taken =
            next < records.size() ? Eigen::Vector2d(records[next].point - x) : record.step;
        if (taken.allFinite() && taken.norm() > 0 && isSane(x + taken, domain)) {
            placeArrow(graphics.stepArrow, x, x + taken);
            graphics.stepArrow->setVisible(true);
        }
    }
    updateDivergence();
}

void ContourView::updateDivergence()
{
    QStringList messages;
    const int step = m_session->currentStep();
    for (const RunEntry& entry : m_session->runs()) {
        if (entry.visible && entry.run->stopReason() == StopReason::Diverged &&
            entry.hasStoppedAt(step)) {
            // The headline only ("Diverged at step 2: the steps kept growing"): the whole
            // explanation is read above the map, where the legend does not cover it.
            QString headline = QString::fromStdString(entry.run->explanation());
            for (const QString& end : {QStringLiteral(" ("), QStringLiteral(". ")}) {
                const qsizetype at = headline.indexOf(end);
                if (at > 0) {
                    headline.truncate(at);
                }
            }
            if (!headline.isEmpty()) {
                headline[0] = headline[0].toLower();
            }
            messages << tr("%1 %2").arg(runLabel(entry), headline);
        }
    }
    m_divergenceText = messages.join(QStringLiteral("\n\n"));
    m_divergenceBox->setVisible(!messages.isEmpty());
    wrapNotes();
}

void ContourView::wrapNotes()
{
    // The notes stand 1 % of the axis rect in from its edges, so they fit within 98 % of it.
    const double width = 0.98 * m_plot->axisRect()->width() - kNoteChrome;
    const std::array<std::pair<QCPItemText*, const QString*>, 3> notes{{
        {m_undefinedNote, &m_undefinedText},
        {m_arrowCaption, &m_arrowCaptionText},
        {m_divergenceBox, &m_divergenceText},
    }};
    for (const auto& [note, text] : notes) {
        // The divergence note stands at the top left, beside the legend at the top right.
        const double legend = note == m_divergenceBox && m_plot->legend->visible()
                                  ? m_plot->legend->outerRect().width() + 8.0
                                  : 0.0;
        note->setText(
            wrapText(*text, QFontMetricsF(note->font()), std::max(width - legend, 0.4 * width)));
    }
    // A contour level's label under a note would be drawn over by it, half legible: left out.
    for (QCPItemText* label : m_contourLabels) {
        const QRectF at = pixelRect(label);
        label->setVisible(std::none_of(notes.begin(), notes.end(), [&](const auto& note) {
            return note.first->visible() && pixelRect(note.first).intersects(at);
        }));
    }
}

void ContourView::updateArrowCaption()
{
    const auto& runs = m_session->runs();
    m_arrowCaption->setVisible(
        std::any_of(runs.begin(), runs.end(), [](const RunEntry& entry) { return entry.visible; }));
}

void ContourView::updateProbe()
{
    const Eigen::Vector2d probe = m_session->probe();
    setCurvePoints(m_probeMarker, {QPointF(probe.x(), probe.y())});
    m_sliceX->point1->setCoords(0.0, probe.y());
    m_sliceX->point2->setCoords(1.0, probe.y());
    m_sliceY->point1->setCoords(probe.x(), 0.0);
    m_sliceY->point2->setCoords(probe.x(), 1.0);

    // The arrows show directions only (their magnitude is in the partials panel): a fixed share
    // of the view. The plot keeps a 1:1 aspect, so ∇f is drawn perpendicular to the contour line.
    const double length = arrowLength();
    const PointValue value = m_session->evaluate(probe);
    const Eigen::Vector2d gradient = value.gradient;
    const bool hasDirection = gradient.allFinite() && gradient.norm() > 0;
    for (QCPAbstractItem* item : {static_cast<QCPAbstractItem*>(m_gradientArrow),
                                  static_cast<QCPAbstractItem*>(m_descentArrow),
                                  static_cast<QCPAbstractItem*>(m_gradientLabel),
                                  static_cast<QCPAbstractItem*>(m_descentLabel)}) {
        item->setVisible(hasDirection);
    }
    if (hasDirection) {
        const Eigen::Vector2d unit = gradient / gradient.norm();
        placeArrow(m_gradientArrow, probe, probe + length * unit);
        placeArrow(m_descentArrow, probe, probe - length * unit);
        const Eigen::Vector2d up = probe + 1.25 * length * unit;
        const Eigen::Vector2d down = probe - 1.25 * length * unit;
        m_gradientLabel->position->setCoords(up.x(), up.y());
        m_descentLabel->position->setCoords(down.x(), down.y());
    }
    const Eigen::Vector2d u = m_session->probeDirection();
    placeArrow(m_directionArrow, probe, probe + 0.8 * length * u);
    m_directionArrow->setVisible(true);
    const Eigen::Vector2d uLabel = probe + 0.95 * length * u;
    m_directionLabel->position->setCoords(uLabel.x(), uLabel.y());
    m_directionLabel->setVisible(true);

    // The contour line through the probe: level f(x₀, y₀), the polyline nearest the probe, from
    // the half-resolution grid (a quarter of the cells: the probe is dragged).
    std::vector<QPointF> contour;
    // (while a new heat map is under way the old grid's contour would be another function's)
    if (std::isfinite(value.f) && !m_probeGrid.f.empty() &&
        m_heatMapRevision == m_session->revision()) {
        const std::vector<ContourLine> lines = contourLines(m_probeGrid, {value.f});
        const ContourLine* nearest = nullptr;
        double best = std::numeric_limits<double>::infinity();
        for (const ContourLine& line : lines) {
            for (const Eigen::Vector2d& point : line.points) {
                const double distance = (point - probe).squaredNorm();
                if (distance < best) {
                    best = distance;
                    nearest = &line;
                }
            }
        }
        if (nearest) {
            for (const Eigen::Vector2d& point : nearest->points) {
                contour.emplace_back(point.x(), point.y());
            }
        }
        // White over the dark part of the palette, black over the light part.
        m_probeContour->setPen(QPen(isOnDark(value.f) ? Qt::white : Qt::black, 2.0));
    }
    setCurvePoints(m_probeContour, contour);
}

void ContourView::replotRunsLayer()
{
    m_runsLayer->replot();
}

void ContourView::replotProbeLayer()
{
    if (m_showProbe) {
        m_probeLayer->replot();
    }
}

void ContourView::fitToTarget()
{
    // Grow the target rectangle to the axis rect's aspect: one data unit is as long on x as on y,
    // so angles (∇f ⟂ contour) look as they are.
    const QRect rect = m_plot->axisRect()->rect();
    double width = m_target.width();
    double height = m_target.height();
    if (rect.width() > 1 && rect.height() > 1) {
        const double unitsPerPixel = std::max(width / rect.width(), height / rect.height());
        width = unitsPerPixel * rect.width();
        height = unitsPerPixel * rect.height();
    }
    const double cx = 0.5 * (m_target.xMin + m_target.xMax);
    const double cy = 0.5 * (m_target.yMin + m_target.yMax);
    m_fitting = true;
    m_plot->xAxis->setRange(cx - 0.5 * width, cx + 0.5 * width);
    m_plot->yAxis->setRange(cy - 0.5 * height, cy + 0.5 * height);
    m_fitting = false;
}

Domain ContourView::visibleRect() const
{
    const QCPRange x = m_plot->xAxis->range();
    const QCPRange y = m_plot->yAxis->range();
    return {x.lower, x.upper, y.lower, y.upper};
}

void ContourView::checkAspect()
{
    const QRect rect = m_plot->axisRect()->rect();
    if (rect.width() <= 1 || rect.height() <= 1) {
        return;
    }
    const double unitsX = m_plot->xAxis->range().size() / rect.width();
    const double unitsY = m_plot->yAxis->range().size() / rect.height();
    if (std::abs(unitsX / unitsY - 1.0) > 1e-3) {
        // The axis rect changed size (a resize, wider tick labels): fit again, draw again.
        fitToTarget();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void ContourView::followView()
{
    const Domain visible = visibleRect();
    m_target = visible;
    const Domain current = m_session->domain();
    const double tolerance = 1e-9 * std::max(current.width(), current.height());
    if (std::abs(visible.xMin - current.xMin) <= tolerance &&
        std::abs(visible.xMax - current.xMax) <= tolerance &&
        std::abs(visible.yMin - current.yMin) <= tolerance &&
        std::abs(visible.yMax - current.yMax) <= tolerance) {
        return;
    }
    m_followingView = true;
    m_session->setDomain(visible);
    m_followingView = false;
}

void ContourView::onMousePress(QMouseEvent* event)
{
    m_drag = Drag::None;
    m_moved = false;
    if (event->button() != Qt::LeftButton) {
        return;
    }
    m_pressPixel = event->position();
    const bool inPlot = m_plot->axisRect()->rect().contains(event->position().toPoint());
    const bool onLegend = m_plot->legend->visible() &&
                          m_plot->legend->outerRect().contains(event->position().toPoint());
    if (!inPlot || onLegend) {
        return;
    }
    const QPointF probe = pixelAt(m_session->probe());
    if (m_showProbe && QLineF(probe, event->position()).length() <= kProbeGrabRadius) {
        m_drag =
            event->modifiers().testFlag(Qt::ShiftModifier) ? Drag::ProbeDirection : Drag::Probe;
        // The probe keeps its offset from the cursor: grabbing its rim does not make it jump.
        m_grabOffset = m_session->probe() - pointAt(event->position());
        // The press grabs the probe: QCustomPlot must not start panning with it.
        m_plot->setInteraction(QCP::iRangeDrag, false);
        return;
    }
    m_drag = Drag::Pan;
}

void ContourView::onMouseMove(QMouseEvent* event)
{
    if (!event->buttons().testFlag(Qt::LeftButton) || m_drag == Drag::None) {
        if (event->buttons() == Qt::NoButton) {
            showToolTip(event->position());
        }
        return;
    }
    if ((event->position() - m_pressPixel).manhattanLength() > kClickTolerance) {
        m_moved = true;
    }
    switch (m_drag) {
    case Drag::Probe:
        m_session->setProbe(pointAt(event->position()) + m_grabOffset);
        break;
    case Drag::ProbeDirection:
        m_session->setProbeDirection(pointAt(event->position()) - m_session->probe());
        break;
    case Drag::Pan:
    case Drag::None:
        break;
    }
}

void ContourView::onMouseRelease(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        return;
    }
    const Drag drag = m_drag;
    m_drag = Drag::None;
    switch (drag) {
    case Drag::Probe:
    case Drag::ProbeDirection:
        m_plot->setInteraction(QCP::iRangeDrag, true);
        break;
    case Drag::Pan:
        if (m_moved) {
            m_followTimer.start();
        } else {
            m_session->setStartPoint(pointAt(event->position()));
        }
        break;
    case Drag::None:
        break;
    }
}

void ContourView::onMouseWheel(QWheelEvent* event)
{
    Q_UNUSED(event)
    m_followTimer.start();
}

void ContourView::onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event)
{
    Q_UNUSED(legend)
    Q_UNUSED(event)
    auto* plottableItem = qobject_cast<QCPPlottableLegendItem*>(item);
    if (!plottableItem) {
        return;
    }
    for (const RunGraphics& graphics : m_runGraphics) {
        if (plottableItem->plottable() == graphics.path) {
            if (const RunEntry* entry = m_session->runById(graphics.id)) {
                m_session->setRunVisible(entry->id, !entry->visible);
            }
            return;
        }
    }
}

void ContourView::showToolTip(const QPointF& pixel)
{
    const auto near = [&](const Eigen::Vector2d& point) {
        return QLineF(pixelAt(point), pixel).length() <= kProbeGrabRadius;
    };
    QString text;
    if (m_showProbe && near(m_session->probe())) {
        const PointValue value = m_session->evaluate(m_session->probe());
        text = tr("Probe %1, f = %2\nDrag to move it, Shift+drag to turn the direction u.\n"
                  "Red ∇f points uphill, blue −∇f downhill, both perpendicular to the white "
                  "contour;\ntheir length is fixed (‖∇f‖ = %3).")
                   .arg(formatPoint(m_session->probe()), formatNumber(value.f),
                        formatNumber(value.gradient.norm()));
    }
    const int step = m_session->currentStep();
    for (const RunEntry& entry : m_session->runs()) {
        if (!text.isEmpty() || !entry.visible || entry.run->records().empty()) {
            continue;
        }
        const StepRecord& record = entry.recordAt(step);
        if (near(record.point)) {
            text = tr("%1 at step %2: %3, f = %4, ‖∇f‖ = %5\nGrey arrow: −lr·∇f, the step plain "
                      "gradient descent would take (at most a quarter of the view).\n"
                      "Coloured arrow: the step this method takes.")
                       .arg(runLabel(entry))
                       .arg(record.index)
                       .arg(formatPoint(record.point), formatNumber(record.f),
                            formatNumber(record.gradient.norm()));
            if (!record.note.empty()) {
                text += QLatin1Char('\n') + QString::fromStdString(record.note);
            }
        }
    }
    if (text.isEmpty()) {
        for (const KnownPoint& known : criticalPointsShown()) {
            if (near(known.point)) {
                const std::string_view kind = criticalKindName(known.kind);
                text = tr("%1 at %2, f = %3")
                           .arg(QString::fromUtf8(kind.data(), static_cast<qsizetype>(kind.size())),
                                formatPoint(known.point),
                                formatNumber(m_session->evaluate(known.point).f));
                break;
            }
        }
    }
    if (text.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(m_plot->mapToGlobal(pixel.toPoint()), text, m_plot);
}

} // namespace gradlab
