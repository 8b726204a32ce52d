// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointF>
#include <array>

namespace gradlab {

/// \brief Fig. 1: a straight line through two points, its run Δx, rise Δy and slope Δy/Δx.
/// Normally the two points define the line and dragging either changes it; while the points
/// move along the line, dragging slides a point along the line it is on, and the slope stays.
class SlopeModel : public QObject
{
    Q_OBJECT

public:
    explicit SlopeModel(QObject* parent = nullptr);

    /// Point 0 is (x₁, y₁), point 1 is (x₂, y₂).
    QPointF point(int index) const { return m_points.at(static_cast<std::size_t>(index)); }
    /// Δx = x₂ − x₁, the run.
    double run() const;
    /// Δy = y₂ − y₁, the rise.
    double rise() const;
    /// Δy / Δx; NaN for a vertical line (a run of zero).
    double slope() const;
    bool isVertical() const { return run() == 0.0; }
    /// y on the line at \a x (NaN for a vertical line).
    double lineAt(double x) const;
    bool movesAlongLine() const { return m_movesAlongLine; }

    static constexpr int kPointCount = 2;

public Q_SLOTS:
    /// Moves point \a index to \a point; while movesAlongLine(), only its x is taken (its y
    /// follows the line) and a move onto the other point is refused, since two points are needed.
    void setPoint(int index, const QPointF& point);
    void setMovesAlongLine(bool alongLine);

Q_SIGNALS:
    /// A point moved.
    void pointsChanged();
    void movesAlongLineChanged(bool alongLine);

private:
    std::array<QPointF, kPointCount> m_points{QPointF(1.0, 1.0), QPointF(3.0, 5.0)};
    bool m_movesAlongLine = false;
};

} // namespace gradlab
