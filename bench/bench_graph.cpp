// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The Backprop lab's graph of a 200-node expression: ComputationGraph::build, evaluateGraph and
// GraphLayout::compute (Graphviz's dot), each the median of its repetitions in milliseconds,
// with the evaluation against a native reference measured in the same run: f and ∂f/∂x of the
// same function written by hand. The target is build + layout ≤ 100 ms.
//
//   bench_graph [repetitions]     (default 21)

#include "backproplab/graphlayout.h"
#include "expression/parser.h"
#include "graph/computationgraph.h"
#include "graph/graphevaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace gradlab;

namespace {

using Clock = std::chrono::steady_clock;

template <typename Work>
double medianMilliseconds(int repetitions, Work work)
{
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i) {
        const Clock::time_point start = Clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/// Σₖ sin(kx + y)·(x − k/10) for k = 1 … 25: per term some eight new nodes (the constants k and
/// k/10 among them), some 200 in all, with x and y each used by every term.
std::string expressionText()
{
    std::string text;
    for (int k = 1; k <= 25; ++k) {
        text += (k > 1 ? " + " : "") + std::string("sin(") + std::to_string(k) + "x + y)*(x - " +
                std::to_string(k) + "/10)";
    }
    return text;
}

} // namespace

int main(int argc, char** argv)
{
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
    const ParseResult parsed = parse(expressionText());
    if (!parsed.isValid()) {
        std::fprintf(stderr, "bench_graph: %s\n", parsed.error.message.c_str());
        return 1;
    }
    ComputationGraph graph = ComputationGraph::build(parsed.expression);
    // Node boxes as the page draws them: some 70 × 46 points.
    const std::vector<QSizeF> sizes(graph.nodes().size(), QSizeF(70, 46));
    // Graphviz loads its plugins once; that is not part of any later layout.
    GraphLayout layout = GraphLayout::compute(graph, sizes);
    if (layout.isEmpty()) {
        std::fprintf(stderr, "bench_graph: Graphviz could not lay out the graph\n");
        return 1;
    }

    volatile double sink = 0;
    const double build = medianMilliseconds(
        repetitions, [&] { graph = ComputationGraph::build(parsed.expression); });
    const double evaluate =
        medianMilliseconds(repetitions, [&] { sink = evaluateGraph(graph, 0.3, -0.7).xBar; });
    const double lay =
        medianMilliseconds(repetitions, [&] { layout = GraphLayout::compute(graph, sizes); });
    // The native reference: f and ∂f/∂x of the same sum, by hand, 1000 times over.
    const double native =
        medianMilliseconds(repetitions,
                           [&] {
                               double total = 0;
                               for (int r = 0; r < 1000; ++r) {
                                   const double x = 0.3 + r * 1e-9;
                                   const double y = -0.7;
                                   for (int k = 1; k <= 20; ++k) {
                                       const double u = k * x + y;
                                       total += std::cos(u) * k * (x - k / 10.0) + std::sin(u);
                                   }
                               }
                               sink = total;
                           }) /
        1000;
    std::printf("graph of %d nodes (%d operations, %d edges), median of %d\n", graph.size(),
                graph.operationCount(), graph.edgeCount(), repetitions);
    std::printf("  build            %8.3f ms\n", build);
    std::printf("  evaluate         %8.3f ms  (%.0f× f and ∂f/∂x written by hand, "
                "%.4f ms)\n",
                evaluate, evaluate / native, native);
    std::printf("  layout (dot)     %8.3f ms\n", lay);
    std::printf("  build + layout   %8.3f ms  (target ≤ 100 ms)\n", build + lay);
    return sink == sink ? 0 : 1;
}
