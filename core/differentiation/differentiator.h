// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "expression/builtins.h"
#include "expression/node.h"

#include <string>
#include <vector>

namespace gradlab {

/// \brief One step of a derivation: "3xy → 3y (constant multiple)".
struct DerivationStep
{
    DerivativeRule rule = DerivativeRule::Other;
    std::string ruleName; ///< "constant multiple"
    NodePtr expression;   ///< the part differentiated
    NodePtr derivative;   ///< its derivative, simplified
    int depth = 0;        ///< nesting: 0 for the top level terms, deeper for inner rules
    std::string text;     ///< the whole step in plain words, pretty-printed
};

/// \brief A derivative with the rule-by-rule explanation of how it was found.
struct Derivation
{
    Variable variable = Variable::X;
    NodePtr expression;                ///< f
    NodePtr result;                    ///< ∂f/∂variable, simplified
    std::vector<DerivationStep> steps; ///< in reading order; the first says what is held constant
    /// The steps joined as the tutorial writes them: "treat y as a constant; x² → 2x (power rule);
    /// 3xy → 3y (constant multiple); y² → 0 (constant); sum rule: 2x + 3y"
    std::string summary() const;
};

/// ∂expression/∂variable, not simplified (the raw rule output). Rules: constant, variable, sum,
/// constant multiple (c·u)′ = c·u′ whenever one factor or the denominator is free of the variable,
/// product, quotient, power (n·uⁿ⁻¹·u′; aᵘ·ln a·u′; u^v·(v′·ln u + v·u′/u)) and the chain rule
/// with each builtin's derivative from the builtin table. Parameters and constants are constants.
/// Kinks follow PyTorch and JAX: relu′(0) = step(0) = 0 and abs′(0) = sign(0) = 0.
/// Iterative and memoized over shared subtrees: any depth, linear in the size of the tree.
NodePtr differentiate(const NodePtr& expression, Variable variable);

/// simplify(differentiate(expression, variable)), without a trace. Higher orders apply it again:
/// ∂²f/∂x∂y = partialDerivative(partialDerivative(f, X), Y).
NodePtr partialDerivative(const NodePtr& expression, Variable variable);

/// ∂expression/∂variable, simplified, with its derivation trace. The first step names what is held
/// constant; each term of a top-level sum is a step at depth 0, followed by the steps of its parts
/// (depth 1 and deeper); a last "sum rule: …" step gives the result. The trace stops explaining
/// below 8 levels and after 200 steps (the result is always complete).
Derivation derive(const NodePtr& expression, Variable variable);

} // namespace gradlab
