// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The Simplifier's rules for each kind of node, applied to operands already simplified: sums,
// products, powers, function calls and leaves.
#include "expression/builtins.h"
#include "simplifierparts.h"

#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace gradlab {
namespace simplifierparts {
namespace {

/// Whether (u^a)^n may become u^(a·n): whole n, and no whole a·n from a fractional a
/// ((x^0.5)^2 is not x for x < 0).
bool canRaiseExponent(double a, double n)
{
    return isInteger(n) && std::isfinite(a * n) && (isInteger(a) || !isInteger(a * n));
}

} // namespace

NodePtr Simplifier::combine(const NodePtr& node)
{
    switch (node->kind()) {
    case NodeKind::Add:
    case NodeKind::Subtract:
    case NodeKind::Negate:
        return combineSum(node);
    case NodeKind::Multiply:
    case NodeKind::Divide:
        return combineProduct(node);
    case NodeKind::Power:
        return combinePower(node);
    case NodeKind::Call:
        return combineCall(node);
    default:
        return combineLeaf(node);
    }
}

NodePtr Simplifier::combineLeaf(const NodePtr& node)
{
    if (node->kind() == NodeKind::Number && std::isfinite(node->value())) {
        return number(node->value());
    }
    return unique(node);
}

NodePtr Simplifier::combineSum(const NodePtr& node)
{
    std::vector<std::pair<NodePtr, double>> leaves;
    sumLeaves(node, true, leaves);
    SumBuilder sum;
    for (const auto& [leaf, sign] : leaves) {
        addTerms(result(leaf), sign, sum);
    }
    return buildSum(std::move(sum.terms()));
}

NodePtr Simplifier::combineProduct(const NodePtr& node)
{
    std::vector<std::pair<NodePtr, double>> leaves;
    productLeaves(node, true, leaves);
    ProductBuilder product(*this);
    for (const auto& [leaf, exponent] : leaves) {
        product.multiply(productOf(result(leaf)), exponent);
    }
    return buildProduct(product.take());
}

NodePtr Simplifier::combinePower(const NodePtr& node)
{
    const NodePtr& base = result(node->child(0));
    const NodePtr& exponent = result(node->child(1));
    const std::optional<double> baseValue = numericValue(*base);
    if (base->isNumber(1.0)) {
        return base; // 1^u = 1 for every u, as pow has it
    }
    const std::optional<double> power = numericValue(*exponent);
    if (!power) {
        return binary(NodeKind::Power, base, exponent);
    }
    const double n = *power;
    if (n == 0) {
        return number(1); // u^0 = 1, even where u is undefined, as pow has it
    }
    if (n == 1) {
        return base;
    }
    if (baseValue) {
        if (const std::optional<double> folded = foldPower(*baseValue, n)) {
            return number(*folded);
        }
    }
    if (base->isNumber(0.0) && n > 0) {
        return number(0);
    }
    ProductBuilder raised(*this);
    if (!isInteger(n)) {
        raised.addFactor(base, n);
        return buildProduct(raised.take());
    }
    // (c·∏ bᵢ^eᵢ)ⁿ = cⁿ·∏ bᵢ^(eᵢ·n) for whole n; the sign of c survives odd n only.
    const Product product = productOf(base);
    const double magnitude = std::fabs(product.coefficient);
    const bool odd = std::fmod(std::fabs(n), 2.0) == 1.0;
    if (product.coefficient < 0 && odd) {
        raised.multiplyCoefficient(-1, 1);
    }
    if (magnitude != 1) {
        if (const std::optional<double> folded = foldPower(magnitude, n)) {
            raised.multiplyCoefficient(*folded, 1);
        } else {
            raised.addFactor(number(magnitude), n);
        }
    }
    for (const Factor& factor : product.factors) {
        if (canRaiseExponent(factor.exponent, n)) {
            raised.addFactor(factor.base, factor.exponent * n);
        } else {
            raised.addFactor(buildMagnitude(1, {factor}), n);
        }
    }
    return buildProduct(raised.take());
}

NodePtr Simplifier::combineCall(const NodePtr& node)
{
    std::vector<NodePtr> arguments;
    for (const NodePtr& child : node->children()) {
        arguments.push_back(result(child));
    }
    const BuiltinInfo& info = builtinInfo(node->builtin());
    if (arguments.size() == 1) {
        const NodePtr& argument = arguments.front();
        if (const std::optional<double> value = numericValue(*argument)) {
            if (const std::optional<double> folded = shortDecimal(info.evaluate(*value))) {
                return number(*folded);
            }
        }
        // ln e = 1
        if (node->builtin() == Builtin::Log && argument->kind() == NodeKind::Constant &&
            argument->name() == "e") {
            return number(1);
        }
        if (node->builtin() == Builtin::Abs) {
            // |−u| = |u| and ||u|| = |u|
            if (argument->kind() == NodeKind::Negate) {
                return unique(call(Builtin::Abs, argument->child(0)));
            }
            if (argument->kind() == NodeKind::Call && argument->builtin() == Builtin::Abs) {
                return argument;
            }
        }
    }
    return unique(Node::call(node->builtin(), std::move(arguments)));
}

} // namespace simplifierparts
} // namespace gradlab
