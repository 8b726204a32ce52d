// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "analysis/contours.h"
#include "concurrency/cancellation.h"
#include "contourview/heatmapscale.h"
#include "evaluation/grid.h"

#include <QImage>
#include <memory>
#include <vector>

class QCPColorMapData;

namespace gradlab {

struct Preset;

/// \brief What the contour view draws of one grid, worked out from the grid alone: the colour
/// scale, the colour map's cells, a coarser grid for the probe's contour, the levels and
/// their contour lines. Made on the GUI thread for cheap grids and on the worker pool for
/// expensive ones (a 2049² grid, a long expression), so that the view only hands it to
/// QCustomPlot; both ways give the same frame.
struct HeatMapFrame
{
    HeatMapFrame();
    HeatMapFrame(HeatMapFrame&&) noexcept;
    HeatMapFrame& operator=(HeatMapFrame&&) noexcept;
    ~HeatMapFrame();

    std::shared_ptr<const GridValues> grid;
    HeatMapScale scale;
    bool logarithmic = false;               ///< log colours and log-spaced levels
    std::unique_ptr<QCPColorMapData> cells; ///< for QCPColorMap::setData, which takes it
    /// The cells coloured as QCPColorMap would colour them with functionColorGradient() over
    /// the scale's stored range (for FrameColorMap::adoptImage): a 2049² map is not coloured
    /// on the GUI thread.
    QImage image;
    GridValues probeGrid; ///< every 2ᵐ-th sample of grid, at most 257 a side (grid has 2ᵏ + 1)
    std::vector<double> levels;
    std::vector<ContourLine> contours;

    /// The frame of \a grid with \a levelCount levels, coloured as prefersLogColors(grid, preset)
    /// says. Once \a token is cancelled the work stops early and the frame is incomplete.
    static HeatMapFrame make(std::shared_ptr<const GridValues> grid, const Preset* preset,
                             int levelCount, const CancellationToken& token = {});
};

} // namespace gradlab
