// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "evaluation/program.h"

#include "differentiation/differentiator.h"
#include "differentiation/simplifier.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <utility>

namespace gradlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Operation = Program::Operation;
using Tier = Program::Tier;

// The arithmetic of every operation, written once: the scalar steps and the column kernels both
// call these, so a point and a grid cell are computed by the same IEEE operations in the same
// order and agree bit for bit. This file is compiled with -ffp-contract=off so that a fused
// instruction such as a · b + c stays two roundings, as in the tree.
//
// Arithmetic steps take two operands: the inner step of a fused instruction gets a and b, the
// outer step the inner result t and the third operand c. Inner steps say whether they are unary.
struct IdentityOp
{
    static double apply(double t, double) { return t; }
};
struct NegateOp
{
    static constexpr bool unary = true;
    static double apply(double a, double) { return -a; }
};
struct SquareOp
{
    static constexpr bool unary = true;
    static double apply(double a, double) { return a * a; }
};
struct AddOp
{
    static constexpr bool unary = false;
    static double apply(double a, double b) { return a + b; }
};
struct SubtractOp
{
    static constexpr bool unary = false;
    static double apply(double a, double b) { return a - b; }
};
struct ReverseSubtractOp
{
    static double apply(double t, double c) { return c - t; }
};
struct MultiplyOp
{
    static constexpr bool unary = false;
    static double apply(double a, double b) { return a * b; }
};
struct DivideOp
{
    static constexpr bool unary = false;
    static double apply(double a, double b) { return a / b; }
};
struct ReverseDivideOp
{
    static double apply(double t, double c) { return c / t; }
};

// The builtins run through their rows of the builtin table (builtins.cpp), the one place that
// says what each computes: a point through evaluate, a column block through evaluateMany.
double callBuiltin(Builtin builtin, double u)
{
    return builtinInfo(builtin).evaluate(u);
}

int arity(Operation operation)
{
    switch (operation) {
    case Operation::X:
    case Operation::Y:
    case Operation::Number:
    case Operation::Parameter:
        return 0;
    case Operation::Negate:
    case Operation::Call:
        return 1;
    default:
        return 2;
    }
}

bool isLeaf(Operation operation)
{
    return arity(operation) == 0;
}

// One scalar step: the value of \a value from the slots of its operands.
double compute(const Program::Value& value, const double* slots)
{
    const double a = value.operands[0] >= 0 ? slots[value.operands[0]] : 0.0;
    const double b = value.operands[1] >= 0 ? slots[value.operands[1]] : 0.0;
    switch (value.operation) {
    case Operation::Negate:
        return NegateOp::apply(a, 0.0);
    case Operation::Add:
        return AddOp::apply(a, b);
    case Operation::Subtract:
        return SubtractOp::apply(a, b);
    case Operation::Multiply:
        return MultiplyOp::apply(a, b);
    case Operation::Divide:
        return DivideOp::apply(a, b);
    case Operation::Power:
        return std::pow(a, b);
    case Operation::Call:
        return callBuiltin(value.builtin, a);
    default:
        return kNaN;
    }
}

// ---- Column kernels ----------------------------------------------------------------------------

// An operand of a kernel: a column read element by element, one scalar for the whole block (a
// uniform or row value, a literal), or nothing.
enum class Source { Column, Scalar, None };

template <Source>
struct Operand;
template <>
struct Operand<Source::Column>
{
    const double* __restrict data;
    double operator[](int i) const { return data[i]; }
};
template <>
struct Operand<Source::Scalar>
{
    double value;
    double operator[](int) const { return value; }
};
template <>
struct Operand<Source::None>
{
    double operator[](int) const { return 0.0; }
};

template <Source S>
Operand<S> operand(int index, double* const* columns, const double* slots)
{
    if constexpr (S == Source::Column) {
        return {columns[index]};
    } else if constexpr (S == Source::Scalar) {
        return {slots[index]};
    } else {
        return {};
    }
}

constexpr Source sourceOf(bool scalar)
{
    return scalar ? Source::Scalar : Source::Column;
}

// result[i] = Outer(Inner(a[i], b[i]), c[i]): two arithmetic steps in one pass over the block, so
// the inner result never goes to memory. Bit k of InnerMask makes a (k = 0) or b (k = 1) a scalar.
template <typename Inner, unsigned InnerMask, typename Outer, Source C>
void arithmeticKernel(const Program::VectorInstruction& instruction, double* const* columns,
                      const double* slots, int count)
{
    double* __restrict result = columns[instruction.result];
    const auto a =
        operand<sourceOf((InnerMask & 1U) != 0)>(instruction.operands[0], columns, slots);
    const auto b = operand < Inner::unary ? Source::None
                                          : sourceOf((InnerMask & 2U) != 0) >
                                                (instruction.operands[1], columns, slots);
    const auto c = operand<C>(instruction.operands[2], columns, slots);
#pragma GCC unroll 4
    for (int i = 0; i < count; ++i) {
        result[i] = Outer::apply(Inner::apply(a[i], b[i]), c[i]);
    }
}

void builtinKernel(const Program::VectorInstruction& instruction, double* const* columns,
                   const double*, int count)
{
    instruction.evaluateMany(columns[instruction.operands[0]], columns[instruction.result], count);
}

template <unsigned Mask>
void powerKernel(const Program::VectorInstruction& instruction, double* const* columns,
                 const double* slots, int count)
{
    double* __restrict result = columns[instruction.result];
    const auto a = operand<sourceOf((Mask & 1U) != 0)>(instruction.operands[0], columns, slots);
    const auto b = operand<sourceOf((Mask & 2U) != 0)>(instruction.operands[1], columns, slots);
    for (int i = 0; i < count; ++i) {
        result[i] = std::pow(a[i], b[i]);
    }
}

/// The arithmetic steps a column instruction fuses: inner(a, b), then outer(t, c).
enum class Step : std::uint8_t {
    Identity,
    Negate,
    Square,
    Add,
    Subtract,
    ReverseSubtract, ///< c − t
    Multiply,
    Divide,
    ReverseDivide, ///< c / t
};

template <typename Inner, unsigned InnerMask, typename Outer>
Program::Kernel withThird(bool scalarC)
{
    return scalarC ? &arithmeticKernel<Inner, InnerMask, Outer, Source::Scalar>
                   : &arithmeticKernel<Inner, InnerMask, Outer, Source::Column>;
}

template <typename Inner, unsigned InnerMask>
Program::Kernel pickOuter(Step outer, bool scalarC)
{
    switch (outer) {
    case Step::Identity:
        return &arithmeticKernel<Inner, InnerMask, IdentityOp, Source::None>;
    case Step::Negate:
        return &arithmeticKernel<Inner, InnerMask, NegateOp, Source::None>;
    case Step::Square:
        return &arithmeticKernel<Inner, InnerMask, SquareOp, Source::None>;
    case Step::Add:
        return withThird<Inner, InnerMask, AddOp>(scalarC);
    case Step::Subtract:
        return withThird<Inner, InnerMask, SubtractOp>(scalarC);
    case Step::ReverseSubtract:
        return withThird<Inner, InnerMask, ReverseSubtractOp>(scalarC);
    case Step::Multiply:
        return withThird<Inner, InnerMask, MultiplyOp>(scalarC);
    case Step::Divide:
        return withThird<Inner, InnerMask, DivideOp>(scalarC);
    case Step::ReverseDivide:
        return withThird<Inner, InnerMask, ReverseDivideOp>(scalarC);
    }
    return nullptr;
}

template <typename Inner>
Program::Kernel pickInner(unsigned innerMask, Step outer, bool scalarC)
{
    if constexpr (Inner::unary) {
        return pickOuter<Inner, 0>(outer, scalarC);
    } else {
        switch (innerMask) {
        case 1:
            return pickOuter<Inner, 1>(outer, scalarC);
        case 2:
            return pickOuter<Inner, 2>(outer, scalarC);
        default:
            return pickOuter<Inner, 0>(outer, scalarC);
        }
    }
}

Program::Kernel arithmeticKernelFor(Step inner, unsigned innerMask, Step outer, bool scalarC)
{
    switch (inner) {
    case Step::Negate:
        return pickInner<NegateOp>(innerMask, outer, scalarC);
    case Step::Square:
        return pickInner<SquareOp>(innerMask, outer, scalarC);
    case Step::Add:
        return pickInner<AddOp>(innerMask, outer, scalarC);
    case Step::Subtract:
        return pickInner<SubtractOp>(innerMask, outer, scalarC);
    case Step::Multiply:
        return pickInner<MultiplyOp>(innerMask, outer, scalarC);
    case Step::Divide:
        return pickInner<DivideOp>(innerMask, outer, scalarC);
    default:
        return nullptr;
    }
}

Program::Kernel powerKernelFor(unsigned mask)
{
    switch (mask) {
    case 1:
        return &powerKernel<1>;
    case 2:
        return &powerKernel<2>;
    default:
        return &powerKernel<0>;
    }
}

// A value's identity for hash-consing: structurally equal subtrees get one number.
struct ValueKey
{
    Operation operation;
    Builtin builtin;
    int left;
    int right;
    int parameter;
    std::uint64_t numberBits;

    bool operator==(const ValueKey&) const = default;
};

struct ValueKeyHash
{
    std::size_t operator()(const ValueKey& key) const
    {
        std::uint64_t h = static_cast<std::uint64_t>(key.operation) * 0x9E3779B97F4A7C15ULL;
        const auto mix = [&h](std::uint64_t v) {
            h = (h ^ v) * 0xBF58476D1CE4E5B9ULL;
        };
        mix(static_cast<std::uint64_t>(key.builtin));
        mix(static_cast<std::uint32_t>(key.left));
        mix(static_cast<std::uint32_t>(key.right));
        mix(static_cast<std::uint32_t>(key.parameter));
        mix(key.numberBits);
        return static_cast<std::size_t>(h ^ (h >> 31));
    }
};

// True for ±2^k whose reciprocal is a normal number: then a / k == a · (1/k) exactly.
bool hasExactReciprocal(double k)
{
    if (!std::isfinite(k) || k == 0.0) {
        return false;
    }
    int exponent = 0;
    const double mantissa = std::frexp(k, &exponent);
    const double reciprocal = 1.0 / k;
    return std::fabs(mantissa) == 0.5 && std::isnormal(reciprocal);
}

} // namespace

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

    /// The value of a whole tree, walked without recursion (trees can be thousands deep).
    int lower(const NodePtr& root) { return lower(root, m_memo); }

    /// The number of operations (values that are not leaves) in the program so far.
    std::size_t operationCount() const
    {
        return static_cast<std::size_t>(
            std::count_if(m_values.begin(), m_values.end(),
                          [](const Value& value) { return !isLeaf(value.operation); }));
    }

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
            const int result = tangentOf(v, variable, tangent);
            tangent.resize(std::max(tangent.size(), m_values.size()), kUnknown);
            tangent[static_cast<std::size_t>(v)] = result;
        }
        return tangent[static_cast<std::size_t>(id)];
    }

private:
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
                for (const NodePtr& child : node->children()) {
                    if (!memo.contains(child.get())) {
                        stack.emplace_back(child.get(), false);
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

    int intern(Value value)
    {
        const ValueKey key{
            value.operation,
            value.builtin,
            value.operands[0],
            value.operands[1],
            value.parameter,
            value.operation == Operation::Number ? std::bit_cast<std::uint64_t>(value.number) : 0};
        const auto [it, inserted] = m_index.try_emplace(key, static_cast<int>(m_values.size()));
        if (inserted) {
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
            m_values.push_back(value);
        }
        return it->second;
    }

    const std::vector<std::string>& m_parameterNames;
    std::vector<Value> m_values;
    std::unordered_map<ValueKey, int, ValueKeyHash> m_index;
    Memo m_memo;
    std::vector<int> m_tangentX; ///< ∂v/∂x of value v: a value, −1 for zero, −2 not yet known
    std::vector<int> m_tangentY;
    /// Stand-ins for u and f(u) in the builtin table's derivative rules.
    const NodePtr m_argument = Node::parameter("u");
    const NodePtr m_self = Node::parameter("f(u)");
};

// ---- Program -----------------------------------------------------------------------------------

std::shared_ptr<const Program> Program::build(const NodePtr& expression,
                                              const std::vector<std::string>& parameterNames,
                                              DerivativeOrder order, DerivativeMethod method)
{
    if (!expression) {
        return nullptr;
    }
    std::shared_ptr<Program> program;
    if (method == DerivativeMethod::Symbolic || order == DerivativeOrder::Value) {
        program = buildSymbolic(expression, parameterNames, order);
    } else {
        program = buildForward(expression, parameterNames, order);
        const std::array<int, 1> value{program->output(Output::F)};
        // The symbolic program is tried where it is cheap to build, and kept unless it is more
        // than twice as long: simplified, it is often the shortest for small formulas, and the
        // numbers of small formulas stay those of the symbolic derivatives that gradlab always
        // had.
        if (method == DerivativeMethod::Automatic &&
            program->steps(value).size() <= kSymbolicOperationLimit) {
            std::shared_ptr<Program> symbolic = buildSymbolic(expression, parameterNames, order);
            if (symbolic->m_allSteps.size() <= kSymbolicLengthFactor * program->m_allSteps.size()) {
                program = std::move(symbolic);
            }
        }
    }
    program->plan();
    return program;
}

std::shared_ptr<Program> Program::buildSymbolic(const NodePtr& expression,
                                                const std::vector<std::string>& parameterNames,
                                                DerivativeOrder order)
{
    std::array<NodePtr, kOutputCount> trees;
    trees[static_cast<std::size_t>(Output::F)] = expression;
    if (order != DerivativeOrder::Value) {
        const NodePtr dx = simplify(differentiate(expression, Variable::X));
        const NodePtr dy = simplify(differentiate(expression, Variable::Y));
        trees[static_cast<std::size_t>(Output::Dx)] = dx;
        trees[static_cast<std::size_t>(Output::Dy)] = dy;
        if (order == DerivativeOrder::Hessian) {
            trees[static_cast<std::size_t>(Output::Dxx)] = simplify(differentiate(dx, Variable::X));
            trees[static_cast<std::size_t>(Output::Dxy)] = simplify(differentiate(dx, Variable::Y));
            trees[static_cast<std::size_t>(Output::Dyy)] = simplify(differentiate(dy, Variable::Y));
        }
    }
    Builder builder(parameterNames);
    std::array<int, kOutputCount> outputs{-1, -1, -1, -1, -1, -1};
    for (std::size_t k = 0; k < trees.size(); ++k) {
        if (trees[k]) {
            outputs[k] = builder.lower(trees[k]);
        }
    }
    return assemble(builder, outputs, parameterNames, order, DerivativeMethod::Symbolic);
}

std::shared_ptr<Program> Program::buildForward(const NodePtr& expression,
                                               const std::vector<std::string>& parameterNames,
                                               DerivativeOrder order)
{
    Builder builder(parameterNames);
    std::array<int, kOutputCount> outputs{-1, -1, -1, -1, -1, -1};
    const int f = builder.lower(expression);
    outputs[static_cast<std::size_t>(Output::F)] = f;
    if (order != DerivativeOrder::Value) {
        const int dx = builder.derivative(f, Variable::X);
        const int dy = builder.derivative(f, Variable::Y);
        if (order == DerivativeOrder::Hessian) {
            // The second-order parts: ∂²f/∂x², ∂²f/∂x∂y = ∂(∂f/∂x)/∂y and ∂²f/∂y².
            outputs[static_cast<std::size_t>(Output::Dxx)] =
                builder.materialize(dx < 0 ? -1 : builder.derivative(dx, Variable::X));
            outputs[static_cast<std::size_t>(Output::Dxy)] =
                builder.materialize(dx < 0 ? -1 : builder.derivative(dx, Variable::Y));
            outputs[static_cast<std::size_t>(Output::Dyy)] =
                builder.materialize(dy < 0 ? -1 : builder.derivative(dy, Variable::Y));
        }
        outputs[static_cast<std::size_t>(Output::Dx)] = builder.materialize(dx);
        outputs[static_cast<std::size_t>(Output::Dy)] = builder.materialize(dy);
    }
    return assemble(builder, outputs, parameterNames, order, DerivativeMethod::Forward);
}

std::shared_ptr<Program> Program::assemble(Builder& builder,
                                           const std::array<int, kOutputCount>& outputs,
                                           const std::vector<std::string>& parameterNames,
                                           DerivativeOrder order, DerivativeMethod method)
{
    auto program = std::make_shared<Program>();
    program->m_order = order;
    program->m_method = method;
    program->m_parameterNames = parameterNames;
    program->m_outputs = outputs;
    program->m_values = builder.take();

    const std::size_t count = program->m_values.size();
    program->m_initialSlots.assign(count, kNaN);
    for (std::size_t id = 0; id < count; ++id) {
        const Value& value = program->m_values[id];
        if (value.operation == Operation::Number) {
            program->m_initialSlots[id] = value.number;
        } else if (value.operation == Operation::Parameter) {
            program->m_parameterSlots.emplace_back(static_cast<int>(id), value.parameter);
        }
    }
    const std::array<int, 1> value{program->output(Output::F)};
    program->m_valueSteps = program->steps(value);
    program->m_allSteps = program->steps(program->m_outputs);
    return program;
}

void Program::plan()
{
    m_plans = {lower(false, false), lower(false, true), lower(true, false), lower(true, true)};
}

std::vector<bool> Program::reachable(std::span<const int> outputs) const
{
    std::vector<bool> needed(m_values.size(), false);
    for (const int output : outputs) {
        if (output >= 0) {
            needed[static_cast<std::size_t>(output)] = true;
        }
    }
    for (std::size_t id = m_values.size(); id-- > 0;) {
        if (!needed[id]) {
            continue;
        }
        for (const int operand : m_values[id].operands) {
            if (operand >= 0) {
                needed[static_cast<std::size_t>(operand)] = true;
            }
        }
    }
    return needed;
}

std::vector<int> Program::steps(std::span<const int> outputs) const
{
    const std::vector<bool> needed = reachable(outputs);
    std::vector<int> result;
    for (std::size_t id = 0; id < m_values.size(); ++id) {
        if (needed[id] && !isLeaf(m_values[id].operation)) {
            result.push_back(static_cast<int>(id));
        }
    }
    return result;
}

void Program::prepareSlots(std::span<double> slots, std::span<const double> parameters) const
{
    std::copy(m_initialSlots.begin(), m_initialSlots.end(), slots.begin());
    for (const auto& [slot, index] : m_parameterSlots) {
        slots[static_cast<std::size_t>(slot)] =
            index >= 0 && static_cast<std::size_t>(index) < parameters.size()
                ? parameters[static_cast<std::size_t>(index)]
                : kNaN;
    }
}

void Program::runSteps(std::span<const int> steps, double* slots) const
{
    for (const int id : steps) {
        slots[id] = compute(m_values[static_cast<std::size_t>(id)], slots);
    }
}

const Program::VectorPlan& Program::plan(bool grid, bool withGradient) const
{
    const bool gradient = withGradient && m_order != DerivativeOrder::Value;
    return m_plans[(grid ? 2U : 0U) + (gradient ? 1U : 0U)];
}

void Program::runBlock(const Pass& pass, double* const* columns, const double* slots, int count)
{
    for (const VectorInstruction& instruction : pass.instructions) {
        instruction.kernel(instruction, columns, slots, count);
    }
    for (const OutputCopy& copy : pass.copies) {
        double* __restrict target = columns[copy.column];
        if (copy.fromSlot) {
            std::fill(target, target + count, slots[copy.source]);
        } else {
            std::memcpy(target, columns[copy.source],
                        static_cast<std::size_t>(count) * sizeof(double));
        }
    }
}

// ---- Lowering: values → column instructions ----------------------------------------------------

namespace {

/// \brief What one column instruction computes, in value numbers: outer(inner(a, b), c), or a
/// power, or a builtin call.
struct Form
{
    Operation operation = Operation::Add; ///< Power, Call, or any arithmetic operation
    Step inner = Step::Identity;
    Step outer = Step::Identity;
    std::array<int, 3> operands{-1, -1, -1}; ///< a, b, c
    std::vector<int> reads;                  ///< every operand use the instruction retires
};

// The arithmetic step of a value, if it is one: x·x is a square, with one operand.
bool stepOf(const Program::Value& value, Step& step)
{
    switch (value.operation) {
    case Operation::Negate:
        step = Step::Negate;
        return true;
    case Operation::Add:
        step = Step::Add;
        return true;
    case Operation::Subtract:
        step = Step::Subtract;
        return true;
    case Operation::Multiply:
        step = value.operands[0] == value.operands[1] ? Step::Square : Step::Multiply;
        return true;
    case Operation::Divide:
        step = Step::Divide;
        return true;
    default:
        return false;
    }
}

bool isUnary(Step step)
{
    return step == Step::Negate || step == Step::Square;
}

/// \brief What one pass is asked to do.
struct PassRequest
{
    std::vector<int> body;                    ///< the values the pass computes, in program order
    std::vector<int> column;                  ///< columns given beforehand (inputs), −1 elsewhere
    std::vector<std::pair<int, int>> outputs; ///< (value, column) to fill; value −1: none
    int firstScratchColumn = 0;
};

/// Turns the values of \a request into column instructions: fuses arithmetic read only once
/// into its reader, gives every result a column (reused after the last read) and completes the
/// outputs. \a isColumn says which values are columns; the others are read from their slots.
template <typename IsColumn>
Program::Pass lowerPass(const std::vector<Program::Value>& values, PassRequest request,
                        IsColumn isColumn)
{
    using VectorInstruction = Program::VectorInstruction;
    Program::Pass pass;
    const std::size_t count = values.size();
    const auto valueOf = [&](int id) -> const Program::Value& {
        return values[static_cast<std::size_t>(id)];
    };
    const auto index = [](int id) {
        return static_cast<std::size_t>(id);
    };
    std::vector<int>& column = request.column;
    std::vector<bool> inBody(count, false);
    for (const int v : request.body) {
        inBody[index(v)] = true;
    }

    // users: how many instructions or outputs read a value; uses: how many operand reads, after
    // the last of which its column is free again.
    std::vector<int> users(count, 0);
    std::vector<int> uses(count, 0);
    std::vector<bool> isOutput(count, false);
    for (const int v : request.body) {
        const auto& operands = valueOf(v).operands;
        for (std::size_t k = 0; k < operands.size(); ++k) {
            if (operands[k] >= 0 && isColumn(operands[k])) {
                ++uses[index(operands[k])];
                if (k == 0 || operands[1] != operands[0]) {
                    ++users[index(operands[k])];
                }
            }
        }
    }
    for (const auto& [v, c] : request.outputs) {
        if (v >= 0) {
            isOutput[index(v)] = true;
            ++users[index(v)];
            ++uses[index(v)];
        }
    }

    // Fusion, from the outputs down: an arithmetic value read by one instruction only runs inside
    // it as its inner step, so its result never goes to memory.
    std::vector<bool> absorbed(count, false);
    std::vector<Form> forms(count);
    const auto absorbable = [&](int id, Step& step) {
        return id >= 0 && inBody[index(id)] && stepOf(valueOf(id), step) && users[index(id)] == 1 &&
               !isOutput[index(id)];
    };
    for (auto it = request.body.rbegin(); it != request.body.rend(); ++it) {
        const int v = *it;
        if (absorbed[index(v)]) {
            continue;
        }
        const Program::Value& value = valueOf(v);
        Form& form = forms[index(v)];
        form.operation = value.operation;
        const int a = value.operands[0];
        const int b = value.operands[1];
        Step step = Step::Identity;
        if (!stepOf(value, step)) {
            form.operands = {a, b, -1};
            form.reads = {a, b};
            continue;
        }
        form.inner = step;
        form.operands = {a, isUnary(step) ? -1 : b, -1};
        form.reads = {a, b};
        Step innerStep = Step::Identity;
        int absorbedId = -1;
        if (isUnary(step) && absorbable(a, innerStep)) {
            absorbedId = a; // −(inner), (inner)²
            form.outer = step;
        } else if (!isUnary(step) && a != b && absorbable(a, innerStep)) {
            absorbedId = a; // inner ∘ c
            form.outer = step;
            form.operands[2] = b;
        } else if (!isUnary(step) && a != b && absorbable(b, innerStep)) {
            absorbedId = b; // c ∘ inner: addition and multiplication commute exactly
            form.outer = step == Step::Subtract ? Step::ReverseSubtract
                         : step == Step::Divide ? Step::ReverseDivide
                                                : step;
            form.operands[2] = a;
        }
        if (absorbedId >= 0) {
            const Program::Value& inner = valueOf(absorbedId);
            absorbed[index(absorbedId)] = true;
            form.inner = innerStep;
            form.operands[0] = inner.operands[0];
            form.operands[1] = isUnary(innerStep) ? -1 : inner.operands[1];
            form.reads = {inner.operands[0], inner.operands[1], form.operands[2]};
        }
    }

    // Outputs computed here are written straight into their columns.
    std::vector<bool> direct(request.outputs.size(), false);
    for (std::size_t k = 0; k < request.outputs.size(); ++k) {
        const auto [v, c] = request.outputs[k];
        if (v >= 0 && inBody[index(v)] && column[index(v)] < 0) {
            column[index(v)] = c;
            direct[k] = true;
        }
    }

    std::vector<int> freeColumns;
    int nextColumn = request.firstScratchColumn;
    for (const int v : request.body) {
        if (absorbed[index(v)]) {
            continue;
        }
        const Form& form = forms[index(v)];
        int& result = column[index(v)];
        if (result < 0) {
            if (freeColumns.empty()) {
                result = nextColumn++;
            } else {
                result = freeColumns.back();
                freeColumns.pop_back();
            }
        }
        VectorInstruction instruction;
        instruction.result = result;
        unsigned mask = 0;
        for (std::size_t k = 0; k < form.operands.size(); ++k) {
            const int operand = form.operands[k];
            if (operand < 0) {
                continue;
            }
            if (isColumn(operand)) {
                instruction.operands[k] = column[index(operand)];
            } else {
                instruction.operands[k] = operand;
                mask |= 1U << k;
            }
        }
        if (form.operation == Operation::Call) {
            instruction.kernel = &builtinKernel;
            instruction.evaluateMany = builtinInfo(valueOf(v).builtin).evaluateMany;
        } else if (form.operation == Operation::Power) {
            instruction.kernel = powerKernelFor(mask);
        } else {
            instruction.kernel =
                arithmeticKernelFor(form.inner, mask & 3U, form.outer, (mask & 4U) != 0);
        }
        pass.instructions.push_back(instruction);
        // Release the columns read for the last time (after the result took its column, so that a
        // result never shares memory with an operand).
        for (const int operand : form.reads) {
            if (operand < 0 || !isColumn(operand)) {
                continue;
            }
            const int c = column[index(operand)];
            if (--uses[index(operand)] == 0 && c >= request.firstScratchColumn) {
                freeColumns.push_back(c);
            }
        }
    }
    pass.firstScratchColumn = request.firstScratchColumn;
    pass.columnCount = nextColumn;

    for (std::size_t k = 0; k < request.outputs.size(); ++k) {
        const auto [v, c] = request.outputs[k];
        if (v < 0 || direct[k]) {
            continue;
        }
        Program::OutputCopy copy;
        copy.column = c;
        copy.fromSlot = !isColumn(v);
        copy.source = copy.fromSlot ? v : column[index(v)];
        pass.copies.push_back(copy);
    }
    return pass;
}

} // namespace

Program::VectorPlan Program::lower(bool grid, bool withGradient) const
{
    VectorPlan plan;
    const std::size_t count = m_values.size();
    const bool gradient = withGradient && m_order != DerivativeOrder::Value;
    std::vector<int> wanted{output(Output::F)};
    if (gradient) {
        wanted.push_back(output(Output::Dx));
        wanted.push_back(output(Output::Dy));
    }
    // On a grid y is fixed along a row and x along a grid column; in a batch every point has its
    // own x and y.
    const auto tier = [&](int id) {
        const Tier t = m_values[static_cast<std::size_t>(id)].tier;
        return grid || t == Tier::Uniform ? t : Tier::Point;
    };
    // Values that depend on x are columns; the others are slots.
    const auto isColumn = [&](int id) {
        return (static_cast<unsigned>(tier(id)) & 1U) != 0;
    };
    const std::vector<bool> needed = reachable(wanted);

    std::vector<int> columnBody;
    std::vector<int> pointBody;
    for (std::size_t id = 0; id < count; ++id) {
        const int v = static_cast<int>(id);
        if (!needed[id] || isLeaf(m_values[id].operation)) {
            continue;
        }
        switch (tier(v)) {
        case Tier::Uniform:
            plan.uniformSteps.push_back(v);
            break;
        case Tier::Row:
            plan.rowSteps.push_back(v);
            break;
        case Tier::Column:
            columnBody.push_back(v);
            break;
        case Tier::Point:
            pointBody.push_back(v);
            break;
        }
    }

    // Hoisting: the x-only values that points read, or that are outputs, are computed once for
    // the whole row of x coordinates and read by every row.
    std::vector<int> hoisted;
    std::vector<bool> isHoisted(count, false);
    const auto hoist = [&](int id) {
        if (id >= 0 && tier(id) == Tier::Column &&
            !isLeaf(m_values[static_cast<std::size_t>(id)].operation) &&
            !isHoisted[static_cast<std::size_t>(id)]) {
            isHoisted[static_cast<std::size_t>(id)] = true;
            hoisted.push_back(id);
        }
    };
    for (const int v : pointBody) {
        for (const int operand : m_values[static_cast<std::size_t>(v)].operands) {
            hoist(operand);
        }
    }
    for (const int v : wanted) {
        hoist(v);
    }
    std::sort(hoisted.begin(), hoisted.end());
    plan.hoistedCount = static_cast<int>(hoisted.size());
    if (!hoisted.empty()) {
        PassRequest request;
        request.body = columnBody;
        request.column.assign(count, -1);
        request.column[0] = kColumnX;
        for (std::size_t k = 0; k < hoisted.size(); ++k) {
            request.outputs.emplace_back(hoisted[k], 1 + static_cast<int>(k));
        }
        request.firstScratchColumn = 1 + plan.hoistedCount;
        plan.hoisting = lowerPass(m_values, std::move(request), isColumn);
    }

    PassRequest request;
    request.body = pointBody;
    request.column.assign(count, -1);
    request.column[0] = kColumnX;
    if (!grid) {
        request.column[1] = kColumnY;
    }
    for (std::size_t k = 0; k < hoisted.size(); ++k) {
        request.column[static_cast<std::size_t>(hoisted[k])] =
            kFirstHoistedColumn + static_cast<int>(k);
    }
    for (std::size_t k = 0; k < wanted.size(); ++k) {
        request.outputs.emplace_back(wanted[k], kFirstOutputColumn + static_cast<int>(k));
    }
    request.firstScratchColumn = kFirstHoistedColumn + plan.hoistedCount;
    plan.points = lowerPass(m_values, std::move(request), isColumn);
    return plan;
}

} // namespace gradlab
