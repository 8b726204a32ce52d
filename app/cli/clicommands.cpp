// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "clicommands.h"

#include "analysis/criticalpoints.h"
#include "clifit.h"
#include "cligraph.h"
#include "clioptimizer.h"
#include "clioptimizeroptions.h"
#include "clioutput.h"
#include "differentiation/differentiator.h"
#include "evaluation/compiledfunction.h"
#include "expression/builtins.h"
#include "expression/parser.h"
#include "expression/printer.h"
#include "functions/presets.h"
#include "optimization/optimizer.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <unordered_map>

namespace gradlab {
namespace {

constexpr std::string_view presetPrefix = "preset:";
/// Records are kept for every step (views replay them); a million is some 300 MB.
constexpr long long maximumSteps = 1'000'000;
/// A derivative of more nodes than this is not printed by diff: no one reads it.
constexpr std::size_t kMaxShownDerivativeNodes = 10'000;

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

// ---------------------------------------------------------------------------------------------
// The function a subcommand works on: an expression or a preset, and its parameters.

/// \brief The function named on the command line, parsed, with its declared parameters.
struct LoadedFunction
{
    std::string text; ///< the expression as parsed (a preset's formula)
    NodePtr expression;
    const Preset* preset = nullptr;      ///< set for "preset:NAME"
    std::vector<std::string> parameters; ///< declared with --param, in order
    std::vector<double> values;          ///< their values; NaN where diff's --param gave none
};

std::vector<std::string> presetNames()
{
    std::vector<std::string> names;
    for (const Preset& preset : presets()) {
        names.push_back(preset.name);
    }
    return names;
}

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

} // namespace

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

namespace {

/// The points of --at and --points, in the order the options were given.
std::vector<Eigen::Vector2d> collectPoints(const ParsedArguments& arguments, std::FILE* in)
{
    std::vector<Eigen::Vector2d> points;
    for (const GivenOption& option : arguments.options()) {
        if (option.name == "at") {
            points.push_back(requirePoint(option.value, "--at"));
        } else if (option.name == "points" && option.value == "-") {
            const std::vector<Eigen::Vector2d> read = readPoints(in, "<stdin>");
            points.insert(points.end(), read.begin(), read.end());
        } else if (option.name == "points") {
            const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
                std::fopen(option.value.c_str(), "r"), &std::fclose);
            if (!file) {
                throw CommandLineError("--points: cannot open " + quoted(option.value) + ": " +
                                           std::strerror(errno),
                                       {}, false);
            }
            const std::vector<Eigen::Vector2d> read = readPoints(file.get(), option.value);
            points.insert(points.end(), read.begin(), read.end());
        }
    }
    return points;
}

// ---------------------------------------------------------------------------------------------
// eval

int runEval(const ParsedArguments& arguments, const CommandStreams& streams)
{
    const LoadedFunction function = loadFunction(arguments.positionals().front(), arguments, true);
    const OutputFormat format = requireFormat(arguments, OutputFormat::Csv, csvOrJson);
    const std::vector<Eigen::Vector2d> points = collectPoints(arguments, streams.in);
    if (points.empty()) {
        throw CommandLineError(arguments.has("points")
                                   ? "no points: the points file holds none"
                                   : "eval needs at least one point: --at X,Y or --points FILE");
    }
    const CompiledFunction compiled = compileFunction(function);
    RecordWriter writer(streams.out, format,
                        {"x", "y", "f", "df_dx", "df_dy", "d2f_dx2", "d2f_dxdy", "d2f_dy2"});
    for (const Eigen::Vector2d& point : points) {
        const PointValue value = compiled.evaluate(point.x(), point.y());
        writer.write({point.x(), point.y(), value.f, value.gradient.x(), value.gradient.y(),
                      value.hessian(0, 0), value.hessian(0, 1), value.hessian(1, 1)});
    }
    writer.finish();
    return static_cast<int>(ExitCode::Success);
}

// ---------------------------------------------------------------------------------------------
// diff

int runDiff(const ParsedArguments& arguments, const CommandStreams& streams)
{
    const LoadedFunction function = loadFunction(arguments.positionals().front(), arguments, false);
    const NodePtr expression = substituteParameters(function.expression, function);
    const bool withSteps = arguments.has("steps");
    std::string text;
    for (const Variable variable : {Variable::X, Variable::Y}) {
        // The trace is built only when it is shown: it simplifies every part it explains.
        const Derivation derivation =
            withSteps
                ? derive(expression, variable)
                : Derivation{variable, expression, partialDerivative(expression, variable), {}};
        const std::string name = variable == Variable::X ? "x" : "y";
        if (withSteps && variable == Variable::Y) {
            text += "\n";
        }
        const std::size_t size =
            printedSize(*derivation.result, std::numeric_limits<std::size_t>::max());
        if (size > kMaxShownDerivativeNodes) {
            // Too large to read: its size, and where its numbers are.
            text += "df/d" + name + ": too large to show: " + std::to_string(size) +
                    " nodes after simplification, more than " +
                    std::to_string(kMaxShownDerivativeNodes) + "; gradlab eval gives its values\n";
        } else {
            text += "df/d" + name + " = " + toPlainText(derivation.result) + "\n";
        }
        if (withSteps) {
            for (const DerivationStep& step : derivation.steps) {
                text +=
                    std::string(2 + 2 * static_cast<std::size_t>(std::max(0, step.depth)), ' ') +
                    step.text + "\n";
            }
            text += "  summary: " + derivation.summary() + "\n";
        }
    }
    std::fputs(text.c_str(), streams.out);
    std::fflush(streams.out);
    return static_cast<int>(ExitCode::Success);
}

// ---------------------------------------------------------------------------------------------
// descend

} // namespace

Method requireMethod(const ParsedArguments& arguments)
{
    std::vector<std::string> names;
    for (const Method method : allMethods()) {
        names.emplace_back(methodName(method));
    }
    const std::optional<std::string> name = arguments.value("optimizer");
    if (!name) {
        throw CommandLineError("descend needs --optimizer NAME",
                               {"optimizers: " + joinNames(names)});
    }
    if (const std::optional<Method> method = methodFromName(*name)) {
        return *method;
    }
    const std::string closest = closestMatch(*name, names);
    throw CommandLineError("unknown optimizer " + quoted(*name) +
                               (closest.empty() ? "" : "; did you mean " + quoted(closest) + "?"),
                           {"optimizers: " + joinNames(names)});
}

/// The method's defaults with the options given on the command line, each checked for the
/// method and for its range (the ranges torch.optim accepts).
OptimizerSettings requireSettings(const ParsedArguments& arguments, Method method, long long steps)
{
    OptimizerSettings settings = optimizerOptions().settings(arguments, method);
    settings.schedule = requireSchedule(arguments, method);
    // Without --tol a run never stops early: exactly --steps steps unless it diverges.
    if (!arguments.has("tol")) {
        settings.tolerance = 0.0;
    }
    settings.maxSteps = static_cast<int>(steps);
    return settings;
}

namespace {

int runDescend(const ParsedArguments& arguments, const CommandStreams& streams)
{
    const LoadedFunction function = loadFunction(arguments.positionals().front(), arguments, true);
    const OutputFormat format = requireFormat(arguments, OutputFormat::Csv, csvOrJson);
    Eigen::Vector2d start;
    if (const std::optional<std::string> from = arguments.value("from")) {
        start = requirePoint(*from, "--from");
    } else if (function.preset) {
        start = function.preset->start;
    } else {
        throw CommandLineError("descend needs a start point: --from X,Y");
    }
    const Method method = requireMethod(arguments);
    const std::optional<std::string> stepsText = arguments.value("steps");
    if (!stepsText) {
        throw CommandLineError("descend needs --steps N");
    }
    const long long steps = requireStepCount(*stepsText);
    const OptimizerSettings settings = requireSettings(arguments, method, steps);

    Run run(compileFunction(function).objective(), start, settings);
    run.advanceTo(static_cast<int>(steps));
    // The evaluation counts: asked for, or always for the methods whose steps cost several.
    const bool evaluations =
        arguments.has("evaluations") || method == Method::LBFGS || method == Method::NelderMead;
    const bool simplex = method == Method::NelderMead;
    std::vector<std::string> columns{"step", "x", "y", "f", "df_dx", "df_dy", "lr"};
    if (evaluations) {
        columns.insert(columns.end(), {"f_evals", "grad_evals", "hessian_evals"});
    }
    if (simplex) {
        columns.insert(columns.end(), {"v1_x", "v1_y", "v2_x", "v2_y", "v3_x", "v3_y"});
    }
    RecordWriter writer(streams.out, format, columns);
    for (const StepRecord& record : run.records()) {
        std::vector<RecordWriter::Cell> cells{static_cast<long long>(record.index),
                                              record.point.x(),
                                              record.point.y(),
                                              record.f,
                                              record.gradient.x(),
                                              record.gradient.y(),
                                              record.learningRate};
        if (evaluations) {
            cells.insert(cells.end(), {record.evaluations.function, record.evaluations.gradient,
                                       record.evaluations.hessian});
        }
        if (simplex) {
            for (const Eigen::Vector2d& vertex : record.simplex) {
                cells.insert(cells.end(), {vertex.x(), vertex.y()});
            }
        }
        writer.write(cells);
    }
    writer.finish();
    if (run.stopReason() == StopReason::Diverged) {
        std::fprintf(streams.err, "gradlab: %s\n", run.explanation().c_str());
        return static_cast<int>(ExitCode::Diverged);
    }
    return static_cast<int>(ExitCode::Success);
}

/// The defaults that differ per optimizer (the learning rate's), from defaultSettings().
std::string defaultLearningRates()
{
    return optimizerOptions().notes();
}

// ---------------------------------------------------------------------------------------------
// presets

std::string pointText(const Eigen::Vector2d& point)
{
    return formatNumber(point.x()) + "," + formatNumber(point.y());
}

std::string domainText(const Domain& domain)
{
    return formatNumber(domain.xMin) + "," + formatNumber(domain.xMax) + "," +
           formatNumber(domain.yMin) + "," + formatNumber(domain.yMax);
}

int runPresets(const ParsedArguments& arguments, const CommandStreams& streams)
{
    const OutputFormat format =
        requireFormat(arguments, OutputFormat::Text,
                      {{"text", OutputFormat::Text}, {"json", OutputFormat::Json}});
    std::string text;
    if (format == OutputFormat::Json) {
        for (const Preset& preset : presets()) {
            std::string known;
            for (const KnownPoint& point : preset.knownPoints) {
                known += (known.empty() ? "" : ", ") + std::string("{\"x\": ") +
                         jsonNumber(point.point.x()) + ", \"y\": " + jsonNumber(point.point.y()) +
                         ", \"kind\": " + jsonString(criticalKindName(point.kind)) + "}";
            }
            const Domain& d = preset.domain;
            text += std::string(text.empty() ? "[\n" : ",\n") +
                    "  {\"name\": " + jsonString(preset.name) +
                    ", \"title\": " + jsonString(preset.title) +
                    ", \"formula\": " + jsonString(preset.formula) + ", \"domain\": [" +
                    jsonNumber(d.xMin) + ", " + jsonNumber(d.xMax) + ", " + jsonNumber(d.yMin) +
                    ", " + jsonNumber(d.yMax) + "], \"start\": [" + jsonNumber(preset.start.x()) +
                    ", " + jsonNumber(preset.start.y()) + "], \"known_points\": [" + known +
                    "], \"description\": " + jsonString(preset.description) + "}";
        }
        text += text.empty() ? "[]\n" : "\n]\n";
    } else {
        for (const Preset& preset : presets()) {
            std::string known;
            for (const KnownPoint& point : preset.knownPoints) {
                known += (known.empty() ? "" : "; ") + std::string(criticalKindName(point.kind)) +
                         " at " + pointText(point.point);
            }
            text += (text.empty() ? "" : "\n") + preset.name + " (" + preset.title + ")\n" +
                    "  formula:      " + preset.formula + "\n" +
                    "  domain:       " + domainText(preset.domain) + "\n" +
                    "  start:        " + pointText(preset.start) + "\n" +
                    "  known points: " + (known.empty() ? "none" : known) + "\n" +
                    "  description:  " + preset.description + "\n";
        }
    }
    std::fputs(text.c_str(), streams.out);
    std::fflush(streams.out);
    return static_cast<int>(ExitCode::Success);
}

// ---------------------------------------------------------------------------------------------
// critical

/// The kind column of a curve: "curve of minima", "closed curve of maxima", "degenerate curve",
/// "flat area".
std::string curveKindText(const CriticalCurve& curve)
{
    if (curve.shape == CurveShape::Area) {
        return "flat area";
    }
    const std::string closed = curve.shape == CurveShape::Closed ? "closed " : "";
    switch (curve.kind) {
    case CriticalKind::Minimum:
        return closed + "curve of minima";
    case CriticalKind::Maximum:
        return closed + "curve of maxima";
    case CriticalKind::Saddle:
    case CriticalKind::Degenerate:
        break;
    }
    return closed + "degenerate curve";
}

int runCritical(const ParsedArguments& arguments, const CommandStreams& streams)
{
    const LoadedFunction function = loadFunction(arguments.positionals().front(), arguments, true);
    const OutputFormat format = requireFormat(arguments, OutputFormat::Csv, csvOrJson);
    Domain domain{-5.0, 5.0, -5.0, 5.0};
    if (const std::optional<std::string> text = arguments.value("domain")) {
        domain = requireDomain(*text, "--domain");
    } else if (function.preset) {
        domain = function.preset->domain;
    }
    const CriticalSet found = findCriticalSet(compileFunction(function).objective(), domain);
    // One row per isolated point and one per curve, by f (a curve's lowest), then x, then y.
    struct Row
    {
        const CriticalPoint* point = nullptr; ///< the point, or the curve's representative
        const CriticalCurve* curve = nullptr;
        double f = 0;
    };
    std::vector<Row> rows;
    for (const CriticalPoint& point : found.points) {
        rows.push_back({&point, nullptr, point.f});
    }
    for (const CriticalCurve& curve : found.curves) {
        rows.push_back({&curve.representative, &curve, curve.fMin});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.f != b.f) {
            return a.f < b.f;
        }
        if (a.point->point.x() != b.point->point.x()) {
            return a.point->point.x() < b.point->point.x();
        }
        return a.point->point.y() < b.point->point.y();
    });
    RecordWriter writer(streams.out, format,
                        {"x", "y", "f", "lambda_min", "lambda_max", "kind", "samples", "x_min",
                         "x_max", "y_min", "y_max", "f_min", "f_max"});
    for (const Row& row : rows) {
        const CriticalPoint& point = *row.point;
        if (row.curve) {
            const CriticalCurve& curve = *row.curve;
            writer.write({point.point.x(), point.point.y(), point.f, point.eigenvalues.x(),
                          point.eigenvalues.y(), curveKindText(curve),
                          static_cast<long long>(curve.samples.size()), curve.bounds.xMin,
                          curve.bounds.xMax, curve.bounds.yMin, curve.bounds.yMax, curve.fMin,
                          curve.fMax});
        } else {
            writer.write({point.point.x(), point.point.y(), point.f, point.eigenvalues.x(),
                          point.eigenvalues.y(), std::string(criticalKindName(point.kind)), 1LL,
                          point.point.x(), point.point.x(), point.point.y(), point.point.y(),
                          point.f, point.f});
        }
    }
    writer.finish();
    return static_cast<int>(ExitCode::Success);
}

// ---------------------------------------------------------------------------------------------
// The table of subcommands.

constexpr OptionSpec paramOption{"param", "NAME=VALUE",
                                 "declare a parameter of the expression and its value", true};
constexpr OptionSpec csvJsonOption{"format", "csv|json", "output format (default csv)"};

constexpr OptionSpec evalOptions[] = {
    {"at", "X,Y", "a point to evaluate at (repeat for more points)", true},
    {"points", "FILE|-",
     "read points from FILE (or stdin for -): \"X,Y\" or \"X Y\" a line, "
     "blank lines and #comments skipped",
     true},
    paramOption,
    csvJsonOption,
};

constexpr OptionSpec diffOptions[] = {
    {"steps", "", "show the derivation rule by rule, indented by depth, and its summary"},
    {"param", "NAME[=VALUE]",
     "declare a parameter; with a VALUE it is substituted before "
     "differentiating, without one it stays a symbol",
     true},
};

/// from, optimizer and steps, then one option per hyper-parameter, then param and format.
std::span<const OptionSpec> descendOptions()
{
    static const std::string optimizerHelp = methodNamesText();
    static const std::vector<OptionSpec> options = [] {
        std::vector<OptionSpec> list{
            {"from", "X,Y", "start point (default: the preset's start)"},
            {"optimizer", "NAME", optimizerHelp},
            {"steps", "N", "number of steps, 0 to 1000000"},
        };
        const std::span<const OptionSpec> parameters = optimizerOptions().options();
        list.insert(list.end(), parameters.begin(), parameters.end());
        list.push_back({"schedule", "SPEC",
                        "learning-rate schedule (torch.optim.lr_scheduler): step:step_size=S,"
                        "gamma=G, multistep:milestones=A;B,gamma=G, exponential:gamma=G, "
                        "cosine:t_max=T,eta_min=E, linear:start_factor=S,end_factor=E,"
                        "total_iters=N (default: constant)"});
        list.push_back({"warmup", "N:F",
                        "linear warm-up from F·lr to lr over N steps, then the schedule "
                        "(SequentialLR)"});
        list.push_back({"evaluations", "",
                        "add the columns f_evals,grad_evals,hessian_evals (always there for "
                        "lbfgs and neldermead)"});
        list.push_back(paramOption);
        list.push_back(csvJsonOption);
        return list;
    }();
    return options;
}

/// "gradlab descend EXPR|preset:NAME --from X,Y … [--format csv|json]".
std::string_view descendSynopsis()
{
    static const std::string synopsis =
        "gradlab descend EXPR|preset:NAME --from X,Y --optimizer NAME --steps N " +
        optimizerOptions().synopsis() +
        " [--schedule SPEC] [--warmup N:F] [--evaluations] [--param NAME=VALUE ...] "
        "[--format csv|json]";
    return synopsis;
}

} // namespace

std::vector<OptionSpec> optimizerOptionSpecs()
{
    const std::span<const OptionSpec> options = optimizerOptions().options();
    return {options.begin(), options.end()};
}

namespace {

constexpr OptionSpec presetsOptions[] = {
    {"format", "text|json", "output format (default text)"},
};

constexpr OptionSpec criticalOptions[] = {
    {"domain", "X0,X1,Y0,Y1", "where to search (default: the preset's domain, else -5,5,-5,5)"},
    paramOption,
    csvJsonOption,
};

const CommandSpec commandTable[] = {
    {"eval", "value, gradient and Hessian of f at points",
     "gradlab eval EXPR --at X,Y [--at X,Y ...] [--points FILE|-] [--param NAME=VALUE ...] "
     "[--format csv|json]",
     "EXPR", evalOptions,
     "Evaluates f(x, y), its gradient and its Hessian at each point, in the order the --at and\n"
     "--points options are given. EXPR is an expression in x and y, or preset:NAME.\n"
     "CSV columns: x,y,f,df_dx,df_dy,d2f_dx2,d2f_dxdy,d2f_dy2.",
     "gradlab eval \"x^2 + 3xy + y^2\" --at 1,4\n"
     "gradlab eval \"a*x^2 + y^2\" --param a=3 --at 1,2 --at -1,0.5 --format json\n"
     "printf '1 4\\n2,3\\n' | gradlab eval \"x*y\" --points -",
     &runEval},
    {"diff", "symbolic partial derivatives, rule by rule",
     "gradlab diff EXPR [--steps] [--param NAME[=VALUE] ...]", "EXPR", diffOptions,
     "Prints the simplified partial derivatives df/dx and df/dy. With --steps, each is followed\n"
     "by its derivation: one rule a line, indented by depth, and the summary line.",
     "gradlab diff \"x^2 + 3xy + y^2\"\n"
     "gradlab diff \"sigmoid(w*x + y)\" --param w --steps",
     &runDiff},
    {"descend", "run an optimizer and print its trajectory", descendSynopsis(), "EXPR",
     descendOptions(),
     "Runs --steps steps of the optimizer from --from and prints one record per point: step 0 is\n"
     "the start, step k the point after k steps. gd, momentum, nesterov, adagrad, rmsprop, adam,\n"
     "adamw and lbfgs follow torch.optim, neldermead SciPy's Nelder-Mead; options a method does\n"
     "not use are rejected. The run stops early only when --tol is given and met, or when it\n"
     "diverges: then the records up to the divergence are printed, the reason goes to stderr and\n"
     "the exit code is 3.\n"
     "CSV columns: step,x,y,f,df_dx,df_dy,lr (lr: the rate of the step from that row; on the last\n"
     "row the rate a next step would use; nan for neldermead), then with --evaluations (and for\n"
     "lbfgs, neldermead) f_evals,grad_evals,hessian_evals (cumulative), then for neldermead\n"
     "v1_x,v1_y,v2_x,v2_y,v3_x,v3_y (the simplex, best vertex first; x,y is v1).",
     "gradlab descend \"x^2 + 10y^2\" --from 3,1 --optimizer momentum --steps 50 --lr 0.02\n"
     "gradlab descend preset:rosenbrock --optimizer adam --steps 500 --lr 0.05 --format json",
     &runDescend, &defaultLearningRates},
    {"presets", "the catalogue of preset functions", "gradlab presets [--format text|json]", "",
     presetsOptions,
     "Lists every preset: name, title, formula, domain (X0,X1,Y0,Y1), start (X,Y), known\n"
     "critical points and description. Use a preset anywhere an EXPR is taken as preset:NAME.",
     "gradlab presets\n"
     "gradlab presets --format json",
     &runPresets},
    {"critical", "find and classify critical points",
     "gradlab critical EXPR|preset:NAME [--domain X0,X1,Y0,Y1] [--param NAME=VALUE ...] "
     "[--format csv|json]",
     "EXPR", criticalOptions,
     "Finds the points where the gradient vanishes (Newton from a grid of seeds over the domain)\n"
     "and classifies each by the eigenvalues of the Hessian: minimum, maximum, saddle or\n"
     "degenerate. Critical points that are not isolated are one row: kind 'curve of minima'\n"
     "(a valley floor), 'curve of maxima' (a ridge), 'degenerate curve' (both eigenvalues zero,\n"
     "as x^3 along x = 0), each 'closed ...' when it is a loop, or 'flat area' (f constant);\n"
     "x,y,f and the eigenvalues are then those of one point on it, samples counts the points\n"
     "along it (half a seed spacing apart), x_min..y_max is their bounding box and f_min,f_max\n"
     "their range of f. An isolated point has samples 1 and a box of itself. Sorted by f (a\n"
     "curve's f_min), then x, then y.\n"
     "CSV columns: x,y,f,lambda_min,lambda_max,kind,samples,x_min,x_max,y_min,y_max,f_min,f_max.",
     "gradlab critical \"x^2 - y^2\"\n"
     "gradlab critical \"(x^2 + y^2 - 1)^2\"\n"
     "gradlab critical preset:himmelblau --format json",
     &runCritical},
    fitCommand(),
    graphCommand(),
};

std::string wrapped(std::string_view text, std::string_view indent)
{
    std::string result;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        result += std::string(indent) + std::string(text.substr(begin, end - begin)) + "\n";
        begin = end + 1;
    }
    return result;
}

/// "usage: gradlab descend EXPR …" broken between its words (an option with its value and a
/// bracketed group stay whole) so that no line is wider than 100 columns; continuation lines are
/// indented under the first word after the subcommand.
std::string wrappedSynopsis(std::string_view synopsis)
{
    constexpr std::size_t width = 100;
    std::vector<std::string> words;
    int depth = 0;
    std::string word;
    for (const char character : synopsis) {
        if (character == ' ' && depth == 0) {
            words.push_back(word);
            word.clear();
            continue;
        }
        depth += character == '[' ? 1 : character == ']' ? -1 : 0;
        word += character;
    }
    words.push_back(word);
    // "usage: gradlab SUBCOMMAND " is the hanging indent.
    const std::size_t indent = std::string_view("usage: ").size() + words[0].size() + 1 +
                               (words.size() > 1 ? words[1].size() + 1 : 0);
    std::string text = "usage:";
    std::size_t column = text.size();
    for (std::size_t i = 0; i < words.size(); ++i) {
        // An option and its value ("--steps N") stay on one line.
        std::string group = words[i];
        if (words[i].starts_with("--") && i + 1 < words.size() && !words[i + 1].starts_with("-") &&
            !words[i + 1].starts_with("[")) {
            group += " " + words[++i];
        }
        if (i > 2 && column + 1 + group.size() > width) {
            text += "\n" + std::string(indent - 1, ' ');
            column = indent - 1;
        }
        text += " " + group;
        column += 1 + group.size();
    }
    return text + "\n";
}

} // namespace

std::span<const CommandSpec> commands()
{
    return commandTable;
}

const CommandSpec* findCommand(std::string_view name)
{
    const auto found =
        std::find_if(std::begin(commandTable), std::end(commandTable),
                     [name](const CommandSpec& command) { return command.name == name; });
    return found == std::end(commandTable) ? nullptr : &*found;
}

std::string commandHelp(const CommandSpec& command)
{
    std::string text = wrappedSynopsis(command.synopsis) + "\n" + wrapped(command.description, "");
    if (command.notes) {
        text += command.notes() + "\n";
    }
    text += "\noptions:\n";
    std::vector<std::pair<std::string, std::string_view>> rows;
    for (const OptionSpec& option : command.options) {
        std::string name = "--" + std::string(option.name);
        if (!option.isFlag()) {
            name += " " + std::string(option.valueName);
        }
        rows.emplace_back(name, option.help);
    }
    rows.emplace_back("-h, --help", "this help");
    std::size_t width = 0;
    for (const auto& row : rows) {
        width = std::max(width, row.first.size());
    }
    for (const auto& [name, help] : rows) {
        text += "  " + name + std::string(width - name.size() + 2, ' ') + std::string(help) + "\n";
    }
    text += "\nexamples:\n" + wrapped(command.examples, "  ");
    return text;
}

} // namespace gradlab
