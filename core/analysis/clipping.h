// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"

#include <Eigen/Core>
#include <vector>

namespace gradlab {

/// The parts of the polyline \a points that lie inside \a box, each a polyline of its own, in
/// order. A segment that crosses the box's edge is cut where it crosses (Liang–Barsky), so a run
/// that leaves the view ends at the edge and one that comes back starts again there. A point that
/// is not finite breaks the line. A part of a single point (the line only touches the box) is
/// kept: a lone step inside the box is still a place the run visited.
std::vector<std::vector<Eigen::Vector2d>> clipPolyline(const std::vector<Eigen::Vector2d>& points,
                                                       const Domain& box);

/// \a point moved to the nearest point of \a box (unchanged when inside).
Eigen::Vector2d clampToBox(const Eigen::Vector2d& point, const Domain& box);

} // namespace gradlab
