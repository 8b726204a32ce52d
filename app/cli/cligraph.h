// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "clicommands.h"

namespace gradlab {

class ComputationGraph;
struct GraphEvaluation;

/// The `graph` subcommand: the computation graph of EXPR at a point, with each node's value and
/// adjoint, as JSON, Graphviz dot or CSV.
CommandSpec graphCommand();

/// \a graph as Graphviz input: a left-to-right digraph, one box per node labelled with its
/// operation, its value and its adjoint at the point of \a evaluation, one edge per input.
std::string graphToDot(const ComputationGraph& graph, const GraphEvaluation& evaluation);

} // namespace gradlab
