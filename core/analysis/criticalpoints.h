// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"
#include "evaluation/pointvalue.h"
#include "functions/presets.h"

#include <Eigen/Core>
#include <vector>

namespace gradlab {

/// \brief A critical point found and classified by the Hessian's eigenvalues.
struct CriticalPoint
{
    Eigen::Vector2d point;
    double f = 0;
    Eigen::Vector2d eigenvalues; ///< ascending
    CriticalKind kind = CriticalKind::Degenerate;
};

/// Classifies a symmetric 2×2 Hessian: both eigenvalues > tol minimum, both < −tol maximum,
/// opposite signs saddle, otherwise degenerate.
CriticalKind classifyHessian(const Eigen::Matrix2d& hessian, double tolerance = 1e-8);

/// Newton on ∇f = 0 from a seeds × seeds grid over \a domain (and, from each seed, a descent
/// polished by Newton, so every minimum whose basin holds a seed is found), de-duplicated,
/// sorted by f. Points outside the domain, NaN regions and singularities are skipped.
std::vector<CriticalPoint> findCriticalPoints(const Objective& objective, const Domain& domain,
                                              int seeds = 24);

} // namespace gradlab
