// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gradlab {

/// The learning-rate schedules of torch.optim.lr_scheduler (PyTorch 1.13).
enum class ScheduleKind {
    Constant,    ///< no scheduler: the learning rate as set
    Step,        ///< StepLR: ×γ every stepSize steps
    MultiStep,   ///< MultiStepLR: ×γ at each milestone
    Exponential, ///< ExponentialLR: ×γ every step
    Cosine,      ///< CosineAnnealingLR: half a cosine from η down to η_min over T_max steps
    Linear,      ///< LinearLR: factor from startFactor to endFactor over totalIters steps
};

/// \brief A schedule and its parameters (torch's defaults), with an optional linear warm-up in
/// front: SequentialLR(LinearLR(warmupFactor → 1 over warmupSteps), schedule).
struct ScheduleSettings
{
    ScheduleKind kind = ScheduleKind::Constant;
    int stepSize = 1;               ///< step
    double gamma = 0.1;             ///< step, multistep, exponential
    std::vector<int> milestones;    ///< multistep, ascending
    int tMax = 1;                   ///< cosine
    double etaMin = 0.0;            ///< cosine
    double startFactor = 1.0 / 3.0; ///< linear
    double endFactor = 1.0;         ///< linear
    int totalIters = 5;             ///< linear
    int warmupSteps = 0;            ///< 0: no warm-up
    double warmupFactor = 1.0;      ///< the warm-up's first factor

    bool hasWarmup() const { return warmupSteps > 0; }
    bool operator==(const ScheduleSettings&) const = default;
};

/// \brief The learning rate step by step, with torch's arithmetic: the scheduler's chainable
/// (recursive) get_lr() after every optimizer step, the closed form where torch uses it (the
/// schedule's first step after a warm-up), so the rates agree with torch's to the last bits.
class LearningRateSchedule
{
public:
    LearningRateSchedule(ScheduleSettings settings, double baseRate);

    /// The rate of the next optimizer step (torch's param_group["lr"]).
    double rate() const { return m_rate; }
    /// One scheduler.step(), after an optimizer step.
    void advance();

private:
    /// LinearLR's or the schedule's next rate from the current one at epoch \a epoch.
    double chained(ScheduleKind kind, int epoch) const;

    ScheduleSettings m_settings;
    double m_baseRate = 0;
    double m_rate = 0;
    int m_epoch = 0;         ///< the sequence's (or the single scheduler's) last_epoch
    int m_scheduleEpoch = 0; ///< after a warm-up: the schedule's own last_epoch
};

/// The rate at step \a epoch in closed form (torch's _get_closed_form_lr, and for a warm-up the
/// warm-up's then the schedule's from the milestone on): what the recursive form approximates.
double closedFormRate(const ScheduleSettings& settings, double baseRate, int epoch);

/// \brief Why a schedule text was rejected.
enum class ScheduleErrorCode {
    None,
    UnknownKind, ///< "cosin:t_max=5": `name` holds the kind
    UnknownKey,  ///< "step:size=5": `name` holds the key
    BadValue,    ///< "step:step_size=x": `name` the key, `value` its text
    MissingKey,  ///< "step:gamma=0.5" without step_size: `name` the key
    RepeatedKey, ///< "step:step_size=2,step_size=3"
    BadWarmup,   ///< "--warmup 10" without ":F", or N < 1, or F not in (0, 1]
};

/// \brief The outcome of parseSchedule: the settings or what was wrong.
struct ScheduleParse
{
    ScheduleSettings settings;
    ScheduleErrorCode error = ScheduleErrorCode::None;
    std::string name;  ///< the kind or key at fault
    std::string value; ///< the value at fault
};

/// Parses the CLI's syntax: "step:step_size=S,gamma=G", "multistep:milestones=A;B,gamma=G",
/// "exponential:gamma=G", "cosine:t_max=T,eta_min=E",
/// "linear:start_factor=S,end_factor=E,total_iters=N", "constant". Keys torch requires are
/// required (step_size, milestones, gamma of exponential, t_max); the others take torch's
/// defaults.
ScheduleParse parseSchedule(std::string_view text);
/// Adds "N:F" (a warm-up of N steps from factor F) to \a settings.
ScheduleParse parseWarmup(std::string_view text, ScheduleSettings settings);

/// The schedule in parseSchedule's syntax ("cosine:t_max=60,eta_min=0.001"), "constant" for
/// none; scheduleWarmupText gives "N:F", empty without a warm-up.
std::string scheduleText(const ScheduleSettings& settings);
std::string scheduleWarmupText(const ScheduleSettings& settings);

/// "constant", "step", "multistep", "exponential", "cosine", "linear".
std::string_view scheduleKindName(ScheduleKind kind);
std::vector<ScheduleKind> allScheduleKinds();

} // namespace gradlab
