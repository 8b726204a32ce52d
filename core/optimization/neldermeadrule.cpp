// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/searchrules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <utility>

namespace gradlab {

namespace {

// SciPy 1.10's _minimize_neldermead for two variables, operation by operation, with
// xatol = fatol = 0 and no bounds.

// SciPy's coefficients (not the adaptive ones): reflection ρ, expansion χ, contraction ψ and
// shrink σ.
constexpr double rho = 1;
constexpr double chi = 2;
constexpr double psi = 0.5;
constexpr double sigma = 0.5;
// The initial simplex: each coordinate of x0 moved by 5 %, or set to 0.00025 where it is zero.
constexpr double nonZeroDelta = 0.05;
constexpr double zeroDelta = 0.00025;

class NelderMeadRule final : public UpdateRule
{
public:
    NelderMeadRule(const OptimizerSettings& settings, Objective objective)
        : UpdateRule(settings)
        , m_objective(std::move(objective))
    {}

    EvaluationCount pointEvaluation() const override { return {}; }

    void describe(StepRecord& record) override
    {
        if (!m_started) {
            start(record.point);
        }
        record.learningRate = std::numeric_limits<double>::quiet_NaN();
        record.hasSimplex = true;
        record.simplex = m_simplex;
        record.simplexValues = m_values;
        record.simplexMove = m_move;
    }

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d&, double) override
    {
        if (!m_started) {
            start(record.point);
        }
        record.learningRate = std::numeric_limits<double>::quiet_NaN();
        m_move = SimplexMove::None;
        // converged: every vertex within xatol = 0 of the best and every value within fatol = 0
        double spread = 0;
        double valueSpread = 0;
        for (std::size_t j = 1; j < 3; ++j) {
            spread = std::max(spread, (m_simplex[j] - m_simplex[0]).cwiseAbs().maxCoeff());
            valueSpread = std::max(valueSpread, std::abs(m_values[0] - m_values[j]));
        }
        if (spread <= 0 && valueSpread <= 0) {
            record.note = "the simplex has collapsed to a point";
            return m_simplex[0];
        }
        iterate();
        sortVertices();
        return m_simplex[0];
    }

private:
    double value(const Eigen::Vector2d& point)
    {
        count({1, 0, 0});
        return m_objective(point).f;
    }

    void start(const Eigen::Vector2d& x0)
    {
        m_started = true;
        m_simplex[0] = x0;
        for (int k = 0; k < 2; ++k) {
            Eigen::Vector2d y = x0;
            // y_k ← (1 + 0.05)·y_k, or 0.00025 where y_k = 0
            y[k] = y[k] != 0 ? (1 + nonZeroDelta) * y[k] : zeroDelta;
            m_simplex[static_cast<std::size_t>(k) + 1] = y;
        }
        for (std::size_t j = 0; j < 3; ++j) {
            m_values[j] = value(m_simplex[j]);
        }
        sortVertices();
    }

    /// np.argsort (stable for three entries; NaN sorts last), then the vertices in that order.
    void sortVertices()
    {
        std::array<std::size_t, 3> order{0, 1, 2};
        std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
            const double fa = m_values[a];
            const double fb = m_values[b];
            return !std::isnan(fa) && (std::isnan(fb) || fa < fb);
        });
        const std::array<Eigen::Vector2d, 3> simplex = m_simplex;
        const std::array<double, 3> values = m_values;
        for (std::size_t j = 0; j < 3; ++j) {
            m_simplex[j] = simplex[order[j]];
            m_values[j] = values[order[j]];
        }
    }

    void iterate()
    {
        Eigen::Vector2d& worst = m_simplex[2];
        double& worstValue = m_values[2];
        // centroid of all but the worst: x̄ = (x₀ + x₁)/N
        const Eigen::Vector2d centroid = (m_simplex[0] + m_simplex[1]) / 2.0;
        // reflection: x_r = (1 + ρ)·x̄ − ρ·x_worst
        const Eigen::Vector2d reflected = (1 + rho) * centroid - rho * worst;
        const double reflectedValue = value(reflected);
        if (reflectedValue < m_values[0]) {
            // expansion: x_e = (1 + ρχ)·x̄ − ρχ·x_worst
            const Eigen::Vector2d expanded = (1 + rho * chi) * centroid - rho * chi * worst;
            const double expandedValue = value(expanded);
            if (expandedValue < reflectedValue) {
                worst = expanded;
                worstValue = expandedValue;
                m_move = SimplexMove::Expansion;
            } else {
                worst = reflected;
                worstValue = reflectedValue;
                m_move = SimplexMove::Reflection;
            }
            return;
        }
        if (reflectedValue < m_values[1]) {
            worst = reflected;
            worstValue = reflectedValue;
            m_move = SimplexMove::Reflection;
            return;
        }
        bool shrink = false;
        if (reflectedValue < worstValue) {
            // outside contraction: x_c = (1 + ψρ)·x̄ − ψρ·x_worst
            const Eigen::Vector2d contracted = (1 + psi * rho) * centroid - psi * rho * worst;
            const double contractedValue = value(contracted);
            if (contractedValue <= reflectedValue) {
                worst = contracted;
                worstValue = contractedValue;
                m_move = SimplexMove::OutsideContraction;
            } else {
                shrink = true;
            }
        } else {
            // inside contraction: x_cc = (1 − ψ)·x̄ + ψ·x_worst
            const Eigen::Vector2d contracted = (1 - psi) * centroid + psi * worst;
            const double contractedValue = value(contracted);
            if (contractedValue < worstValue) {
                worst = contracted;
                worstValue = contractedValue;
                m_move = SimplexMove::InsideContraction;
            } else {
                shrink = true;
            }
        }
        if (shrink) {
            // shrink towards the best vertex: x_j ← x₀ + σ·(x_j − x₀)
            for (std::size_t j = 1; j < 3; ++j) {
                m_simplex[j] = m_simplex[0] + sigma * (m_simplex[j] - m_simplex[0]);
                m_values[j] = value(m_simplex[j]);
            }
            m_move = SimplexMove::Shrink;
        }
    }

    Objective m_objective;
    bool m_started = false;
    std::array<Eigen::Vector2d, 3> m_simplex{};
    std::array<double, 3> m_values{};
    SimplexMove m_move = SimplexMove::None;
};

} // namespace

std::unique_ptr<UpdateRule> makeNelderMeadRule(const OptimizerSettings& settings,
                                               Objective objective)
{
    return std::make_unique<NelderMeadRule>(settings, std::move(objective));
}

} // namespace gradlab
