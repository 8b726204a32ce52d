// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/optimizer.h"
#include "optimization/updaterule.h"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

namespace gradlab {

namespace {

// Runaway growth. A scene spans a few units around the start; a point a million times farther
// out, or a value 10¹² times the starting one, will never come back into view, and for the
// geometric growth of an unstable step it is only a few dozen steps away from overflowing to inf.
// Stopping there keeps a finite last point to draw and allows an explanation instead of NaN.
constexpr double runawayDistance = 1e6; // ‖x_k‖ > 10⁶·(1 + ‖x₀‖)
constexpr double runawayValue = 1e12;   // |f(x_k)| > 10¹²·(1 + |f(x₀)|)

/// A number for a sentence: four significant digits, "3.2e6" rather than "3.200e+06".
std::string number(double value)
{
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "inf" : "-inf";
    }
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    std::string text;
    const char* c = buffer;
    for (; *c != '\0' && *c != 'e'; ++c) {
        text.push_back(*c);
    }
    if (*c == 'e') {
        text.push_back('e');
        ++c;
        if (*c == '-') {
            text.push_back('-');
        }
        if (*c == '+' || *c == '-') {
            ++c;
        }
        while (*c == '0' && c[1] != '\0') {
            ++c;
        }
        text += c;
    }
    return text;
}

std::string pointText(const Eigen::Vector2d& point)
{
    std::string text = "(";
    text += number(point.x());
    text += ", ";
    text += number(point.y());
    text += ")";
    return text;
}

/// Largest eigenvalue of a symmetric 2×2 matrix; NaN when it has non-finite entries.
double largestEigenvalue(const Eigen::Matrix2d& hessian)
{
    if (!hessian.allFinite()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(hessian, Eigen::EigenvaluesOnly);
    return solver.eigenvalues().y();
}

bool isGradientLike(Method method)
{
    return method == Method::GradientDescent || method == Method::Momentum ||
           method == Method::Nesterov;
}

bool isAdaptive(Method method)
{
    return method == Method::AdaGrad || method == Method::RMSProp || method == Method::Adam ||
           method == Method::AdamW;
}

/// The largest stable learning rate of a gradient-like method on a quadratic with curvature λ.
double stableLearningRate(const OptimizerSettings& settings, double lambda)
{
    const double mu = settings.momentum;
    switch (settings.method) {
    case Method::Momentum:
        // heavy ball: x_{k+1} = x_k − lr·λ·x_k + μ·(x_k − x_{k−1}) is stable iff lr·λ < 2(1 + μ)
        return 2 * (1 + mu) / lambda;
    case Method::Nesterov:
        // torch's Nesterov on a quadratic is stable iff lr·λ < 2(1 + μ)/(1 + 2μ)
        return 2 * (1 + mu) / ((1 + 2 * mu) * lambda);
    case Method::GradientDescent:
        // plain gradient descent: x_{k+1} = (1 − lr·λ)·x_k is stable iff |1 − lr·λ| < 1
        return 2 / lambda;
    case Method::AdaGrad:
    case Method::RMSProp:
    case Method::Adam:
    case Method::Newton:
    case Method::LineSearch:
    case Method::AdamW:
    case Method::LBFGS:
    case Method::NelderMead:
        break;
    }
    // no fixed bound: the step adapts to the curvature
    return std::numeric_limits<double>::infinity();
}

/// The method's name inside a sentence.
std::string methodPhrase(Method method)
{
    switch (method) {
    case Method::Momentum:
        return "gradient descent with momentum";
    case Method::Nesterov:
        return "Nesterov's method";
    case Method::GradientDescent:
        return "plain gradient descent";
    case Method::AdaGrad:
    case Method::RMSProp:
    case Method::Adam:
    case Method::Newton:
    case Method::LineSearch:
    case Method::AdamW:
    case Method::LBFGS:
    case Method::NelderMead:
        break;
    }
    return std::string(methodLabel(method));
}

/// "lr < 2/λmax = 0.1" with the bound written for the method.
std::string boundText(const OptimizerSettings& settings, double lambda)
{
    const std::string plain = "2/λmax = " + number(2 / lambda);
    switch (settings.method) {
    case Method::Momentum:
        return "lr < 2(1 + μ)/λmax = " + number(stableLearningRate(settings, lambda)) +
               " with μ = " + number(settings.momentum) + " (plain gradient descent: " + plain +
               ")";
    case Method::Nesterov:
        return "lr < 2(1 + μ)/((1 + 2μ)·λmax) = " + number(stableLearningRate(settings, lambda)) +
               " with μ = " + number(settings.momentum) + " (plain gradient descent: " + plain +
               ")";
    case Method::GradientDescent:
    case Method::AdaGrad:
    case Method::RMSProp:
    case Method::Adam:
    case Method::Newton:
    case Method::LineSearch:
    case Method::AdamW:
    case Method::LBFGS:
    case Method::NelderMead:
        break;
    }
    return "lr < " + plain;
}

/// The kinds of divergence the explanation distinguishes.
enum class DivergenceKind {
    Undefined,     ///< f or ∇f is not a number at the newest point
    UndefinedStep, ///< the update itself is not a number (Newton without a Hessian)
    Runaway,       ///< the point or the value grew beyond the runaway bounds
};

} // namespace

struct Run::State
{
    Objective objective;
    OptimizerSettings settings;
    Eigen::Vector2d start{0, 0};
    std::unique_ptr<UpdateRule> rule;
    std::vector<StepRecord> records;
    std::vector<Eigen::Matrix2d> hessians; ///< ∇²f(x_k), for Newton and the explanation
    StopReason stopReason = StopReason::Running;
    std::string explanation;
    EvaluationCount evaluations; ///< cumulative, up to the newest record

    void append(const Eigen::Vector2d& point)
    {
        const PointValue value = objective(point);
        StepRecord record;
        record.index = static_cast<int>(records.size());
        record.point = point;
        record.f = value.f;
        record.gradient = value.gradient;
        rule->describe(record);
        // what reaching x_k cost: the step's own trials, then the evaluation of x_k itself
        evaluations += rule->takeEvaluations();
        evaluations += rule->pointEvaluation();
        record.evaluations = evaluations;
        records.push_back(std::move(record));
        hessians.push_back(value.hessian);
        checkStop();
    }

    void stepOnce()
    {
        StepRecord& current = records.back();
        const Eigen::Vector2d next = rule->next(current, hessians.back());
        if (!next.allFinite()) {
            diverge(DivergenceKind::UndefinedStep);
            return;
        }
        current.step = next - current.point;
        append(next);
    }

    void checkStop()
    {
        const StepRecord& last = records.back();
        const StepRecord& first = records.front();
        const int k = last.index;
        if (!std::isfinite(last.f) || !last.gradient.allFinite()) {
            diverge(DivergenceKind::Undefined);
        } else if (last.point.norm() > runawayDistance * (1 + first.point.norm()) ||
                   std::fabs(last.f) > runawayValue * (1 + std::fabs(first.f))) {
            diverge(DivergenceKind::Runaway);
        } else if (settings.tolerance > 0 && last.gradient.norm() < settings.tolerance) {
            stopReason = StopReason::Converged;
            explanation = "Converged at step " + std::to_string(k) +
                          ": ‖∇f‖ = " + number(last.gradient.norm()) + " is below the tolerance " +
                          number(settings.tolerance) + ".";
        } else if (k >= settings.maxSteps) {
            stopReason = StopReason::MaxSteps;
            explanation = "Stopped at the step limit (" + std::to_string(settings.maxSteps) +
                          " steps); ‖∇f‖ = " + number(last.gradient.norm()) + ".";
        }
    }

    void diverge(DivergenceKind kind)
    {
        stopReason = StopReason::Diverged;
        explanation = explain(kind);
    }

    std::string explain(DivergenceKind kind) const
    {
        const StepRecord& last = records.back();
        const StepRecord& first = records.front();
        const std::string lr = number(settings.learningRate);
        if (kind == DivergenceKind::Undefined && last.index == 0) {
            return "f is not defined at the start " + pointText(first.point) +
                   " (f = " + number(first.f) +
                   "). Pick a start where f has a value and a gradient.";
        }
        if (kind == DivergenceKind::UndefinedStep) {
            return "Diverged at step " + std::to_string(last.index + 1) + ": the step from " +
                   pointText(last.point) + " is not a number (" +
                   (last.note.empty() ? "the update overflowed" : last.note) +
                   "). Try another start or a smaller learning rate.";
        }
        const std::string head = "Diverged at step " + std::to_string(last.index) + ": ";
        if (kind == DivergenceKind::Undefined) {
            return head + "at " + pointText(last.point) +
                   " f or its gradient is not a number (f = " + number(last.f) +
                   "): the step left the region where f is defined (a logarithm or square root "
                   "of a negative number, a division by zero) or the values overflowed. " +
                   learningRateAdvice();
        }
        // a point a thousand times farther out than it started has visibly run away, even when
        // the value crossed its bound first
        const bool pointRanAway = last.point.norm() > 1e3 * (1 + first.point.norm());
        const std::string growth =
            pointRanAway
                ? "the steps kept growing (|x| = " + number(last.point.norm()) +
                      ", f = " + number(last.f) + "). "
                : "f blew up (f = " + number(last.f) + " at " + pointText(last.point) + "). ";
        if (last.f < first.f) {
            return head +
                   "the point ran away while f kept falling (|x| = " + number(last.point.norm()) +
                   ", f = " + number(last.f) +
                   "): this function has no minimum in that direction (it is unbounded below), "
                   "so no learning rate makes the run settle. Try another start.";
        }
        if (isGradientLike(settings.method)) {
            return head + growth + curvatureAdvice();
        }
        if (isAdaptive(settings.method)) {
            return head + growth + std::string(methodLabel(settings.method)) +
                   " divides each coordinate of the gradient by its running size, so a step "
                   "moves each coordinate by about lr = " +
                   lr +
                   " (a few times more in the first steps). A run that still blows up has a "
                   "learning rate far too large for this function. Try a smaller learning rate.";
        }
        if (settings.method == Method::Newton) {
            return head + growth +
                   "Newton jumps to the minimum of the local quadratic model, a step of "
                   "−H⁻¹∇f; where the curvature is nearly zero that jump is huge, and the model "
                   "is only trusted near a minimum. Try a step factor η < 1 (now " +
                   lr + ") or a start closer to a minimum.";
        }
        return head + growth + "Try another start.";
    }

    /// The learning-rate advice after an undefined value.
    std::string learningRateAdvice() const
    {
        if (isGradientLike(settings.method)) {
            const double lambda = largestEigenvalue(hessians.front());
            if (std::isfinite(lambda) && lambda > 0 &&
                settings.learningRate >= stableLearningRate(settings, lambda)) {
                return curvatureAdvice();
            }
        }
        return "Try a smaller learning rate or another start.";
    }

    /// λmax and the stability bound of a gradient-like method, at the start or where it fails.
    std::string curvatureAdvice() const
    {
        const double lr = settings.learningRate;
        const double lambda = largestEigenvalue(hessians.front());
        if (!std::isfinite(lambda)) {
            return "Try a smaller learning rate.";
        }
        if (lambda <= 0) {
            return "At the start the function curves downward in every direction (λmax = " +
                   number(lambda) +
                   ", the largest eigenvalue of the Hessian): there is no valley there to settle "
                   "in. Try another start.";
        }
        const std::string atStart =
            "At the start the steepest curvature is λmax = " + number(lambda) +
            " (largest eigenvalue of the Hessian), so " + methodPhrase(settings.method) +
            " is only stable for " + boundText(settings, lambda) + "; ";
        if (lr >= stableLearningRate(settings, lambda)) {
            return atStart + "lr = " + number(lr) + " is too large. Try a smaller learning rate.";
        }
        for (std::size_t k = 1; k < records.size(); ++k) {
            const double local = largestEigenvalue(hessians[k]);
            if (std::isfinite(local) && local > 0 && lr >= stableLearningRate(settings, local)) {
                return atStart + "lr = " + number(lr) + " is below that, but at step " +
                       std::to_string(k) + " " + pointText(records[k].point) +
                       " the curvature is λmax = " + number(local) + " and the bound drops to " +
                       boundText(settings, local) +
                       ": the curvature grows along the path. Try a smaller learning rate.";
            }
        }
        return atStart + "lr = " + number(lr) +
               " is below that bound, but the curvature changes along the path (the function is "
               "not a quadratic). Try a smaller learning rate.";
    }
};

Run::Run(Objective objective, Eigen::Vector2d start, OptimizerSettings settings)
    : m_state(std::make_unique<State>())
{
    m_state->objective = std::move(objective);
    m_state->settings = settings;
    m_state->start = start;
    m_state->rule = makeUpdateRule(settings, m_state->objective);
    m_state->append(start);
}

Run::~Run() = default;
Run::Run(Run&&) noexcept = default;
Run& Run::operator=(Run&&) noexcept = default;

const OptimizerSettings& Run::settings() const
{
    return m_state->settings;
}

Eigen::Vector2d Run::start() const
{
    return m_state->start;
}

void Run::advanceTo(int count)
{
    while (m_state->stopReason == StopReason::Running &&
           static_cast<int>(m_state->records.size()) - 1 < count) {
        m_state->stepOnce();
    }
}

void Run::runToEnd()
{
    while (m_state->stopReason == StopReason::Running) {
        m_state->stepOnce();
    }
}

const std::vector<StepRecord>& Run::records() const
{
    return m_state->records;
}

StopReason Run::stopReason() const
{
    return m_state->stopReason;
}

const std::string& Run::explanation() const
{
    return m_state->explanation;
}

} // namespace gradlab
