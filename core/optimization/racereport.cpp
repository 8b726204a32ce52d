// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/racereport.h"

#include <cmath>
#include <cstdio>

namespace gradlab {

namespace {

std::string number(double value)
{
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value > 0 ? "inf" : "-inf";
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

// A CSV field: quoted when it holds a comma or a quote (a schedule's "t_max=60,eta_min=0").
std::string field(const std::string& text)
{
    if (text.find_first_of(",\"") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + '"';
}

// The schedule in the CLI's syntax, its warm-up after a space ("cosine:t_max=60 warmup=5:0.1").
std::string scheduleOf(const ScheduleSettings& schedule)
{
    std::string text = scheduleText(schedule);
    if (schedule.hasWarmup()) {
        text += " warmup=" + scheduleWarmupText(schedule);
    }
    return text;
}

} // namespace

long long raceCost(const StepRecord& record, Method method)
{
    if (method == Method::NelderMead) {
        return record.evaluations.function;
    }
    return record.evaluations.gradient + record.evaluations.hessian;
}

std::string_view stopReasonName(StopReason reason)
{
    switch (reason) {
    case StopReason::Running:
        return "running";
    case StopReason::MaxSteps:
        return "max_steps";
    case StopReason::Converged:
        return "converged";
    case StopReason::Diverged:
        return "diverged";
    }
    return "running";
}

RaceReportRow raceReportRow(int run, const OptimizerSettings& settings, StopReason stop,
                            const std::vector<StepRecord>& records, double tolerance)
{
    RaceReportRow row;
    row.run = run;
    row.settings = settings;
    row.stop = stop;
    if (records.empty()) {
        return row;
    }
    const StepRecord& last = records.back();
    row.steps = last.index;
    row.finalValue = last.f;
    row.finalGradientNorm = last.gradient.norm();
    row.evaluations = last.evaluations;
    row.cost = raceCost(last, settings.method);
    for (const StepRecord& record : records) {
        // ‖∇f‖ ≤ tol; a NaN norm never qualifies.
        if (record.gradient.norm() <= tolerance) {
            row.stepsToTolerance = record.index;
            row.costToTolerance = raceCost(record, settings.method);
            break;
        }
    }
    return row;
}

std::string raceReportCsv(const std::vector<RaceReportRow>& rows, double tolerance)
{
    std::string csv = "run,method,lr,schedule,stop,steps,f,grad_norm,f_evals,grad_evals,"
                      "hessian_evals,cost,steps_to_tol,cost_to_tol,tolerance\n";
    for (const RaceReportRow& row : rows) {
        const bool hasRate = row.settings.method != Method::NelderMead;
        csv += std::to_string(row.run) + ',' + std::string(methodName(row.settings.method)) + ',' +
               (hasRate ? number(row.settings.learningRate) : std::string()) + ',' +
               (hasRate ? field(scheduleOf(row.settings.schedule)) : std::string()) + ',' +
               std::string(stopReasonName(row.stop)) + ',' + std::to_string(row.steps) + ',' +
               number(row.finalValue) + ',' + number(row.finalGradientNorm) + ',' +
               std::to_string(row.evaluations.function) + ',' +
               std::to_string(row.evaluations.gradient) + ',' +
               std::to_string(row.evaluations.hessian) + ',' + std::to_string(row.cost) + ',' +
               (row.stepsToTolerance ? std::to_string(*row.stepsToTolerance) : std::string()) +
               ',' + (row.costToTolerance ? std::to_string(*row.costToTolerance) : std::string()) +
               ',' + number(tolerance) + '\n';
    }
    return csv;
}

} // namespace gradlab
