// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/optimizer.h"

#include <QColor>
#include <QLineF>
#include <QPointF>
#include <functional>
#include <vector>

class QCustomPlot;
class QCPCurve;
class QCPItemLine;
class QCPItemText;
class QCPLayer;

namespace gradlab {

/// \brief What L-BFGS and Nelder–Mead reason with, drawn over the contour map for one run at the
/// current step: L-BFGS's search direction d from x_k (its line-search trials lie on it) and
/// its memory, the steps s_i of its curvature pairs laid end to end back from x_k; Nelder–Mead's
/// simplex with the move that made it. Other methods draw nothing here.
class OptimizerOverlay
{
public:
    /// Items on \a layer of \a plot, in the run's \a color; the plot owns them.
    OptimizerOverlay(QCustomPlot* plot, QCPLayer* layer, const QColor& color);
    /// Removes the items from the plot.
    void remove();

    /// Shows what \a record holds; \a drawable says whether a point may be drawn (finite, not
    /// absurdly far out). Hides everything when \a visible is false.
    void update(const StepRecord& record, bool visible,
                const std::function<bool(const Eigen::Vector2d&)>& drawable);

    /// What is drawn, for tests: the simplex (closed: four points), the memory's polyline (the
    /// oldest step's start first, x_k last), the search direction from x_k to x_k + d, and the
    /// simplex move's caption. Empty when not drawn.
    std::vector<QPointF> simplexPoints() const;
    std::vector<QPointF> memoryPoints() const;
    QLineF direction() const;
    QString simplexCaption() const;
    /// The caption's item, for the view's fonts (it follows the view's font as notes do).
    QCPItemText* captionItem() const { return m_caption; }

private:
    QCustomPlot* m_plot = nullptr;
    QCPCurve* m_simplex = nullptr;
    QCPCurve* m_memory = nullptr;
    QCPItemLine* m_direction = nullptr;
    QCPItemText* m_caption = nullptr;
};

/// "reflection", "expansion", "outside contraction", "inside contraction", "shrink"; empty for
/// None.
QString simplexMoveText(SimplexMove move);

} // namespace gradlab
