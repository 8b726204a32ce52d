// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "graphevaluation.h"

#include "expression/treeevaluator.h"

#include <cmath>
#include <limits>

namespace gradlab {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

/// f′(u) for each builtin as an expression in the parameter u, from the table's derivative rule
/// (the rule's "self" is f(u) itself).
const std::vector<NodePtr>& outerDerivatives()
{
    static const std::vector<NodePtr> derivatives = [] {
        std::vector<NodePtr> result;
        const NodePtr u = Node::parameter("u");
        for (const BuiltinInfo& info : builtins()) {
            result.push_back(info.derivative(u, Node::call(info.id, {u})));
        }
        return result;
    }();
    return derivatives;
}

} // namespace

double nodeValue(const GraphNode& node, const std::vector<double>& inputValues, double x, double y,
                 const std::map<std::string, double>& parameters)
{
    const auto input = [&inputValues](std::size_t index) {
        return inputValues[index];
    };
    switch (node.op) {
    case GraphOp::X:
        return x;
    case GraphOp::Y:
        return y;
    case GraphOp::Constant:
        return node.constant;
    case GraphOp::Parameter: {
        const auto found = parameters.find(node.name);
        return found == parameters.end() ? kUndefined : found->second;
    }
    case GraphOp::Add:
        return input(0) + input(1);
    case GraphOp::Subtract:
        return input(0) - input(1);
    case GraphOp::Multiply:
        return input(0) * input(1);
    case GraphOp::Divide:
        return input(0) / input(1);
    case GraphOp::Power:
        return std::pow(input(0), input(1));
    case GraphOp::Negate:
        return -input(0);
    case GraphOp::Function:
        break;
    }
    return builtinInfo(node.function).evaluate(input(0));
}

std::vector<double> localPartials(const GraphNode& node, const std::vector<double>& inputValues,
                                  double value)
{
    switch (node.op) {
    case GraphOp::X:
    case GraphOp::Y:
    case GraphOp::Constant:
    case GraphOp::Parameter:
        return {};
    case GraphOp::Add:
        return {1.0, 1.0};
    case GraphOp::Subtract:
        return {1.0, -1.0};
    case GraphOp::Multiply:
        // ∂(ab)/∂a = b, ∂(ab)/∂b = a
        return {inputValues[1], inputValues[0]};
    case GraphOp::Divide: {
        // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²
        const double b = inputValues[1];
        return {1.0 / b, -inputValues[0] / (b * b)};
    }
    case GraphOp::Power: {
        const double u = inputValues[0];
        const double w = inputValues[1];
        // ∂(uʷ)/∂u = w·uʷ⁻¹, the power rule, whatever the exponent depends on.
        const double byBase = w * std::pow(u, w - 1.0);
        double byExponent = value * std::log(u); // ∂(uʷ)/∂w = uʷ·ln u
        if (node.expression && node.expression->child(0)->kind() == NodeKind::Constant &&
            node.expression->child(0)->name() == "e") {
            byExponent = value; // (eʷ)′ = eʷ: ln e is 1 exactly, not its rounding
        } else if (u == 0.0 && w > 0.0) {
            byExponent = 0.0; // 0ʷ = 0 for every w > 0
        }
        return {byBase, byExponent};
    }
    case GraphOp::Negate:
        return {-1.0};
    case GraphOp::Function:
        break;
    }
    const NodePtr& derivative = outerDerivatives()[static_cast<std::size_t>(node.function)];
    return {evaluateTree(derivative, 0.0, 0.0, {{"u", inputValues[0]}})};
}

GraphEvaluation evaluateGraph(const ComputationGraph& graph, double x, double y,
                              const std::map<std::string, double>& parameters)
{
    GraphEvaluation result;
    const std::size_t count = graph.nodes().size();
    result.values.resize(count);
    result.partials.resize(count);
    result.adjoints.assign(count, 0.0);
    result.tangentsX.assign(count, 0.0);
    result.tangentsY.assign(count, 0.0);
    if (graph.isEmpty()) {
        result.value = kUndefined;
        return result;
    }

    // Forward pass, inputs first, with each node's local partials and its tangents
    // v̇ⱼ = Σₖ ∂vⱼ/∂vᵢₖ · v̇ᵢₖ. An input that does not depend on the variable contributes nothing
    // (its tangent is a structural zero): 0 · NaN must not spoil (−2)^2's ∂/∂x with ln(−2).
    std::vector<double> inputValues;
    for (const GraphNode& node : graph.nodes()) {
        const std::size_t j = static_cast<std::size_t>(node.id);
        inputValues.clear();
        for (const int input : node.inputs) {
            inputValues.push_back(result.values[static_cast<std::size_t>(input)]);
        }
        result.values[j] = nodeValue(node, inputValues, x, y, parameters);
        result.partials[j] = localPartials(node, inputValues, result.values[j]);
        result.tangentsX[j] = node.op == GraphOp::X ? 1.0 : 0.0;
        result.tangentsY[j] = node.op == GraphOp::Y ? 1.0 : 0.0;
        for (std::size_t k = 0; k < node.inputs.size(); ++k) {
            const GraphNode& input = graph.node(node.inputs[k]);
            const std::size_t i = static_cast<std::size_t>(input.id);
            if (input.dependsOnX) {
                result.tangentsX[j] += result.partials[j][k] * result.tangentsX[i];
            }
            if (input.dependsOnY) {
                result.tangentsY[j] += result.partials[j][k] * result.tangentsY[i];
            }
        }
    }

    // Reverse pass: v̄_out = 1, then from the output down every user j adds to each of its
    // inputs i the chain-rule term v̄ᵢ += ∂vⱼ/∂vᵢ · v̄ⱼ. Ids are topological, so when j is
    // reached all its users are done and v̄ⱼ is final.
    const int output = graph.output();
    result.adjoints[static_cast<std::size_t>(output)] = 1.0;
    for (int j = output; j >= 0; --j) {
        const GraphNode& node = graph.node(j);
        const double userAdjoint = result.adjoints[static_cast<std::size_t>(j)];
        for (std::size_t k = 0; k < node.inputs.size(); ++k) {
            AdjointContribution contribution;
            contribution.user = j;
            contribution.input = node.inputs[k];
            contribution.slot = static_cast<int>(k);
            contribution.partial = result.partials[static_cast<std::size_t>(j)][k];
            contribution.userAdjoint = userAdjoint;
            contribution.term = contribution.partial * userAdjoint;
            double& adjoint = result.adjoints[static_cast<std::size_t>(contribution.input)];
            adjoint += contribution.term;
            contribution.adjointAfter = adjoint;
            result.contributions.push_back(contribution);
        }
    }

    result.value = result.values[static_cast<std::size_t>(output)];
    const int xNode = graph.variableNode(Variable::X);
    const int yNode = graph.variableNode(Variable::Y);
    result.xBar = xNode < 0 ? 0.0 : result.adjoints[static_cast<std::size_t>(xNode)];
    result.yBar = yNode < 0 ? 0.0 : result.adjoints[static_cast<std::size_t>(yNode)];
    return result;
}

} // namespace gradlab
