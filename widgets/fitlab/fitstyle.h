// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "colormap/colormap.h"

#include <QColor>
#include <array>

namespace gradlab::fitstyle {

/// Data points of a regression, and the fitted line.
inline const QColor kPoints{0, 128, 128};
inline const QColor kModel{200, 30, 45};
/// Label 0 and label 1 of a classification.
inline const QColor kLabel0{52, 101, 164};
inline const QColor kLabel1{230, 126, 34};
/// The rows of the current mini-batch (a ring around each).
inline const QColor kBatch{20, 20, 20};
/// On the landscape: the full gradient, the mini-batch gradient and the spread of batch
/// gradients.
inline const QColor kFullGradient{255, 255, 255};
inline const QColor kBatchGradient{255, 140, 0};
inline const QColor kSpread{255, 190, 90};
/// The parameter point and its path.
inline const QColor kParameter{200, 30, 45};
inline const QColor kPath{250, 250, 250};

/// The colours of the loss, low to high, evenly spaced: the colour map of f in the contour view
/// (widgets/colormap). The heat map and the 3-D surface both take their colours from here.
inline std::array<QColor, 10> landscapeColors()
{
    return functionColorStops();
}

} // namespace gradlab::fitstyle
