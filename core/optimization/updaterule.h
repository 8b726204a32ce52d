// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/pointvalue.h"
#include "optimization/optimizer.h"

#include <Eigen/Core>
#include <memory>

namespace gradlab {

/// \brief One descent method: turns the record of x_k into x_{k+1}, keeping its own state
/// (momentum buffer, running averages, step count) between calls.
class UpdateRule
{
public:
    virtual ~UpdateRule() = default;
    /// Returns x_{k+1} computed from \a record (point, f and gradient of x_k filled in) and writes
    /// the method's state after the step into \a record. \a hessian is ∇²f(x_k).
    virtual Eigen::Vector2d next(StepRecord& record, const Eigen::Matrix2d& hessian) = 0;
};

/// The update rule of settings.method. \a objective is used by the line search for its trials.
std::unique_ptr<UpdateRule> makeUpdateRule(const OptimizerSettings& settings, Objective objective);

} // namespace gradlab
