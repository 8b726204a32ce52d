// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/criticalpoints.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <optional>

namespace gradlab {

CriticalKind classifyHessian(const Eigen::Matrix2d& hessian, double tolerance)
{
    if (!hessian.allFinite()) {
        return CriticalKind::Degenerate;
    }
    // The symmetric part: f_xy and f_yx agree up to rounding.
    const Eigen::Matrix2d symmetric = 0.5 * (hessian + hessian.transpose());
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(symmetric, Eigen::EigenvaluesOnly);
    const double low = solver.eigenvalues().x();
    const double high = solver.eigenvalues().y();
    if (low > tolerance) {
        return CriticalKind::Minimum;
    }
    if (high < -tolerance) {
        return CriticalKind::Maximum;
    }
    if (low < -tolerance && high > tolerance) {
        return CriticalKind::Saddle;
    }
    return CriticalKind::Degenerate;
}

namespace {

bool isFinite(const PointValue& value)
{
    return std::isfinite(value.f) && value.gradient.allFinite() && value.hessian.allFinite();
}

/// The Newton step for ∇f = 0, −H⁻¹∇f, through the eigen-decomposition of H; a direction of
/// exactly zero curvature gets no step.
Eigen::Vector2d newtonStep(const PointValue& value)
{
    const Eigen::Matrix2d symmetric = 0.5 * (value.hessian + value.hessian.transpose());
    // closed-form 2×2 eigen-decomposition: the iteration's hot spot, accurate to rounding
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
    solver.computeDirect(symmetric);
    const Eigen::Vector2d lambda = solver.eigenvalues();
    const Eigen::Matrix2d& vectors = solver.eigenvectors();
    const Eigen::Vector2d projected = vectors.transpose() * value.gradient;
    Eigen::Vector2d scaled(0, 0);
    for (int i = 0; i < 2; ++i) {
        if (lambda[i] != 0) {
            scaled[i] = projected[i] / lambda[i];
        }
    }
    // δ = −H⁻¹∇f = −V·diag(1/λ)·Vᵀ·∇f
    return -(vectors * scaled);
}

/// True when the Newton step is at most \a tolerance along each eigenvector of H: |pᵢ/λᵢ| ≤ tol
/// for the gradient's component pᵢ, so a direction without curvature must have no gradient.
bool newtonStepWithin(const PointValue& value, double tolerance)
{
    const Eigen::Matrix2d symmetric = 0.5 * (value.hessian + value.hessian.transpose());
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
    solver.computeDirect(symmetric);
    const Eigen::Vector2d projected = solver.eigenvectors().transpose() * value.gradient;
    for (int i = 0; i < 2; ++i) {
        if (!(std::fabs(projected[i]) <= tolerance * std::fabs(solver.eigenvalues()[i]))) {
            return false;
        }
    }
    return true;
}

/// A descent step −H̃⁻¹∇f with H̃ the Hessian made positive definite (|λ|, floored at 10⁻⁶ of its
/// scale): downhill even where H is indefinite.
Eigen::Vector2d descentStep(const PointValue& value)
{
    const Eigen::Matrix2d symmetric = 0.5 * (value.hessian + value.hessian.transpose());
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
    solver.computeDirect(symmetric);
    const Eigen::Vector2d lambda = solver.eigenvalues();
    const double floor = 1e-6 * std::max(1.0, lambda.cwiseAbs().maxCoeff());
    const Eigen::Matrix2d& vectors = solver.eigenvectors();
    // d = −V·diag(1/max(|λ|, δ))·Vᵀ·∇f
    return -(
        vectors *
        (vectors.transpose() * value.gradient).cwiseQuotient(lambda.cwiseAbs().cwiseMax(floor)));
}

/// Walks downhill from \a seed with capped, backtracked modified-Newton steps: the way to the
/// minimum whose basin holds the seed, where Newton on ∇f = 0 may be drawn to a nearer saddle
/// or maximum. Returns where the descent stopped, or nothing if it left the domain or f failed.
std::optional<Eigen::Vector2d> descendFrom(const Objective& objective, const Domain& domain,
                                           const Eigen::Vector2d& seed, double maxStep)
{
    const double size = std::max(domain.width(), domain.height());
    Eigen::Vector2d x = seed;
    PointValue value = objective(x);
    constexpr int maxIterations = 100;
    constexpr int maxHalvings = 30;
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        if (!std::isfinite(value.f) || !value.gradient.allFinite() || !value.hessian.allFinite()) {
            return std::nullopt;
        }
        Eigen::Vector2d step = descentStep(value);
        const double length = step.norm();
        if (!(length > 1e-10 * size)) {
            break;
        }
        if (length > maxStep) {
            step *= maxStep / length;
        }
        bool accepted = false;
        for (int halving = 0; halving < maxHalvings; ++halving) {
            const PointValue trial = objective(x + step);
            if (std::isfinite(trial.f) && trial.f < value.f) {
                x += step;
                value = trial;
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if (!accepted) {
            break;
        }
        if (!domain.contains(x.x(), x.y())) {
            return std::nullopt;
        }
    }
    return x;
}

struct Candidate
{
    Eigen::Vector2d point;
    PointValue value;
};

/// Newton on ∇f = 0 from \a seed: each step is capped at \a maxStep (so a seed finds a critical
/// point near itself) and halved until ‖∇f‖ decreases. Nothing when it fails, leaves the domain,
/// or ends with ‖∇f‖ above \a gradientTolerance.
std::optional<Candidate> solveFrom(const Objective& objective, const Domain& domain,
                                   const Eigen::Vector2d& seed, double maxStep,
                                   double gradientTolerance)
{
    const double size = std::max(domain.width(), domain.height());
    // Iterates may wander half a seed spacing past the edge before they count as lost.
    const Domain wide{domain.xMin - maxStep, domain.xMax + maxStep, domain.yMin - maxStep,
                      domain.yMax + maxStep};
    Eigen::Vector2d x = seed;
    PointValue value = objective(x);
    // Quadratic convergence needs a handful of iterations; a degenerate point (monkey saddle)
    // converges linearly, halving the distance per step: 100 reach 10⁻³⁰ of the domain size.
    constexpr int maxIterations = 100;
    constexpr int maxHalvings = 30;
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        if (!isFinite(value)) {
            return std::nullopt;
        }
        const double gradientNorm = value.gradient.norm();
        Eigen::Vector2d step = newtonStep(value);
        const double length = step.norm();
        if (gradientNorm == 0 || !(length > 0)) {
            break;
        }
        if (length > maxStep) {
            step *= maxStep / length;
        }
        bool accepted = false;
        for (int halving = 0; halving < maxHalvings; ++halving) {
            const Eigen::Vector2d trial = x + step;
            const PointValue trialValue = objective(trial);
            // merit: ‖∇f‖ must decrease
            if (isFinite(trialValue) && trialValue.gradient.norm() < gradientNorm) {
                x = trial;
                value = trialValue;
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if (!accepted || !wide.contains(x.x(), x.y())) {
            break;
        }
        // Converged when the step is at the rounding level of the coordinates.
        if (step.norm() <= 1e-15 * (size + x.norm())) {
            break;
        }
    }
    if (!isFinite(value) || !domain.contains(x.x(), x.y())) {
        return std::nullopt;
    }
    // Accept when the distance still to go, the remaining Newton step, is below 10⁻⁸ of the
    // domain: far below anything drawn, far above the rounding of a converged iteration. The
    // gradient must also be small against the function's typical one: near a singularity
    // (√x at 0) H grows without bound and the Newton step shrinks although ∇f does not vanish.
    const double gradientNorm = value.gradient.norm();
    if (gradientNorm != 0 &&
        !(newtonStepWithin(value, 1e-8 * size) && gradientNorm <= gradientTolerance)) {
        return std::nullopt;
    }
    return Candidate{x, value};
}

} // namespace

std::vector<CriticalPoint> findCriticalPoints(const Objective& objective, const Domain& domain,
                                              int seeds)
{
    std::vector<CriticalPoint> found;
    if (!objective || !domain.isValid() || seeds < 1) {
        return found;
    }
    const double size = std::max(domain.width(), domain.height());
    const double dx = domain.width() / seeds;
    const double dy = domain.height() / seeds;
    const double maxStep = 0.5 * std::max(dx, dy);
    // Two solutions closer than 10⁻⁶ of the domain are one point: converged iterations agree to
    // 10⁻¹⁵, a slowly converging degenerate point to far better than 10⁻⁶.
    const double duplicate = 1e-6 * size;
    // The typical gradient: the median of ‖∇f‖ over the seeds.
    std::vector<Eigen::Vector2d> seedPoints;
    std::vector<double> seedGradients;
    for (int j = 0; j < seeds; ++j) {
        for (int i = 0; i < seeds; ++i) {
            // seeds at the centres of a seeds × seeds grid of cells
            seedPoints.emplace_back(domain.xMin + (i + 0.5) * dx, domain.yMin + (j + 0.5) * dy);
            const double norm = objective(seedPoints.back()).gradient.norm();
            if (std::isfinite(norm)) {
                seedGradients.push_back(norm);
            }
        }
    }
    if (seedGradients.empty()) {
        return found;
    }
    const auto middle =
        seedGradients.begin() + static_cast<std::ptrdiff_t>(seedGradients.size() / 2);
    std::nth_element(seedGradients.begin(), middle, seedGradients.end());
    // A critical point has ‖∇f‖ below 10⁻⁶ of the typical gradient (the largest one when most
    // seeds sit on critical points); converged ones reach the rounding level, some 10⁻¹³ of it.
    const double typical =
        *middle > 0 ? *middle : *std::max_element(seedGradients.begin(), seedGradients.end());
    const double gradientTolerance = 1e-6 * typical;
    std::vector<double> gradientNorms;
    const auto add = [&](const Candidate& candidate) {
        const double norm = candidate.value.gradient.norm();
        auto same = std::find_if(found.begin(), found.end(), [&](const CriticalPoint& point) {
            return (point.point - candidate.point).norm() <= duplicate;
        });
        if (same != found.end()) {
            const std::size_t index = static_cast<std::size_t>(same - found.begin());
            if (norm >= gradientNorms[index]) {
                return;
            }
            found.erase(same);
            gradientNorms.erase(gradientNorms.begin() + static_cast<std::ptrdiff_t>(index));
        }
        const Eigen::Matrix2d& hessian = candidate.value.hessian;
        const Eigen::Matrix2d symmetric = 0.5 * (hessian + hessian.transpose());
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(symmetric,
                                                                    Eigen::EigenvaluesOnly);
        CriticalPoint point;
        point.point = candidate.point;
        point.f = candidate.value.f;
        point.eigenvalues = solver.eigenvalues();
        // An eigenvalue below 10⁻⁹ of the Hessian's scale counts as zero (as in the views).
        const double scale = std::max(1.0, symmetric.cwiseAbs().maxCoeff());
        point.kind = classifyHessian(symmetric, 1e-9 * scale);
        found.push_back(point);
        gradientNorms.push_back(norm);
    };
    for (const Eigen::Vector2d& seed : seedPoints) {
        // Newton on ∇f = 0 finds the critical point nearest the seed, of any kind; descent
        // first, then Newton to polish, finds the minimum whose basin holds the seed.
        std::optional<Candidate> candidates[2] = {
            solveFrom(objective, domain, seed, maxStep, gradientTolerance), std::nullopt};
        if (const std::optional<Eigen::Vector2d> low =
                descendFrom(objective, domain, seed, maxStep)) {
            candidates[1] = solveFrom(objective, domain, *low, maxStep, gradientTolerance);
        }
        for (const std::optional<Candidate>& candidate : candidates) {
            if (candidate) {
                add(*candidate);
            }
        }
    }
    std::sort(found.begin(), found.end(), [](const CriticalPoint& a, const CriticalPoint& b) {
        if (a.f != b.f) {
            return a.f < b.f;
        }
        if (a.point.x() != b.point.x()) {
            return a.point.x() < b.point.x();
        }
        return a.point.y() < b.point.y();
    });
    return found;
}

} // namespace gradlab
