// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "node.h"

#include <span>
#include <string_view>

namespace gradlab {

/// Every function the language knows. The table in builtins.cpp is the one place that says what
/// each does: adding a function means adding an enumerator and a row there.
enum class Builtin {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Exp,
    Log,
    Sqrt,
    Abs,
    Sigmoid,
    Relu,
    Sign,
    Step,
};

/// The rules a derivation step can cite (the builtin table names each function's).
enum class DerivativeRule {
    Constant,
    Variable,
    Sum,
    ConstantMultiple,
    Power,
    Product,
    Quotient,
    Chain,
    Exponential,
    Logarithm,
    Trig,
    SigmoidIdentity,
    TanhIdentity,
    Relu,
    Abs,
    Other, ///< inverse trig, hyperbolic and the like: the builtin table's rule text says which
};

/// \brief One row of the function table: name, arity, evaluation, derivative rule, pretty name.
struct BuiltinInfo
{
    Builtin id;
    std::string_view name;      ///< as typed: "sin"
    int arity;                  ///< number of arguments (all current builtins take one)
    double (*evaluate)(double); ///< the value; NaN outside the domain, ±inf at poles
    /// d f(u) / du as an expression of the argument \a u; \a self is the call node f(u) itself,
    /// which identities such as exp' = exp, σ' = σ(1 − σ) and tanh' = 1 − tanh² reuse.
    NodePtr (*derivative)(const NodePtr& u, const NodePtr& self);
    std::string_view rule; ///< the rule's name in derivation traces: "exponential"
    std::string_view
        derivativeText; ///< the rule as the tutorial's table writes it: "σ(u)(1 − σ(u))"
    std::string_view prettyName; ///< for the pretty printer: "σ", "ln"
    DerivativeRule ruleKind;     ///< the rule a derivation step cites
    /// For a function with a kink: its own step's rule and the chain rule's outer derivative, in
    /// words ("ReLU′ = 1 if u > 0, else 0; 0 at the kink"); empty for the others, whose texts
    /// come from rule and derivativeText.
    std::string_view kinkRule;
    std::string_view kinkOuter;
    /// result[i] = evaluate(u[i]) for i < count, evaluate inlined into the loop: the column
    /// kernel of compiled programs.
    void (*evaluateMany)(const double* u, double* result, int count);
};

/// The whole table, in enumerator order.
std::span<const BuiltinInfo> builtins();
const BuiltinInfo& builtinInfo(Builtin id);
/// The row for a typed name (aliases included: "ln" is Log); nullptr if there is none.
const BuiltinInfo* findBuiltin(std::string_view name);

} // namespace gradlab
