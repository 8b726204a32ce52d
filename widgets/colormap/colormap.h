// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "contourview/heatmapscale.h"
#include "evaluation/grid.h"

#include <QColor>
#include <QImage>
#include <array>
#include <qcustomplot.h>

namespace gradlab {

struct Preset;

/// \brief The one colour map of f, shared by the heat map, the 3-D surface and the Fit lab's
/// landscape: matplotlib's viridis (perceptually uniform blue–green–yellow) sampled at ninths,
/// interpolated in RGB; undefined values transparent.
QCPColorGradient functionColorGradient();
/// The gradient's ten stops, evenly spaced, low to high (for maps drawn by other means).
std::array<QColor, 10> functionColorStops();

/// Whether f is coloured (and contoured) on a log scale: where the grid spans decades, or the
/// preset asks for it (Rosenbrock).
bool prefersLogColors(const GridValues& grid, const Preset* preset);
/// The one scale of f for both views, logarithmic where prefersLogColors says so.
HeatMapScale functionColorScale(const GridValues& grid, const Preset* preset);

/// The colours of \a grid's samples as an image, one pixel per sample, in the colours the heat
/// map gives them under \a scale; undefined samples (NaN, ±inf) fully transparent. Row 0 of the
/// image is the grid's last row (y = yMax), as a picture of the plane is read.
QImage functionColorImage(const GridValues& grid, const HeatMapScale& scale);

} // namespace gradlab
