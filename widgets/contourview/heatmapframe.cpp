// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "heatmapframe.h"

#include "colormap/colormap.h"
#include "contourview/framecolormap.h"

#include <qcustomplot.h>

namespace gradlab {

HeatMapFrame::HeatMapFrame() = default;
HeatMapFrame::HeatMapFrame(HeatMapFrame&&) noexcept = default;
HeatMapFrame& HeatMapFrame::operator=(HeatMapFrame&&) noexcept = default;
HeatMapFrame::~HeatMapFrame() = default;

HeatMapFrame HeatMapFrame::make(std::shared_ptr<const GridValues> grid, const Preset* preset,
                                int levelCount, const CancellationToken& token)
{
    HeatMapFrame frame;
    frame.grid = std::move(grid);
    const GridValues& values = *frame.grid;
    const Domain domain = values.spec.domain;
    frame.logarithmic = prefersLogColors(values, preset);
    frame.scale = HeatMapScale::fromGrid(values, frame.logarithmic);
    if (token.isCancelled()) {
        return frame;
    }

    const int columns = values.spec.columns;
    const int rows = values.spec.rows;
    frame.cells = std::make_unique<QCPColorMapData>(
        columns, rows, QCPRange(domain.xMin, domain.xMax), QCPRange(domain.yMin, domain.yMax));
    std::vector<double> stored(values.spec.size());
    for (int j = 0; j < rows; ++j) {
        for (int i = 0; i < columns; ++i) {
            const double value = frame.scale.stored(values.at(i, j));
            stored[static_cast<std::size_t>(j) * columns + i] = value;
            frame.cells->setCell(i, j, value);
        }
    }
    if (token.isCancelled()) {
        return frame;
    }
    frame.image = coloriseCells(stored.data(), columns, rows, functionColorGradient(),
                                QCPRange(frame.scale.storedLower(), frame.scale.storedUpper()));
    stored = {};
    if (token.isCancelled()) {
        return frame;
    }

    // Every second sample, at most 257 a side: the grid of the probe's contour line, traced at
    // every probe move (the full grid has 2ᵏ + 1 samples per axis, so a stride of 2ᵐ keeps the
    // edges). 513² gives the half grid; 2049² every eighth sample.
    int stride = 2;
    while ((values.spec.columns - 1) / stride > 256 || (values.spec.rows - 1) / stride > 256) {
        stride *= 2;
    }
    GridValues& coarse = frame.probeGrid;
    coarse.spec = {domain, (values.spec.columns - 1) / stride + 1,
                   (values.spec.rows - 1) / stride + 1};
    coarse.f.resize(coarse.spec.size());
    for (int j = 0; j < coarse.spec.rows; ++j) {
        for (int i = 0; i < coarse.spec.columns; ++i) {
            coarse.f[static_cast<std::size_t>(j) * coarse.spec.columns + i] =
                values.at(stride * i, stride * j);
        }
    }

    frame.levels = defaultLevels(values, levelCount, frame.logarithmic);
    if (!token.isCancelled()) {
        frame.contours = contourLines(values, frame.levels);
    }
    return frame;
}

} // namespace gradlab
