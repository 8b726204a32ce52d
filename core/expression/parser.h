// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "node.h"
#include "parseerror.h"

#include <string>
#include <string_view>
#include <vector>

namespace gradlab {

/// \brief What the parser may accept beyond x, y, pi, e and the builtins.
struct ParseOptions
{
    /// Declared parameter names (a, k, lambda): they parse as Parameter nodes, and a word made of
    /// them, x, y, e and pi is their product ("2ax" is 2·a·x). x, y, e, pi and the function
    /// names keep their meaning even if declared.
    std::vector<std::string> parameters;
    /// When true, every whole word that is not x, y, a constant, a function, a declared parameter
    /// or a product of these becomes a parameter (the UI uses this to offer sliders): "ax" is
    /// the parameter ax. A longer unknown word before "(" stays UnknownFunction ("foo(x)"); a
    /// one-letter one is a parameter times the group ("k(x - 1)"). When false, such a name is
    /// UnknownIdentifier.
    bool declareUnknownIdentifiers = false;
};

/// \brief The result of parsing: an expression, or an error. Never both.
struct ParseResult
{
    NodePtr expression; ///< null on error
    ParseError error;   ///< code None on success
    std::vector<std::string>
        parameters; ///< the parameter names the expression uses, in order of appearance

    bool isValid() const { return expression != nullptr; }
    bool hasError() const { return expression == nullptr; }
};

/// Parses the notation people write (the README's "Function syntax"):
///     expression = term { ("+" | "-") term }
///     term       = ("+" | "-") term | product          -2x is -(2x), -x^2 is -(x^2)
///     product    = power { ("*" | "/") factor | power starting with a name or "(" }
///     factor     = ("+" | "-") factor | power          x*-y, 2^-1
///     power      = primary [ ("^" | "**") factor ]     2^3^2 is 2^(3^2)
///     primary    = number | name | function "(" expression ")" | "(" expression ")"
/// Implicit products bind like "*": 1/2x is (1/2)·x, 2x^2 is 2·(x^2). Positions are byte
/// offsets; the first error from the left is reported. Never throws, never crashes, never
/// recurses more deeply than 256 levels of parentheses, calls, signs and powers.
ParseResult parse(std::string_view text, const ParseOptions& options = {});

} // namespace gradlab
