// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/searchrules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

namespace gradlab {

namespace {

// torch.optim.LBFGS (PyTorch 1.13) operation by operation, for one 2-vector parameter: dot
// products are x₀y₀ + x₁y₁, add_(v, alpha=a) is p + a·v.

double dot(const Eigen::Vector2d& a, const Eigen::Vector2d& b)
{
    return a.x() * b.x() + a.y() * b.y();
}

/// torch's _cubic_interpolate: the minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2),
/// clamped to the bounds (by default the interval between x1 and x2); the bounds' midpoint when
/// the cubic has no real minimiser.
double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2,
                        std::optional<std::pair<double, double>> bounds = std::nullopt)
{
    const auto [lower, upper] =
        bounds ? *bounds : (x1 <= x2 ? std::pair{x1, x2} : std::pair{x2, x1});
    // d1 = g1 + g2 − 3(f1 − f2)/(x1 − x2);  d2 = √(d1² − g1·g2)
    const double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
    const double d2Square = d1 * d1 - g1 * g2;
    if (d2Square >= 0) {
        const double d2 = std::sqrt(d2Square);
        double minimum = 0;
        if (x1 <= x2) {
            // x2 − (x2 − x1)·(g2 + d2 − d1)/(g2 − g1 + 2·d2)
            minimum = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2));
        } else {
            minimum = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
        }
        return std::min(std::max(minimum, lower), upper);
    }
    return (lower + upper) / 2.0;
}

/// \brief One point of the line x + t·d: f, ∇f and the slope ∇f·d there.
struct LinePoint
{
    double t = 0;
    double f = 0;
    Eigen::Vector2d gradient{0, 0};
    double slope = 0;
};

class LbfgsRule final : public UpdateRule
{
public:
    LbfgsRule(const OptimizerSettings& settings, Objective objective)
        : UpdateRule(settings)
        , m_history(static_cast<std::size_t>(std::max(1, settings.history)))
        , m_strongWolfe(settings.lineSearch == LineSearchKind::StrongWolfe)
        , m_objective(std::move(objective))
    {}

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d&, double rate) override
    {
        const Eigen::Vector2d& g = record.gradient;
        // optimality: max|g| ≤ tolerance_grad = 0 — no step, and the iteration is not counted
        if (g.cwiseAbs().maxCoeff() <= 0) {
            record.note = "gradient is zero: no step";
            return record.point;
        }
        ++m_iterations;
        if (m_iterations == 1) {
            // d = −g, H₀ = 1
            m_direction = -g;
            m_hessianDiagonal = 1;
        } else {
            // y = g − g_prev;  s = d·t;  keep the pair when yᵀs > 1e-10 (curvature condition)
            const Eigen::Vector2d y = g - m_previousGradient;
            const Eigen::Vector2d s = m_direction * m_step;
            const double ys = dot(y, s);
            if (ys > 1e-10) {
                if (m_memory.size() == m_history) {
                    m_memory.pop_front();
                    m_rho.pop_front();
                }
                m_memory.push_back({s, y});
                m_rho.push_back(1.0 / ys);
                // H₀ = yᵀs / yᵀy
                m_hessianDiagonal = ys / dot(y, y);
            }
            // two-loop recursion: q = −g;  αᵢ = ρᵢ·sᵢᵀq, q ← q − αᵢ·yᵢ (newest first)
            const std::size_t count = m_memory.size();
            std::vector<double> alpha(count);
            Eigen::Vector2d q = -g;
            for (std::size_t i = count; i-- > 0;) {
                alpha[i] = dot(m_memory[i].step, q) * m_rho[i];
                q = q + (-alpha[i]) * m_memory[i].gradientChange;
            }
            // r = H₀·q;  βᵢ = ρᵢ·yᵢᵀr, r ← r + (αᵢ − βᵢ)·sᵢ (oldest first);  d = r
            Eigen::Vector2d r = q * m_hessianDiagonal;
            for (std::size_t i = 0; i < count; ++i) {
                const double beta = dot(m_memory[i].gradientChange, r) * m_rho[i];
                r = r + (alpha[i] - beta) * m_memory[i].step;
            }
            m_direction = r;
        }
        m_previousGradient = g;
        record.searchDirection = m_direction;
        record.curvaturePairs.assign(m_memory.begin(), m_memory.end());
        // first step: t = min(1, 1/‖g‖₁)·lr, so the first move is at most lr in ℓ₁; then t = lr
        m_step = m_iterations == 1 ? std::min(1.0, 1.0 / g.cwiseAbs().sum()) * rate : rate;
        // directional derivative gᵀd > −tolerance_change = 0: d is not a descent direction
        const double slope = dot(g, m_direction);
        if (slope > -0.0) {
            record.note = "not a descent direction: no step";
            return record.point;
        }
        if (m_strongWolfe) {
            m_step = strongWolfe(record, m_step, slope);
        }
        record.acceptedStep = m_step;
        // x ← x + t·d
        return record.point + m_step * m_direction;
    }

private:
    LinePoint evaluate(StepRecord& record, double t)
    {
        const Eigen::Vector2d point = record.point + t * m_direction;
        const PointValue value = m_objective(point);
        count({1, 1, 0});
        record.trials.push_back(point);
        record.trialSteps.push_back(t);
        return {t, value.f, value.gradient, dot(value.gradient, m_direction)};
    }

    /// torch's _strong_wolfe (c1 = 1e-4, c2 = 0.9, tolerance_change = 1e-9, 25 evaluations at
    /// most): a bracketing phase, then a zoom by cubic interpolation. Returns the step t.
    double strongWolfe(StepRecord& record, double t, double slope)
    {
        constexpr double c1 = 1e-4;
        constexpr double c2 = 0.9;
        constexpr double toleranceChange = 1e-9;
        constexpr int maxIterations = 25;
        const double f = record.f;
        const double directionSize = m_direction.cwiseAbs().maxCoeff();
        LinePoint current = evaluate(record, t);
        LinePoint previous{0, f, record.gradient, slope};
        bool done = false;
        int iteration = 0;
        std::array<LinePoint, 2> bracket{};
        std::size_t size = 0;
        while (iteration < maxIterations) {
            // Armijo fails, or f stopped falling: a minimum lies in [t_prev, t]
            if (current.f > f + c1 * current.t * slope ||
                (iteration > 1 && current.f >= previous.f)) {
                bracket = {previous, current};
                size = 2;
                break;
            }
            // the strong Wolfe curvature condition |gᵀd| ≤ −c2·g₀ᵀd: done
            if (std::abs(current.slope) <= -c2 * slope) {
                bracket = {current, current};
                size = 1;
                done = true;
                break;
            }
            // the slope turned upward: a minimum lies in [t_prev, t]
            if (current.slope >= 0) {
                bracket = {previous, current};
                size = 2;
                break;
            }
            // extrapolate: a cubic step within [t + 0.01(t − t_prev), 10t]
            const double minimumStep = current.t + 0.01 * (current.t - previous.t);
            const double maximumStep = current.t * 10;
            const double next =
                cubicInterpolate(previous.t, previous.f, previous.slope, current.t, current.f,
                                 current.slope, std::pair{minimumStep, maximumStep});
            previous = current;
            current = evaluate(record, next);
            ++iteration;
        }
        if (iteration == maxIterations) {
            bracket = {LinePoint{0, f, record.gradient, slope}, current};
            size = 2;
        }
        // zoom: shrink the bracket by cubic interpolation until the Wolfe conditions hold
        bool insufficientProgress = false;
        std::size_t low = 0;
        std::size_t high = 1;
        if (size == 2 && bracket[0].f > bracket[1].f) {
            std::swap(low, high);
        }
        while (!done && iteration < maxIterations) {
            if (std::abs(bracket[1].t - bracket[0].t) * directionSize < toleranceChange) {
                break;
            }
            double next = cubicInterpolate(bracket[0].t, bracket[0].f, bracket[0].slope,
                                           bracket[1].t, bracket[1].f, bracket[1].slope);
            // a trial within 10 % of the bracket's ends makes too little progress: move it to
            // 10 % inside when it already happened once or it lies on an end
            const double top = std::max(bracket[0].t, bracket[1].t);
            const double bottom = std::min(bracket[0].t, bracket[1].t);
            const double margin = 0.1 * (top - bottom);
            if (std::min(top - next, next - bottom) < margin) {
                if (insufficientProgress || next >= top || next <= bottom) {
                    next = std::abs(next - top) < std::abs(next - bottom) ? top - margin
                                                                          : bottom + margin;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            const LinePoint trial = evaluate(record, next);
            ++iteration;
            if (trial.f > f + c1 * trial.t * slope || trial.f >= bracket[low].f) {
                // Armijo fails or no lower than the low end: the trial is the new high end
                bracket[high] = trial;
                if (bracket[0].f <= bracket[1].f) {
                    low = 0;
                    high = 1;
                } else {
                    low = 1;
                    high = 0;
                }
            } else {
                if (std::abs(trial.slope) <= -c2 * slope) {
                    done = true;
                } else if (trial.slope * (bracket[high].t - bracket[low].t) >= 0) {
                    // the old high end becomes the low end's partner on the other side
                    bracket[high] = bracket[low];
                }
                bracket[low] = trial;
            }
        }
        return size == 1 ? bracket[0].t : bracket[low].t;
    }

    std::size_t m_history = 100;
    bool m_strongWolfe = true;
    Objective m_objective;
    long long m_iterations = 0; ///< torch's state["n_iter"]
    Eigen::Vector2d m_direction{0, 0};
    double m_step = 0; ///< t of the last step
    Eigen::Vector2d m_previousGradient{0, 0};
    double m_hessianDiagonal = 1;
    std::deque<CurvaturePair> m_memory; ///< oldest first
    std::deque<double> m_rho;           ///< 1/yᵀs of each pair
};

} // namespace

std::unique_ptr<UpdateRule> makeLbfgsRule(const OptimizerSettings& settings, Objective objective)
{
    return std::make_unique<LbfgsRule>(settings, std::move(objective));
}

} // namespace gradlab
