// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "computationgraph.h"

#include "expression/printer.h"

#include <bit>
#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_map>

namespace gradlab {
namespace {

/// \brief Builds the nodes in post-order, giving every (operation, function, constant, name,
/// inputs) one node.
class GraphBuilder
{
public:
    explicit GraphBuilder(SigmoidForm sigmoid)
        : m_sigmoid(sigmoid)
    {}

    int add(const Node& tree, const NodePtr& pointer, const std::vector<int>& children);
    std::vector<GraphNode> take() { return std::move(m_nodes); }

private:
    int intern(GraphOp op, Builtin function, std::vector<int> inputs, double constant,
               const std::string& name, NodePtr expression);
    const NodePtr& expressionOf(int id) const
    {
        return m_nodes[static_cast<std::size_t>(id)].expression;
    }

    using Key = std::tuple<GraphOp, Builtin, std::uint64_t, std::string, std::vector<int>>;
    SigmoidForm m_sigmoid;
    std::vector<GraphNode> m_nodes;
    std::map<Key, int> m_ids;
};

int GraphBuilder::intern(GraphOp op, Builtin function, std::vector<int> inputs, double constant,
                         const std::string& name, NodePtr expression)
{
    // Constants are told apart by their bits: 0 and −0 are two numbers, as printing shows them.
    Key key{op, function, std::bit_cast<std::uint64_t>(constant), name, inputs};
    if (const auto found = m_ids.find(key); found != m_ids.end()) {
        return found->second;
    }
    GraphNode node;
    node.id = static_cast<int>(m_nodes.size());
    node.op = op;
    node.function = function;
    node.constant = constant;
    node.name = name;
    node.expression = std::move(expression);
    node.dependsOnX = op == GraphOp::X;
    node.dependsOnY = op == GraphOp::Y;
    for (const int input : inputs) {
        node.dependsOnX = node.dependsOnX || m_nodes[static_cast<std::size_t>(input)].dependsOnX;
        node.dependsOnY = node.dependsOnY || m_nodes[static_cast<std::size_t>(input)].dependsOnY;
    }
    node.inputs = std::move(inputs);
    m_ids.emplace(std::move(key), node.id);
    m_nodes.push_back(std::move(node));
    return m_nodes.back().id;
}

int GraphBuilder::add(const Node& tree, const NodePtr& pointer, const std::vector<int>& children)
{
    const std::string none;
    switch (tree.kind()) {
    case NodeKind::Number:
        return intern(GraphOp::Constant, Builtin{}, {}, tree.value(), none, pointer);
    case NodeKind::Constant:
        return intern(GraphOp::Constant, Builtin{}, {}, tree.value(), tree.name(), pointer);
    case NodeKind::Variable:
        return intern(tree.variable() == Variable::X ? GraphOp::X : GraphOp::Y, Builtin{}, {}, 0.0,
                      none, pointer);
    case NodeKind::Parameter:
        return intern(GraphOp::Parameter, Builtin{}, {}, 0.0, tree.name(), pointer);
    case NodeKind::Negate:
        return intern(GraphOp::Negate, Builtin{}, children, 0.0, none, pointer);
    case NodeKind::Add:
        return intern(GraphOp::Add, Builtin{}, children, 0.0, none, pointer);
    case NodeKind::Subtract:
        return intern(GraphOp::Subtract, Builtin{}, children, 0.0, none, pointer);
    case NodeKind::Multiply:
        return intern(GraphOp::Multiply, Builtin{}, children, 0.0, none, pointer);
    case NodeKind::Divide:
        return intern(GraphOp::Divide, Builtin{}, children, 0.0, none, pointer);
    case NodeKind::Power:
        return intern(GraphOp::Power, Builtin{}, children, 0.0, none, pointer);
    case NodeKind::Call:
        break;
    }
    if (tree.builtin() == Builtin::Sigmoid && m_sigmoid == SigmoidForm::Expanded) {
        // σ(u) = 1 / (1 + e^(−u)): four operations where the fused node has one.
        const int u = children[0];
        const int one = intern(GraphOp::Constant, Builtin{}, {}, 1.0, none, num(1));
        const int negated =
            intern(GraphOp::Negate, Builtin{}, {u}, 0.0, none, neg(expressionOf(u)));
        const int exponential = intern(GraphOp::Function, Builtin::Exp, {negated}, 0.0, none,
                                       call(Builtin::Exp, expressionOf(negated)));
        const int denominator = intern(GraphOp::Add, Builtin{}, {one, exponential}, 0.0, none,
                                       gradlab::add(expressionOf(one), expressionOf(exponential)));
        return intern(GraphOp::Divide, Builtin{}, {one, denominator}, 0.0, none,
                      div(expressionOf(one), expressionOf(denominator)));
    }
    return intern(GraphOp::Function, tree.builtin(), children, 0.0, none, pointer);
}

} // namespace

ComputationGraph ComputationGraph::build(const NodePtr& expression, SigmoidForm sigmoid)
{
    ComputationGraph graph;
    if (!expression) {
        return graph;
    }
    GraphBuilder builder(sigmoid);
    // Post-order with an explicit stack; a subtree shared in the tree is visited once.
    std::unordered_map<const Node*, int> ids;
    std::vector<std::pair<const NodePtr*, bool>> stack{{&expression, false}};
    while (!stack.empty()) {
        const NodePtr& tree = *stack.back().first;
        const bool childrenDone = stack.back().second;
        if (ids.contains(tree.get())) {
            stack.pop_back();
            continue;
        }
        if (!childrenDone) {
            stack.back().second = true;
            // Pushed right to left, so the left operand gets the lower ids.
            const auto& children = tree->children();
            for (auto child = children.rbegin(); child != children.rend(); ++child) {
                if (!ids.contains(child->get())) {
                    stack.emplace_back(&*child, false);
                }
            }
            continue;
        }
        std::vector<int> inputs;
        for (const NodePtr& child : tree->children()) {
            inputs.push_back(ids.at(child.get()));
        }
        const int id = builder.add(*tree, tree, inputs);
        ids.emplace(tree.get(), id);
        stack.pop_back();
    }
    graph.m_output = ids.at(expression.get());
    graph.m_nodes = builder.take();
    graph.m_users.resize(graph.m_nodes.size());
    for (const GraphNode& node : graph.m_nodes) {
        for (const int input : node.inputs) {
            graph.m_users[static_cast<std::size_t>(input)].push_back(node.id);
        }
    }
    return graph;
}

int ComputationGraph::variableNode(Variable variable) const
{
    const GraphOp op = variable == Variable::X ? GraphOp::X : GraphOp::Y;
    for (const GraphNode& node : m_nodes) {
        if (node.op == op) {
            return node.id;
        }
    }
    return -1;
}

int ComputationGraph::operationCount() const
{
    int count = 0;
    for (const GraphNode& node : m_nodes) {
        count += node.isLeaf() ? 0 : 1;
    }
    return count;
}

int ComputationGraph::edgeCount() const
{
    int count = 0;
    for (const GraphNode& node : m_nodes) {
        count += static_cast<int>(node.inputs.size());
    }
    return count;
}

std::string_view operationName(const GraphNode& node)
{
    switch (node.op) {
    case GraphOp::X:
        return "x";
    case GraphOp::Y:
        return "y";
    case GraphOp::Constant:
        return "const";
    case GraphOp::Parameter:
        return "param";
    case GraphOp::Add:
        return "+";
    case GraphOp::Subtract:
        return "-";
    case GraphOp::Multiply:
        return "*";
    case GraphOp::Divide:
        return "/";
    case GraphOp::Power:
        return "^";
    case GraphOp::Negate:
        return "neg";
    case GraphOp::Function:
        break;
    }
    return builtinInfo(node.function).name;
}

std::string operationSymbol(const GraphNode& node)
{
    switch (node.op) {
    case GraphOp::Constant:
    case GraphOp::Parameter:
        return toPrettyText(node.expression);
    case GraphOp::Subtract:
    case GraphOp::Negate:
        return "−";
    case GraphOp::Multiply:
        return "×";
    case GraphOp::Divide:
        return "÷";
    case GraphOp::Function:
        return std::string(builtinInfo(node.function).prettyName);
    default:
        return std::string(operationName(node));
    }
}

std::string nodeLabel(const GraphNode& node)
{
    return toPrettyText(node.expression);
}

} // namespace gradlab
