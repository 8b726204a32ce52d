// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "cligraph.h"

#include "clioutput.h"
#include "expression/builtins.h"
#include "expression/parser.h"
#include "graph/computationgraph.h"
#include "graph/graphevaluation.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace gradlab {
namespace {

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

bool isIdentifier(std::string_view name)
{
    const auto isLetter = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    return !name.empty() && isLetter(name.front()) &&
           std::all_of(name.begin(), name.end(),
                       [&](char c) { return isLetter(c) || (c >= '0' && c <= '9'); });
}

/// Every --param NAME=VALUE, checked as eval checks them.
std::map<std::string, double> parameterValues(const ParsedArguments& arguments)
{
    std::map<std::string, double> values;
    for (const GivenOption& option : arguments.all("param")) {
        const std::string& text = option.value;
        const std::size_t equals = text.find('=');
        const std::string name = text.substr(0, equals);
        if (!isIdentifier(name) || equals == std::string::npos) {
            throw CommandLineError("--param " + quoted(text) +
                                   ": expected NAME=VALUE with NAME a letter " +
                                   "or _ followed by letters, digits or _");
        }
        if (name == "x" || name == "y" || name == "pi" || name == "e" || findBuiltin(name)) {
            throw CommandLineError("--param " + quoted(text) + ": " + quoted(name) +
                                   " is already a variable, a constant or a function");
        }
        if (values.contains(name)) {
            throw CommandLineError("--param " + quoted(name) + " is declared more than once");
        }
        values[name] = requireNumber(std::string_view(text).substr(equals + 1), "--param " + name);
    }
    return values;
}

/// EXPR parsed with the --param names declared; a rejected one is quoted with its caret.
NodePtr parseExpression(const std::string& text, const std::map<std::string, double>& parameters)
{
    ParseOptions options;
    for (const auto& parameter : parameters) {
        options.parameters.push_back(parameter.first);
    }
    const ParseResult result = parse(text, options);
    if (result.isValid()) {
        return result.expression;
    }
    std::string caret = caretBlock(text, result.error.position, result.error.length);
    caret.pop_back(); // details are printed one a line
    // "unknown function 'foo' at 0", the position before an explanation after a colon.
    std::string message = result.error.message;
    const std::size_t colon = message.find(": ");
    message.insert(colon == std::string::npos ? message.size() : colon,
                   " at " + std::to_string(result.error.position));
    throw CommandLineError(message, {caret}, false);
}

/// \a text inside a dot string: quotes and backslashes escaped.
std::string dotEscaped(std::string_view text)
{
    std::string escaped;
    for (const char character : text) {
        if (character == '"' || character == '\\') {
            escaped += '\\';
        }
        escaped += character;
    }
    return escaped;
}

std::string joinedInputs(const GraphNode& node, std::string_view separator)
{
    std::string text;
    for (const int input : node.inputs) {
        text += (text.empty() ? "" : std::string(separator)) + std::to_string(input);
    }
    return text;
}

int runGraph(const ParsedArguments& arguments, const CommandStreams& streams)
{
    const std::map<std::string, double> parameters = parameterValues(arguments);
    const NodePtr expression = parseExpression(arguments.positionals().front(), parameters);
    const std::optional<std::string> at = arguments.value("at");
    if (!at) {
        throw CommandLineError("graph needs the point: --at X,Y");
    }
    const Eigen::Vector2d point = requirePoint(*at, "--at");
    const std::string format = arguments.value("format").value_or("json");
    if (format != "json" && format != "dot" && format != "csv") {
        throw CommandLineError("--format " + quoted(format) + ": expected json, dot or csv");
    }
    const SigmoidForm sigmoid =
        arguments.has("expand-sigmoid") ? SigmoidForm::Expanded : SigmoidForm::Fused;
    const ComputationGraph graph = ComputationGraph::build(expression, sigmoid);
    const GraphEvaluation evaluation = evaluateGraph(graph, point.x(), point.y(), parameters);

    if (format == "dot") {
        std::fputs(graphToDot(graph, evaluation).c_str(), streams.out);
    } else if (format == "csv") {
        RecordWriter writer(streams.out, OutputFormat::Csv,
                            {"id", "op", "inputs", "value", "adjoint", "label"});
        for (const GraphNode& node : graph.nodes()) {
            const std::size_t id = static_cast<std::size_t>(node.id);
            writer.write({static_cast<long long>(node.id), std::string(operationName(node)),
                          joinedInputs(node, " "), evaluation.values[id], evaluation.adjoints[id],
                          nodeLabel(node)});
        }
        writer.finish();
    } else {
        std::string text = "{\"output\": " + std::to_string(graph.output()) + ", \"nodes\": [\n";
        for (const GraphNode& node : graph.nodes()) {
            const std::size_t id = static_cast<std::size_t>(node.id);
            text += "  {\"id\": " + std::to_string(node.id) +
                    ", \"op\": " + jsonString(operationName(node)) + ", \"inputs\": [" +
                    joinedInputs(node, ", ") +
                    "], \"value\": " + jsonNumber(evaluation.values[id]) +
                    ", \"adjoint\": " + jsonNumber(evaluation.adjoints[id]) +
                    ", \"label\": " + jsonString(nodeLabel(node)) +
                    (node.id + 1 < graph.size() ? "},\n" : "}\n");
        }
        std::fputs((text + "]}\n").c_str(), streams.out);
    }
    std::fflush(streams.out);
    return static_cast<int>(ExitCode::Success);
}

constexpr OptionSpec graphOptions[] = {
    {"at", "X,Y", "the point of the forward and backward pass"},
    {"format", "json|dot|csv", "output format (default json)"},
    {"param", "NAME=VALUE", "declare a parameter and give it its value", true},
    {"expand-sigmoid", "", "write sigmoid(u) as 1/(1 + exp(-u)): four nodes instead of one"},
};

} // namespace

CommandSpec graphCommand()
{
    return {
        "graph",
        "the computation graph with forward values and backward adjoints",
        "gradlab graph EXPR --at X,Y [--format json|dot|csv] [--param NAME=VALUE ...] "
        "[--expand-sigmoid]",
        "EXPR",
        graphOptions,
        "Builds the computation graph of f: one node per operation, x and y one node each, a\n"
        "repeated subexpression one node. Nodes are listed inputs first; each has its value at\n"
        "the point and its adjoint, the partial derivative of f with respect to it (the\n"
        "adjoints of x and y are the gradient). op is x, y, const, param, +, -, *, /, ^, neg\n"
        "or a function name; + - * / ^ take two inputs.\n"
        "JSON: {\"output\": ID, \"nodes\": [{\"id\", \"op\", \"inputs\", \"value\", "
        "\"adjoint\", \"label\"}]}.\n"
        "CSV columns: id,op,inputs,value,adjoint,label (inputs separated by spaces).\n"
        "dot: Graphviz input, left to right (render it with dot -Tsvg).",
        "gradlab graph \"x^2 + 3xy + y^2\" --at 1,4\n"
        "gradlab graph \"sigmoid(w*x + b)\" --param w=2 --param b=-1 --at 1,0 --format csv\n"
        "gradlab graph \"sin(x*y) + x*y\" --at 1,2 --format dot | dot -Tsvg > graph.svg",
        &runGraph};
}

std::string graphToDot(const ComputationGraph& graph, const GraphEvaluation& evaluation)
{
    std::string text = "digraph computation {\n"
                       "  rankdir=LR;\n"
                       "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
    for (const GraphNode& node : graph.nodes()) {
        const std::size_t id = static_cast<std::size_t>(node.id);
        text += "  n" + std::to_string(node.id) + " [label=\"" + dotEscaped(operationSymbol(node)) +
                "\\n= " + formatNumber(evaluation.values[id]) + "\\nadjoint " +
                formatNumber(evaluation.adjoints[id]) + "\", tooltip=\"" +
                dotEscaped(nodeLabel(node)) + "\"" +
                (node.id == graph.output() ? ", peripheries=2" : "") + "];\n";
    }
    for (const GraphNode& node : graph.nodes()) {
        for (const int input : node.inputs) {
            text += "  n" + std::to_string(input) + " -> n" + std::to_string(node.id) + ";\n";
        }
    }
    return text + "}\n";
}

} // namespace gradlab
