// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

// Program::Builder: expression trees to hash-consed values, and their forward-mode derivatives.
// Internal to core/evaluation; included by program.cpp only.

#include "evaluation/program.h"
#include "evaluation/programarithmetic.h"
#include "expression/builtins.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gradlab {

// A value's identity for hash-consing: structurally equal subtrees get one number.
struct ValueKey
{
    Program::Operation operation;
    Builtin builtin;
    int left;
    int right;
    int parameter;
    std::uint64_t numberBits;

    bool operator==(const ValueKey&) const = default;
};

/// A 64-bit hash of \a key: every bit of the result depends on every field.
inline std::uint64_t hashOf(const ValueKey& key)
{
    std::uint64_t h = static_cast<std::uint64_t>(key.operation) * 0x9E3779B97F4A7C15ULL;
    const auto mix = [&h](std::uint64_t v) {
        h = (h ^ v) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    };
    mix(static_cast<std::uint64_t>(key.builtin));
    mix(static_cast<std::uint32_t>(key.left));
    mix(static_cast<std::uint32_t>(key.right));
    mix(static_cast<std::uint32_t>(key.parameter));
    mix(key.numberBits);
    return h;
}

inline bool hasExactReciprocal(double k)
{
    if (!std::isfinite(k) || k == 0.0) {
        return false;
    }
    int exponent = 0;
    const double mantissa = std::frexp(k, &exponent);
    const double reciprocal = 1.0 / k;
    return std::fabs(mantissa) == 0.5 && std::isnormal(reciprocal);
}
// ---- Building: tree → hash-consed values -------------------------------------------------------

/// \brief Turns expression trees into hash-consed values. Its rewrites leave every result
/// unchanged, with two documented exceptions: integer powers by multiplication are within a few
/// ulps of pow, and −p − q = −(p + q) may differ in the sign of an exact zero.
class Program::Builder
{
public:
    explicit Builder(const std::vector<std::string>& parameterNames)
        : m_parameterNames(parameterNames)
    {
        // x and y always have slots 0 and 1.
        intern(Value{.operation = Operation::X, .tier = Tier::Column});
        intern(Value{.operation = Operation::Y, .tier = Tier::Row});
    }

    std::vector<Value> take() { return std::move(m_values); }

    /// For each value, the value whose derivative created it (a value of the tree: itself), so
    /// that the program can run each value of f next to its tangents.
    std::vector<int> takeGroups() { return std::move(m_groups); }

    /// The value of a whole tree, walked without recursion (trees can be thousands deep).
    int lower(const NodePtr& root) { return lower(root, m_memo); }

    /// The value 0 where \a id is the structural zero −1, else \a id.
    int materialize(int id) { return id < 0 ? number(0.0) : id; }

    /// ∂value/∂variable by forward-mode automatic differentiation: each value v gets its tangent
    /// v′ as a new value built from the operands and their tangents by the rules of dual numbers,
    /// (a·b)′ = a′·b + a·b′, (a/b)′ = (a′ − (a/b)·b′)/b, f(a)′ = f′(a)·a′ with f′ from the builtin
    /// table, so that v′ costs a small constant number of operations. −1 is an exact zero: a value
    /// free of the variable has no tangent, and the rules leave such terms out, as the symbolic
    /// constant rule does. Applied to a tangent it gives the second derivatives (the Hessian's
    /// parts of second-order dual numbers). Iterative over the value numbers, which are in
    /// topological order: any depth.
    int derivative(int id, Variable variable)
    {
        std::vector<int>& tangent = variable == Variable::X ? m_tangentX : m_tangentY;
        constexpr int kUnknown = -2;
        tangent.resize(m_values.size(), kUnknown);
        std::vector<int> needed;
        std::vector<int> stack{id};
        while (!stack.empty()) {
            const int v = stack.back();
            stack.pop_back();
            if (tangent[static_cast<std::size_t>(v)] != kUnknown) {
                continue;
            }
            tangent[static_cast<std::size_t>(v)] = kPending;
            needed.push_back(v);
            for (const int operand : at(v).operands) {
                if (operand >= 0 && tangent[static_cast<std::size_t>(operand)] == kUnknown) {
                    stack.push_back(operand);
                }
            }
        }
        std::sort(needed.begin(), needed.end());
        for (const int v : needed) {
            m_group = m_groups[static_cast<std::size_t>(v)];
            const int result = tangentOf(v, variable, tangent);
            m_group = -1;
            tangent.resize(std::max(tangent.size(), m_values.size()), kUnknown);
            tangent[static_cast<std::size_t>(v)] = result;
        }
        return tangent[static_cast<std::size_t>(id)];
    }

private:
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    using Memo = std::unordered_map<const Node*, int>;
    /// Marks a value whose tangent is being found.
    static constexpr int kPending = -3;

    int lower(const NodePtr& root, Memo& memo)
    {
        std::vector<std::pair<const Node*, bool>> stack{{root.get(), false}};
        while (!stack.empty()) {
            const auto [node, expanded] = stack.back();
            if (memo.contains(node)) {
                stack.pop_back();
                continue;
            }
            if (!expanded) {
                stack.back().second = true;
                // Pushed last to first, so that the first child is lowered first: a left-deep
                // product (((a·b)·c)·d) then numbers a, b, a·b, c, … and its values are read soon
                // after they are made.
                const std::vector<NodePtr>& children = node->children();
                for (auto child = children.rbegin(); child != children.rend(); ++child) {
                    if (!memo.contains(child->get())) {
                        stack.emplace_back(child->get(), false);
                    }
                }
                continue;
            }
            stack.pop_back();
            memo.emplace(node, lowerNode(*node, memo));
        }
        return memo.at(root.get());
    }

    /// The tangent of value \a v, its operands' tangents known.
    int tangentOf(int v, Variable variable, const std::vector<int>& tangent)
    {
        const Value value = at(v);
        const int a = value.operands[0];
        const int b = value.operands[1];
        const auto of = [&](int operand) {
            return operand >= 0 ? tangent[static_cast<std::size_t>(operand)] : -1;
        };
        const int da = of(a);
        const int db = of(b);
        switch (value.operation) {
        case Operation::X:
            return variable == Variable::X ? number(1.0) : -1;
        case Operation::Y:
            return variable == Variable::Y ? number(1.0) : -1;
        case Operation::Number:
        case Operation::Parameter:
            return -1;
        case Operation::Negate:
            return da < 0 ? -1 : negate(da);
        case Operation::Add:
            return plus(da, db);
        case Operation::Subtract:
            return minus(da, db);
        case Operation::Multiply:
            return plus(times(da, b), times(a, db)); // (ab)′ = a′b + ab′
        case Operation::Divide:
            // (a/b)′ = (a′ − (a/b)·b′)/b: the quotient itself is reused.
            return quotient(minus(da, times(v, db)), b);
        case Operation::Power:
            if (da < 0 && db < 0) {
                return -1;
            }
            if (db < 0) {
                // (a^b)′ = b·a^(b−1)·a′ for b free of the variable.
                return times(times(b, power(a, subtract(b, number(1.0)))), da);
            }
            // (a^b)′ = a^b·(b′·ln a + b·a′/a).
            return times(v, plus(times(db, call(Builtin::Log, a)), quotient(times(b, da), a)));
        case Operation::Call:
            // f(a)′ = f′(a)·a′
            return da < 0 ? -1 : times(outerDerivative(value.builtin, a, v), da);
        }
        return -1;
    }

    /// f′(a) from the builtin table's rule, lowered with u = a and f(u) = \a self.
    int outerDerivative(Builtin builtin, int a, int self)
    {
        const NodePtr derivative = builtinInfo(builtin).derivative(m_argument, m_self);
        Memo memo{{m_argument.get(), a}, {m_self.get(), self}};
        return lower(derivative, memo);
    }

    // Tangent arithmetic: −1 (and the literal 0) is an exact zero that drops out of the terms.
    bool isZero(int id) const { return id < 0 || isNumber(id, 0.0); }
    int plus(int a, int b)
    {
        if (isZero(a)) {
            return isZero(b) ? -1 : b;
        }
        return isZero(b) ? a : add(a, b);
    }
    int minus(int a, int b)
    {
        if (isZero(b)) {
            return isZero(a) ? -1 : a;
        }
        return isZero(a) ? negate(b) : subtract(a, b);
    }
    int times(int a, int b) { return isZero(a) || isZero(b) ? -1 : multiply(a, b); }
    int quotient(int a, int b) { return isZero(a) ? -1 : divide(a, b); }

    int lowerNode(const Node& node, const Memo& memo)
    {
        const auto child = [&](std::size_t i) {
            return memo.at(node.child(i).get());
        };
        switch (node.kind()) {
        case NodeKind::Number:
        case NodeKind::Constant:
            return number(node.value());
        case NodeKind::Variable:
            return node.variable() == Variable::X ? 0 : 1;
        case NodeKind::Parameter: {
            const auto it =
                std::find(m_parameterNames.begin(), m_parameterNames.end(), node.name());
            if (it == m_parameterNames.end()) {
                return number(kNaN);
            }
            return intern(Value{.operation = Operation::Parameter,
                                .parameter = static_cast<int>(it - m_parameterNames.begin())});
        }
        case NodeKind::Negate:
            return negate(child(0));
        case NodeKind::Add:
            return add(child(0), child(1));
        case NodeKind::Subtract:
            return subtract(child(0), child(1));
        case NodeKind::Multiply:
            return multiply(child(0), child(1));
        case NodeKind::Divide:
            return divide(child(0), child(1));
        case NodeKind::Power:
            return power(child(0), child(1));
        case NodeKind::Call:
            if (node.children().size() != 1) {
                return number(kNaN);
            }
            return call(node.builtin(), child(0));
        }
        return number(kNaN);
    }

    const Value& at(int id) const { return m_values[static_cast<std::size_t>(id)]; }
    bool isNumber(int id) const { return at(id).operation == Operation::Number; }
    bool isNumber(int id, double k) const { return isNumber(id) && at(id).number == k; }
    bool isNegate(int id) const { return at(id).operation == Operation::Negate; }
    int first(int id) const { return at(id).operands[0]; }
    int second(int id) const { return at(id).operands[1]; }

    int number(double k)
    {
        return intern(Value{.operation = Operation::Number, .number = std::isnan(k) ? kNaN : k});
    }

    int fold(Value value)
    {
        double slots[2] = {at(value.operands[0]).number,
                           value.operands[1] >= 0 ? at(value.operands[1]).number : 0.0};
        value.operands = {0, value.operands[1] >= 0 ? 1 : -1};
        return number(compute(value, slots));
    }

    int node(Operation operation, int a, int b = -1)
    {
        Value value{.operation = operation, .operands = {a, b}};
        if (isNumber(a) && (b < 0 || isNumber(b))) {
            return fold(value);
        }
        return intern(value);
    }

    int negate(int a)
    {
        if (isNumber(a)) {
            return number(-at(a).number);
        }
        if (isNegate(a)) {
            return first(a); // −(−p) = p
        }
        const Operation op = at(a).operation;
        if (op == Operation::Multiply && isNumber(second(a))) {
            return multiply(first(a), number(-at(second(a)).number)); // −(p·k) = p·(−k)
        }
        if (op == Operation::Multiply && isNumber(first(a))) {
            return multiply(second(a), number(-at(first(a)).number));
        }
        if (op == Operation::Divide && isNumber(second(a))) {
            return divide(first(a), number(-at(second(a)).number)); // −(p/k) = p/(−k)
        }
        if (op == Operation::Divide && isNumber(first(a))) {
            return divide(number(-at(first(a)).number), second(a)); // −(k/p) = (−k)/p
        }
        return node(Operation::Negate, a);
    }

    int add(int a, int b)
    {
        if (isNegate(b)) {
            return subtract(a, first(b)); // a + (−q) = a − q
        }
        if (isNegate(a)) {
            return subtract(b, first(a)); // (−p) + b = b − p
        }
        if (isNumber(b) && std::signbit(at(b).number) && at(b).number == 0.0) {
            return a; // a + (−0) = a, also for a = −0
        }
        if (isNumber(a) && std::signbit(at(a).number) && at(a).number == 0.0) {
            return b;
        }
        return node(Operation::Add, std::min(a, b), std::max(a, b));
    }

    int subtract(int a, int b)
    {
        if (isNegate(b)) {
            return add(a, first(b)); // a − (−q) = a + q
        }
        if (isNumber(b) && !isNumber(a)) {
            if (at(b).number == 0.0 && !std::signbit(at(b).number)) {
                return a; // a − 0 = a, also for a = −0
            }
            return add(a, number(-at(b).number)); // a − k = a + (−k), exactly
        }
        if (isNegate(a)) {
            // (−p) − q = −(p + q), so that the simplifier's −x² − y² in a derivative and the
            // −(x² + y²) of f share one value. The two agree except in the sign of an exact zero
            // (p = −q ≠ 0 gives −0 here, +0 there).
            return negate(add(first(a), b));
        }
        return node(Operation::Subtract, a, b);
    }

    int multiply(int a, int b)
    {
        if (isNumber(b, 1.0)) {
            return a;
        }
        if (isNumber(a, 1.0)) {
            return b;
        }
        if (isNumber(b, -1.0) && !isNumber(a)) {
            return negate(a);
        }
        if (isNumber(a, -1.0) && !isNumber(b)) {
            return negate(b);
        }
        if (isNegate(a) && isNegate(b)) {
            return multiply(first(a), first(b)); // (−p)(−q) = pq
        }
        if (isNegate(a) && isNumber(b)) {
            return multiply(first(a), number(-at(b).number)); // (−p)·k = p·(−k)
        }
        if (isNegate(b) && isNumber(a)) {
            return multiply(first(b), number(-at(a).number));
        }
        return node(Operation::Multiply, std::min(a, b), std::max(a, b));
    }

    int divide(int a, int b)
    {
        if (isNumber(b) && !isNumber(a)) {
            const double k = at(b).number;
            if (k == 1.0) {
                return a;
            }
            if (k == -1.0) {
                return negate(a);
            }
            if (hasExactReciprocal(k)) {
                return multiply(a, number(1.0 / k)); // a/2^n = a·2^−n exactly
            }
        }
        if (isNegate(a) && isNegate(b)) {
            return divide(first(a), first(b)); // (−p)/(−q) = p/q
        }
        return node(Operation::Divide, a, b);
    }

    int power(int a, int b)
    {
        if (isNumber(b) && !isNumber(a)) {
            const double n = at(b).number;
            if (n == 1.0) {
                return a; // pow(a, 1) = a
            }
            if (n == 0.0) {
                return number(1.0); // pow(a, 0) = 1 for every a, NaN included
            }
            // a^½ = √(a + 0): adding +0 turns −0 into +0, as pow(−0, ½) = +0 has it.
            if (n == 0.5) {
                return call(Builtin::Sqrt, add(a, number(0.0)));
            }
            if (n == -0.5) {
                return divide(number(1.0), call(Builtin::Sqrt, add(a, number(0.0)))); // a^−½ = 1/√a
            }
            if (n == std::trunc(n) && std::fabs(n) <= 16.0) {
                const int p = integerPower(a, static_cast<int>(std::fabs(n)));
                return n > 0 ? p : divide(number(1.0), p); // a^−n = 1/aⁿ
            }
        }
        return node(Operation::Power, a, b);
    }

    // aⁿ by repeated squaring: a⁴ = (a²)², a³ = a·a².
    int integerPower(int a, int n)
    {
        int result = -1;
        int base = a;
        while (n > 0) {
            if ((n & 1) != 0) {
                result = result < 0 ? base : multiply(result, base);
            }
            n >>= 1;
            if (n > 0) {
                base = multiply(base, base);
            }
        }
        return result;
    }

    int call(Builtin builtin, int a)
    {
        if (isNumber(a)) {
            return number(callBuiltin(builtin, at(a).number));
        }
        Value value{.operation = Operation::Call, .operands = {a, -1}, .builtin = builtin};
        return intern(value);
    }

    static ValueKey keyOf(const Value& value)
    {
        return {value.operation,
                value.builtin,
                value.operands[0],
                value.operands[1],
                value.parameter,
                value.operation == Operation::Number ? std::bit_cast<std::uint64_t>(value.number)
                                                     : 0};
    }

    /// The number of \a value, a new one if no equal value exists. The index is an open-addressing
    /// table of (upper 32 bits of the hash, value number + 1), 0 for empty, at most half full:
    /// one or two cache misses a lookup, where a node-based map took three or more.
    int intern(Value value)
    {
        if (2 * (m_values.size() + 1) > m_table.size()) {
            grow();
        }
        const ValueKey key = keyOf(value);
        const std::uint64_t hash = hashOf(key);
        const std::size_t mask = m_table.size() - 1;
        for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
            const std::uint64_t entry = m_table[i];
            if (entry == 0) {
                m_table[i] = (hash & kTagMask) | (m_values.size() + 1);
                break;
            }
            const auto id = static_cast<int>((entry & ~kTagMask) - 1);
            if ((entry & kTagMask) == (hash & kTagMask) && keyOf(at(id)) == key) {
                return id;
            }
        }
        if (!isLeaf(value.operation)) {
            // A value depends on whatever its operands depend on.
            unsigned dependencies = 0;
            for (const int operand : value.operands) {
                if (operand >= 0) {
                    dependencies |= static_cast<unsigned>(at(operand).tier);
                }
            }
            value.tier = static_cast<Tier>(dependencies);
        }
        m_groups.push_back(m_group < 0 ? static_cast<int>(m_values.size()) : m_group);
        m_values.push_back(value);
        return static_cast<int>(m_values.size()) - 1;
    }

    /// Doubles the index and enters every value again.
    void grow()
    {
        m_table.assign(std::max<std::size_t>(1024, 2 * m_table.size()), 0);
        const std::size_t mask = m_table.size() - 1;
        for (std::size_t id = 0; id < m_values.size(); ++id) {
            const std::uint64_t hash = hashOf(keyOf(m_values[id]));
            std::size_t i = static_cast<std::size_t>(hash) & mask;
            while (m_table[i] != 0) {
                i = (i + 1) & mask;
            }
            m_table[i] = (hash & kTagMask) | (id + 1);
        }
    }

    static constexpr std::uint64_t kTagMask = 0xFFFFFFFF00000000ULL;

    const std::vector<std::string>& m_parameterNames;
    std::vector<Value> m_values;
    std::vector<int> m_groups;          ///< see takeGroups()
    int m_group = -1;                   ///< the group of the values made now, −1: each its own
    std::vector<std::uint64_t> m_table; ///< the index of intern()
    Memo m_memo;
    std::vector<int> m_tangentX; ///< ∂v/∂x of value v: a value, −1 for zero, −2 not yet known
    std::vector<int> m_tangentY;
    /// Stand-ins for u and f(u) in the builtin table's derivative rules.
    const NodePtr m_argument = Node::parameter("u");
    const NodePtr m_self = Node::parameter("f(u)");
};

} // namespace gradlab
