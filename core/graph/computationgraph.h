// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "expression/builtins.h"
#include "expression/node.h"

#include <string>
#include <string_view>
#include <vector>

namespace gradlab {

/// What one node of a computation graph computes.
enum class GraphOp {
    X,         ///< the variable x
    Y,         ///< the variable y
    Constant,  ///< a number or a named constant (pi, e): constant, name
    Parameter, ///< a named parameter (a, w): name
    Add,       ///< inputs[0] + inputs[1]
    Subtract,  ///< inputs[0] − inputs[1]
    Multiply,  ///< inputs[0] · inputs[1]
    Divide,    ///< inputs[0] / inputs[1]
    Power,     ///< inputs[0] ^ inputs[1]
    Negate,    ///< −inputs[0]
    Function,  ///< function(inputs[0]), a row of the builtin table
};

/// How a sigmoid call becomes nodes.
enum class SigmoidForm {
    Fused,    ///< one node σ(u), σ′ = σ(1 − σ)
    Expanded, ///< four nodes: 1 / (1 + exp(−u))
};

/// \brief One node of a computation graph: an operation and the ids of its inputs.
struct GraphNode
{
    int id = 0;
    GraphOp op = GraphOp::Constant;
    Builtin function{};      ///< for GraphOp::Function
    std::vector<int> inputs; ///< ids of earlier nodes, in argument order
    double constant = 0.0;   ///< the value of a GraphOp::Constant
    std::string name;        ///< a parameter's name, or a named constant's ("pi", "e")
    NodePtr expression;      ///< the subexpression this node computes
    bool dependsOnX = false; ///< x is among its ancestors (or it is x)
    bool dependsOnY = false;

    bool isLeaf() const { return inputs.empty(); }
};

/// \brief The computation graph of an expression: a DAG in topological order (every node after
/// its inputs), one node per operation, x and y one node each and every repeated subexpression
/// one node (hash-consing on the operation, the inputs and the constant).
class ComputationGraph
{
public:
    /// The graph of \a expression (iterative: any depth). A null expression gives an empty graph.
    static ComputationGraph build(const NodePtr& expression,
                                  SigmoidForm sigmoid = SigmoidForm::Fused);

    const std::vector<GraphNode>& nodes() const { return m_nodes; }
    const GraphNode& node(int id) const { return m_nodes[static_cast<std::size_t>(id)]; }
    int size() const { return static_cast<int>(m_nodes.size()); }
    bool isEmpty() const { return m_nodes.empty(); }
    /// The id of the node that computes the whole expression; −1 for an empty graph.
    int output() const { return m_output; }
    /// The id of the x (or y) node; −1 when the expression does not use it.
    int variableNode(Variable variable) const;
    /// The ids of the nodes that take \a id as an input, once per use (x·x lists the product
    /// twice), in increasing order.
    const std::vector<int>& users(int id) const { return m_users[static_cast<std::size_t>(id)]; }

    /// Nodes that compute something (neither x, y, a constant nor a parameter): the forward pass's
    /// operations.
    int operationCount() const;
    /// Input slots over all nodes: the backward pass's chain-rule terms v̄ᵢ += ∂vⱼ/∂vᵢ · v̄ⱼ.
    int edgeCount() const;

private:
    std::vector<GraphNode> m_nodes;
    std::vector<std::vector<int>> m_users;
    int m_output = -1;
};

/// The operation as the JSON format names it: "x", "y", "const", "param", "+", "-", "*", "/",
/// "^", "neg", or the function's name in the grammar ("sin", "sigmoid").
std::string_view operationName(const GraphNode& node);

/// The operation as a node drawing shows it: "x", "2", "w", "+", "−", "×", "÷", "^", "−", "sin",
/// "σ", "√".
std::string operationSymbol(const GraphNode& node);

/// The subexpression the node computes, in the pretty printer's Unicode ("x² + 3xy").
std::string nodeLabel(const GraphNode& node);

} // namespace gradlab
