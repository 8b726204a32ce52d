// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/learningrate.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {

namespace {

// The domain the methods' default rates were chosen for: −3 … 3.
constexpr double kDefaultExtent = 6.0;
// Samples per side of the grid over which the curvature is looked up.
constexpr int kCurvatureSamples = 17;
// The trial run, and how often its rate may be halved.
constexpr int kTrialSteps = 100;
constexpr int kMaxHalvings = 12;

/// \a rate rounded down to two significant digits (0.0863 → 0.086): a number one can read out.
double roundDown(double rate)
{
    // (1 + 1e-12): 0.09 · 0.1 is 0.009 less one rounding, which is still 0.009
    const double scale = std::pow(10.0, std::floor(std::log10(rate)) - 1.0);
    return std::floor(rate / scale * (1 + 1e-12)) * scale;
}

double largestEigenvalue(const Eigen::Matrix2d& hessian)
{
    if (!hessian.allFinite()) {
        return -std::numeric_limits<double>::infinity();
    }
    return Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(hessian, Eigen::EigenvaluesOnly)
        .eigenvalues()
        .maxCoeff();
}

/// The largest curvature of f at \a start and over a grid of \a domain.
double largestCurvature(const Objective& objective, const Eigen::Vector2d& start,
                        const Domain& domain)
{
    double largest = largestEigenvalue(objective(start).hessian);
    for (int j = 0; j < kCurvatureSamples; ++j) {
        for (int i = 0; i < kCurvatureSamples; ++i) {
            const Eigen::Vector2d p(domain.xMin + domain.width() * i / (kCurvatureSamples - 1),
                                    domain.yMin + domain.height() * j / (kCurvatureSamples - 1));
            largest = std::max(largest, largestEigenvalue(objective(p).hessian));
        }
    }
    return largest;
}

double initialRate(const OptimizerSettings& settings, const Objective& objective,
                   const Eigen::Vector2d& start, const Domain& domain)
{
    const double fallback = defaultSettings(settings.method).learningRate;
    const double extent = std::max(domain.width(), domain.height());
    switch (settings.method) {
    case Method::GradientDescent:
    case Method::Momentum:
    case Method::Nesterov: {
        const double mu = settings.method == Method::GradientDescent ? 0.0 : settings.momentum;
        const double damping = std::clamp(1.0 - mu, 0.01, 1.0);
        const double largest = largestCurvature(objective, start, domain);
        double rate =
            largest > 0 ? 0.9 * 2.0 / largest * damping : std::numeric_limits<double>::infinity();
        // The first step −η∇f, grown by up to 1/(1 − μ), at most half the domain.
        const double slope = objective(start).gradient.norm();
        if (slope > 0 && std::isfinite(slope)) {
            rate = std::min(rate, 0.5 * extent * damping / slope);
        }
        return std::isfinite(rate) ? rate : fallback;
    }
    case Method::AdaGrad:
    case Method::RMSProp:
    case Method::Adam:
    case Method::AdamW:
        return fallback * extent / kDefaultExtent;
    case Method::Newton:
    case Method::LineSearch:
    case Method::LBFGS:      // its line search (strong Wolfe) chooses the step
    case Method::NelderMead: // no learning rate: the simplex sets its own steps
        return fallback;
    }
    return fallback;
}

/// True when a run with \a settings stays in view or runs away only downhill.
bool isStable(const OptimizerSettings& settings, const Objective& objective,
              const Eigen::Vector2d& start)
{
    OptimizerSettings trial = settings;
    trial.maxSteps = kTrialSteps;
    trial.tolerance = 0.0;
    Run run(objective, start, trial);
    run.runToEnd();
    if (run.stopReason() != StopReason::Diverged) {
        return true;
    }
    const double first = run.records().front().f;
    const double last = run.records().back().f;
    return std::isfinite(last) && last < first;
}

} // namespace

double suggestedLearningRate(const OptimizerSettings& settings, const Objective& objective,
                             const Eigen::Vector2d& start, const Domain& domain)
{
    const double fallback = defaultSettings(settings.method).learningRate;
    const PointValue atStart = objective(start);
    if (!std::isfinite(atStart.f) || !atStart.gradient.allFinite() || !domain.isValid()) {
        return fallback;
    }
    double rate = initialRate(settings, objective, start, domain);
    if (!(rate > 0)) {
        return fallback;
    }
    rate = roundDown(rate);
    OptimizerSettings trial = settings;
    for (int halving = 0; halving < kMaxHalvings; ++halving) {
        trial.learningRate = rate;
        if (isStable(trial, objective, start)) {
            return rate;
        }
        rate = roundDown(rate / 2);
    }
    return rate;
}

} // namespace gradlab
