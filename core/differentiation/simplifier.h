// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "expression/node.h"

namespace gradlab {

/// Rewrites an expression into an equal one that reads like a textbook: constants folded, like
/// terms and like factors collected, no 0*x, 1*y, x^1, --; 2x + 3y rather than 3y + x*2.
/// The value is unchanged wherever the input is defined (it may gain definedness: x/x is 1).
NodePtr simplify(const NodePtr& expression);

} // namespace gradlab
