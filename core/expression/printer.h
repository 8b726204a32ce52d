// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "node.h"

#include <string>

namespace gradlab {

/// Plain text in the input grammar, with as few parentheses as precedence allows and implicit
/// products where they read naturally and read back safely: 2x, 2pi, 2sin(x), 3(x + 1), xy,
/// x(y + 1), (x + 1)(y - 1), sigmoid(x)(1 - sigmoid(x)); "*" next to parameters and elsewhere
/// (a*x, x*2, x*sin(x)). Numbers are the shortest text that reads back exactly.
/// parse(toPlainText(e)) with e's parameters declared is structurally e, except for what the
/// parser never builds: a negative Number reads back as a negation, and ±inf and NaN, written
/// (1/0), (-1/0) and (0/0), as quotients; the values stay the same. Iterative: any depth.
std::string toPlainText(const NodePtr& expression);

/// Unicode for labels: x², x⁻¹, e⁻ˣ (superscripts for integers, letters and short products such
/// as 2x; e^(−x²) otherwise), 3xy, σ(x)(1 − σ(x)), √x, ln(x), − for minus, · where a product
/// needs a mark (2·3, x·sin(x)), 1.5×10²⁰.
std::string toPrettyText(const NodePtr& expression);

/// HTML for rich-text views: exponents in <sup>, variables and parameters in <i>, &minus;,
/// &middot;, σ, √, names escaped (no <html> wrapper).
std::string toHtml(const NodePtr& expression);

} // namespace gradlab
