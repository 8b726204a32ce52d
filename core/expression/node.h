// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace gradlab {

enum class Builtin;

/// The two free variables of every function f(x, y).
enum class Variable { X = 0, Y = 1 };

/// What a node of an expression tree is.
enum class NodeKind {
    Number,    ///< a literal, value()
    Constant,  ///< a named constant (pi, e): name() and value()
    Variable,  ///< x or y: variable()
    Parameter, ///< a declared named parameter (a, k, lambda): name(); its value is bound later
    Negate,    ///< -child(0)
    Add,       ///< child(0) + child(1)
    Subtract,  ///< child(0) - child(1)
    Multiply,  ///< child(0) * child(1)
    Divide,    ///< child(0) / child(1)
    Power,     ///< child(0) ^ child(1)
    Call,      ///< builtin()(child(0), ...)
};

class Node;
/// Expression trees are immutable and share subtrees freely.
using NodePtr = std::shared_ptr<const Node>;

/// \brief One immutable node of an expression tree over x, y, constants and named parameters.
class Node
{
public:
    /// Releases deep trees without recursion (a sum of 100 000 terms is 100 000 levels deep).
    ~Node();

    NodeKind kind() const { return m_kind; }
    double value() const { return m_value; }
    gradlab::Variable variable() const { return m_variable; }
    const std::string& name() const { return m_name; }
    Builtin builtin() const { return m_builtin; }
    const std::vector<NodePtr>& children() const { return m_children; }
    const NodePtr& child(std::size_t index) const { return m_children[index]; }

    bool isNumber() const { return m_kind == NodeKind::Number; }
    /// True for a Number node holding exactly \a number.
    bool isNumber(double number) const { return m_kind == NodeKind::Number && m_value == number; }
    /// True when the tree contains no Variable node of \a variable.
    bool isConstantIn(gradlab::Variable variable) const;
    /// True when the tree contains neither x nor y (parameters and constants allowed).
    bool isConstant() const;

    static NodePtr number(double value);
    static NodePtr constant(std::string name, double value);
    static NodePtr variable(gradlab::Variable variable);
    static NodePtr parameter(std::string name);
    static NodePtr negate(NodePtr operand);
    static NodePtr binary(NodeKind kind, NodePtr left, NodePtr right);
    static NodePtr call(Builtin builtin, std::vector<NodePtr> arguments);

private:
    Node() = default;

    NodeKind m_kind = NodeKind::Number;
    double m_value = 0.0;
    gradlab::Variable m_variable = gradlab::Variable::X;
    std::string m_name;
    Builtin m_builtin{};
    std::vector<NodePtr> m_children;
};

/// The nodes of \a root as printed, a shared subtree counted at each of its uses, or \a cap if
/// there are more. Linear in the shared nodes, not in the printed size (which can be exponential).
std::size_t printedSize(const Node& root, std::size_t cap);

/// Structural equality (numbers compared exactly, names and builtins by identity).
bool structurallyEqual(const Node& a, const Node& b);

// Short builders, used by the differentiator, the simplifier and tests.
inline NodePtr num(double value)
{
    return Node::number(value);
}
inline NodePtr var(Variable variable)
{
    return Node::variable(variable);
}
inline NodePtr add(NodePtr a, NodePtr b)
{
    return Node::binary(NodeKind::Add, std::move(a), std::move(b));
}
inline NodePtr sub(NodePtr a, NodePtr b)
{
    return Node::binary(NodeKind::Subtract, std::move(a), std::move(b));
}
inline NodePtr mul(NodePtr a, NodePtr b)
{
    return Node::binary(NodeKind::Multiply, std::move(a), std::move(b));
}
inline NodePtr div(NodePtr a, NodePtr b)
{
    return Node::binary(NodeKind::Divide, std::move(a), std::move(b));
}
inline NodePtr pow(NodePtr a, NodePtr b)
{
    return Node::binary(NodeKind::Power, std::move(a), std::move(b));
}
inline NodePtr neg(NodePtr a)
{
    return Node::negate(std::move(a));
}
NodePtr call(Builtin builtin, NodePtr argument);

} // namespace gradlab
