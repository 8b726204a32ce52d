// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// The subcommands eval, diff, descend, presets and critical (fit and graph have files of their
// own); the table that names them is in clicommands.cpp.
#include "clisubcommands.h"

#include "analysis/criticalpoints.h"
#include "clifunction.h"
#include "clioptimizer.h"
#include "clioptimizeroptions.h"
#include "clioutput.h"
#include "differentiation/differentiator.h"
#include "evaluation/compiledfunction.h"
#include "expression/printer.h"
#include "functions/presets.h"
#include "optimization/optimizer.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace gradlab {
namespace {

/// A derivative of more nodes than this is not printed by diff: no one reads it.
constexpr std::size_t kMaxShownDerivativeNodes = 10'000;

} // namespace

/// The points of --at and --points, in the order the options were given.
namespace {

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

} // namespace

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

namespace {

std::string pointText(const Eigen::Vector2d& point)
{
    return formatNumber(point.x()) + "," + formatNumber(point.y());
}

std::string domainText(const Domain& domain)
{
    return formatNumber(domain.xMin) + "," + formatNumber(domain.xMax) + "," +
           formatNumber(domain.yMin) + "," + formatNumber(domain.yMax);
}

} // namespace

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

namespace {

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

} // namespace

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

} // namespace gradlab
