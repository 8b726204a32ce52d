// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"
#include "evaluation/pointvalue.h"
#include "optimization/optimizer.h"

#include <Eigen/Core>

namespace gradlab {

/// A learning rate for \a settings' method on \a objective from \a start, over a function drawn
/// on \a domain, rounded down to two significant digits. It starts from
/// - gradient descent: 0.9 · 2/λmax, λmax the largest eigenvalue of the Hessian at the start and
///   over a 17 × 17 grid of the domain (a step of GD multiplies the distance along that
///   eigenvector by 1 − η·λ, which stays inside (−1, 1) for η < 2/λ);
/// - momentum and Nesterov: that rate times 1 − μ (the heavy ball is stable for
///   η·λ < 2(1 + μ), and its steps grow by up to 1/(1 − μ));
/// - for these three, at most what makes the first step half the domain's extent, so a start on
///   a plateau still gets a visible, bounded step;
/// - AdaGrad, RMSProp, Adam, AdamW (steps of about lr per coordinate): their default rate scaled
///   with the domain's extent (the defaults suit one 6 units wide);
/// - Newton, the line search, L-BFGS and Nelder–Mead: their default (η = 1, the full model
///   step; Nelder–Mead has no rate);
/// and halves it while a run of 100 steps with it runs away uphill or into undefined values
/// (a run that runs away downhill is on a function unbounded below: no rate helps there).
double suggestedLearningRate(const OptimizerSettings& settings, const Objective& objective,
                             const Eigen::Vector2d& start, const Domain& domain);

} // namespace gradlab
