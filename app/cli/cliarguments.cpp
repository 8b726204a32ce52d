// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "cliarguments.h"

#include "evaluation/grid.h"
#include "expression/editdistance.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gradlab {
namespace {

constexpr std::string_view blanks = " \t\r\n\f\v";

std::string_view trimmed(std::string_view text)
{
    const std::size_t first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(blanks);
    return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(separator, begin);
        parts.push_back(trimmed(text.substr(begin, end - begin)));
        if (end == std::string_view::npos) {
            return parts;
        }
        begin = end + 1;
    }
}

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

const OptionSpec* findOption(std::span<const OptionSpec> options, std::string_view name)
{
    const auto found =
        std::find_if(options.begin(), options.end(),
                     [name](const OptionSpec& option) { return option.name == name; });
    return found == options.end() ? nullptr : &*found;
}

} // namespace

CommandLineError::CommandLineError(std::string message, std::vector<std::string> details,
                                   bool usageHint, ExitCode code)
    : std::runtime_error(std::move(message))
    , m_details(std::move(details))
    , m_usageHint(usageHint)
    , m_code(code)
{}

bool ParsedArguments::has(std::string_view name) const
{
    return std::any_of(m_options.begin(), m_options.end(),
                       [name](const GivenOption& option) { return option.name == name; });
}

std::optional<std::string> ParsedArguments::value(std::string_view name) const
{
    for (const GivenOption& option : m_options) {
        if (option.name == name) {
            return option.value;
        }
    }
    return std::nullopt;
}

std::vector<GivenOption> ParsedArguments::all(std::string_view name) const
{
    std::vector<GivenOption> found;
    std::copy_if(m_options.begin(), m_options.end(), std::back_inserter(found),
                 [name](const GivenOption& option) { return option.name == name; });
    return found;
}

ParsedArguments ParsedArguments::parse(std::span<const std::string> arguments,
                                       std::span<const OptionSpec> options,
                                       std::string_view subcommand, std::string_view positional)
{
    ParsedArguments parsed;
    // A request for help wins over every other mistake on the line.
    for (const std::string& argument : arguments) {
        if (argument == "--") {
            break;
        }
        if (argument == "--help" || argument == "-h") {
            parsed.m_helpRequested = true;
            return parsed;
        }
    }

    bool optionsEnded = false;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (optionsEnded || !argument.starts_with("--")) {
            parsed.m_positionals.push_back(argument);
            continue;
        }
        if (argument == "--") {
            optionsEnded = true;
            continue;
        }
        const std::size_t equals = argument.find('=');
        GivenOption given;
        given.name =
            argument.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        const OptionSpec* spec = findOption(options, given.name);
        if (!spec) {
            std::vector<std::string> names;
            for (const OptionSpec& option : options) {
                names.push_back("--" + std::string(option.name));
            }
            names.push_back("--help");
            const std::string closest = closestMatch("--" + given.name, names);
            throw CommandLineError(
                "unknown option " + quoted("--" + given.name) + " for " + quoted(subcommand) +
                (closest.empty() ? "" : "; did you mean " + quoted(closest) + "?"));
        }
        if (equals != std::string::npos) {
            if (spec->isFlag()) {
                throw CommandLineError("option --" + given.name + " takes no value");
            }
            given.value = argument.substr(equals + 1);
        } else if (!spec->isFlag()) {
            // The next argument is the value even when it starts with '-' ("--at -1,2").
            if (i + 1 >= arguments.size()) {
                throw CommandLineError("option --" + given.name + " needs a value (" +
                                       std::string(spec->valueName) + ")");
            }
            given.value = arguments[++i];
        }
        if (!spec->repeatable && parsed.has(given.name)) {
            throw CommandLineError("option --" + given.name + " is given more than once");
        }
        parsed.m_options.push_back(std::move(given));
    }

    if (positional.empty() && !parsed.m_positionals.empty()) {
        throw CommandLineError("unexpected argument " + quoted(parsed.m_positionals.front()) +
                               " for " + quoted(subcommand));
    }
    if (!positional.empty()) {
        if (parsed.m_positionals.empty()) {
            throw CommandLineError("missing " + std::string(positional) + " for " +
                                   quoted(subcommand));
        }
        if (parsed.m_positionals.size() > 1) {
            throw CommandLineError("unexpected argument " + quoted(parsed.m_positionals[1]) +
                                   " after " + std::string(positional) + " " +
                                   quoted(parsed.m_positionals[0]) +
                                   " (quote an expression that contains spaces)");
        }
    }
    return parsed;
}

std::string closestMatch(std::string_view typed, std::span<const std::string> candidates)
{
    std::string best;
    std::size_t bestDistance = std::string::npos;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = editDistance(typed, candidate);
        const std::size_t allowed =
            std::max<std::size_t>(1, std::max(typed.size(), candidate.size()) / 3);
        const bool isPrefix = typed.size() >= 2 && candidate.starts_with(typed);
        if ((distance <= allowed || isPrefix) && distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

std::string joinNames(std::span<const std::string> names, std::string_view separator)
{
    std::string joined;
    for (const std::string& name : names) {
        if (!joined.empty()) {
            joined += separator;
        }
        joined += name;
    }
    return joined;
}

std::optional<double> toNumber(std::string_view text)
{
    text = trimmed(text);
    // from_chars takes no leading '+', reads the C notation whatever the locale says.
    if (text.starts_with('+')) {
        text.remove_prefix(1);
    }
    if (text.empty() || text.starts_with('+')) {
        return std::nullopt;
    }
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [pointer, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || pointer != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

double requireNumber(std::string_view text, std::string_view what)
{
    const std::optional<double> number = toNumber(text);
    if (!number) {
        throw CommandLineError(std::string(what) + ": " + quoted(text) + " is not a finite number");
    }
    return *number;
}

Eigen::Vector2d requirePoint(std::string_view text, std::string_view what)
{
    const std::vector<std::string_view> parts = split(text, ',');
    if (parts.size() != 2) {
        throw CommandLineError(std::string(what) + ": expected X,Y, got " + quoted(text));
    }
    return {requireNumber(parts[0], what), requireNumber(parts[1], what)};
}

Domain requireDomain(std::string_view text, std::string_view what)
{
    const std::vector<std::string_view> parts = split(text, ',');
    if (parts.size() != 4) {
        throw CommandLineError(std::string(what) + ": expected X0,X1,Y0,Y1, got " + quoted(text));
    }
    Domain domain;
    domain.xMin = requireNumber(parts[0], what);
    domain.xMax = requireNumber(parts[1], what);
    domain.yMin = requireNumber(parts[2], what);
    domain.yMax = requireNumber(parts[3], what);
    if (!domain.isValid()) {
        throw CommandLineError(std::string(what) + ": " + quoted(text) +
                               " is empty (it needs X0 < X1 and Y0 < Y1)");
    }
    return domain;
}

std::optional<Eigen::Vector2d> parsePointLine(std::string_view line, std::string_view where)
{
    line = trimmed(line.substr(0, line.find('#')));
    if (line.empty()) {
        return std::nullopt;
    }
    std::vector<std::string_view> parts;
    if (line.find(',') != std::string_view::npos) {
        parts = split(line, ',');
    } else {
        std::size_t begin = 0;
        while (begin < line.size()) {
            const std::size_t end = std::min(line.find_first_of(blanks, begin), line.size());
            parts.push_back(line.substr(begin, end - begin));
            begin = line.find_first_not_of(blanks, end);
        }
    }
    if (parts.size() != 2) {
        throw CommandLineError(
            std::string(where) + ": expected \"X,Y\" or \"X Y\", got " + quoted(line), {}, false);
    }
    const std::optional<double> x = toNumber(parts[0]);
    const std::optional<double> y = toNumber(parts[1]);
    if (!x || !y) {
        throw CommandLineError(std::string(where) + ": " + quoted(!x ? parts[0] : parts[1]) +
                                   " is not a finite number",
                               {}, false);
    }
    return Eigen::Vector2d(*x, *y);
}

std::vector<Eigen::Vector2d> readPoints(std::FILE* file, std::string_view name)
{
    std::vector<Eigen::Vector2d> points;
    std::string line;
    std::size_t lineNumber = 1;
    std::size_t total = 0;
    const auto where = [&] {
        return std::string(name) + ":" + std::to_string(lineNumber);
    };
    const auto finishLine = [&] {
        if (const std::optional<Eigen::Vector2d> point = parsePointLine(line, where())) {
            points.push_back(*point);
        }
        line.clear();
        ++lineNumber;
    };
    int character = 0;
    while ((character = std::fgetc(file)) != EOF) {
        // Both bounds are checked as the bytes arrive, so /dev/zero or a huge file stops here
        // after at most kMaxPointsLineBytes of one line, holding no more than that.
        if (++total > kMaxPointsFileBytes) {
            throw CommandLineError(where() + ": the points file is longer than " +
                                       std::to_string(kMaxPointsFileBytes >> 20) + " MiB",
                                   {}, false);
        }
        if (character == '\n') {
            finishLine();
        } else if (line.size() == kMaxPointsLineBytes) {
            throw CommandLineError(where() + ": line longer than " +
                                       std::to_string(kMaxPointsLineBytes) + " bytes",
                                   {}, false);
        } else {
            line.push_back(static_cast<char>(character));
        }
    }
    if (std::ferror(file)) {
        throw CommandLineError("cannot read " + quoted(name), {}, false);
    }
    finishLine();
    return points;
}

} // namespace gradlab
