// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/pointvalue.h"
#include "optimization/optimizer.h"
#include "optimization/schedule.h"

#include <Eigen/Core>
#include <memory>

namespace gradlab {

/// \brief One descent method: turns the record of x_k into x_{k+1}, keeping its own state
/// (momentum buffer, running averages, step count, the learning-rate schedule) between calls.
class UpdateRule
{
public:
    virtual ~UpdateRule() = default;
    /// Returns x_{k+1} computed from \a record (point, f and gradient of x_k filled in) and writes
    /// the method's state after the step into \a record, with the learning rate the step used.
    /// \a hessian is ∇²f(x_k). The schedule then moves on by one step.
    Eigen::Vector2d next(StepRecord& record, const Eigen::Matrix2d& hessian);
    /// The learning rate of the next step.
    double learningRate() const { return m_schedule.rate(); }
    /// Writes what the method knows of x_k before stepping from it into \a record (Nelder–Mead's
    /// simplex); called for every record, the last included.
    virtual void describe(StepRecord& record);
    /// The evaluations of f, ∇f and ∇²f the rule made itself (trial points, a simplex) since the
    /// last call; the evaluation of each x_k is not among them.
    EvaluationCount takeEvaluations();
    /// What evaluating x_k costs this method: f and ∇f, and the Hessian for Newton; Nelder–Mead
    /// evaluates its vertices itself.
    virtual EvaluationCount pointEvaluation() const { return {1, 1, 0}; }

protected:
    explicit UpdateRule(const OptimizerSettings& settings);
    /// The method's update with learning rate \a rate.
    virtual Eigen::Vector2d step(StepRecord& record, const Eigen::Matrix2d& hessian,
                                 double rate) = 0;
    /// Counts evaluations made inside step() or describe().
    void count(const EvaluationCount& evaluations) { m_evaluations += evaluations; }

private:
    LearningRateSchedule m_schedule;
    EvaluationCount m_evaluations;
};

/// The update rule of settings.method. \a objective is used by the line searches for their trials
/// and by Nelder–Mead for its vertices.
std::unique_ptr<UpdateRule> makeUpdateRule(const OptimizerSettings& settings, Objective objective);

} // namespace gradlab
