// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "slopemodel.h"

#include <cmath>
#include <limits>

namespace gradlab {

SlopeModel::SlopeModel(QObject* parent)
    : QObject(parent)
{}

double SlopeModel::run() const
{
    // Δx = x₂ − x₁
    return m_points[1].x() - m_points[0].x();
}

double SlopeModel::rise() const
{
    // Δy = y₂ − y₁
    return m_points[1].y() - m_points[0].y();
}

double SlopeModel::slope() const
{
    if (isVertical()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    // slope = Δy / Δx
    return rise() / run();
}

double SlopeModel::lineAt(double x) const
{
    // y = y₁ + slope·(x − x₁)
    return m_points[0].y() + slope() * (x - m_points[0].x());
}

void SlopeModel::setPoint(int index, const QPointF& point)
{
    if (index < 0 || index >= kPointCount || !std::isfinite(point.x()) ||
        !std::isfinite(point.y())) {
        return;
    }
    const auto self = static_cast<std::size_t>(index);
    const QPointF& other = m_points[1 - self];
    QPointF moved = point;
    if (m_movesAlongLine) {
        if (isVertical()) {
            // A vertical line: sliding along it changes y only.
            moved.setX(m_points[self].x());
        } else {
            moved.setY(lineAt(point.x()));
        }
        if (moved == other) {
            return;
        }
    }
    if (moved == m_points[self]) {
        return;
    }
    m_points[self] = moved;
    Q_EMIT pointsChanged();
}

void SlopeModel::setMovesAlongLine(bool alongLine)
{
    if (alongLine == m_movesAlongLine) {
        return;
    }
    m_movesAlongLine = alongLine;
    Q_EMIT movesAlongLineChanged(alongLine);
}

} // namespace gradlab
