// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "cligraph.h"

#include "clifunction.h"
#include "clioutput.h"
#include "expression/parser.h"
#include "graph/computationgraph.h"
#include "graph/graphevaluation.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace gradlab {
namespace {

/// Every --param NAME=VALUE, checked as eval checks them.
std::map<std::string, double> parameterValues(const ParsedArguments& arguments)
{
    LoadedFunction declared;
    declareParameters(arguments, true, declared);
    std::map<std::string, double> values;
    for (std::size_t i = 0; i < declared.parameters.size(); ++i) {
        values[declared.parameters[i]] = declared.values[i];
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
    if (!result.isValid()) {
        throw expressionError(text, result.error);
    }
    return result.expression;
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
