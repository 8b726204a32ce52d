// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "node.h"

#include "builtins.h"

#include <algorithm>
#include <unordered_map>

namespace gradlab {
namespace {

// Iterative walks: trees can be deep (a long sum is as deep as it has terms), so nothing here
// recurses.
template <typename Predicate>
bool anyNode(const Node& root, Predicate predicate)
{
    std::vector<const Node*> stack{&root};
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        if (predicate(*node)) {
            return true;
        }
        for (const NodePtr& child : node->children()) {
            stack.push_back(child.get());
        }
    }
    return false;
}

} // namespace

Node::~Node()
{
    // Children this node alone owns are taken over, level by level, so that destroying each of
    // them finds no children left and the chain of destructors never nests.
    std::vector<NodePtr> orphans;
    const auto adopt = [&orphans](std::vector<NodePtr>& children) {
        for (NodePtr& child : children) {
            if (child.use_count() == 1) {
                orphans.push_back(std::move(child));
            }
        }
        children.clear();
    };
    adopt(m_children);
    while (!orphans.empty()) {
        const NodePtr node = std::move(orphans.back());
        orphans.pop_back();
        // The last owner may take apart what it is about to destroy.
        adopt(const_cast<Node&>(*node).m_children);
    }
}

bool Node::isConstantIn(gradlab::Variable v) const
{
    return !anyNode(
        *this, [v](const Node& n) { return n.kind() == NodeKind::Variable && n.variable() == v; });
}

bool Node::isConstant() const
{
    return !anyNode(*this, [](const Node& n) { return n.kind() == NodeKind::Variable; });
}

NodePtr Node::number(double value)
{
    auto node = std::shared_ptr<Node>(new Node);
    node->m_kind = NodeKind::Number;
    node->m_value = value;
    return node;
}

NodePtr Node::constant(std::string name, double value)
{
    auto node = std::shared_ptr<Node>(new Node);
    node->m_kind = NodeKind::Constant;
    node->m_name = std::move(name);
    node->m_value = value;
    return node;
}

NodePtr Node::variable(gradlab::Variable variable)
{
    auto node = std::shared_ptr<Node>(new Node);
    node->m_kind = NodeKind::Variable;
    node->m_variable = variable;
    return node;
}

NodePtr Node::parameter(std::string name)
{
    auto node = std::shared_ptr<Node>(new Node);
    node->m_kind = NodeKind::Parameter;
    node->m_name = std::move(name);
    return node;
}

NodePtr Node::negate(NodePtr operand)
{
    auto node = std::shared_ptr<Node>(new Node);
    node->m_kind = NodeKind::Negate;
    node->m_children.push_back(std::move(operand));
    return node;
}

NodePtr Node::binary(NodeKind kind, NodePtr left, NodePtr right)
{
    auto node = std::shared_ptr<Node>(new Node);
    node->m_kind = kind;
    node->m_children.push_back(std::move(left));
    node->m_children.push_back(std::move(right));
    return node;
}

NodePtr Node::call(Builtin builtin, std::vector<NodePtr> arguments)
{
    auto node = std::shared_ptr<Node>(new Node);
    node->m_kind = NodeKind::Call;
    node->m_builtin = builtin;
    node->m_children = std::move(arguments);
    return node;
}

NodePtr call(Builtin builtin, NodePtr argument)
{
    std::vector<NodePtr> arguments;
    arguments.push_back(std::move(argument));
    return Node::call(builtin, std::move(arguments));
}

std::size_t printedSize(const Node& root, std::size_t cap)
{
    // Post-order over the shared nodes: a node's size is 1 + its children's, saturated at cap.
    std::unordered_map<const Node*, std::size_t> sizes;
    std::vector<std::pair<const Node*, bool>> stack{{&root, false}};
    while (!stack.empty()) {
        auto& [node, expanded] = stack.back();
        if (sizes.contains(node)) {
            stack.pop_back();
            continue;
        }
        if (!expanded) {
            expanded = true;
            const Node* current = node;
            for (const NodePtr& child : current->children()) {
                if (!sizes.contains(child.get())) {
                    stack.emplace_back(child.get(), false);
                }
            }
            continue;
        }
        std::size_t size = 1;
        for (const NodePtr& child : node->children()) {
            size = std::min(size + sizes.at(child.get()), cap);
        }
        sizes.emplace(node, size);
        stack.pop_back();
    }
    return sizes.at(&root);
}

bool structurallyEqual(const Node& a, const Node& b)
{
    std::vector<std::pair<const Node*, const Node*>> stack{{&a, &b}};
    while (!stack.empty()) {
        auto [p, q] = stack.back();
        stack.pop_back();
        if (p == q) {
            continue;
        }
        if (p->kind() != q->kind() || p->children().size() != q->children().size()) {
            return false;
        }
        switch (p->kind()) {
        case NodeKind::Number:
            if (!(p->value() == q->value()) &&
                !(p->value() != p->value() && q->value() != q->value())) {
                return false;
            }
            break;
        case NodeKind::Constant:
        case NodeKind::Parameter:
            if (p->name() != q->name()) {
                return false;
            }
            break;
        case NodeKind::Variable:
            if (p->variable() != q->variable()) {
                return false;
            }
            break;
        case NodeKind::Call:
            if (p->builtin() != q->builtin()) {
                return false;
            }
            break;
        default:
            break;
        }
        for (std::size_t i = 0; i < p->children().size(); ++i) {
            stack.emplace_back(p->child(i).get(), q->child(i).get());
        }
    }
    return true;
}

} // namespace gradlab
