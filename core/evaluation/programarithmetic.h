// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

// The arithmetic of the program's operations, shared by the builder (constant folding), the
// scalar steps and the column kernels. Internal to core/evaluation.

#include "evaluation/program.h"

#include <cmath>
#include <limits>

namespace gradlab {

// The arithmetic of every operation, written once: the scalar steps and the column kernels both
// call these, so a point and a grid cell are computed by the same IEEE operations in the same
// order and agree bit for bit. Every file of the program is compiled
// with -ffp-contract=off so that a fused
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
inline double callBuiltin(Builtin builtin, double u)
{
    return builtinInfo(builtin).evaluate(u);
}

inline int arity(Program::Operation operation)
{
    switch (operation) {
    case Program::Operation::X:
    case Program::Operation::Y:
    case Program::Operation::Number:
    case Program::Operation::Parameter:
        return 0;
    case Program::Operation::Negate:
    case Program::Operation::Call:
        return 1;
    default:
        return 2;
    }
}

inline bool isLeaf(Program::Operation operation)
{
    return arity(operation) == 0;
}

// One scalar step: the value of \a value from the slots of its operands.
inline double compute(const Program::Value& value, const double* slots)
{
    const double a = value.operands[0] >= 0 ? slots[value.operands[0]] : 0.0;
    const double b = value.operands[1] >= 0 ? slots[value.operands[1]] : 0.0;
    switch (value.operation) {
    case Program::Operation::Negate:
        return NegateOp::apply(a, 0.0);
    case Program::Operation::Add:
        return AddOp::apply(a, b);
    case Program::Operation::Subtract:
        return SubtractOp::apply(a, b);
    case Program::Operation::Multiply:
        return MultiplyOp::apply(a, b);
    case Program::Operation::Divide:
        return DivideOp::apply(a, b);
    case Program::Operation::Power:
        return std::pow(a, b);
    case Program::Operation::Call:
        return callBuiltin(value.builtin, a);
    default:
        return std::numeric_limits<double>::quiet_NaN();
    }
}

} // namespace gradlab
