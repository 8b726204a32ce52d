// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "clifunction.h"

#include "clioptimizeroptions.h"
#include "expression/builtins.h"
#include "expression/parser.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>
#include <unordered_map>

namespace gradlab {
namespace {

constexpr std::string_view presetPrefix = "preset:";
/// Records are kept for every step (views replay them); a million is some 300 MB.
constexpr long long maximumSteps = 1'000'000;

std::vector<std::string> presetNames()
{
    std::vector<std::string> names;
    for (const Preset& preset : presets()) {
        names.push_back(preset.name);
    }
    return names;
}

bool isIdentifier(std::string_view name)
{
    const auto isLetter = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    const auto isDigit = [](char c) {
        return c >= '0' && c <= '9';
    };
    return !name.empty() && isLetter(name.front()) &&
           std::all_of(name.begin(), name.end(), [&](char c) { return isLetter(c) || isDigit(c); });
}

} // namespace

/// Reads every --param NAME=VALUE into \a function; \a valuesRequired is false for diff, which
/// also accepts a bare NAME (the parameter stays a symbol).
void declareParameters(const ParsedArguments& arguments, bool valuesRequired,
                       LoadedFunction& function)
{
    for (const GivenOption& option : arguments.all("param")) {
        const std::string& text = option.value;
        const std::size_t equals = text.find('=');
        const std::string name = text.substr(0, equals);
        if (!isIdentifier(name)) {
            throw CommandLineError("--param " + quoted(text) +
                                   ": expected NAME=VALUE with NAME a letter " +
                                   "or _ followed by letters, digits or _");
        }
        if (name == "x" || name == "y" || name == "pi" || name == "e" || findBuiltin(name)) {
            throw CommandLineError("--param " + quoted(text) + ": " + quoted(name) +
                                   " is already a variable, a constant or a function");
        }
        if (std::find(function.parameters.begin(), function.parameters.end(), name) !=
            function.parameters.end()) {
            throw CommandLineError("--param " + quoted(name) + " is declared more than once");
        }
        double value = std::numeric_limits<double>::quiet_NaN();
        if (equals != std::string::npos) {
            value = requireNumber(std::string_view(text).substr(equals + 1), "--param " + name);
        } else if (valuesRequired) {
            throw CommandLineError("--param " + quoted(text) + ": expected NAME=VALUE");
        }
        function.parameters.push_back(name);
        function.values.push_back(value);
    }
}

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

// ---------------------------------------------------------------------------------------------
// The function a subcommand works on: an expression or a preset, and its parameters.

const Preset& requirePreset(std::string_view name)
{
    if (const Preset* preset = findPreset(name)) {
        return *preset;
    }
    const std::vector<std::string> names = presetNames();
    const std::string closest = closestMatch(name, names);
    throw CommandLineError("unknown preset " + quoted(name) +
                               (closest.empty() ? "" : "; did you mean " + quoted(closest) + "?"),
                           {"presets: " + joinNames(names)}, false);
}

/// The message, caret block and hint of a rejected expression.
CommandLineError expressionError(std::string_view text, const ParseError& error)
{
    std::vector<std::string> details{caretBlock(text, error.position, error.length)};
    details.back().pop_back(); // details are printed one a line
    // The parser's own message already suggests --param for an unknown name; a preset's name
    // typed without its prefix gets the hint that fits it better.
    if (error.code == ParseErrorCode::UnknownIdentifier && findPreset(text)) {
        details.push_back("hint: for the preset, write " + std::string(presetPrefix) +
                          std::string(text));
    }
    // "unknown function 'foo' at 0"; a message with an explanation after a colon gets the
    // position before it: "unknown name 'a' at 0: declare it as a parameter …".
    std::string message = error.message;
    const std::size_t colon = message.find(": ");
    message.insert(colon == std::string::npos ? message.size() : colon,
                   " at " + std::to_string(error.position));
    return CommandLineError(message, details, false);
}

/// The expression or "preset:NAME" in \a argument, parsed with the --param declarations.
LoadedFunction loadFunction(const std::string& argument, const ParsedArguments& arguments,
                            bool valuesRequired)
{
    LoadedFunction function;
    declareParameters(arguments, valuesRequired, function);
    if (argument.starts_with(presetPrefix)) {
        function.preset = &requirePreset(std::string_view(argument).substr(presetPrefix.size()));
        function.text = function.preset->formula;
    } else {
        function.text = argument;
    }
    ParseOptions options;
    options.parameters = function.parameters;
    const ParseResult result = parse(function.text, options);
    if (result.hasError()) {
        throw expressionError(function.text, result.error);
    }
    function.expression = result.expression;
    return function;
}

CompiledFunction compileFunction(const LoadedFunction& function)
{
    CompiledFunction compiled = CompiledFunction::compile(function.expression, function.parameters,
                                                          DerivativeOrder::Hessian);
    compiled.setParameters(function.values);
    return compiled;
}

/// \a expression with every parameter that has a value replaced by that number. Iterative (a
/// long sum is as deep as it has terms); a shared subtree is rebuilt once.
NodePtr substituteParameters(const NodePtr& expression, const LoadedFunction& function)
{
    std::unordered_map<const Node*, NodePtr> done;
    const auto substituted = [&](const NodePtr& node) -> NodePtr {
        if (node->kind() == NodeKind::Parameter) {
            const auto found =
                std::find(function.parameters.begin(), function.parameters.end(), node->name());
            if (found == function.parameters.end()) {
                return node;
            }
            const double value =
                function.values[static_cast<std::size_t>(found - function.parameters.begin())];
            return std::isnan(value) ? node : Node::number(value);
        }
        if (node->children().empty()) {
            return node;
        }
        std::vector<NodePtr> children;
        for (const NodePtr& child : node->children()) {
            children.push_back(done.at(child.get()));
        }
        switch (node->kind()) {
        case NodeKind::Negate:
            return Node::negate(children[0]);
        case NodeKind::Call:
            return Node::call(node->builtin(), std::move(children));
        default:
            return Node::binary(node->kind(), children[0], children[1]);
        }
    };
    std::vector<std::pair<const NodePtr*, bool>> stack{{&expression, false}};
    while (!stack.empty()) {
        const auto [node, expanded] = stack.back();
        if (done.contains(node->get())) {
            stack.pop_back();
            continue;
        }
        if (!expanded) {
            stack.back().second = true;
            for (const NodePtr& child : (*node)->children()) {
                stack.emplace_back(&child, false);
            }
            continue;
        }
        stack.pop_back();
        done.emplace(node->get(), substituted(*node));
    }
    return done.at(expression.get());
}

// ---------------------------------------------------------------------------------------------
// Option values shared by the subcommands.

OutputFormat requireFormat(const ParsedArguments& arguments, OutputFormat fallback,
                           std::vector<std::pair<std::string, OutputFormat>> allowed)
{
    const std::optional<std::string> text = arguments.value("format");
    if (!text) {
        return fallback;
    }
    std::vector<std::string> names;
    for (const auto& [name, format] : allowed) {
        if (name == *text) {
            return format;
        }
        names.push_back(name);
    }
    throw CommandLineError("--format: unknown format " + quoted(*text) + " (use " +
                           joinNames(names, " or ") + ")");
}

const std::vector<std::pair<std::string, OutputFormat>> csvOrJson{{"csv", OutputFormat::Csv},
                                                                  {"json", OutputFormat::Json}};

long long requireStepCount(std::string_view text)
{
    long long count = -1;
    const char* end = text.data() + text.size();
    const auto [pointer, error] = std::from_chars(text.data(), end, count);
    if (error != std::errc() || pointer != end || count < 0 || count > maximumSteps) {
        throw CommandLineError("--steps: " + quoted(text) + " is not a whole number from 0 to " +
                               std::to_string(maximumSteps));
    }
    return count;
}

} // namespace gradlab
