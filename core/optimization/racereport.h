// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/optimizer.h"

#include <optional>
#include <string>
#include <vector>

namespace gradlab {

/// \brief What a record has cost, as a fair race counts it: the gradient evaluations from the
/// start, a Hessian counting as one more; for Nelder–Mead, which evaluates no gradient, its
/// function evaluations.
long long raceCost(const StepRecord& record, Method method);

/// \brief One run's line of the race report.
struct RaceReportRow
{
    int run = 0; ///< the run's number in the race
    OptimizerSettings settings;
    StopReason stop = StopReason::Running;
    int steps = 0;         ///< steps taken (the last record's index)
    double finalValue = 0; ///< f at the last record
    double finalGradientNorm = 0;
    EvaluationCount evaluations; ///< at the last record
    long long cost = 0;          ///< raceCost at the last record
    /// The first step with ‖∇f‖ ≤ the tolerance, and what reaching it cost; empty if none.
    std::optional<int> stepsToTolerance;
    std::optional<long long> costToTolerance;
};

/// The report line of a run with \a records (records[0] the start).
RaceReportRow raceReportRow(int run, const OptimizerSettings& settings, StopReason stop,
                            const std::vector<StepRecord>& records, double tolerance);

/// The report as CSV: a header, then one line per row with run, method, lr, schedule, stop,
/// steps, f, grad_norm, f_evals, grad_evals, hessian_evals, cost, steps_to_tol, cost_to_tol
/// (the last two empty when the tolerance was not reached) and tolerance; a warm-up follows the
/// schedule as " warmup=N:F". Numbers round-trip
/// (17 significant digits).
std::string raceReportCsv(const std::vector<RaceReportRow>& rows, double tolerance);

/// "running", "max_steps", "converged", "diverged".
std::string_view stopReasonName(StopReason reason);

} // namespace gradlab
