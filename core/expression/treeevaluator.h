// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "node.h"

#include <map>
#include <string>

namespace gradlab {

/// The value of \a expression at (x, y), walking the tree: the slow, obvious reference that
/// compiled programs and printers are checked against. Each builtin evaluates through its row of
/// the builtin table; a parameter missing from \a parameters is NaN; domain errors are NaN and
/// poles ±inf, as IEEE arithmetic gives them. Iterative, and each shared subtree is evaluated once.
double evaluateTree(const NodePtr& expression, double x, double y,
                    const std::map<std::string, double>& parameters = {});

} // namespace gradlab
