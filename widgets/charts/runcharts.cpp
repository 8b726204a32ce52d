// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "runcharts.h"

#include "optimization/optimizer.h"
#include "session.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace gradlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Press and release closer than this (Manhattan pixels) are a click: move to that step.
constexpr int kClickTolerance = 3;
// The legend's font, relative to the widget's (axes use the widget's font itself).
constexpr PlotFontRole kLegendFont{0.85};

// A value the chart can draw: finite, and positive on a log axis. Others leave a gap.
double drawable(double value, bool logarithmic)
{
    if (!std::isfinite(value) || (logarithmic && value <= 0)) {
        return kNaN;
    }
    return value;
}

// The y range of the drawable values of \a graphs, with a margin; a sensible default when there
// are none. Every drawn value is in it: a diverging run's values too, so the chart follows it
// (on a linear axis the others then look flat: the log scale shows both).
QCPRange valueRange(const std::vector<QCPGraph*>& graphs, bool logarithmic)
{
    double lower = std::numeric_limits<double>::infinity();
    double upper = -std::numeric_limits<double>::infinity();
    for (const QCPGraph* graph : graphs) {
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            if (std::isfinite(it->value)) {
                lower = std::min(lower, it->value);
                upper = std::max(upper, it->value);
            }
        }
    }
    if (!(lower <= upper)) {
        return logarithmic ? QCPRange(0.1, 10.0) : QCPRange(0.0, 1.0);
    }
    if (logarithmic) {
        // Half a decade of room above and below (×/÷ √10).
        return QCPRange(lower / std::sqrt(10.0), upper * std::sqrt(10.0));
    }
    const double margin =
        upper > lower ? 0.05 * (upper - lower) : 0.5 * std::max(1.0, std::abs(upper));
    return QCPRange(lower - margin, upper + margin);
}

QCPItemStraightLine* makeCursor(QCustomPlot* plot, QCPAxisRect* rect)
{
    auto* line = new QCPItemStraightLine(plot);
    line->setClipAxisRect(rect);
    // x in steps, y as a share of the axis rect: vertical whatever the value axis shows.
    for (QCPItemPosition* position : {line->point1, line->point2}) {
        position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        position->setAxisRect(rect);
        position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    line->setPen(QPen(QColor(60, 60, 60), 1.2, Qt::DashLine));
    return line;
}

} // namespace

RunCharts::RunCharts(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    m_plot = new QCustomPlot(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* scales = new QHBoxLayout;
    scales->setContentsMargins(6, 2, 6, 0);
    scales->addWidget(new QLabel(tr("Log scale:"), this));
    m_logValueBox = new QCheckBox(tr("f"), this);
    m_logValueBox->setToolTip(tr("Draw f(x_k) on a logarithmic axis (values ≤ 0 are left out)"));
    m_logGradientBox = new QCheckBox(tr("‖∇f‖"), this);
    m_logGradientBox->setToolTip(tr("Draw ‖∇f(x_k)‖ on a logarithmic axis"));
    scales->addWidget(m_logValueBox);
    scales->addWidget(m_logGradientBox);
    scales->addStretch(1);
    layout->addLayout(scales);
    layout->addWidget(m_plot, 1);
    connect(m_logValueBox, &QCheckBox::toggled, this,
            [this](bool on) { setLogScale(Chart::Value, on); });
    connect(m_logGradientBox, &QCheckBox::toggled, this,
            [this](bool on) { setLogScale(Chart::GradientNorm, on); });
    setMinimumSize(240, 200);
    m_plot->setAutoAddPlottableToLegend(false);

    // Two axis rects stacked, sharing the step axis and the left margin.
    m_plot->plotLayout()->clear();
    m_valueRect = new QCPAxisRect(m_plot);
    m_gradientRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(0, 0, m_valueRect);
    m_plot->plotLayout()->addElement(1, 0, m_gradientRect);
    auto* margins = new QCPMarginGroup(m_plot);
    for (QCPAxisRect* rect : {m_valueRect, m_gradientRect}) {
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        rect->axis(QCPAxis::atBottom)->setLabel(tr("step k"));
        m_plotFonts.addAxisRect(rect);
        for (QCPAxis* axis : rect->axes()) {
            axis->setLayer(QStringLiteral("axes"));
            axis->grid()->setLayer(QStringLiteral("grid"));
        }
    }
    m_valueRect->axis(QCPAxis::atLeft)->setLabel(tr("f(x_k)"));
    m_gradientRect->axis(QCPAxis::atLeft)->setLabel(tr("‖∇f(x_k)‖"));
    // The charts are short: fewer ticks where their labels would run into each other.
    PlotFonts::keepTickLabelsApart(m_valueRect->axis(QCPAxis::atLeft));
    PlotFonts::keepTickLabelsApart(m_gradientRect->axis(QCPAxis::atLeft));
    connect(
        m_valueRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
        m_gradientRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));

    m_valueCursor = makeCursor(m_plot, m_valueRect);
    m_gradientCursor = makeCursor(m_plot, m_gradientRect);

    // The legend stands above the charts, outside the curves, its entries side by side.
    auto* legend = new QCPLegend;
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(3);
    legend->setMargins(QMargins(4, 2, 4, 0));
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    m_plotFonts.addLegend(legend, kLegendFont);
    m_plot->legend = legend;

    applyScale(Chart::Value);
    applyScale(Chart::GradientNorm);

    connect(m_session, &Session::runsChanged, this, &RunCharts::rebuild);
    connect(m_session, &Session::currentStepChanged, this, [this] {
        updateData();
        updateCursor();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_session, &Session::runDiverged, this, [this] {
        updateData();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, &RunCharts::onMouseRelease);
    connect(m_plot, &QCustomPlot::mousePress, this,
            [this](QMouseEvent* event) { m_pressPixel = event->position(); });
    rebuild();
}

RunCharts::~RunCharts() = default;

void RunCharts::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        m_plotFonts.apply();
    }
}

QCPAxisRect* RunCharts::axisRect(Chart chart) const
{
    return chart == Chart::Value ? m_valueRect : m_gradientRect;
}

bool RunCharts::isLogScale(Chart chart) const
{
    return chart == Chart::Value ? m_logValue : m_logGradient;
}

void RunCharts::setLogScale(bool logarithmic)
{
    setLogScale(Chart::Value, logarithmic);
    setLogScale(Chart::GradientNorm, logarithmic);
}

void RunCharts::setLogScale(Chart chart, bool logarithmic)
{
    bool& flag = chart == Chart::Value ? m_logValue : m_logGradient;
    if (logarithmic == flag) {
        return;
    }
    flag = logarithmic;
    applyScale(chart);
    updateData();
    updateCursor();
    m_plot->replot();
    Q_EMIT logScaleChanged(chart, logarithmic);
}

void RunCharts::applyScale(Chart chart)
{
    const bool logarithmic = isLogScale(chart);
    QCheckBox* box = chart == Chart::Value ? m_logValueBox : m_logGradientBox;
    {
        const QSignalBlocker blocker(box);
        box->setChecked(logarithmic);
    }
    QCPAxis* axis = axisRect(chart)->axis(QCPAxis::atLeft);
    axis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logarithmic) {
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
    } else {
        axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->setNumberPrecision(6);
    }
}

QCPGraph* RunCharts::graph(int runId, Chart chart) const
{
    for (const RunCurves& curves : m_curves) {
        if (curves.id == runId) {
            return chart == Chart::Value ? curves.value : curves.gradientNorm;
        }
    }
    return nullptr;
}

double RunCharts::currentStepLine() const
{
    return m_valueCursor->point1->key();
}

QImage RunCharts::render(const QSize& size)
{
    const QSize target = size.isValid() && !size.isEmpty() ? size : m_plot->size();
    return m_plot->toPixmap(target.width(), target.height()).toImage();
}

void RunCharts::rebuild()
{
    for (const RunCurves& curves : m_curves) {
        m_plot->removeItem(curves.valueTracer);
        m_plot->removeItem(curves.gradientTracer);
        m_plot->removePlottable(curves.value);
        m_plot->removePlottable(curves.gradientNorm);
    }
    m_curves.clear();
    for (const RunEntry& entry : m_session->runs()) {
        if (!entry.visible) {
            continue;
        }
        RunCurves curves;
        curves.id = entry.id;
        const std::string_view label = methodLabel(entry.settings.method);
        const QString method =
            QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size()));
        const auto makeGraph = [&](QCPAxisRect* rect) {
            auto* graph = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            graph->setPen(QPen(entry.color.darker(entry.color.lightness() > 200 ? 170 : 100), 2.0));
            graph->setName(tr("%1, lr %2").arg(method).arg(entry.settings.learningRate, 0, 'g', 4));
            return graph;
        };
        const auto makeTracer = [&](QCPGraph* graph, QCPAxisRect* rect) {
            auto* tracer = new QCPItemTracer(m_plot);
            tracer->setClipAxisRect(rect);
            // Bound to its graph in updateData(), once the graph has points.
            tracer->setStyle(QCPItemTracer::tsCircle);
            tracer->setSize(7);
            tracer->setPen(QPen(Qt::black, 1.2));
            tracer->setBrush(graph->pen().color());
            return tracer;
        };
        curves.value = makeGraph(m_valueRect);
        curves.value->addToLegend();
        curves.gradientNorm = makeGraph(m_gradientRect);
        curves.valueTracer = makeTracer(curves.value, m_valueRect);
        curves.gradientTracer = makeTracer(curves.gradientNorm, m_gradientRect);
        m_curves.push_back(curves);
    }
    updateData();
    updateCursor();
    m_plot->replot();
}

void RunCharts::updateData()
{
    int lastStep = 1;
    for (const RunCurves& curves : m_curves) {
        const RunEntry* entry = m_session->runById(curves.id);
        if (!entry) {
            continue;
        }
        QVector<double> steps;
        QVector<double> values;
        QVector<double> norms;
        // The steps reached so far (the session keeps one more, ahead, for the views' arrows).
        const auto& records = entry->run->records();
        for (int k = 0; k < entry->shownRecordCount(); ++k) {
            const StepRecord& record = records[static_cast<std::size_t>(k)];
            steps.push_back(record.index);
            values.push_back(drawable(record.f, m_logValue));
            // ‖∇f‖ = √((∂f/∂x)² + (∂f/∂y)²)
            norms.push_back(drawable(record.gradient.norm(), m_logGradient));
        }
        curves.value->setData(steps, values, true);
        curves.gradientNorm->setData(steps, norms, true);
        if (curves.valueTracer->graph() != curves.value) {
            curves.valueTracer->setGraph(curves.value);
            curves.gradientTracer->setGraph(curves.gradientNorm);
        }
        lastStep = std::max(lastStep, entry->shownRecordCount() - 1);
    }
    m_valueRect->axis(QCPAxis::atBottom)->setRange(0, lastStep);
    rescale();
}

void RunCharts::rescale()
{
    std::vector<QCPGraph*> values;
    std::vector<QCPGraph*> norms;
    for (const RunCurves& curves : m_curves) {
        values.push_back(curves.value);
        norms.push_back(curves.gradientNorm);
    }
    m_valueRect->axis(QCPAxis::atLeft)->setRange(valueRange(values, m_logValue));
    m_gradientRect->axis(QCPAxis::atLeft)->setRange(valueRange(norms, m_logGradient));
}

void RunCharts::updateCursor()
{
    const int step = m_session->currentStep();
    for (QCPItemStraightLine* cursor : {m_valueCursor, m_gradientCursor}) {
        cursor->point1->setCoords(step, 0.0);
        cursor->point2->setCoords(step, 1.0);
    }
    for (const RunCurves& curves : m_curves) {
        const RunEntry* entry = m_session->runById(curves.id);
        const int k = entry ? std::clamp(step, 0, entry->lastIndex()) : 0;
        for (QCPItemTracer* tracer : {curves.valueTracer, curves.gradientTracer}) {
            tracer->setGraphKey(k);
            // No marker where the curve has a gap (f undefined, or ≤ 0 on a log axis).
            bool drawn = false;
            if (const QCPGraph* graph = tracer->graph()) {
                const auto point = graph->data()->findBegin(k, false);
                drawn = point != graph->data()->constEnd() && point->key == k &&
                        std::isfinite(point->value);
            }
            tracer->setVisible(drawn);
        }
    }
}

void RunCharts::onMouseRelease(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton ||
        (event->position() - m_pressPixel).manhattanLength() > kClickTolerance) {
        return;
    }
    for (QCPAxisRect* rect : {m_valueRect, m_gradientRect}) {
        if (rect->rect().contains(event->position().toPoint())) {
            const double k = rect->axis(QCPAxis::atBottom)->pixelToCoord(event->position().x());
            m_session->setCurrentStep(static_cast<int>(std::lround(k)));
            return;
        }
    }
}

} // namespace gradlab
