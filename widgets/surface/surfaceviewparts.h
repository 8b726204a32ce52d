// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace gradlab {

/// What the surface view's parts (surfaceview*.cpp) share: the meshes of its markers and arrows.
/// Not for use outside the view.
namespace surfaceparts {

inline const QString kSphere = QStringLiteral(":/gradlab/meshes/sphere.obj");
inline const QString kArrow = QStringLiteral(":/gradlab/meshes/arrow.obj");

} // namespace surfaceparts

} // namespace gradlab
