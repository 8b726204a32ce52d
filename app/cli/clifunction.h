// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "cliarguments.h"
#include "clioutput.h"
#include "evaluation/compiledfunction.h"
#include "expression/node.h"
#include "expression/parseerror.h"
#include "functions/presets.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gradlab {

/// "'text'": how the command line quotes what was typed.
std::string quoted(std::string_view text);

/// \brief The function named on the command line, parsed, with its declared parameters.
struct LoadedFunction
{
    std::string text; ///< the expression as parsed (a preset's formula)
    NodePtr expression;
    const Preset* preset = nullptr;      ///< set for "preset:NAME"
    std::vector<std::string> parameters; ///< declared with --param, in order
    std::vector<double> values;          ///< their values; NaN where diff's --param gave none
};

/// The preset called \a name, or a CommandLineError with the closest name and the list.
const Preset& requirePreset(std::string_view name);

/// Every --param of \a arguments into \a function's parameters and values, checked: NAME a
/// letter or _ then letters, digits or _, not x, y, e, pi or a function, declared once; VALUE a
/// number, required when \a valuesRequired (NaN otherwise where none is given).
void declareParameters(const ParsedArguments& arguments, bool valuesRequired,
                       LoadedFunction& function);

/// A parse error as the command line shows it: the message, then the caret block.
CommandLineError expressionError(std::string_view text, const ParseError& error);

/// EXPR or preset:NAME with the --param declarations; \a valuesRequired: every --param needs
/// NAME=VALUE (eval, descend) rather than allowing a bare NAME (diff).
LoadedFunction loadFunction(const std::string& argument, const ParsedArguments& arguments,
                            bool valuesRequired);

/// The function compiled with its parameters' values.
CompiledFunction compileFunction(const LoadedFunction& function);

/// \a expression with each parameter that has a value replaced by that number.
NodePtr substituteParameters(const NodePtr& expression, const LoadedFunction& function);

/// --format among \a allowed, \a fallback without the option.
OutputFormat requireFormat(const ParsedArguments& arguments, OutputFormat fallback,
                           std::vector<std::pair<std::string, OutputFormat>> allowed);

/// csv and json, the formats of eval, descend and critical.
extern const std::vector<std::pair<std::string, OutputFormat>> csvOrJson;

} // namespace gradlab
