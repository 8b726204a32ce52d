// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "graphlayout.h"

#include "graph/computationgraph.h"

#include <graphviz/gvc.h>
#include <memory>
#include <string>

namespace gradlab {
namespace {

/// Graphviz's context, its plugins loaded once for the process (loading them takes longer than
/// laying out a small graph).
GVC_t* context()
{
    static const std::unique_ptr<GVC_t, int (*)(GVC_t*)> instance(gvContext(), &gvFreeContext);
    return instance.get();
}

/// Inches, Graphviz's unit for node sizes, from points.
std::string inches(double points)
{
    return std::to_string(points / 72.0);
}

/// dot input: fixed-size boxes without labels (the view draws its own), one edge per input slot
/// tagged "user:slot".
std::string dotText(const ComputationGraph& graph, std::span<const QSizeF> sizes)
{
    std::string text = "digraph g {\n"
                       "  graph [rankdir=LR, nodesep=0.3, ranksep=0.45, splines=true];\n"
                       "  node [shape=box, fixedsize=true, label=\"\"];\n";
    for (const GraphNode& node : graph.nodes()) {
        const QSizeF size = sizes[static_cast<std::size_t>(node.id)];
        text += "  n" + std::to_string(node.id) + " [width=" + inches(size.width()) +
                ", height=" + inches(size.height()) + "];\n";
    }
    for (const GraphNode& node : graph.nodes()) {
        for (std::size_t slot = 0; slot < node.inputs.size(); ++slot) {
            text += "  n" + std::to_string(node.inputs[slot]) + " -> n" + std::to_string(node.id) +
                    " [slot=\"" + std::to_string(node.id) + ":" + std::to_string(slot) + "\"];\n";
        }
    }
    return text + "}\n";
}

} // namespace

GraphLayout GraphLayout::compute(const ComputationGraph& graph, std::span<const QSizeF> sizes)
{
    GraphLayout layout;
    if (graph.isEmpty() || sizes.size() != graph.nodes().size()) {
        return layout;
    }
    const std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> g(agmemread(dotText(graph, sizes).c_str()),
                                                          &agclose);
    if (!g || gvLayout(context(), g.get(), "dot") != 0) {
        return layout;
    }
    // Graphviz's y grows upwards from the bottom of the bounding box; the scene's downwards.
    const boxf box = GD_bb(g.get());
    const auto toScene = [&box](pointf point) {
        return QPointF(point.x - box.LL.x, box.UR.y - point.y);
    };
    layout.m_bounds = QRectF(0, 0, box.UR.x - box.LL.x, box.UR.y - box.LL.y);
    layout.m_nodes.resize(graph.nodes().size());
    char slotName[] = "slot";
    for (Agnode_t* node = agfstnode(g.get()); node; node = agnxtnode(g.get(), node)) {
        const int id = std::stoi(std::string(agnameof(node)).substr(1));
        const double width = ND_width(node) * 72.0;
        const double height = ND_height(node) * 72.0;
        const QPointF centre = toScene(ND_coord(node));
        layout.m_nodes[static_cast<std::size_t>(id)] =
            QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height);
        for (Agedge_t* edge = agfstout(g.get(), node); edge; edge = agnxtout(g.get(), edge)) {
            const std::string tag = agget(edge, slotName);
            const std::size_t colon = tag.find(':');
            const splines* spline = ED_spl(edge);
            if (colon == std::string::npos || !spline || spline->size < 1) {
                continue;
            }
            EdgeRoute route;
            route.user = std::stoi(tag.substr(0, colon));
            route.slot = std::stoi(tag.substr(colon + 1));
            route.input = id;
            // A cubic B-spline as Graphviz gives it: a start point, then three points per piece.
            const bezier& curve = spline->list[0];
            route.path.moveTo(toScene(curve.list[0]));
            for (int i = 1; i + 2 < curve.size; i += 3) {
                route.path.cubicTo(toScene(curve.list[i]), toScene(curve.list[i + 1]),
                                   toScene(curve.list[i + 2]));
            }
            route.arrowBase = toScene(curve.list[curve.size - 1]);
            route.arrowTip = curve.eflag ? toScene(curve.ep) : route.arrowBase;
            layout.m_edges.push_back(route);
        }
    }
    gvFreeLayout(context(), g.get());
    return layout;
}

} // namespace gradlab
