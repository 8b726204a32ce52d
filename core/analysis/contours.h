// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"

#include <Eigen/Core>
#include <vector>

namespace gradlab {

/// \brief A joined polyline of one level; closed when its first and last points coincide.
struct ContourLine
{
    double level = 0;
    std::vector<Eigen::Vector2d> points;
    bool closed = false;
};

/// Marching squares over a grid (NaN cells are skipped), segments joined into polylines.
std::vector<ContourLine> contourLines(const GridValues& grid, const std::vector<double>& levels);

/// Good default levels for \a grid's finite values: evenly spaced, or log-spaced above the minimum
/// when \a logarithmic (for functions like Rosenbrock whose range spans decades).
std::vector<double> defaultLevels(const GridValues& grid, int count, bool logarithmic);

/// True when the finite values span enough decades that log-spaced levels read better.
bool prefersLogLevels(const GridValues& grid);

} // namespace gradlab
