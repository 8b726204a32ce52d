// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// simplify(): the Simplifier's single bottom-up pass over the tree, the chains of + and · it
// walks, and the unique table every node it builds goes through.
#include "simplifier.h"

#include "simplifierparts.h"

#include <utility>
#include <vector>

namespace gradlab {
namespace simplifierparts {

NodePtr Simplifier::unique(NodePtr node)
{
    // A new node is its own key: the table keeps it alive with its value.
    auto [position, inserted] = m_unique.try_emplace(NodeKey{node.get()}, node);
    return position->second;
}

NodePtr Simplifier::number(double value)
{
    value = withoutNegativeZero(value);
    // Numbers are never negative in the result: −3 is Negate(3), as the parser reads "-3".
    if (value < 0) {
        return negated(unique(Node::number(-value)));
    }
    return unique(Node::number(value));
}

void Simplifier::countParents(const NodePtr& root)
{
    std::vector<const Node*> stack{root.get()};
    m_parentCounts[root.get()] = 1;
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        for (const NodePtr& child : node->children()) {
            if (m_parentCounts[child.get()]++ == 0) {
                stack.push_back(child.get());
            }
        }
    }
}

NodePtr Simplifier::run(const NodePtr& root)
{
    countParents(root);
    std::vector<Frame> stack{{root, false}};
    std::vector<NodePtr> operands;
    while (!stack.empty()) {
        if (m_done.contains(stack.back().node.get())) {
            stack.pop_back();
            continue;
        }
        if (!stack.back().expanded) {
            stack.back().expanded = true;
            operands.clear();
            collectOperands(stack.back().node, operands);
            for (const NodePtr& operand : operands) {
                if (!m_done.contains(operand.get())) {
                    stack.push_back({operand, false});
                }
            }
            continue;
        }
        NodePtr node = std::move(stack.back().node);
        stack.pop_back();
        NodePtr simplified = combine(node);
        const Node* key = node.get();
        m_done.emplace(key, Done{std::move(node), std::move(simplified)});
    }
    return result(root);
}

void Simplifier::collectOperands(const NodePtr& node, std::vector<NodePtr>& operands) const
{
    std::vector<std::pair<NodePtr, double>> leaves;
    switch (node->kind()) {
    case NodeKind::Add:
    case NodeKind::Subtract:
    case NodeKind::Negate:
        sumLeaves(node, true, leaves);
        break;
    case NodeKind::Multiply:
    case NodeKind::Divide:
        productLeaves(node, true, leaves);
        break;
    default:
        operands = node->children();
        return;
    }
    for (auto& leaf : leaves) {
        operands.push_back(std::move(leaf.first));
    }
}

// The terms of a chain of +, − and unary −, left to right, each with its sign.
void Simplifier::sumLeaves(const NodePtr& root, bool input,
                           std::vector<std::pair<NodePtr, double>>& leaves) const
{
    std::vector<std::pair<const NodePtr*, double>> stack{{&root, 1.0}};
    while (!stack.empty()) {
        const auto [node, sign] = stack.back();
        stack.pop_back();
        if (input && isOwnUnit(*node, root)) {
            leaves.emplace_back(*node, sign);
            continue;
        }
        switch ((*node)->kind()) {
        case NodeKind::Add:
            stack.emplace_back(&(*node)->child(1), sign);
            stack.emplace_back(&(*node)->child(0), sign);
            break;
        case NodeKind::Subtract:
            stack.emplace_back(&(*node)->child(1), -sign);
            stack.emplace_back(&(*node)->child(0), sign);
            break;
        case NodeKind::Negate:
            stack.emplace_back(&(*node)->child(0), -sign);
            break;
        default:
            leaves.emplace_back(*node, sign);
        }
    }
}

// The factors of a chain of · and /, left to right, each with exponent +1 or −1.
void Simplifier::productLeaves(const NodePtr& root, bool input,
                               std::vector<std::pair<NodePtr, double>>& leaves) const
{
    std::vector<std::pair<const NodePtr*, double>> stack{{&root, 1.0}};
    while (!stack.empty()) {
        const auto [node, exponent] = stack.back();
        stack.pop_back();
        if (input && isOwnUnit(*node, root)) {
            leaves.emplace_back(*node, exponent);
            continue;
        }
        switch ((*node)->kind()) {
        case NodeKind::Multiply:
            stack.emplace_back(&(*node)->child(1), exponent);
            stack.emplace_back(&(*node)->child(0), exponent);
            break;
        case NodeKind::Divide:
            stack.emplace_back(&(*node)->child(1), -exponent);
            stack.emplace_back(&(*node)->child(0), exponent);
            break;
        default:
            leaves.emplace_back(*node, exponent);
        }
    }
}

} // namespace simplifierparts

NodePtr simplify(const NodePtr& expression)
{
    if (!expression) {
        return expression;
    }
    simplifierparts::Simplifier simplifier;
    return simplifier.run(expression);
}

} // namespace gradlab
