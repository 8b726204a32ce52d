// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "node.h"

#include <string>

namespace gradlab {

/// Plain text in the input grammar, with as few parentheses as precedence allows and implicit
/// products where they read naturally ("2x + 3y"). parse(toPlainText(e)) is structurally e.
std::string toPlainText(const NodePtr& expression);

/// Unicode for labels: x², 3·x·y → "3xy", σ(x), √x, −, ·.
std::string toPrettyText(const NodePtr& expression);

/// HTML for rich-text views: superscripts with <sup>, σ, ·, − (no <html> wrapper).
std::string toHtml(const NodePtr& expression);

} // namespace gradlab
