// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "analysis/criticalpoints.h"
#include "evaluation/grid.h"
#include "evaluation/pointvalue.h"

#include <Eigen/Core>
#include <optional>
#include <vector>

namespace gradlab {

/// What the critical-point finder's parts (criticalpoints.cpp, criticalcurves.cpp) share: the
/// search from seeds and the points it found. Not for use outside the finder.
namespace criticalpointsparts {

/// The order of the results: by f, then x, then y.
bool pointOrder(const CriticalPoint& a, const CriticalPoint& b);

struct Candidate
{
    Eigen::Vector2d point;
    PointValue value;
};

/// \brief A critical point found, with what grouping needs to know of it.
struct Sample
{
    CriticalPoint point;
    double gradientNorm = 0;
    Eigen::Matrix2d hessian = Eigen::Matrix2d::Zero(); ///< symmetrised
    double zeroTolerance = 0;                          ///< an eigenvalue below it is zero
};

Sample sampleOf(const Candidate& candidate);

/// \brief The points findCriticalPoints() found and the settings it found them with.
struct Search
{
    std::vector<Sample> samples; ///< sorted by f, then x, then y
    double size = 0;             ///< the larger side of the domain
    double spacing = 0;          ///< the larger spacing of the seeds
    double maxStep = 0;
    double gradientTolerance = 0;
};

Search search(const Objective& objective, const Domain& domain, int seeds);

/// Newton on ∇f = 0 across a curve of critical points: from \a start, steps only along the
/// eigenvector of the Hessian's eigenvalue of largest |λ|, the curve's normal. Full Newton also
/// steps along the curve, by the gradient's tiny component over a tiny eigenvalue, and slides
/// away where f's curvature changes along the curve (x²·((x − 3)² + y²) along x = 0). Nothing
/// when it fails, leaves the domain, or ends with ‖∇f‖ above \a gradientTolerance.
std::optional<Candidate> settleAcross(const Objective& objective, const Domain& domain,
                                      const Eigen::Vector2d& start, double maxStep,
                                      double gradientTolerance, double size);

} // namespace criticalpointsparts
} // namespace gradlab
