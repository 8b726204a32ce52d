// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/pointvalue.h"
#include "optimization/schedule.h"

#include <Eigen/Core>
#include <array>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradlab {

/// The descent methods. gd … adamw and lbfgs follow torch.optim exactly (float64), neldermead
/// SciPy's minimize(method="Nelder-Mead").
enum class Method {
    GradientDescent,
    Momentum,
    Nesterov,
    AdaGrad,
    RMSProp,
    Adam,
    Newton,
    LineSearch,
    AdamW,
    LBFGS,
    NelderMead
};

/// "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "newton", "linesearch",
/// "lbfgs", "neldermead"
std::string_view methodName(Method method);
/// Human label: "Gradient descent", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", …
std::string_view methodLabel(Method method);
std::optional<Method> methodFromName(std::string_view name);
/// Every method, in the order menus and lists show them.
std::vector<Method> allMethods();

/// L-BFGS's line search: none (the step lr·d) or torch's strong-Wolfe search.
enum class LineSearchKind { None, StrongWolfe };

/// \brief Hyper-parameters of a run. Defaults are torch.optim's, except the learning rate, which
/// defaultSettings() picks per method for our 2-D functions, and μ = 0.9 for momentum/nesterov.
struct OptimizerSettings
{
    Method method = Method::GradientDescent;
    double learningRate = 0.01;
    double momentum = 0.9; ///< μ: momentum, nesterov; rmsprop's optional momentum (default 0 there)
    double alpha = 0.99;   ///< rmsprop smoothing
    double beta1 = 0.9;    ///< adam
    double beta2 = 0.999;  ///< adam
    double epsilon = 1e-8;           ///< adam, rmsprop; adagrad uses 1e-10 by default
    double learningRateDecay = 0.0;  ///< adagrad lr_decay
    double initialAccumulator = 0.0; ///< adagrad initial_accumulator_value
    bool centered = false;           ///< rmsprop
    bool amsgrad = false;            ///< adam
    double armijo = 1e-4;            ///< line search c1
    double shrink = 0.5;             ///< line search backtracking factor
    double weightDecay = 0.0;        ///< torch's weight_decay: L2 term, decoupled for adamw
    int history = 100;               ///< lbfgs history_size
    LineSearchKind lineSearch = LineSearchKind::StrongWolfe; ///< lbfgs line_search_fn
    ScheduleSettings schedule; ///< the learning rate step by step (not for neldermead)
    int maxSteps = 200;
    double tolerance = 0.0; ///< stop when ‖∇f‖ < tolerance (0: never)

    bool operator==(const OptimizerSettings&) const = default;
};

/// The settings a method starts with in the UI and the CLI.
OptimizerSettings defaultSettings(Method method);

/// \brief Evaluations of f, ∇f and the Hessian a method has asked for.
struct EvaluationCount
{
    long long function = 0;
    long long gradient = 0;
    long long hessian = 0;

    EvaluationCount& operator+=(const EvaluationCount& other)
    {
        function += other.function;
        gradient += other.gradient;
        hessian += other.hessian;
        return *this;
    }
    bool operator==(const EvaluationCount&) const = default;
};

/// \brief One pair of L-BFGS's memory: the step s = x_{k+1} − x_k and the change of gradient
/// y = ∇f_{k+1} − ∇f_k (torch's old_stps and old_dirs).
struct CurvaturePair
{
    Eigen::Vector2d step{0, 0};
    Eigen::Vector2d gradientChange{0, 0};
};

/// The move of a Nelder–Mead iteration.
enum class SimplexMove {
    None, ///< the initial simplex, or no iteration (the simplex has collapsed)
    Reflection,
    Expansion,
    OutsideContraction,
    InsideContraction,
    Shrink
};

/// \brief The record of one step, enough for views to draw the method's reasoning.
struct StepRecord
{
    int index = 0;                  ///< k: this record describes x_k
    Eigen::Vector2d point{0, 0};    ///< x_k
    double f = 0;                   ///< f(x_k)
    Eigen::Vector2d gradient{0, 0}; ///< ∇f(x_k)
    Eigen::Vector2d step{0, 0};     ///< x_{k+1} − x_k (zero on the last record)
    // Method state after computing the step from x_k (what the views draw):
    Eigen::Vector2d velocity{0, 0};         ///< momentum buffer b (momentum, nesterov, rmsprop)
    Eigen::Vector2d squaredGradients{0, 0}; ///< AdaGrad sum / RMSProp and Adam running average v
    Eigen::Vector2d firstMomentHat{0, 0};   ///< Adam m̂
    Eigen::Vector2d secondMomentHat{0, 0};  ///< Adam v̂
    Eigen::Vector2d newtonDirection{0, 0};  ///< −H⁻¹∇f (modified H where needed)
    bool hessianModified = false;           ///< Newton: H was not positive definite
    std::string note; ///< e.g. "Hessian not positive definite: eigenvalues flipped"
    /// Line search and L-BFGS's strong-Wolfe search: the trial points of the step from x_k, in
    /// the order they were evaluated.
    std::vector<Eigen::Vector2d> trials;
    /// The learning rate of the step from x_k (the schedule's value); on the last record the rate
    /// the next step would use. NaN for neldermead, which has none.
    double learningRate = std::numeric_limits<double>::quiet_NaN();
    /// Evaluations spent to reach and evaluate x_k, from the start (cumulative).
    EvaluationCount evaluations;
    // L-BFGS:
    Eigen::Vector2d searchDirection{0, 0};     ///< d, the two-loop recursion's −H·∇f
    std::vector<double> trialSteps;            ///< t of each trial point (x_k + t·d)
    double acceptedStep = 0;                   ///< the step length t taken
    std::vector<CurvaturePair> curvaturePairs; ///< the memory the direction was computed with
    // Nelder–Mead (hasSimplex): the simplex at x_k, best vertex first (simplex[0] is x_k).
    bool hasSimplex = false;
    std::array<Eigen::Vector2d, 3> simplex{};
    std::array<double, 3> simplexValues{};
    SimplexMove simplexMove = SimplexMove::None; ///< the move that made this simplex
};

enum class StopReason { Running, MaxSteps, Converged, Diverged };

/// \brief One descent from a start point: the steps taken so far, replayable in both directions.
/// Steps are computed on demand and kept, so stepping back is free and forward again is exact.
class Run
{
public:
    Run(Objective objective, Eigen::Vector2d start, OptimizerSettings settings);
    ~Run();
    Run(Run&&) noexcept;
    Run& operator=(Run&&) noexcept;

    const OptimizerSettings& settings() const;
    Eigen::Vector2d start() const;

    /// Computes steps until \a count records exist beyond the start or the run stops.
    void advanceTo(int count);
    /// Computes the whole run (until a stop reason).
    void runToEnd();
    /// Records computed so far; records()[0] is the start, records()[k] is x_k.
    const std::vector<StepRecord>& records() const;

    StopReason stopReason() const;
    bool isFinished() const { return stopReason() != StopReason::Running; }
    /// For Diverged: what happened and why, in words a student understands (with λmax of the
    /// Hessian at the start and the bound lr < 2/λmax for GD-like methods). For Converged and
    /// MaxSteps a one-line summary; empty while Running.
    const std::string& explanation() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace gradlab
