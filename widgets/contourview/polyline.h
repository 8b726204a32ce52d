// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>
#include <vector>

namespace gradlab {

/// Douglas–Peucker: the fewest of \a points whose polyline stays within \a tolerance of the
/// original. Keeps the first and last point (a closed line stays closed). Contour lines from a
/// 513² grid carry a point per crossed cell; at screen resolution most of them are invisible and
/// only cost drawing time.
std::vector<Eigen::Vector2d> simplifyPolyline(const std::vector<Eigen::Vector2d>& points,
                                              double tolerance);

} // namespace gradlab
