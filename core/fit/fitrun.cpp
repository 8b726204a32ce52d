// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/fitrun.h"

#include "fit/batchschedule.h"
#include "optimization/updaterule.h"

#include <cmath>
#include <utility>

namespace gradlab {

struct FitRun::State
{
    FitModel model = FitModel::Line;
    DataSet data;
    FitSettings settings;
    BatchSchedule schedule{0, 0};
    std::unique_ptr<UpdateRule> rule;
    std::vector<FitStep> steps;
    std::vector<std::size_t> currentBatch; ///< what the line search's trials are measured on
    bool diverged = false;
    bool converged = false;

    bool needsHessian() const { return settings.optimizer.method == Method::Newton; }

    PointValue batchValue(const Eigen::Vector2d& parameters) const
    {
        return evaluateLoss(model, data, parameters, currentBatch, needsHessian());
    }

    /// Fills in everything about p_k, the point of step \a k.
    void append(const Eigen::Vector2d& parameters)
    {
        FitStep step;
        step.index = static_cast<int>(steps.size());
        step.parameters = parameters;
        const PointValue full = evaluateLoss(model, data, parameters);
        step.loss = full.f;
        step.gradient = full.gradient;
        step.batch = schedule.rows(step.index);
        step.record.index = step.index;
        step.record.point = parameters;
        currentBatch = step.batch;
        const PointValue batch = batchValue(parameters);
        step.batchLoss = batch.f;
        step.batchGradient = batch.gradient;
        step.record.f = batch.f;
        step.record.gradient = batch.gradient;
        diverged = !std::isfinite(step.loss) || !std::isfinite(step.batchLoss) ||
                   !step.batchGradient.allFinite();
        converged = !diverged && settings.optimizer.tolerance > 0 &&
                    step.gradient.norm() < settings.optimizer.tolerance;
        steps.push_back(std::move(step));
    }

    void stepOnce()
    {
        FitStep& current = steps.back();
        currentBatch = current.batch;
        const Eigen::Matrix2d hessian =
            needsHessian() ? batchValue(current.parameters).hessian : Eigen::Matrix2d::Zero();
        const Eigen::Vector2d next = rule->next(current.record, hessian);
        if (!next.allFinite()) {
            diverged = true;
            return;
        }
        current.record.step = next - current.parameters;
        append(next);
    }
};

FitRun::FitRun(FitModel model, DataSet data, Eigen::Vector2d start, FitSettings settings)
    : m_state(std::make_unique<State>())
{
    State& state = *m_state;
    state.model = model;
    state.data = std::move(data);
    state.settings = settings;
    state.schedule = BatchSchedule(state.data.size(), settings.batchSize, settings.shuffleSeed);
    // the line search tries points on the batch of the step it searches for
    State* const self = m_state.get();
    state.rule = makeUpdateRule(settings.optimizer, [self](const Eigen::Vector2d& point) {
        return self->batchValue(point);
    });
    state.append(start);
}

FitRun::~FitRun() = default;
FitRun::FitRun(FitRun&&) noexcept = default;
FitRun& FitRun::operator=(FitRun&&) noexcept = default;

FitModel FitRun::model() const
{
    return m_state->model;
}

const DataSet& FitRun::data() const
{
    return m_state->data;
}

const FitSettings& FitRun::settings() const
{
    return m_state->settings;
}

void FitRun::advanceTo(int count)
{
    while (!m_state->diverged && !m_state->converged &&
           static_cast<int>(m_state->steps.size()) <= count) {
        m_state->stepOnce();
    }
}

const std::vector<FitStep>& FitRun::steps() const
{
    return m_state->steps;
}

bool FitRun::hasDiverged() const
{
    return m_state->diverged;
}

bool FitRun::hasConverged() const
{
    return m_state->converged;
}

} // namespace gradlab
