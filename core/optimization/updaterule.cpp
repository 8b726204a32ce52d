// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/updaterule.h"

#include "optimization/searchrules.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

namespace gradlab {

namespace {

// The torch.optim methods below follow torch 1.13's single-tensor code operation by operation:
// each in-place tensor call is one line here, in the same order and with the same association
// (add_(t, alpha=a) is p + a·t, addcmul_(t1, t2, value=v) is p + (v·t1)·t2,
// addcdiv_(t1, t2, value=v) is p + (v·t1)/t2), so that the float64 paths agree to the last bits.

/// torch's L2 weight decay: g ← g + λ·x (grad.add(param, alpha=weight_decay)), none for λ = 0.
Eigen::Array2d decayed(const StepRecord& record, double weightDecay)
{
    if (weightDecay == 0) {
        return record.gradient.array();
    }
    return record.gradient.array() + weightDecay * record.point.array();
}

/// \brief torch.optim.SGD without momentum.
class GradientDescentRule final : public UpdateRule
{
public:
    explicit GradientDescentRule(const OptimizerSettings& settings)
        : UpdateRule(settings)
        , m_weightDecay(settings.weightDecay)
    {}

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d&, double rate) override
    {
        // x ← x − lr·g
        return record.point.array() + (-rate) * decayed(record, m_weightDecay);
    }

private:
    double m_weightDecay = 0;
};

/// \brief torch.optim.SGD with momentum μ (dampening 0), plain or Nesterov.
class MomentumRule final : public UpdateRule
{
public:
    MomentumRule(const OptimizerSettings& settings, bool nesterov)
        : UpdateRule(settings)
        , m_momentum(settings.momentum)
        , m_weightDecay(settings.weightDecay)
        , m_nesterov(nesterov)
    {}

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d&, double rate) override
    {
        const Eigen::Array2d g = decayed(record, m_weightDecay);
        if (m_first) {
            // b₁ = g₁
            m_buffer = g;
            m_first = false;
        } else {
            // b ← μ·b + g
            m_buffer = m_buffer * m_momentum + g;
        }
        record.velocity = m_buffer;
        if (m_nesterov) {
            // g' = g + μ·b;  x ← x − lr·g'
            const Eigen::Array2d lookAhead = g + m_momentum * m_buffer;
            return record.point.array() + (-rate) * lookAhead;
        }
        // x ← x − lr·b
        return record.point.array() + (-rate) * m_buffer;
    }

private:
    double m_momentum = 0;
    double m_weightDecay = 0;
    bool m_nesterov = false;
    bool m_first = true;
    Eigen::Array2d m_buffer = Eigen::Array2d::Zero();
};

/// \brief torch.optim.Adagrad.
class AdaGradRule final : public UpdateRule
{
public:
    explicit AdaGradRule(const OptimizerSettings& settings)
        : UpdateRule(settings)
        , m_settings(settings)
        , m_sum(Eigen::Array2d::Constant(settings.initialAccumulator))
    {}

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d&, double rate) override
    {
        const Eigen::Array2d g = decayed(record, m_settings.weightDecay);
        ++m_step;
        // clr = lr / (1 + (t − 1)·lr_decay)
        const double clr =
            rate / (1 + (static_cast<double>(m_step) - 1) * m_settings.learningRateDecay);
        // G ← G + g²
        m_sum = m_sum + (1.0 * g) * g;
        record.squaredGradients = m_sum;
        // x ← x − clr·g / (√G + ε)
        const Eigen::Array2d deviation = m_sum.sqrt() + m_settings.epsilon;
        return record.point.array() + ((-clr) * g) / deviation;
    }

private:
    OptimizerSettings m_settings;
    long long m_step = 0;
    Eigen::Array2d m_sum = Eigen::Array2d::Zero();
};

/// \brief torch.optim.RMSprop (optionally centered, optionally with momentum).
class RMSPropRule final : public UpdateRule
{
public:
    explicit RMSPropRule(const OptimizerSettings& settings)
        : UpdateRule(settings)
        , m_settings(settings)
    {}

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d&, double rate) override
    {
        const Eigen::Array2d g = decayed(record, m_settings.weightDecay);
        const double alpha = m_settings.alpha;
        // v ← α·v + (1 − α)·g²
        m_squareAverage = m_squareAverage * alpha + ((1 - alpha) * g) * g;
        record.squaredGradients = m_squareAverage;
        Eigen::Array2d average;
        if (m_settings.centered) {
            // ḡ ← α·ḡ + (1 − α)·g;  avg = √(v − ḡ²) + ε
            m_gradientAverage = m_gradientAverage * alpha + (1 - alpha) * g;
            average = (m_squareAverage + (-1.0 * m_gradientAverage) * m_gradientAverage).sqrt();
        } else {
            // avg = √v + ε
            average = m_squareAverage.sqrt();
        }
        average = average + m_settings.epsilon;
        if (m_settings.momentum > 0) {
            // b ← μ·b + g/avg;  x ← x − lr·b
            m_buffer = m_buffer * m_settings.momentum + (1.0 * g) / average;
            record.velocity = m_buffer;
            return record.point.array() + (-rate) * m_buffer;
        }
        // x ← x − lr·g/avg
        return record.point.array() + ((-rate) * g) / average;
    }

private:
    OptimizerSettings m_settings;
    Eigen::Array2d m_squareAverage = Eigen::Array2d::Zero();
    Eigen::Array2d m_gradientAverage = Eigen::Array2d::Zero();
    Eigen::Array2d m_buffer = Eigen::Array2d::Zero();
};

/// \brief torch.optim.Adam (optionally AMSGrad), or torch.optim.AdamW with its decoupled decay.
class AdamRule final : public UpdateRule
{
public:
    AdamRule(const OptimizerSettings& settings, bool decoupled)
        : UpdateRule(settings)
        , m_settings(settings)
        , m_decoupled(decoupled)
    {}

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d&, double rate) override
    {
        // Adam: g ← g + λ·x; AdamW: x ← x·(1 − lr·λ) before the step (param.mul_)
        const Eigen::Array2d g =
            m_decoupled ? record.gradient.array() : decayed(record, m_settings.weightDecay);
        const Eigen::Array2d x =
            m_decoupled ? Eigen::Array2d(record.point.array() * (1 - rate * m_settings.weightDecay))
                        : Eigen::Array2d(record.point.array());
        const double beta1 = m_settings.beta1;
        const double beta2 = m_settings.beta2;
        ++m_step;
        // m ← β₁·m + (1 − β₁)·g
        m_firstMoment = m_firstMoment * beta1 + (1 - beta1) * g;
        // v ← β₂·v + (1 − β₂)·g²
        m_secondMoment = m_secondMoment * beta2 + ((1 - beta2) * g) * g;
        const double step = static_cast<double>(m_step);
        // bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ
        const double correction1 = 1 - std::pow(beta1, step);
        const double correction2 = 1 - std::pow(beta2, step);
        const double stepSize = rate / correction1;
        const double correction2Root = std::sqrt(correction2);
        Eigen::Array2d second = m_secondMoment;
        if (m_settings.amsgrad) {
            // AMSGrad: v_max ← max(v_max, v), used in place of v
            m_maxSecondMoment = m_maxSecondMoment.max(m_secondMoment);
            second = m_maxSecondMoment;
        }
        record.squaredGradients = m_secondMoment;
        record.firstMomentHat = m_firstMoment / correction1;
        record.secondMomentHat = second / correction2;
        // x ← x − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)  =  x − lr·m̂/(√v̂ + ε)
        const Eigen::Array2d denominator = second.sqrt() / correction2Root + m_settings.epsilon;
        return x + ((-stepSize) * m_firstMoment) / denominator;
    }

private:
    OptimizerSettings m_settings;
    bool m_decoupled = false;
    long long m_step = 0;
    Eigen::Array2d m_firstMoment = Eigen::Array2d::Zero();
    Eigen::Array2d m_secondMoment = Eigen::Array2d::Zero();
    Eigen::Array2d m_maxSecondMoment = Eigen::Array2d::Zero();
};

std::string formatted(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
}

/// \brief Damped Newton with the Hessian made positive definite where it is not.
class NewtonRule final : public UpdateRule
{
public:
    explicit NewtonRule(const OptimizerSettings& settings)
        : UpdateRule(settings)
    {}

    EvaluationCount pointEvaluation() const override { return {1, 1, 1}; }

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d& hessian, double rate) override
    {
        if (!hessian.allFinite()) {
            record.note = "Hessian is not a number here: no Newton step";
            return Eigen::Vector2d::Constant(std::numeric_limits<double>::quiet_NaN());
        }
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(hessian);
        const Eigen::Vector2d eigenvalues = solver.eigenvalues();
        const double scale = std::max(1.0, eigenvalues.cwiseAbs().maxCoeff());
        // Eigenvalues below 1e-6 of the Hessian's scale count as zero: dividing by them would send
        // the step arbitrarily far. Raising them to that floor keeps the modified Hessian's
        // condition number at most 10⁶.
        const double floor = 1e-6 * scale;
        Eigen::Vector2d modified = eigenvalues;
        if (eigenvalues.minCoeff() < floor) {
            // λᵢ ← max(|λᵢ|, δ): negative curvature flipped, flat directions floored
            modified = eigenvalues.cwiseAbs().cwiseMax(floor);
            record.hessianModified = true;
            record.note = "Hessian not positive definite (eigenvalues " +
                          formatted(eigenvalues.x()) + ", " + formatted(eigenvalues.y()) +
                          "): negative eigenvalues flipped to |λ|, tiny ones raised to " +
                          formatted(floor) + ", so the step still goes downhill";
        }
        const Eigen::Matrix2d& vectors = solver.eigenvectors();
        // d = −H⁻¹∇f = −V·diag(1/λ)·Vᵀ·∇f
        const Eigen::Vector2d direction =
            -(vectors * (vectors.transpose() * record.gradient).cwiseQuotient(modified));
        record.newtonDirection = direction;
        // x ← x + η·d
        return record.point + rate * direction;
    }
};

/// \brief Gradient descent with Armijo backtracking: the first trial step is lr·∇f.
class LineSearchRule final : public UpdateRule
{
public:
    LineSearchRule(const OptimizerSettings& settings, Objective objective)
        : UpdateRule(settings)
        , m_settings(settings)
        , m_objective(std::move(objective))
    {}

protected:
    Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d&, double rate) override
    {
        const Eigen::Vector2d& g = record.gradient;
        const double slope = g.squaredNorm();
        const double c1 = std::max(0.0, m_settings.armijo);
        double t = rate;
        // 60 halvings shrink the first trial by 10⁻¹⁸: below that no step changes x in float64.
        constexpr int maxTrials = 60;
        for (int trial = 0; trial < maxTrials && t > 0; ++trial) {
            // x(t) = x − t·∇f
            const Eigen::Vector2d candidate = record.point - t * g;
            record.trials.push_back(candidate);
            // the Armijo test needs f alone
            count({1, 0, 0});
            const double value = m_objective(candidate).f;
            // Armijo: accept when f(x − t·∇f) ≤ f(x) − c₁·t·‖∇f‖²
            if (std::isfinite(value) && value <= record.f - c1 * t * slope && value <= record.f) {
                record.note = "accepted t = " + formatted(t) + " after " + std::to_string(trial) +
                              (trial == 1 ? " rejected trial" : " rejected trials");
                return candidate;
            }
            // t ← shrink·t
            t *= m_settings.shrink;
            if (!(m_settings.shrink > 0 && m_settings.shrink < 1)) {
                break;
            }
        }
        record.note = "no trial point lowered f enough: staying put";
        return record.point;
    }

private:
    OptimizerSettings m_settings;
    Objective m_objective;
};

} // namespace

UpdateRule::UpdateRule(const OptimizerSettings& settings)
    : m_schedule(settings.schedule, settings.learningRate)
{}

Eigen::Vector2d UpdateRule::next(StepRecord& record, const Eigen::Matrix2d& hessian)
{
    const double rate = m_schedule.rate();
    record.learningRate = rate;
    const Eigen::Vector2d point = step(record, hessian, rate);
    // scheduler.step() after optimizer.step()
    m_schedule.advance();
    return point;
}

void UpdateRule::describe(StepRecord& record)
{
    record.learningRate = m_schedule.rate();
}

EvaluationCount UpdateRule::takeEvaluations()
{
    return std::exchange(m_evaluations, EvaluationCount{});
}

std::unique_ptr<UpdateRule> makeUpdateRule(const OptimizerSettings& settings, Objective objective)
{
    switch (settings.method) {
    case Method::GradientDescent:
        return std::make_unique<GradientDescentRule>(settings);
    case Method::Momentum:
        return std::make_unique<MomentumRule>(settings, false);
    case Method::Nesterov:
        return std::make_unique<MomentumRule>(settings, true);
    case Method::AdaGrad:
        return std::make_unique<AdaGradRule>(settings);
    case Method::RMSProp:
        return std::make_unique<RMSPropRule>(settings);
    case Method::Adam:
        return std::make_unique<AdamRule>(settings, false);
    case Method::AdamW:
        return std::make_unique<AdamRule>(settings, true);
    case Method::LBFGS:
        return makeLbfgsRule(settings, std::move(objective));
    case Method::NelderMead:
        return makeNelderMeadRule(settings, std::move(objective));
    case Method::Newton:
        return std::make_unique<NewtonRule>(settings);
    case Method::LineSearch:
        return std::make_unique<LineSearchRule>(settings, std::move(objective));
    }
    // Only a value outside the enumeration gets here: every method has its case above (the
    // switch has no default, so -Wswitch makes a forgotten method a compile error).
    throw std::invalid_argument("makeUpdateRule: not a method");
}

} // namespace gradlab
