// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview/optimizeroverlay.h"

#include <QCoreApplication>
#include <algorithm>
#include <qcustomplot.h>

namespace gradlab {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("gradlab::OptimizerOverlay", text);
}

void setPoints(QCPCurve* curve, const std::vector<Eigen::Vector2d>& points)
{
    QVector<double> xs;
    QVector<double> ys;
    for (const Eigen::Vector2d& point : points) {
        xs.push_back(point.x());
        ys.push_back(point.y());
    }
    curve->setData(xs, ys);
}

std::vector<QPointF> pointsOf(const QCPCurve* curve)
{
    std::vector<QPointF> points;
    if (!curve->visible()) {
        return points;
    }
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it) {
        points.emplace_back(it->key, it->value);
    }
    return points;
}

} // namespace

QString simplexMoveText(SimplexMove move)
{
    switch (move) {
    case SimplexMove::None:
        return {};
    case SimplexMove::Reflection:
        return tr("reflection");
    case SimplexMove::Expansion:
        return tr("expansion");
    case SimplexMove::OutsideContraction:
        return tr("outside contraction");
    case SimplexMove::InsideContraction:
        return tr("inside contraction");
    case SimplexMove::Shrink:
        return tr("shrink");
    }
    return {};
}

OptimizerOverlay::OptimizerOverlay(QCustomPlot* plot, QCPLayer* layer, const QColor& color)
    : m_plot(plot)
{
    // The memory: a wide translucent band under the path, a tick at the end of each step.
    m_memory = new QCPCurve(plot->xAxis, plot->yAxis);
    m_memory->setLayer(layer);
    QColor band = color;
    band.setAlpha(110);
    m_memory->setPen(QPen(band, 9.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    m_memory->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 1.2), Qt::NoBrush, 9));
    m_memory->setVisible(false);

    // The simplex: a closed triangle, filled lightly, its vertices marked.
    m_simplex = new QCPCurve(plot->xAxis, plot->yAxis);
    m_simplex->setLayer(layer);
    m_simplex->setPen(QPen(Qt::white, 1.6));
    QColor fill = color;
    fill.setAlpha(80);
    m_simplex->setBrush(fill);
    m_simplex->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(Qt::white, 1.0), color, 7));
    m_simplex->setVisible(false);

    // L-BFGS's direction d: dashed, the trials and the accepted step lie along it.
    m_direction = new QCPItemLine(plot);
    m_direction->setLayer(layer);
    m_direction->setPen(QPen(Qt::white, 1.6, Qt::DashLine));
    m_direction->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 9, 11));
    m_direction->setVisible(false);

    m_caption = new QCPItemText(plot);
    m_caption->setLayer(layer);
    m_caption->setColor(Qt::white);
    m_caption->setBrush(QColor(0, 0, 0, 150));
    m_caption->setPadding(QMargins(4, 1, 4, 1));
    m_caption->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    m_caption->setVisible(false);
}

void OptimizerOverlay::remove()
{
    m_plot->removePlottable(m_memory);
    m_plot->removePlottable(m_simplex);
    m_plot->removeItem(m_direction);
    m_plot->removeItem(m_caption);
}

void OptimizerOverlay::update(const StepRecord& record, bool visible,
                              const std::function<bool(const Eigen::Vector2d&)>& drawable)
{
    m_memory->setVisible(false);
    m_simplex->setVisible(false);
    m_direction->setVisible(false);
    m_caption->setVisible(false);
    if (!visible || !drawable(record.point)) {
        return;
    }

    if (record.hasSimplex) {
        std::vector<Eigen::Vector2d> corners(record.simplex.begin(), record.simplex.end());
        corners.push_back(record.simplex[0]);
        if (std::all_of(corners.begin(), corners.end(), drawable)) {
            setPoints(m_simplex, corners);
            m_simplex->setVisible(true);
            const QString move = simplexMoveText(record.simplexMove);
            if (!move.isEmpty()) {
                m_caption->setText(move);
                m_caption->position->setCoords(record.simplex[0].x(), record.simplex[0].y());
                m_caption->setVisible(true);
            }
        }
    }

    if (!record.curvaturePairs.empty()) {
        // s_i = x_{i+1} − x_i, newest last: laid end to end back from x_k.
        std::vector<Eigen::Vector2d> chain{record.point};
        for (auto it = record.curvaturePairs.rbegin(); it != record.curvaturePairs.rend(); ++it) {
            chain.push_back(chain.back() - it->step);
        }
        std::reverse(chain.begin(), chain.end());
        if (std::all_of(chain.begin(), chain.end(), drawable)) {
            setPoints(m_memory, chain);
            m_memory->setVisible(true);
        }
    }

    const Eigen::Vector2d end = record.point + record.searchDirection;
    if (record.searchDirection.squaredNorm() > 0 && drawable(end)) {
        m_direction->start->setCoords(record.point.x(), record.point.y());
        m_direction->end->setCoords(end.x(), end.y());
        m_direction->setVisible(true);
    }
}

std::vector<QPointF> OptimizerOverlay::simplexPoints() const
{
    return pointsOf(m_simplex);
}

std::vector<QPointF> OptimizerOverlay::memoryPoints() const
{
    return pointsOf(m_memory);
}

QLineF OptimizerOverlay::direction() const
{
    if (!m_direction->visible()) {
        return {};
    }
    return QLineF(m_direction->start->coords(), m_direction->end->coords());
}

QString OptimizerOverlay::simplexCaption() const
{
    return m_caption->visible() ? m_caption->text() : QString();
}

} // namespace gradlab
