// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"

#include <cstddef>

namespace gradlab {

/// \brief How the heat map turns f into a colour: the range of the grid's finite values, mapped
/// linearly or, for ranges spanning decades, logarithmically.
struct HeatMapScale
{
    enum class Kind {
        Linear,             ///< colour ∝ f
        Logarithmic,        ///< colour ∝ log f; every finite f is positive
        ShiftedLogarithmic, ///< colour ∝ log(f − min f + δ); some f ≤ 0
    };

    Kind kind = Kind::Linear;
    double lower = 0.0; ///< colour range in f (f − shift for ShiftedLogarithmic): the colour bar
    double upper = 1.0;
    double shift = 0.0; ///< min f − δ for ShiftedLogarithmic
    std::size_t undefinedCount = 0;
    std::size_t count = 0;

    /// Scans \a grid's finite values; NaN and ±inf are counted as undefined and never widen the
    /// range. \a logarithmic asks for log colours (the contours are log-spaced).
    static HeatMapScale fromGrid(const GridValues& grid, bool logarithmic);

    bool isLogarithmic() const { return kind != Kind::Linear; }
    /// Share of the grid where f is NaN or infinite, in [0, 1].
    double undefinedFraction() const;
    /// The value the colour map stores for \a f, linear in colour: f itself, or log₁₀ of f
    /// (of f − shift) clamped into the range, so that log never sees a value ≤ 0. NaN where f is
    /// not finite: drawn transparent over the hatching.
    double stored(double f) const;
    /// The range of stored values: [lower, upper], or its log₁₀ on log scales.
    double storedLower() const;
    double storedUpper() const;
};

} // namespace gradlab
