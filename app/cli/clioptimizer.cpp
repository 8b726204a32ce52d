// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "clioptimizer.h"

#include "clioutput.h"

#include <charconv>
#include <cmath>

namespace gradlab {

namespace {

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

/// More defaults than this and the help line says "listed above": they go in the notes.
constexpr std::size_t mostDefaultsInLine = 2;

/// A default as the help page writes it: the number's shortest exact form ("0.005", "1e-08"), or
/// a choice's name.
std::string valueText(const HyperParameter& parameter, double value)
{
    if (parameter.kind == ParameterKind::Choice) {
        const auto index = static_cast<std::size_t>(value);
        return index < parameter.choices.size() ? std::string(parameter.choices[index]) : "";
    }
    return shortNumber(value);
}

/// " (default 0.99)", or " (default: momentum, nesterov 0.9; rmsprop 0)" where the methods
/// differ; nothing for a flag, which is always off unless given.
std::string defaultsText(const HyperParameter& parameter)
{
    if (parameter.kind == ParameterKind::Flag) {
        return {};
    }
    const std::vector<DefaultGroup> groups = defaultGroups(parameter);
    if (groups.size() == 1) {
        return " (default " + valueText(parameter, groups.front().value) + ")";
    }
    if (groups.size() > mostDefaultsInLine) {
        return " (default: the optimizer's, listed above)";
    }
    std::string text;
    for (const DefaultGroup& group : groups) {
        std::vector<std::string> names;
        for (const Method method : group.methods) {
            names.emplace_back(methodName(method));
        }
        text +=
            (text.empty() ? "" : "; ") + joinNames(names) + " " + valueText(parameter, group.value);
    }
    return " (default: " + text + ")";
}

std::string valueName(const HyperParameter& parameter)
{
    switch (parameter.kind) {
    case ParameterKind::Real:
        return "V";
    case ParameterKind::Count:
        return "N";
    case ParameterKind::Choice: {
        std::vector<std::string> names(parameter.choices.begin(), parameter.choices.end());
        return joinNames(names, "|");
    }
    case ParameterKind::Flag:
        break;
    }
    return {};
}

/// "at least 0", "in [0, 1)", "in (0, 1)".
std::string rangeText(const ValueRange& range)
{
    if (std::isinf(range.maximum)) {
        return (range.minimumOpen ? "above " : "at least ") + formatNumber(range.minimum);
    }
    return std::string("in ") + (range.minimumOpen ? "(" : "[") + formatNumber(range.minimum) +
           ", " + formatNumber(range.maximum) + (range.maximumOpen ? ")" : "]");
}

/// The value of \a text for \a parameter, checked; throws CommandLineError naming the option.
double requireValue(const HyperParameter& parameter, const std::string& text)
{
    const std::string what = "--" + std::string(parameter.name);
    if (parameter.kind == ParameterKind::Choice) {
        for (std::size_t i = 0; i < parameter.choices.size(); ++i) {
            if (parameter.choices[i] == text) {
                return static_cast<double>(i);
            }
        }
        std::vector<std::string> names(parameter.choices.begin(), parameter.choices.end());
        throw CommandLineError(what + ": unknown value " + quoted(text) + " (use " +
                               joinNames(names, " or ") + ")");
    }
    double value = 0;
    if (parameter.kind == ParameterKind::Count) {
        long long count = 0;
        const char* end = text.data() + text.size();
        const auto [pointer, error] = std::from_chars(text.data(), end, count);
        if (error != std::errc() || pointer != end) {
            throw CommandLineError(what + ": " + quoted(text) + " is not a whole number");
        }
        value = static_cast<double>(count);
    } else {
        value = requireNumber(text, what);
    }
    if (!parameter.range.contains(value)) {
        throw CommandLineError(what + ": " + formatNumber(value) + " is not " +
                               rangeText(parameter.range));
    }
    return value;
}

} // namespace

std::string shortNumber(double value)
{
    // the fewest significant digits of "%g" (in the C locale) that read back as the same double
    char buffer[40];
    if (value == std::trunc(value) && std::abs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    for (int digits = 1; digits < 17; ++digits) {
        const std::to_chars_result written = std::to_chars(buffer, buffer + sizeof buffer, value,
                                                           std::chars_format::general, digits);
        double back = 0;
        std::from_chars(buffer, written.ptr, back);
        if (back == value) {
            return std::string(buffer, written.ptr);
        }
    }
    return formatNumber(value);
}

OptimizerOptions::OptimizerOptions(std::span<const HyperParameter> table)
{
    for (const bool flags : {false, true}) {
        for (const HyperParameter& parameter : table) {
            if ((parameter.kind == ParameterKind::Flag) == flags) {
                m_rows.push_back(&parameter);
            }
        }
    }
    for (const HyperParameter* parameter : m_rows) {
        const std::string& name = m_texts.emplace_back(valueName(*parameter));
        const std::string& help =
            m_texts.emplace_back(std::string(parameter->help) + defaultsText(*parameter));
        m_options.push_back({parameter->name, name, help});
        m_synopsis += (m_synopsis.empty() ? "[--" : " [--") + std::string(parameter->name) +
                      (name.empty() ? "" : " " + name) + "]";
    }
}

OptimizerSettings OptimizerOptions::settings(const ParsedArguments& arguments, Method method) const
{
    for (const HyperParameter* parameter : m_rows) {
        if (!parameter->appliesTo(method) && arguments.has(parameter->name)) {
            std::vector<std::string> names;
            for (const Method other : parameter->methods) {
                names.emplace_back(methodName(other));
            }
            throw CommandLineError("--" + std::string(parameter->name) + " does not apply to " +
                                   quoted(methodName(method)) + " (only to " + joinNames(names) +
                                   ")");
        }
    }
    OptimizerSettings settings = defaultSettings(method);
    for (const HyperParameter* parameter : m_rows) {
        if (parameter->kind == ParameterKind::Flag) {
            if (arguments.has(parameter->name)) {
                parameter->set(settings, 1.0);
            }
        } else if (const std::optional<std::string> text = arguments.value(parameter->name)) {
            parameter->set(settings, requireValue(*parameter, *text));
        }
    }
    return settings;
}

std::string OptimizerOptions::notes() const
{
    std::string text;
    for (const HyperParameter* parameter : m_rows) {
        if (parameter->kind == ParameterKind::Flag ||
            defaultGroups(*parameter).size() <= mostDefaultsInLine) {
            continue;
        }
        std::vector<std::string> values;
        for (const Method method : allMethods()) {
            if (parameter->appliesTo(method)) {
                values.push_back(std::string(methodName(method)) + " " +
                                 valueText(*parameter, parameter->defaultValue(method)));
            }
        }
        text += (text.empty() ? "" : "\n") + std::string("default ") +
                std::string(parameter->help) + "s: " + joinNames(values) + ".";
    }
    return text;
}

const OptimizerOptions& optimizerOptions()
{
    static const OptimizerOptions options(hyperParameters());
    return options;
}

ScheduleSettings requireSchedule(const ParsedArguments& arguments, Method method)
{
    const std::vector<std::string> syntax{"schedules: step:step_size=S[,gamma=G]",
                                          "multistep:milestones=A;B[;...][,gamma=G]",
                                          "exponential:gamma=G", "cosine:t_max=T[,eta_min=E]",
                                          "linear[:start_factor=S][,end_factor=E][,total_iters=N]"};
    const std::string syntaxLine = joinNames(syntax, " | ");
    ScheduleSettings schedule;
    for (const std::string_view option : {"schedule", "warmup"}) {
        const HyperParameter* rate = findHyperParameter("lr");
        if (arguments.has(option) && rate && !rate->appliesTo(method)) {
            throw CommandLineError("--" + std::string(option) + " does not apply to " +
                                   quoted(methodName(method)) + ", which has no learning rate");
        }
    }
    if (const std::optional<std::string> text = arguments.value("schedule")) {
        const ScheduleParse parsed = parseSchedule(*text);
        switch (parsed.error) {
        case ScheduleErrorCode::None:
            break;
        case ScheduleErrorCode::UnknownKind: {
            std::vector<std::string> kinds;
            for (const ScheduleKind kind : allScheduleKinds()) {
                kinds.emplace_back(scheduleKindName(kind));
            }
            const std::string closest = closestMatch(parsed.name, kinds);
            throw CommandLineError(
                "--schedule: unknown schedule " + quoted(parsed.name) +
                    (closest.empty() ? "" : "; did you mean " + quoted(closest) + "?"),
                {syntaxLine});
        }
        case ScheduleErrorCode::UnknownKey:
            throw CommandLineError(
                "--schedule: " + std::string(scheduleKindName(parsed.settings.kind)) +
                    " takes no key " + quoted(parsed.name),
                {syntaxLine});
        case ScheduleErrorCode::BadValue:
            throw CommandLineError("--schedule: " + quoted(parsed.value) +
                                       " is not a valid value for " + parsed.name,
                                   {syntaxLine});
        case ScheduleErrorCode::MissingKey:
            throw CommandLineError(
                "--schedule: " + std::string(scheduleKindName(parsed.settings.kind)) + " needs " +
                    parsed.name + "=...",
                {syntaxLine});
        case ScheduleErrorCode::RepeatedKey:
            throw CommandLineError("--schedule: " + parsed.name + " is given twice");
        case ScheduleErrorCode::BadWarmup:
            break;
        }
        schedule = parsed.settings;
    }
    if (const std::optional<std::string> text = arguments.value("warmup")) {
        const ScheduleParse parsed = parseWarmup(*text, schedule);
        if (parsed.error != ScheduleErrorCode::None) {
            throw CommandLineError("--warmup: expected N:F, N ≥ 1 steps from the factor F in "
                                   "(0, 1], got " +
                                   quoted(*text));
        }
        schedule = parsed.settings;
    }
    return schedule;
}

std::string methodNamesText()
{
    std::vector<std::string> names;
    for (const Method method : allMethods()) {
        names.emplace_back(methodName(method));
    }
    const std::string last = names.back();
    names.pop_back();
    return joinNames(names) + " or " + last;
}

} // namespace gradlab
