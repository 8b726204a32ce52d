// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "heatmapscale.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {

namespace {

// A log colour scale over (f − min f + δ) spans this many decades below the range's top.
constexpr double kShiftedDecades = 1e-6;

} // namespace

HeatMapScale HeatMapScale::fromGrid(const GridValues& grid, bool logarithmic)
{
    HeatMapScale scale;
    scale.count = grid.f.size();
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -std::numeric_limits<double>::infinity();
    double smallestPositive = std::numeric_limits<double>::infinity();
    for (const double f : grid.f) {
        if (!std::isfinite(f)) {
            ++scale.undefinedCount;
            continue;
        }
        minimum = std::min(minimum, f);
        maximum = std::max(maximum, f);
        if (f > 0) {
            smallestPositive = std::min(smallestPositive, f);
        }
    }
    if (!(minimum <= maximum)) {
        return scale; // nothing finite: every cell is undefined
    }
    if (maximum - minimum <= 1e-12 * std::max(1.0, std::abs(maximum))) {
        // A constant function (up to rounding): a unit-wide linear range centred on its value.
        scale.lower = minimum - 0.5;
        scale.upper = maximum + 0.5;
        return scale;
    }
    if (!logarithmic) {
        scale.lower = minimum;
        scale.upper = maximum;
        return scale;
    }
    if (minimum > 0) {
        scale.kind = Kind::Logarithmic;
        scale.lower = smallestPositive;
        scale.upper = maximum;
        return scale;
    }
    // stored = f − (min f − δ) with δ = 10⁻⁶ (max f − min f): six decades of colour above the
    // minimum, and log stays defined at the minimum itself.
    const double delta = (maximum - minimum) * kShiftedDecades;
    scale.kind = Kind::ShiftedLogarithmic;
    scale.shift = minimum - delta;
    scale.lower = delta;
    scale.upper = maximum - scale.shift;
    return scale;
}

double HeatMapScale::undefinedFraction() const
{
    return count == 0 ? 0.0 : static_cast<double>(undefinedCount) / static_cast<double>(count);
}

double HeatMapScale::stored(double f) const
{
    if (!std::isfinite(f)) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    switch (kind) {
    case Kind::Linear:
        return f;
    case Kind::Logarithmic:
        return std::log10(std::clamp(f, lower, upper));
    case Kind::ShiftedLogarithmic:
        // log₁₀(f − (min f − δ)) ≥ log₁₀ δ
        return std::log10(std::clamp(f - shift, lower, upper));
    }
    return f;
}

double HeatMapScale::storedLower() const
{
    return isLogarithmic() ? std::log10(lower) : lower;
}

double HeatMapScale::storedUpper() const
{
    return isLogarithmic() ? std::log10(upper) : upper;
}

} // namespace gradlab
