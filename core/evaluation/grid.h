// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

namespace gradlab {

/// \brief A rectangle of the (x, y) plane.
struct Domain
{
    double xMin = -3.0;
    double xMax = 3.0;
    double yMin = -3.0;
    double yMax = 3.0;

    double width() const { return xMax - xMin; }
    double height() const { return yMax - yMin; }
    bool isValid() const { return xMin < xMax && yMin < yMax; }
    bool contains(double x, double y) const
    {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }
    bool operator==(const Domain&) const = default;
};

/// \brief A regular grid over a domain: columns × rows sample points including the edges.
/// Sample (i, j) is at x = xMin + i·(xMax − xMin)/(columns − 1), y likewise with rows;
/// arrays over the grid are row-major: index j·columns + i.
struct GridSpec
{
    Domain domain;
    int columns = 256;
    int rows = 256;

    double x(int i) const { return domain.xMin + i * domain.width() / (columns - 1); }
    double y(int j) const { return domain.yMin + j * domain.height() / (rows - 1); }
    std::size_t size() const
    {
        return static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    }
    bool operator==(const GridSpec&) const = default;
};

/// \brief Values of f (and, if requested, ∂f/∂x, ∂f/∂y) on a grid, row-major.
struct GridValues
{
    GridSpec spec;
    std::vector<double> f;
    std::vector<double> dfdx; ///< empty unless the gradient was requested
    std::vector<double> dfdy; ///< empty unless the gradient was requested

    double at(int i, int j) const { return f[static_cast<std::size_t>(j) * spec.columns + i]; }
};

} // namespace gradlab
