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
    /// Declared parameter names (a, k, lambda): they parse as Parameter nodes.
    std::vector<std::string> parameters;
    /// When true, every identifier that is not x, y, a constant or a function becomes a parameter
    /// (the UI uses this to offer sliders); when false such a name is UnknownIdentifier.
    bool declareUnknownIdentifiers = false;
};

/// \brief The result of parsing: an expression, or an error. Never both.
struct ParseResult
{
    NodePtr expression;                  ///< null on error
    ParseError error;                    ///< code None on success
    std::vector<std::string> parameters; ///< the parameter names the expression uses, in order of appearance

    bool isValid() const { return expression != nullptr; }
    bool hasError() const { return expression == nullptr; }
};

/// Parses the notation people write (see README "Function syntax"). Never throws, never crashes,
/// never recurses more deeply than a fixed limit.
ParseResult parse(std::string_view text, const ParseOptions& options = {});

} // namespace gradlab
