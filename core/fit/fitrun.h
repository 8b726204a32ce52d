// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "fit/dataset.h"
#include "fit/fitmodel.h"
#include "optimization/optimizer.h"

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace gradlab {

/// \brief How a fit trains: the optimizer, the batch size (0: every row) and the shuffle seed
/// (none: batches in file order).
struct FitSettings
{
    OptimizerSettings optimizer;
    std::size_t batchSize = 0;
    std::optional<std::uint64_t> shuffleSeed;

    bool operator==(const FitSettings&) const = default;
};

/// \brief The parameters after k steps and what the fit saw there.
struct FitStep
{
    int index = 0;                       ///< k
    Eigen::Vector2d parameters{0, 0};    ///< p_k
    double loss = 0;                     ///< full-data loss at p_k
    Eigen::Vector2d gradient{0, 0};      ///< full-data gradient at p_k
    std::vector<std::size_t> batch;      ///< the rows of step k → k + 1
    double batchLoss = 0;                ///< that batch's loss at p_k
    Eigen::Vector2d batchGradient{0, 0}; ///< that batch's gradient at p_k (what the step follows)
    StepRecord record; ///< the optimizer's record of p_k on the batch (its state after the step)
};

/// \brief A model trained on a data set step by step with one of the descent methods: each step
/// feeds the batch loss, gradient and Hessian at p_k to the method's update rule.
class FitRun
{
public:
    FitRun(FitModel model, DataSet data, Eigen::Vector2d start, FitSettings settings);
    ~FitRun();
    FitRun(FitRun&&) noexcept;
    FitRun& operator=(FitRun&&) noexcept;

    FitModel model() const;
    const DataSet& data() const;
    const FitSettings& settings() const;

    /// Computes steps until steps() holds p_0 … p_count, the run diverges or, with a tolerance in
    /// the optimizer settings, the full gradient's norm falls below it.
    void advanceTo(int count);
    /// steps()[k] is p_k; steps()[0] is the start.
    const std::vector<FitStep>& steps() const;
    /// True once a loss, gradient or update stopped being a finite number.
    bool hasDiverged() const;
    /// True once ‖∇L(p_k)‖ < the optimizer settings' tolerance (never with tolerance 0).
    bool hasConverged() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace gradlab
