// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/updaterule.h"

namespace gradlab {

/// torch.optim.LBFGS with max_iter = 1, tolerance_grad = tolerance_change = 0: one L-BFGS
/// iteration per step, its memory carried from step to step.
std::unique_ptr<UpdateRule> makeLbfgsRule(const OptimizerSettings& settings, Objective objective);

/// SciPy's Nelder–Mead (minimize(method="Nelder-Mead"), non-adaptive): one iteration per step.
std::unique_ptr<UpdateRule> makeNelderMeadRule(const OptimizerSettings& settings,
                                               Objective objective);

} // namespace gradlab
