// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "computationgraph.h"

#include <map>
#include <string>
#include <vector>

namespace gradlab {

/// \brief One term of the backward pass: v̄ᵢ += ∂vⱼ/∂vᵢ · v̄ⱼ, for input slot \a slot of user j.
struct AdjointContribution
{
    int user = 0;              ///< j, whose adjoint is final when the term is added
    int input = 0;             ///< i = inputs[slot] of j
    int slot = 0;              ///< which input of j (x·x has two slots on one node)
    double partial = 0.0;      ///< ∂vⱼ/∂vᵢ at the point
    double userAdjoint = 0.0;  ///< v̄ⱼ
    double term = 0.0;         ///< partial · userAdjoint
    double adjointAfter = 0.0; ///< v̄ᵢ once the term is added
};

/// \brief A computation graph evaluated at one point: forward values, local partials, the
/// reverse pass (adjoints and every chain-rule term in the order it is added) and the forward-mode
/// tangents for ẋ, ẏ = 1, 0 and 0, 1. All vectors are indexed by node id.
struct GraphEvaluation
{
    std::vector<double> values;
    /// partials[j][k] = ∂vⱼ/∂v_{inputs[k]} at the point.
    std::vector<std::vector<double>> partials;
    /// v̄ = ∂f/∂v; the output's is 1.
    std::vector<double> adjoints;
    /// The backward pass: users from the output down (reverse topological order), each user's
    /// input slots left to right.
    std::vector<AdjointContribution> contributions;
    /// ∂v/∂x (ẋ, ẏ = 1, 0) and ∂v/∂y (ẋ, ẏ = 0, 1), forward mode.
    std::vector<double> tangentsX;
    std::vector<double> tangentsY;

    double value = 0.0; ///< f, the output's value
    double xBar = 0.0;  ///< x̄ = ∂f/∂x (0 when the graph has no x node)
    double yBar = 0.0;  ///< ȳ = ∂f/∂y
};

/// ∂v/∂inputs[k] of \a node for k = 0, 1, … given its inputs' values and its own \a value.
/// Functions use the derivative rule of their builtin-table row, so the engine's conventions hold:
/// relu′(0) = 0, |u|′(0) = 0, NaN outside a domain. For u^w: ∂/∂u = w·u^(w−1), ∂/∂w = u^w·ln u
/// (0 where u = 0 and w > 0, since 0^w is 0 for every positive w).
std::vector<double> localPartials(const GraphNode& node, const std::vector<double>& inputValues,
                                  double value);

/// The value of \a node from its inputs' values (and a parameter's or a constant's own).
double nodeValue(const GraphNode& node, const std::vector<double>& inputValues, double x, double y,
                 const std::map<std::string, double>& parameters);

/// Forward values, partials, reverse-mode adjoints and forward-mode tangents of \a graph at (x, y).
/// A parameter missing from \a parameters is NaN.
GraphEvaluation evaluateGraph(const ComputationGraph& graph, double x, double y,
                              const std::map<std::string, double>& parameters = {});

} // namespace gradlab
