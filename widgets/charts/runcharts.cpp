// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "runcharts.h"

#include "charts/runlabel.h"
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
    m_rateRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(0, 0, m_valueRect);
    m_plot->plotLayout()->addElement(1, 0, m_gradientRect);
    m_plot->plotLayout()->addElement(2, 0, m_rateRect);
    auto* margins = new QCPMarginGroup(m_plot);
    for (QCPAxisRect* rect : {m_valueRect, m_gradientRect, m_rateRect}) {
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
    m_rateRect->axis(QCPAxis::atLeft)->setLabel(tr("η(k)"));
    PlotFonts::keepTickLabelsApart(m_rateRect->axis(QCPAxis::atLeft));
    m_rateRect->axis(QCPAxis::atLeft)->setNumberFormat(QStringLiteral("gb"));
    m_rateRect->axis(QCPAxis::atLeft)->setNumberPrecision(4);
    // The charts are short: fewer ticks where their labels would run into each other.
    PlotFonts::keepTickLabelsApart(m_valueRect->axis(QCPAxis::atLeft));
    PlotFonts::keepTickLabelsApart(m_gradientRect->axis(QCPAxis::atLeft));
    connect(
        m_valueRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
        m_gradientRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    connect(m_valueRect->axis(QCPAxis::atBottom),
            qOverload<const QCPRange&>(&QCPAxis::rangeChanged), m_rateRect->axis(QCPAxis::atBottom),
            qOverload<const QCPRange&>(&QCPAxis::setRange));

    m_valueCursor = makeCursor(m_plot, m_valueRect);
    m_gradientCursor = makeCursor(m_plot, m_gradientRect);
    m_rateCursor = makeCursor(m_plot, m_rateRect);

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
    showLearningRateChart(false);

    connect(m_session, &Session::runsChanged, this, &RunCharts::rebuild);
    connect(m_session, &Session::raceAlignmentChanged, this, &RunCharts::rebuild);
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
        fitLegend(m_plot->width());
    }
}

void RunCharts::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitLegend(m_plot->width());
}

void RunCharts::fitLegend(int width)
{
    QCPLegend* legend = m_plot->legend;
    int widest = 1;
    for (int i = 0; i < legend->itemCount(); ++i) {
        widest = std::max(widest, legend->item(i)->minimumOuterSizeHint().width());
    }
    const QMargins margins = legend->margins();
    const int room = width - margins.left() - margins.right();
    const int columns =
        std::clamp((room + legend->columnSpacing()) / (widest + legend->columnSpacing()), 1, 3);
    if (columns != legend->wrap()) {
        legend->setWrap(columns);
    }
}

QCPAxisRect* RunCharts::axisRect(Chart chart) const
{
    switch (chart) {
    case Chart::Value:
        return m_valueRect;
    case Chart::GradientNorm:
        return m_gradientRect;
    case Chart::LearningRate:
        return m_rateRect;
    }
    return m_valueRect;
}

void RunCharts::showLearningRateChart(bool show)
{
    // Out of the layout the rect keeps its last place: nothing of it may be drawn there.
    m_rateCursor->setVisible(show);
    for (const RunCurves& curves : m_curves) {
        curves.learningRate->setVisible(show);
    }
    if (show == m_rateShown) {
        return;
    }
    m_rateShown = show;
    QCPLayoutGrid* layout = m_plot->plotLayout();
    if (show) {
        const int row = layout->rowCount();
        layout->addElement(row, 0, m_rateRect);
        // A lower chart than the two above: the rate's shape, not its digits, is what it shows.
        layout->setRowStretchFactor(row, 0.6);
    } else {
        layout->take(m_rateRect);
        layout->simplify();
    }
    m_rateRect->setVisible(show);
}

void RunCharts::updateStepAxes()
{
    const QString label = m_session->raceAlignment() == RaceAlignment::Evaluations
                              ? tr("evaluations (∇f, or f for Nelder–Mead)")
                              : tr("step k");
    for (QCPAxisRect* rect : {m_valueRect, m_gradientRect, m_rateRect}) {
        rect->axis(QCPAxis::atBottom)->setLabel(label);
    }
}

bool RunCharts::isLogScale(Chart chart) const
{
    return chart == Chart::Value ? m_logValue : chart == Chart::GradientNorm && m_logGradient;
}

void RunCharts::setLogScale(bool logarithmic)
{
    setLogScale(Chart::Value, logarithmic);
    setLogScale(Chart::GradientNorm, logarithmic);
}

void RunCharts::setLogScale(Chart chart, bool logarithmic)
{
    if (chart == Chart::LearningRate) {
        return; // η(k) is always linear
    }
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
            return chart == Chart::Value          ? curves.value
                   : chart == Chart::GradientNorm ? curves.gradientNorm
                                                  : curves.learningRate;
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
    fitLegend(target.width());
    QImage image = m_plot->toPixmap(target.width(), target.height()).toImage();
    fitLegend(m_plot->width());
    return image;
}

void RunCharts::rebuild()
{
    for (const RunCurves& curves : m_curves) {
        m_plot->removeItem(curves.valueTracer);
        m_plot->removeItem(curves.gradientTracer);
        m_plot->removePlottable(curves.value);
        m_plot->removePlottable(curves.gradientNorm);
        m_plot->removePlottable(curves.learningRate);
    }
    m_curves.clear();
    updateStepAxes();
    bool scheduled = false;
    for (const RunEntry& entry : m_session->runs()) {
        if (!entry.visible) {
            continue;
        }
        scheduled = scheduled || (entry.settings.method != Method::NelderMead &&
                                  (entry.settings.schedule.kind != ScheduleKind::Constant ||
                                   entry.settings.schedule.hasWarmup()));
        RunCurves curves;
        curves.id = entry.id;
        const auto makeGraph = [&](QCPAxisRect* rect) {
            auto* graph = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            graph->setPen(QPen(entry.color.darker(entry.color.lightness() > 200 ? 170 : 100), 2.0));
            graph->setName(runLabel(entry.settings));
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
        curves.learningRate = makeGraph(m_rateRect);
        curves.valueTracer = makeTracer(curves.value, m_valueRect);
        curves.gradientTracer = makeTracer(curves.gradientNorm, m_gradientRect);
        m_curves.push_back(curves);
    }
    showLearningRateChart(scheduled);
    fitLegend(m_plot->width());
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
        QVector<double> rates;
        // The steps reached so far (the session keeps one more, ahead, for the views' arrows),
        // at their step or, aligned by evaluations, at their cost.
        const auto& records = entry->run->records();
        for (int k = 0; k < entry->shownRecordCount(); ++k) {
            const StepRecord& record = records[static_cast<std::size_t>(k)];
            steps.push_back(static_cast<double>(entry->positionOf(k)));
            values.push_back(drawable(record.f, m_logValue));
            // ‖∇f‖ = √((∂f/∂x)² + (∂f/∂y)²)
            norms.push_back(drawable(record.gradient.norm(), m_logGradient));
            // The rate of the step from x_k (NaN for Nelder–Mead: a gap).
            rates.push_back(drawable(record.learningRate, false));
        }
        curves.value->setData(steps, values, true);
        curves.gradientNorm->setData(steps, norms, true);
        curves.learningRate->setData(steps, rates, true);
        if (curves.valueTracer->graph() != curves.value) {
            curves.valueTracer->setGraph(curves.value);
            curves.gradientTracer->setGraph(curves.gradientNorm);
        }
        lastStep =
            std::max(lastStep, static_cast<int>(entry->positionOf(entry->shownRecordCount() - 1)));
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
    // η(k) from 0: a schedule's decay reads as a share of the starting rate.
    double highest = 0;
    for (const RunCurves& curves : m_curves) {
        for (auto it = curves.learningRate->data()->constBegin();
             it != curves.learningRate->data()->constEnd(); ++it) {
            if (std::isfinite(it->value)) {
                highest = std::max(highest, it->value);
            }
        }
    }
    m_rateRect->axis(QCPAxis::atLeft)->setRange(0, highest > 0 ? 1.08 * highest : 1.0);
}

void RunCharts::updateCursor()
{
    const int step = m_session->currentStep();
    for (QCPItemStraightLine* cursor : {m_valueCursor, m_gradientCursor, m_rateCursor}) {
        cursor->point1->setCoords(step, 0.0);
        cursor->point2->setCoords(step, 1.0);
    }
    for (const RunCurves& curves : m_curves) {
        const RunEntry* entry = m_session->runById(curves.id);
        const double k = entry ? static_cast<double>(entry->positionOf(entry->indexAt(step))) : 0;
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
    for (QCPAxisRect* rect : {m_valueRect, m_gradientRect, m_rateRect}) {
        if (rect->visible() && rect->rect().contains(event->position().toPoint())) {
            const double k = rect->axis(QCPAxis::atBottom)->pixelToCoord(event->position().x());
            m_session->setCurrentStep(static_cast<int>(std::lround(k)));
            return;
        }
    }
}

} // namespace gradlab
