// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fitlab/landscapeplot.h"

#include "analysis/contours.h"
#include "colormap/colormap.h"
#include "fitlab/fitsession.h"
#include "fitlab/fitstyle.h"

#include <Eigen/Eigenvalues>
#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace gradlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kContourLevels = 14;
constexpr int kEllipseSamples = 72;
// The longer arrow is this share of the shorter side of the parameter rectangle.
constexpr double kArrowShare = 0.22;

QCPItemLine* arrow(QCustomPlot* plot, const QColor& color, double width)
{
    auto* line = new QCPItemLine(plot);
    line->setPen(QPen(color, width));
    line->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 10, 12));
    line->setClipToAxisRect(true);
    return line;
}

} // namespace

LandscapePlot::LandscapePlot(FitSession* session, QWidget* parent)
    : LabPlot(parent)
    , m_session(session)
{
    setCursor(Qt::CrossCursor);
    axisRect()->setupFullAxesBox(true);
    m_heatMap = new QCPColorMap(xAxis, yAxis);
    m_heatMap->setGradient(functionColorGradient());
    m_heatMap->setInterpolate(true);
    m_colorScale = new QCPColorScale(this);
    plotLayout()->addElement(0, 1, m_colorScale);
    m_colorScale->setGradient(functionColorGradient());
    m_colorScale->setBarWidth(12);
    m_heatMap->setColorScale(m_colorScale);
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_colorScale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    styleAxisRect(m_colorScale->axis()->axisRect());

    m_contours = new QCPCurve(xAxis, yAxis);
    m_contours->setPen(QPen(QColor(255, 255, 255, 120), 1));
    m_path = new QCPCurve(xAxis, yAxis);
    m_path->setPen(QPen(fitstyle::kPath, 1.5));
    m_path->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, fitstyle::kPath, 4));
    m_spread = new QCPCurve(xAxis, yAxis);
    m_spread->setPen(QPen(fitstyle::kSpread, 1.5, Qt::DashLine));
    QColor fill = fitstyle::kSpread;
    fill.setAlpha(60);
    m_spread->setBrush(fill);
    m_fullArrow = arrow(this, fitstyle::kFullGradient, 2.5);
    m_batchArrow = arrow(this, fitstyle::kBatchGradient, 2.5);
    m_startMarker = addMarker(axisRect(), fitstyle::kPath, 8, false);
    m_point = addMarker(axisRect(), fitstyle::kParameter, 12);

    connect(session, &FitSession::dataChanged, this, &LandscapePlot::rebuildLandscape);
    connect(session, &FitSession::runChanged, this, &LandscapePlot::rebuildRun);
    connect(this, &QCustomPlot::mousePress, this, &LandscapePlot::pressOrDrag);
    connect(this, &QCustomPlot::mouseMove, this, &LandscapePlot::pressOrDrag);
    rebuildLandscape();
}

QVector<QPointF> LandscapePlot::spreadPoints() const
{
    QVector<QPointF> points;
    for (auto it = m_spread->data()->constBegin(); it != m_spread->data()->constEnd(); ++it) {
        points.append({it->key, it->value});
    }
    return points;
}

void LandscapePlot::rebuildLandscape()
{
    const GridValues& grid = m_session->landscape();
    const Domain& domain = grid.spec.domain;
    const auto names = parameterNames(m_session->model());
    xAxis->setLabel(QString::fromUtf8(names[0].data(), static_cast<qsizetype>(names[0].size())));
    yAxis->setLabel(QString::fromUtf8(names[1].data(), static_cast<qsizetype>(names[1].size())));
    xAxis->setRange(domain.xMin, domain.xMax);
    yAxis->setRange(domain.yMin, domain.yMax);

    // The mean squared error spans decades over the rectangle: log colours and log-spaced
    // levels where they read better, as in the contour view.
    const bool logarithmic = prefersLogLevels(grid);
    m_scale = HeatMapScale::fromGrid(grid, logarithmic);
    QCPColorMapData* data = m_heatMap->data();
    data->setSize(grid.spec.columns, grid.spec.rows);
    data->setRange(QCPRange(domain.xMin, domain.xMax), QCPRange(domain.yMin, domain.yMax));
    // The colour scale hands its range and scale type to the map (QCustomPlot links the two), so
    // the cells hold what its axis shows: the loss (less the shift), and the map takes the log
    // itself. Cells holding log₁₀ of it would be logged twice.
    for (int j = 0; j < grid.spec.rows; ++j) {
        for (int i = 0; i < grid.spec.columns; ++i) {
            const double loss = grid.at(i, j);
            data->setCell(i, j,
                          m_scale.isLogarithmic() && std::isfinite(loss)
                              ? std::clamp(loss - m_scale.shift, m_scale.lower, m_scale.upper)
                              : m_scale.stored(loss));
        }
    }
    const QCPAxis::ScaleType scaleType =
        m_scale.isLogarithmic() ? QCPAxis::stLogarithmic : QCPAxis::stLinear;
    m_heatMap->setDataScaleType(scaleType);
    m_heatMap->setDataRange(QCPRange(m_scale.lower, m_scale.upper));
    m_colorScale->setDataScaleType(scaleType);
    m_colorScale->setDataRange(QCPRange(m_scale.lower, m_scale.upper));
    if (m_scale.isLogarithmic()) {
        m_colorScale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        m_colorScale->axis()->setNumberFormat(QStringLiteral("gb"));
    } else {
        m_colorScale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
        m_colorScale->axis()->setNumberFormat(QStringLiteral("g"));
    }
    m_colorScale->setLabel(m_scale.isLogarithmic() ? tr("full loss (log scale)") : tr("full loss"));

    const std::vector<double> levels = defaultLevels(grid, kContourLevels, logarithmic);
    m_levelCount = static_cast<int>(levels.size());
    QVector<double> xs;
    QVector<double> ys;
    for (const ContourLine& line : contourLines(grid, levels)) {
        for (const Eigen::Vector2d& point : line.points) {
            xs.append(point.x());
            ys.append(point.y());
        }
        xs.append(kNaN);
        ys.append(kNaN);
    }
    m_contours->setData(xs, ys);
    rebuildRun();
}

void LandscapePlot::rebuildRun()
{
    const std::span<const FitStep> steps = m_session->steps();
    const FitStep& current = steps.back();
    QVector<double> xs;
    QVector<double> ys;
    for (const FitStep& step : steps) {
        xs.append(step.parameters.x());
        ys.append(step.parameters.y());
    }
    m_path->setData(xs, ys);
    m_startMarker->setData({steps.front().parameters.x()}, {steps.front().parameters.y()});
    m_point->setData({current.parameters.x()}, {current.parameters.y()});

    // −∇L and −∇L_batch from the point, on one scale: the longer reach (the batch arrow, or
    // the full arrow with the ellipse's largest radius) is kArrowShare of the view.
    const Domain& domain = m_session->parameterDomain();
    const bool isBatch = current.batch.size() < m_session->data().size();
    const GradientSpread spread =
        gradientSpread(m_session->model(), m_session->data(), current.parameters,
                       isBatch ? current.batch.size() : 0);
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(spread.covariance);
    const Eigen::Vector2d radii = solver.eigenvalues().cwiseMax(0.0).cwiseSqrt();
    const double longest =
        std::max(current.gradient.norm() + radii.maxCoeff(), current.batchGradient.norm());
    m_arrowScale = longest > 0 && std::isfinite(longest)
                       ? kArrowShare * std::min(domain.width(), domain.height()) / longest
                       : 0.0;
    const Eigen::Vector2d p = current.parameters;
    const Eigen::Vector2d fullTip = p - m_arrowScale * current.gradient;
    const Eigen::Vector2d batchTip = p - m_arrowScale * current.batchGradient;
    m_fullArrow->start->setCoords(p.x(), p.y());
    m_fullArrow->end->setCoords(fullTip.x(), fullTip.y());
    m_batchArrow->start->setCoords(p.x(), p.y());
    m_batchArrow->end->setCoords(batchTip.x(), batchTip.y());
    m_fullArrow->setVisible(m_arrowScale > 0);
    m_batchArrow->setVisible(m_arrowScale > 0 && isBatch);

    // The batch gradient g_B has mean ∇L and covariance C over all batches of this size: the
    // tip of −s·g_B lies, within one standard deviation, in the ellipse
    // {−s·∇L + s·C^{1/2}·u : |u| ≤ 1} around the full arrow's tip.
    QVector<double> ex;
    QVector<double> ey;
    if (isBatch && m_arrowScale > 0) {
        for (int k = 0; k <= kEllipseSamples; ++k) {
            const double angle = 2 * std::numbers::pi * k / kEllipseSamples;
            const Eigen::Vector2d u(radii.x() * std::cos(angle), radii.y() * std::sin(angle));
            const Eigen::Vector2d point = fullTip - m_arrowScale * (solver.eigenvectors() * u);
            ex.append(point.x());
            ey.append(point.y());
        }
    }
    m_spread->setData(ex, ey);
    m_spread->setVisible(!ex.isEmpty());
    replot(QCustomPlot::rpQueuedReplot);
}

void LandscapePlot::pressOrDrag(QMouseEvent* event)
{
    const bool pressed =
        event->type() == QEvent::MouseButtonPress && event->button() == Qt::LeftButton;
    const bool dragged = event->type() == QEvent::MouseMove && (event->buttons() & Qt::LeftButton);
    if (!pressed && !dragged) {
        return;
    }
    const QPointF at = coordinatesAt(axisRect(), event->position());
    m_session->setStart({at.x(), at.y()});
}

} // namespace gradlab
