// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fitlab/dataplot.h"

#include "fitlab/fitsession.h"
#include "fitlab/fitstyle.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {

namespace {

// A press this close (pixels) to a row's marker grabs the row.
constexpr double kGrabRadius = 9.0;
// Samples of the logistic curve across the plot, and of the probability shading per axis.
constexpr int kCurveSamples = 240;
constexpr int kShadingSide = 90;
// Earlier models drawn faintly behind the current one.
constexpr std::size_t kTrailLength = 8;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// [low, high] of \a values widened by a sixth of its span on both sides (1 when empty/flat).
QCPRange paddedRange(const std::vector<double>& values)
{
    if (values.empty()) {
        return {-3, 3};
    }
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    const double span = std::max(*high - *low, 1.0);
    return {*low - span / 6, *high + span / 6};
}

/// A blue–white–orange gradient with little alpha: P(label 1) from 0 to 1.
QCPColorGradient probabilityGradient()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    QColor low = fitstyle::kLabel0;
    QColor high = fitstyle::kLabel1;
    low.setAlpha(70);
    high.setAlpha(70);
    gradient.setColorStopAt(0.0, low);
    gradient.setColorStopAt(0.5, QColor(255, 255, 255, 0));
    gradient.setColorStopAt(1.0, high);
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    return gradient;
}

} // namespace

DataPlot::DataPlot(FitSession* session, QWidget* parent)
    : LabPlot(parent)
    , m_session(session)
{
    m_probability = new QCPColorMap(xAxis, yAxis);
    m_probability->setGradient(probabilityGradient());
    m_probability->setInterpolate(true);
    m_probability->setDataRange(QCPRange(0, 1));
    m_trail = new QCPCurve(xAxis, yAxis);
    QColor faded = fitstyle::kModel;
    faded.setAlpha(70);
    m_trail->setPen(QPen(faded, 1.2));
    m_trail->setName(tr("earlier steps"));
    m_model = new QCPCurve(xAxis, yAxis);
    m_model->setPen(QPen(fitstyle::kModel, 2.5));
    m_points = addMarker(axisRect(), fitstyle::kPoints, 8);
    m_label0 = addMarker(axisRect(), fitstyle::kLabel0, 8);
    m_label1 = addMarker(axisRect(), fitstyle::kLabel1, 8);
    m_batch = addCurve(axisRect(), QPen(fitstyle::kBatch, 1.5));
    m_batch->setLineStyle(QCPGraph::lsNone);
    m_batch->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(fitstyle::kBatch, 1.5), Qt::NoBrush, 15));
    m_points->setName(tr("data"));
    m_label0->setName(tr("label 0"));
    m_label1->setName(tr("label 1"));
    m_batch->setName(tr("current batch"));
    m_model->setName(tr("model"));
    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 220));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    connect(session, &FitSession::dataReplaced, this, &DataPlot::frame);
    connect(session, &FitSession::dataChanged, this, &DataPlot::rebuildPoints);
    connect(session, &FitSession::runChanged, this, &DataPlot::rebuildModel);
    connect(this, &QCustomPlot::mousePress, this, &DataPlot::press);
    connect(this, &QCustomPlot::mouseMove, this, &DataPlot::move);
    connect(this, &QCustomPlot::mouseRelease, this, [this] { m_dragged.reset(); });
    frame();
}

std::optional<std::size_t> DataPlot::rowAt(const QPointF& pixel) const
{
    std::optional<std::size_t> nearest;
    double best = kGrabRadius;
    for (std::size_t row = 0; row < m_session->data().size(); ++row) {
        const double distance = QLineF(pixel, pixelOf(row)).length();
        if (distance <= best) {
            best = distance;
            nearest = row;
        }
    }
    return nearest;
}

QPointF DataPlot::pixelOf(std::size_t row) const
{
    const DataSet& data = m_session->data();
    const double y = data.kind == DataKind::Classification2 ? data.x2[row] : data.y[row];
    return {xAxis->coordToPixel(data.x1[row]), yAxis->coordToPixel(y)};
}

QVector<QPointF> DataPlot::modelPoints() const
{
    QVector<QPointF> points;
    for (auto it = m_model->data()->constBegin(); it != m_model->data()->constEnd(); ++it) {
        points.append({it->key, it->value});
    }
    return points;
}

void DataPlot::frame()
{
    const DataSet& data = m_session->data();
    const FitModel model = m_session->model();
    xAxis->setRange(paddedRange(data.x1));
    switch (model) {
    case FitModel::Line:
        xAxis->setLabel(QStringLiteral("x"));
        yAxis->setLabel(QStringLiteral("y"));
        yAxis->setRange(paddedRange(data.y));
        break;
    case FitModel::Logistic:
        xAxis->setLabel(QStringLiteral("x"));
        yAxis->setLabel(tr("label, P(label 1)"));
        yAxis->setRange(-0.15, 1.15);
        break;
    case FitModel::Logistic2:
        xAxis->setLabel(QStringLiteral("x₁"));
        yAxis->setLabel(QStringLiteral("x₂"));
        yAxis->setRange(paddedRange(data.x2));
        break;
    }
    const bool classification = model != FitModel::Line;
    m_points->setVisible(!classification);
    m_label0->setVisible(classification);
    m_label1->setVisible(classification);
    m_points->removeFromLegend();
    m_label0->removeFromLegend();
    m_label1->removeFromLegend();
    if (classification) {
        m_label0->addToLegend();
        m_label1->addToLegend();
    } else {
        m_points->addToLegend();
    }
    m_model->setName(model == FitModel::Line       ? tr("ŷ = w·x + b")
                     : model == FitModel::Logistic ? tr("σ(w·x + b)")
                                                   : tr("boundary w₁x₁ + w₂x₂ = 0"));
    m_probability->setVisible(model == FitModel::Logistic2);
    rebuildPoints();
}

void DataPlot::rebuildPoints()
{
    const DataSet& data = m_session->data();
    QVector<double> xs[3];
    QVector<double> ys[3];
    for (std::size_t row = 0; row < data.size(); ++row) {
        const double y = data.kind == DataKind::Classification2 ? data.x2[row] : data.y[row];
        const int graph = data.kind == DataKind::Regression ? 0 : (data.y[row] >= 0.5 ? 2 : 1);
        xs[graph].append(data.x1[row]);
        ys[graph].append(y);
    }
    m_points->setData(xs[0], ys[0]);
    m_label0->setData(xs[1], ys[1]);
    m_label1->setData(xs[2], ys[2]);
    rebuildModel();
}

void DataPlot::appendModel(const Eigen::Vector2d& p, QVector<double>& keys,
                           QVector<double>& values) const
{
    const FitModel model = m_session->model();
    const QCPRange xs = xAxis->range();
    const QCPRange ys = yAxis->range();
    if (model == FitModel::Line) {
        keys << xs.lower << xs.upper;
        values << predict(model, p, xs.lower, 0) << predict(model, p, xs.upper, 0);
    } else if (model == FitModel::Logistic) {
        for (int k = 0; k < kCurveSamples; ++k) {
            const double x = xs.lower + xs.size() * k / (kCurveSamples - 1);
            keys << x;
            values << predict(model, p, x, 0);
        }
    } else if (std::abs(p.y()) >= std::abs(p.x()) && p.y() != 0) {
        // w₁x₁ + w₂x₂ = 0 through the origin, solved for the coordinate with the larger weight
        keys << xs.lower << xs.upper;
        values << -p.x() * xs.lower / p.y() << -p.x() * xs.upper / p.y();
    } else if (p.x() != 0) {
        keys << -p.y() * ys.lower / p.x() << -p.y() * ys.upper / p.x();
        values << ys.lower << ys.upper;
    }
}

void DataPlot::rebuildModel()
{
    const FitModel model = m_session->model();
    const DataSet& data = m_session->data();
    const std::span<const FitStep> steps = m_session->steps();
    const FitStep& step = steps.back();
    const Eigen::Vector2d p = step.parameters;
    QVector<double> keys;
    QVector<double> values;
    appendModel(p, keys, values);
    m_model->setData(keys, values);
    // up to kTrailLength earlier models, evenly spread over the steps so far
    QVector<double> trailKeys;
    QVector<double> trailValues;
    const std::size_t earlier = steps.size() - 1;
    const std::size_t stride =
        std::max<std::size_t>(1, (earlier + kTrailLength - 1) / kTrailLength);
    for (std::size_t k = 0; k < earlier; k += stride) {
        appendModel(steps[k].parameters, trailKeys, trailValues);
        trailKeys << kNaN;
        trailValues << kNaN;
    }
    m_trail->setData(trailKeys, trailValues);
    m_trail->removeFromLegend();
    if (!trailKeys.isEmpty()) {
        m_trail->addToLegend();
    }
    if (model == FitModel::Logistic2) {
        const QCPRange xs = xAxis->range();
        const QCPRange ys = yAxis->range();
        QCPColorMapData* shading = m_probability->data();
        shading->setSize(kShadingSide, kShadingSide);
        shading->setRange(xs, ys);
        for (int j = 0; j < kShadingSide; ++j) {
            for (int i = 0; i < kShadingSide; ++i) {
                double x1 = 0;
                double x2 = 0;
                shading->cellToCoord(i, j, &x1, &x2);
                shading->setCell(i, j, predict(model, p, x1, x2));
            }
        }
    }
    QVector<double> batchX;
    QVector<double> batchY;
    if (step.batch.size() < data.size()) {
        for (const std::size_t row : step.batch) {
            batchX.append(data.x1[row]);
            batchY.append(data.kind == DataKind::Classification2 ? data.x2[row] : data.y[row]);
        }
    }
    m_batch->setData(batchX, batchY);
    m_batch->removeFromLegend();
    if (!batchX.isEmpty()) {
        m_batch->addToLegend();
    }
    replot(QCustomPlot::rpQueuedReplot);
}

std::array<double, 3> DataPlot::rowFor(double x, double y, bool shift) const
{
    switch (m_session->model()) {
    case FitModel::Line:
        return {x, 0.0, y};
    case FitModel::Logistic:
        return {x, 0.0, y >= 0.5 ? 1.0 : 0.0};
    case FitModel::Logistic2:
        break;
    }
    return {x, y, shift ? 0.0 : 1.0};
}

void DataPlot::press(QMouseEvent* event)
{
    const QPointF pixel = event->position();
    const std::optional<std::size_t> row = rowAt(pixel);
    if (event->button() == Qt::RightButton) {
        if (row) {
            m_session->removeRow(*row);
        }
        return;
    }
    if (event->button() != Qt::LeftButton) {
        return;
    }
    if (row) {
        m_dragged = row;
        return;
    }
    const QPointF at = coordinatesAt(axisRect(), pixel);
    const auto [x1, x2, y] = rowFor(at.x(), at.y(), event->modifiers() & Qt::ShiftModifier);
    m_session->addRow(x1, x2, y);
    m_dragged = m_session->data().size() - 1;
}

void DataPlot::move(QMouseEvent* event)
{
    if (!m_dragged || !(event->buttons() & Qt::LeftButton)) {
        return;
    }
    const QPointF at = coordinatesAt(axisRect(), event->position());
    const DataSet& data = m_session->data();
    // a classification row keeps its label while it moves, unless the label is its height
    std::array<double, 3> row = rowFor(at.x(), at.y(), false);
    if (data.kind == DataKind::Classification2) {
        row[2] = data.y[*m_dragged];
    }
    m_session->moveRow(*m_dragged, row[0], row[1], row[2]);
}

} // namespace gradlab
