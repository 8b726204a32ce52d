// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "colormap/colormap.h"

#include "analysis/contours.h"
#include "functions/presets.h"

#include <array>
#include <cmath>

namespace gradlab {

std::array<QColor, 10> functionColorStops()
{
    return {QColor(0x44, 0x01, 0x54), QColor(0x48, 0x28, 0x78), QColor(0x3e, 0x49, 0x89),
            QColor(0x31, 0x68, 0x8e), QColor(0x26, 0x82, 0x8e), QColor(0x1f, 0x9e, 0x89),
            QColor(0x35, 0xb7, 0x79), QColor(0x6e, 0xce, 0x58), QColor(0xb5, 0xde, 0x2b),
            QColor(0xfd, 0xe7, 0x25)};
}

QCPColorGradient functionColorGradient()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    const std::array<QColor, 10> stops = functionColorStops();
    for (std::size_t i = 0; i < stops.size(); ++i) {
        gradient.setColorStopAt(static_cast<double>(i) / (stops.size() - 1), stops[i]);
    }
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    // Undefined cells stay transparent: what lies underneath (the heat map's hatching, the
    // surface's hole) shows through, in no colour of the scale.
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

bool prefersLogColors(const GridValues& grid, const Preset* preset)
{
    return prefersLogLevels(grid) || (preset != nullptr && preset->logScaleContours);
}

HeatMapScale functionColorScale(const GridValues& grid, const Preset* preset)
{
    return HeatMapScale::fromGrid(grid, prefersLogColors(grid, preset));
}

QImage functionColorImage(const GridValues& grid, const HeatMapScale& scale)
{
    QCPColorGradient gradient = functionColorGradient();
    const QCPRange range(scale.storedLower(), scale.storedUpper());
    QImage image(grid.spec.columns, grid.spec.rows, QImage::Format_ARGB32);
    for (int j = 0; j < grid.spec.rows; ++j) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(grid.spec.rows - 1 - j));
        for (int i = 0; i < grid.spec.columns; ++i) {
            const double stored = scale.stored(grid.at(i, j));
            // The colour the heat map's QCPColorMap gives the same stored value.
            line[i] = std::isnan(stored) ? qRgba(255, 0, 0, 0) : gradient.color(stored, range);
        }
    }
    return image;
}

} // namespace gradlab
