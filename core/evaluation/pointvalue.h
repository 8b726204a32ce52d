// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>
#include <functional>
#include <limits>

namespace gradlab {

/// \brief f, ∇f and the Hessian at one point. Entries not computed are NaN.
struct PointValue
{
    double f = std::numeric_limits<double>::quiet_NaN();
    Eigen::Vector2d gradient = Eigen::Vector2d::Constant(std::numeric_limits<double>::quiet_NaN());
    /// [[f_xx, f_xy], [f_xy, f_yy]]
    Eigen::Matrix2d hessian = Eigen::Matrix2d::Constant(std::numeric_limits<double>::quiet_NaN());
};

/// What optimizers and analysis need of a function: its value, gradient and Hessian at a point.
using Objective = std::function<PointValue(const Eigen::Vector2d& point)>;

} // namespace gradlab
