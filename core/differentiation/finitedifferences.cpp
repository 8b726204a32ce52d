// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "finitedifferences.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {

double centralDifference(const std::function<double(double)>& f, double x)
{
    // The truncation error of the central difference is O(h²) and the rounding error O(ε/h):
    // their sum is smallest at h ≈ ∛ε, scaled with |x| so that x ± h differs from x.
    const double step =
        std::cbrt(std::numeric_limits<double>::epsilon()) * std::max(1.0, std::fabs(x));
    // Use the steps actually representable around x, so the quotient divides by the true width.
    const double above = x + step;
    const double below = x - step;
    // f′(x) ≈ (f(x + h) − f(x − h)) / 2h
    return (f(above) - f(below)) / (above - below);
}

double forwardDifference(const std::function<double(double)>& f, double x, double h)
{
    // f′(x) ≈ (f(x + h) − f(x)) / h, the slope of the secant through x and x + h.
    return (f(x + h) - f(x)) / h;
}

} // namespace gradlab
