// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "clifit.h"

#include "clioptimizer.h"
#include "clioptimizeroptions.h"
#include "clioutput.h"
#include "fit/csvreader.h"
#include "fit/fitrun.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace gradlab {
namespace {

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

/// The sentence for a problem of the data file, after "FILE:LINE: ".
std::string problemText(const CsvIssue& issue)
{
    const std::string field = "field " + std::to_string(issue.column) + " " + quoted(issue.text);
    switch (issue.problem) {
    case CsvProblem::MissingHeader:
        return "expected a header line x,y or x,label or x1,x2,label" +
               (issue.text.empty() ? std::string(", found none") : ", found " + quoted(issue.text));
    case CsvProblem::LineTooLong:
        return "line longer than " + std::to_string(CsvLimits{}.maximumLineLength) +
               " bytes (is this a data file?)";
    case CsvProblem::InputTooLarge:
        return "the file is larger than " + std::to_string(CsvLimits{}.maximumBytes >> 20) + " MiB";
    case CsvProblem::WrongFieldCount:
        return "expected one value per header column, found " + quoted(issue.text);
    case CsvProblem::NotANumber:
        return field + " is not a number";
    case CsvProblem::NotFinite:
        return field + " is not a finite number";
    case CsvProblem::LabelOutOfRange:
        return field + " is not a label between 0 and 1";
    }
    return {};
}

/// The data file (or stdin for "-"): bad rows are reported on \a err and skipped, a fatal
/// problem or no rows at all is an error.
DataSet loadData(const std::string& name, const CommandStreams& streams)
{
    CsvReadResult result;
    if (name == "-") {
        // stdin is read whole, one byte past the limit so that the reader sees it exceeded
        std::string text;
        char buffer[4096];
        std::size_t read = 0;
        while (text.size() <= CsvLimits{}.maximumBytes &&
               (read = std::fread(buffer, 1, sizeof buffer, streams.in)) > 0) {
            text.append(buffer, read);
        }
        std::istringstream input(text);
        result = readDataCsv(input);
    } else {
        std::ifstream input(name, std::ios::binary);
        if (!input) {
            throw CommandLineError("cannot open " + quoted(name) + ": " + std::strerror(errno), {},
                                   false);
        }
        result = readDataCsv(input);
    }
    const std::string where = name == "-" ? "<stdin>" : name;
    if (result.fatal) {
        throw CommandLineError(where + ":" + std::to_string(result.fatal->line) + ": " +
                                   problemText(*result.fatal),
                               {}, false);
    }
    for (const CsvIssue& issue : result.issues) {
        std::fprintf(streams.err, "gradlab: %s:%zu: %s; row skipped\n", where.c_str(), issue.line,
                     problemText(issue).c_str());
    }
    if (result.data.isEmpty()) {
        throw CommandLineError(where + ": no data rows", {}, false);
    }
    return result.data;
}

FitModel requireModel(const ParsedArguments& arguments, const DataSet& data,
                      const std::string& file)
{
    std::vector<std::string> names;
    for (const FitModel model : allModels()) {
        names.emplace_back(modelName(model));
    }
    const std::optional<std::string> name = arguments.value("model");
    if (!name) {
        const auto matching = std::find_if(names.begin(), names.end(), [&](const std::string& n) {
            return dataKind(*modelFromName(n)) == data.kind;
        });
        return *modelFromName(*matching);
    }
    const std::optional<FitModel> model = modelFromName(*name);
    if (!model) {
        const std::string closest = closestMatch(*name, names);
        throw CommandLineError(
            "unknown model " + quoted(*name) +
                (closest.empty() ? "" : "; did you mean " + quoted(closest) + "?"),
            {"models: " + joinNames(names)});
    }
    if (dataKind(*model) != data.kind) {
        throw CommandLineError("--model " + *name + " needs " +
                               std::string(dataHeader(dataKind(*model))) + " data; " + file +
                               " has " + std::string(dataHeader(data.kind)));
    }
    return *model;
}

/// A whole number from \a minimum to \a maximum, for --batch and --shuffle.
unsigned long long requireWhole(std::string_view text, const std::string& what,
                                unsigned long long minimum, unsigned long long maximum)
{
    unsigned long long value = 0;
    const char* end = text.data() + text.size();
    const auto [pointer, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || pointer != end || value < minimum || value > maximum) {
        throw CommandLineError(what + ": " + quoted(text) + " is not a whole number from " +
                               std::to_string(minimum) + " to " + std::to_string(maximum));
    }
    return value;
}

int runFit(const ParsedArguments& arguments, const CommandStreams& streams)
{
    const std::string& file = arguments.positionals().front();
    OutputFormat format = OutputFormat::Csv;
    if (const std::optional<std::string> text = arguments.value("format")) {
        if (*text != "csv" && *text != "json") {
            throw CommandLineError("--format: unknown format " + quoted(*text) +
                                   " (use csv or json)");
        }
        format = *text == "json" ? OutputFormat::Json : OutputFormat::Csv;
    }
    if (!arguments.has("optimizer")) {
        throw CommandLineError("fit needs --optimizer NAME");
    }
    const Method method = requireMethod(arguments);
    const std::optional<std::string> stepsText = arguments.value("steps");
    if (!stepsText) {
        throw CommandLineError("fit needs --steps N");
    }
    const long long steps = requireStepCount(*stepsText);
    FitSettings settings;
    settings.optimizer = requireSettings(arguments, method, steps);
    const std::optional<std::string> from = arguments.value("from");
    if (!from) {
        throw CommandLineError("fit needs a start: --from P1,P2 (w,b or w1,w2)");
    }
    const Eigen::Vector2d start = requirePoint(*from, "--from");

    const DataSet data = loadData(file, streams);
    const FitModel model = requireModel(arguments, data, file == "-" ? "<stdin>" : file);
    if (const std::optional<std::string> text = arguments.value("batch")) {
        settings.batchSize =
            requireWhole(*text, "--batch (" + std::to_string(data.size()) + " rows in the data)", 1,
                         data.size());
    }
    if (const std::optional<std::string> text = arguments.value("shuffle")) {
        settings.shuffleSeed = requireWhole(*text, "--shuffle", 0, UINT64_MAX);
    }

    FitRun run(model, data, start, settings);
    run.advanceTo(static_cast<int>(steps));
    const auto names = parameterNames(model);
    RecordWriter writer(
        streams.out, format,
        {"step", std::string(names[0]), std::string(names[1]), "loss", "batch_loss"});
    for (const FitStep& step : run.steps()) {
        writer.write({static_cast<long long>(step.index), step.parameters.x(), step.parameters.y(),
                      step.loss, step.batchLoss});
    }
    writer.finish();
    if (run.hasDiverged()) {
        const FitStep& last = run.steps().back();
        std::fprintf(streams.err,
                     "gradlab: Diverged at step %d: the loss or its gradient is no longer a "
                     "finite number (loss = %s at %s = %s, %s = %s). Try a smaller learning "
                     "rate.\n",
                     last.index + (std::isfinite(last.loss) ? 1 : 0),
                     formatNumber(last.loss).c_str(), std::string(names[0]).c_str(),
                     formatNumber(last.parameters.x()).c_str(), std::string(names[1]).c_str(),
                     formatNumber(last.parameters.y()).c_str());
        return static_cast<int>(ExitCode::Diverged);
    }
    return static_cast<int>(ExitCode::Success);
}

/// fit's own options, then descend's optimizer options.
std::span<const OptionSpec> fitOptions()
{
    static const std::string methods = methodNamesText();
    static const std::vector<OptionSpec> options = [] {
        std::vector<OptionSpec> list{
            {"model", "line|logistic|logistic2",
             "the model (default: the one the data's header fits)"},
            {"optimizer", "NAME", methods},
            {"steps", "N", "number of steps, 0 to 1000000"},
            {"from", "P1,P2", "start parameters: w,b (line, logistic) or w1,w2 (logistic2)"},
            {"batch", "B", "rows per step, 1 to n (default: every row)"},
            {"shuffle", "SEED", "shuffle the rows every epoch, from SEED (default: file order)"},
        };
        for (OptionSpec spec : optimizerOptionSpecs()) {
            if (spec.name == "lr") {
                spec.help = "learning rate (default: the optimizer's, as "
                            "'gradlab help descend' lists)";
            }
            if (spec.name == "tol") {
                spec.help = "stop early once the full gradient's norm is below V";
            }
            list.push_back(spec);
        }
        list.push_back({"format", "csv|json", "output format (default csv)"});
        return list;
    }();
    return options;
}

} // namespace

CommandSpec fitCommand()
{
    return {"fit",
            "train a line or a logistic neuron on a CSV data set",
            "gradlab fit DATA.csv --optimizer NAME --steps N --from P1,P2 "
            "[--model line|logistic|logistic2] [--lr V] [--batch B] [--shuffle SEED] "
            "[optimizer options as descend takes them] [--format csv|json]",
            "DATA.csv",
            fitOptions(),
            "Fits a two-parameter model to the rows of DATA.csv (\"-\" reads stdin): line\n"
            "y = w*x + b by mean squared error on x,y data; logistic sigmoid(w*x + b) on x,label\n"
            "data and logistic2 sigmoid(w1*x1 + w2*x2) on x1,x2,label data, both by mean binary\n"
            "cross-entropy. Each step takes the gradient of a batch: every row, or with --batch B\n"
            "step k takes rows kB ... kB+B-1 of the file (wrapping around), or with --shuffle the\n"
            "next B rows of a fresh random order every epoch. Bad rows are reported on stderr\n"
            "with their line and skipped. Row k of the output holds the parameters after k steps,\n"
            "loss the mean loss over all rows there and batch_loss that of the batch of step k.\n"
            "CSV columns: step,w,b,loss,batch_loss (step,w1,w2,loss,batch_loss for logistic2).",
            "gradlab fit points.csv --model line --optimizer gd --lr 0.05 --steps 60 --from 0,0\n"
            "gradlab fit labels.csv --model logistic --optimizer momentum --lr 0.02 --steps 100 "
            "--from 0,0 --batch 8 --shuffle 1",
            &runFit};
}

} // namespace gradlab
