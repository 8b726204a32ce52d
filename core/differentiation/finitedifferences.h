// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

namespace gradlab {

/// Central difference (f(x+h) − f(x−h)) / 2h, with h scaled to |x| (h = cbrt(ε)·max(1,|x|)).
double centralDifference(const std::function<double(double)>& f, double x);

/// Forward difference quotient (f(x+h) − f(x)) / h, as the tutorial's secant slope.
double forwardDifference(const std::function<double(double)>& f, double x, double h);

} // namespace gradlab
