// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "expression/node.h"

namespace gradlab {

/// Rewrites an expression into an equal one that reads like a textbook: constants folded, like
/// terms and like factors collected, no 0*x, 1*y, x^1, --; 2x + 3y rather than 3y + x*2.
/// - Numbers fold only into finite results, snapped to the short decimal they stand for
///   (0.1 + 0.2 is 0.3); a quotient, power or function value folds only when exact or short
///   (1/4 is 0.25, 1/3 stays 1/3, sin(1) stays), and 0/0 or 1/0 stay as written.
/// - Polynomials in x and y are ordered by degree, x before y, number first (x² + 3xy + y²);
///   other sums and products keep their written order; a negative term is a subtraction.
/// - Function calls and products of sums stay intact: σ(x)(1 − σ(x)) is not expanded.
/// - The value is unchanged wherever the input is defined, and the domain is kept where it can
///   be: x/x and x²/x are not cancelled, (x^0.5)² is not x. Removing 0·u and u − u may only
///   define a value where u was undefined.
/// Iterative, one pass over the tree with shared subtrees visited once, so it terminates on any
/// input; results share equal subtrees.
NodePtr simplify(const NodePtr& expression);

} // namespace gradlab
