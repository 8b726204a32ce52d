// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QPainterPath>
#include <QRectF>
#include <QSizeF>
#include <span>
#include <vector>

namespace gradlab {

class ComputationGraph;

/// \brief One drawn edge: input slot \a slot of node \a user, coming from node \a input.
struct EdgeRoute
{
    int user = 0;
    int slot = 0;
    int input = 0;
    QPainterPath path; ///< the spline, from the input's border to the arrow's base
    QPointF arrowBase; ///< where the arrowhead starts
    QPointF arrowTip;  ///< where it touches the user's border
};

/// \brief Where Graphviz's dot puts the nodes and edges of a computation graph, left to right,
/// in scene units (1 unit = 1 point) with y growing downwards; edges are routed around nodes.
class GraphLayout
{
public:
    /// Lays out \a graph with node i of size \a sizes[i]. An empty result when Graphviz fails.
    static GraphLayout compute(const ComputationGraph& graph, std::span<const QSizeF> sizes);

    bool isEmpty() const { return m_nodes.empty(); }
    QRectF bounds() const { return m_bounds; }
    /// The rectangle of node \a id.
    QRectF node(int id) const { return m_nodes[static_cast<std::size_t>(id)]; }
    const std::vector<QRectF>& nodes() const { return m_nodes; }
    const std::vector<EdgeRoute>& edges() const { return m_edges; }

private:
    QRectF m_bounds;
    std::vector<QRectF> m_nodes;
    std::vector<EdgeRoute> m_edges;
};

} // namespace gradlab
