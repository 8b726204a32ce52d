// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>
#include <QPoint>
#include <optional>

class QSurface3DSeries;

namespace gradlab {

/// The plane point (x, y) of the sample a click selected on \a series, or none; the selection
/// is then cleared after the signal that reported it (not inside it), so its label does not
/// stay behind, stale, once the scene moves on. Shared by the 3-D views' click-to-start.
std::optional<Eigen::Vector2d> takeSelectedPoint(QSurface3DSeries* series, const QPoint& position);

} // namespace gradlab
