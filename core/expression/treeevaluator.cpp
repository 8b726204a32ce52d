// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "treeevaluator.h"

#include "builtins.h"

#include <cmath>
#include <limits>
#include <unordered_map>
#include <vector>

namespace gradlab {

double evaluateTree(const NodePtr& expression, double x, double y,
                    const std::map<std::string, double>& parameters)
{
    if (!expression) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    // Post-order with an explicit stack: a node is computed once all its children are known.
    std::unordered_map<const Node*, double> values;
    std::vector<std::pair<const Node*, bool>> stack{{expression.get(), false}};
    while (!stack.empty()) {
        // Plain variables, not a structured binding: clang 14 cannot capture those in a lambda.
        const Node* node = stack.back().first;
        const bool childrenDone = stack.back().second;
        if (values.contains(node)) {
            stack.pop_back();
            continue;
        }
        if (!childrenDone) {
            stack.back().second = true;
            for (const NodePtr& child : node->children()) {
                if (!values.contains(child.get())) {
                    stack.emplace_back(child.get(), false);
                }
            }
            continue;
        }
        stack.pop_back();
        const auto operand = [&](std::size_t index) {
            return values.at(node->child(index).get());
        };
        double value = std::numeric_limits<double>::quiet_NaN();
        switch (node->kind()) {
        case NodeKind::Number:
        case NodeKind::Constant:
            value = node->value();
            break;
        case NodeKind::Variable:
            value = node->variable() == Variable::X ? x : y;
            break;
        case NodeKind::Parameter:
            if (const auto found = parameters.find(node->name()); found != parameters.end()) {
                value = found->second;
            }
            break;
        case NodeKind::Negate:
            value = -operand(0);
            break;
        case NodeKind::Add:
            value = operand(0) + operand(1);
            break;
        case NodeKind::Subtract:
            value = operand(0) - operand(1);
            break;
        case NodeKind::Multiply:
            value = operand(0) * operand(1);
            break;
        case NodeKind::Divide:
            value = operand(0) / operand(1);
            break;
        case NodeKind::Power:
            value = std::pow(operand(0), operand(1));
            break;
        case NodeKind::Call:
            if (node->children().size() == 1) {
                value = builtinInfo(node->builtin()).evaluate(operand(0));
            }
            break;
        }
        values.emplace(node, value);
    }
    return values.at(expression.get());
}

} // namespace gradlab
