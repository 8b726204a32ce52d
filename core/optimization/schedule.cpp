// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/schedule.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numbers>
#include <utility>

namespace gradlab {

namespace {

constexpr double pi = std::numbers::pi;

/// Python's a % b for b > 0: the result has the sign of b.
int floorModulo(int a, int b)
{
    const int remainder = a % b;
    return remainder < 0 ? remainder + b : remainder;
}

/// LinearLR's chainable get_lr() at epoch \a epoch from the current rate.
double chainedLinear(double rate, int epoch, double start, double end, int total)
{
    if (epoch == 0) {
        return rate * start;
    }
    if (epoch > total) {
        return rate;
    }
    // lr·(1 + (end − start) / (total·start + (epoch − 1)·(end − start)))
    return rate * (1.0 + (end - start) / (total * start + (epoch - 1) * (end - start)));
}

/// LinearLR's closed form: base·(start + (end − start)·min(total, epoch)/total).
double closedLinear(double base, int epoch, double start, double end, int total)
{
    return base * (start + (end - start) * std::min(total, epoch) / total);
}

/// The schedule's own closed form at \a epoch (torch's _get_closed_form_lr).
double closedSchedule(const ScheduleSettings& s, double base, int epoch)
{
    switch (s.kind) {
    case ScheduleKind::Constant:
        return base;
    case ScheduleKind::Step:
        // η·γ^⌊epoch/step_size⌋
        return base * std::pow(s.gamma, epoch / s.stepSize);
    case ScheduleKind::MultiStep: {
        // η·γ^(milestones passed): bisect_right(milestones, epoch)
        const auto passed = std::upper_bound(s.milestones.begin(), s.milestones.end(), epoch) -
                            s.milestones.begin();
        return base * std::pow(s.gamma, static_cast<double>(passed));
    }
    case ScheduleKind::Exponential:
        return base * std::pow(s.gamma, epoch);
    case ScheduleKind::Cosine:
        // η_min + (η − η_min)·(1 + cos(π·epoch/T_max))/2
        return s.etaMin + (base - s.etaMin) * (1 + std::cos(pi * epoch / s.tMax)) / 2;
    case ScheduleKind::Linear:
        return closedLinear(base, epoch, s.startFactor, s.endFactor, s.totalIters);
    }
    return base;
}

std::string shortest(double value)
{
    std::array<char, 32> buffer{};
    const std::to_chars_result result =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

template <typename Number>
bool readNumber(std::string_view text, Number& value)
{
    const char* end = text.data() + text.size();
    const auto [pointer, error] = std::from_chars(text.data(), end, value);
    if constexpr (std::is_floating_point_v<Number>) {
        return error == std::errc() && pointer == end && std::isfinite(value);
    } else {
        return error == std::errc() && pointer == end;
    }
}

constexpr std::array<std::pair<ScheduleKind, std::string_view>, 6> kindNames{{
    {ScheduleKind::Constant, "constant"},
    {ScheduleKind::Step, "step"},
    {ScheduleKind::MultiStep, "multistep"},
    {ScheduleKind::Exponential, "exponential"},
    {ScheduleKind::Cosine, "cosine"},
    {ScheduleKind::Linear, "linear"},
}};

} // namespace

LearningRateSchedule::LearningRateSchedule(ScheduleSettings settings, double baseRate)
    : m_settings(std::move(settings))
    , m_baseRate(baseRate)
    , m_rate(baseRate)
{
    if (m_settings.hasWarmup()) {
        // SequentialLR: only the warm-up takes its initial step, lr = η·F
        m_rate = chainedLinear(baseRate, 0, m_settings.warmupFactor, 1.0, m_settings.warmupSteps);
    } else {
        // the scheduler's initial step at epoch 0 (LinearLR multiplies by its start factor)
        m_rate = chained(m_settings.kind, 0);
    }
}

void LearningRateSchedule::advance()
{
    ++m_epoch;
    const ScheduleSettings& s = m_settings;
    if (!s.hasWarmup()) {
        m_rate = chained(s.kind, m_epoch);
    } else if (m_epoch < s.warmupSteps || s.kind == ScheduleKind::Constant) {
        m_rate = chainedLinear(m_rate, m_epoch, s.warmupFactor, 1.0, s.warmupSteps);
    } else if (m_epoch == s.warmupSteps) {
        // SequentialLR at its milestone: schedule.step(0), which takes the closed form at 0
        m_scheduleEpoch = 0;
        m_rate = closedSchedule(s, m_baseRate, 0);
    } else {
        ++m_scheduleEpoch;
        m_rate = chained(s.kind, m_scheduleEpoch);
    }
}

double LearningRateSchedule::chained(ScheduleKind kind, int epoch) const
{
    const ScheduleSettings& s = m_settings;
    switch (kind) {
    case ScheduleKind::Constant:
        return m_rate;
    case ScheduleKind::Step:
        // ×γ when epoch is a multiple of step_size
        return epoch == 0 || epoch % s.stepSize != 0 ? m_rate : m_rate * s.gamma;
    case ScheduleKind::MultiStep: {
        // ×γ^(times epoch is a milestone)
        const auto count = std::count(s.milestones.begin(), s.milestones.end(), epoch);
        return count == 0 ? m_rate : m_rate * std::pow(s.gamma, static_cast<double>(count));
    }
    case ScheduleKind::Exponential:
        return epoch == 0 ? m_rate : m_rate * s.gamma;
    case ScheduleKind::Cosine:
        if (epoch == 0) {
            return m_rate;
        }
        if (floorModulo(epoch - 1 - s.tMax, 2 * s.tMax) == 0) {
            // past a trough: lr + (η − η_min)·(1 − cos(π/T_max))/2
            return m_rate + (m_baseRate - s.etaMin) * (1 - std::cos(pi / s.tMax)) / 2;
        }
        // (1 + cos(π·e/T)) / (1 + cos(π·(e − 1)/T)) · (lr − η_min) + η_min
        return (1 + std::cos(pi * epoch / s.tMax)) / (1 + std::cos(pi * (epoch - 1) / s.tMax)) *
                   (m_rate - s.etaMin) +
               s.etaMin;
    case ScheduleKind::Linear:
        return chainedLinear(m_rate, epoch, s.startFactor, s.endFactor, s.totalIters);
    }
    return m_rate;
}

double closedFormRate(const ScheduleSettings& settings, double baseRate, int epoch)
{
    if (!settings.hasWarmup()) {
        return closedSchedule(settings, baseRate, epoch);
    }
    if (epoch < settings.warmupSteps || settings.kind == ScheduleKind::Constant) {
        return closedLinear(baseRate, epoch, settings.warmupFactor, 1.0, settings.warmupSteps);
    }
    return closedSchedule(settings, baseRate, epoch - settings.warmupSteps);
}

ScheduleParse parseSchedule(std::string_view text)
{
    ScheduleParse result;
    ScheduleSettings& s = result.settings;
    const std::size_t colon = text.find(':');
    const std::string_view kind = text.substr(0, colon);
    const auto found = std::find_if(kindNames.begin(), kindNames.end(),
                                    [kind](const auto& entry) { return entry.second == kind; });
    if (found == kindNames.end()) {
        result.error = ScheduleErrorCode::UnknownKind;
        result.name = kind;
        return result;
    }
    s.kind = found->first;
    // The keys each kind takes, and which of them torch requires.
    std::vector<std::string_view> keys;
    std::vector<std::string_view> required;
    switch (s.kind) {
    case ScheduleKind::Constant:
        break;
    case ScheduleKind::Step:
        keys = {"step_size", "gamma"};
        required = {"step_size"};
        break;
    case ScheduleKind::MultiStep:
        keys = {"milestones", "gamma"};
        required = {"milestones"};
        break;
    case ScheduleKind::Exponential:
        keys = {"gamma"};
        required = {"gamma"};
        break;
    case ScheduleKind::Cosine:
        keys = {"t_max", "eta_min"};
        required = {"t_max"};
        break;
    case ScheduleKind::Linear:
        keys = {"start_factor", "end_factor", "total_iters"};
        break;
    }
    std::vector<std::string_view> given;
    std::string_view rest = colon == std::string_view::npos ? "" : text.substr(colon + 1);
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view pair = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
        const std::size_t equals = pair.find('=');
        const std::string_view key = pair.substr(0, equals);
        const std::string_view value =
            equals == std::string_view::npos ? "" : pair.substr(equals + 1);
        result.name = key;
        result.value = value;
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            result.error = ScheduleErrorCode::UnknownKey;
            return result;
        }
        if (std::find(given.begin(), given.end(), key) != given.end()) {
            result.error = ScheduleErrorCode::RepeatedKey;
            return result;
        }
        given.push_back(key);
        bool ok = false;
        if (key == "step_size") {
            ok = readNumber(value, s.stepSize) && s.stepSize >= 1;
        } else if (key == "t_max") {
            ok = readNumber(value, s.tMax) && s.tMax >= 1;
        } else if (key == "total_iters") {
            ok = readNumber(value, s.totalIters) && s.totalIters >= 1;
        } else if (key == "gamma") {
            ok = readNumber(value, s.gamma) && s.gamma > 0;
        } else if (key == "eta_min") {
            ok = readNumber(value, s.etaMin) && s.etaMin >= 0;
        } else if (key == "start_factor") {
            // torch: 0 < start_factor ≤ 1
            ok = readNumber(value, s.startFactor) && s.startFactor > 0 && s.startFactor <= 1;
        } else if (key == "end_factor") {
            // torch: 0 ≤ end_factor ≤ 1
            ok = readNumber(value, s.endFactor) && s.endFactor >= 0 && s.endFactor <= 1;
        } else if (key == "milestones") {
            std::string_view list = value;
            ok = !list.empty();
            while (ok && !list.empty()) {
                const std::size_t semicolon = list.find(';');
                int milestone = 0;
                ok = readNumber(list.substr(0, semicolon), milestone) && milestone >= 1;
                s.milestones.push_back(milestone);
                list = semicolon == std::string_view::npos ? "" : list.substr(semicolon + 1);
            }
            std::sort(s.milestones.begin(), s.milestones.end());
        }
        if (!ok) {
            result.error = ScheduleErrorCode::BadValue;
            return result;
        }
    }
    for (const std::string_view key : required) {
        if (std::find(given.begin(), given.end(), key) == given.end()) {
            result.error = ScheduleErrorCode::MissingKey;
            result.name = key;
            result.value.clear();
            return result;
        }
    }
    result.name.clear();
    result.value.clear();
    return result;
}

ScheduleParse parseWarmup(std::string_view text, ScheduleSettings settings)
{
    ScheduleParse result;
    result.settings = std::move(settings);
    const std::size_t colon = text.find(':');
    int steps = 0;
    double factor = 0;
    // N ≥ 1 steps from a factor F in (0, 1] (LinearLR's start_factor range)
    if (colon == std::string_view::npos || !readNumber(text.substr(0, colon), steps) || steps < 1 ||
        !readNumber(text.substr(colon + 1), factor) || !(factor > 0) || factor > 1) {
        result.error = ScheduleErrorCode::BadWarmup;
        result.value = text;
        return result;
    }
    result.settings.warmupSteps = steps;
    result.settings.warmupFactor = factor;
    return result;
}

std::string scheduleText(const ScheduleSettings& s)
{
    std::string text(scheduleKindName(s.kind));
    switch (s.kind) {
    case ScheduleKind::Constant:
        break;
    case ScheduleKind::Step:
        text += ":step_size=" + std::to_string(s.stepSize) + ",gamma=" + shortest(s.gamma);
        break;
    case ScheduleKind::MultiStep: {
        std::string list;
        for (const int milestone : s.milestones) {
            list += (list.empty() ? "" : ";") + std::to_string(milestone);
        }
        text += ":milestones=" + list + ",gamma=" + shortest(s.gamma);
        break;
    }
    case ScheduleKind::Exponential:
        text += ":gamma=" + shortest(s.gamma);
        break;
    case ScheduleKind::Cosine:
        text += ":t_max=" + std::to_string(s.tMax) + ",eta_min=" + shortest(s.etaMin);
        break;
    case ScheduleKind::Linear:
        text += ":start_factor=" + shortest(s.startFactor) +
                ",end_factor=" + shortest(s.endFactor) +
                ",total_iters=" + std::to_string(s.totalIters);
        break;
    }
    return text;
}

std::string scheduleWarmupText(const ScheduleSettings& settings)
{
    if (!settings.hasWarmup()) {
        return {};
    }
    return std::to_string(settings.warmupSteps) + ":" + shortest(settings.warmupFactor);
}

std::string_view scheduleKindName(ScheduleKind kind)
{
    for (const auto& [entry, name] : kindNames) {
        if (entry == kind) {
            return name;
        }
    }
    return {};
}

std::vector<ScheduleKind> allScheduleKinds()
{
    std::vector<ScheduleKind> kinds;
    for (const auto& entry : kindNames) {
        kinds.push_back(entry.first);
    }
    return kinds;
}

} // namespace gradlab
