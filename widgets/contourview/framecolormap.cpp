// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "framecolormap.h"

namespace gradlab {

FrameColorMap::FrameColorMap(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPColorMap(keyAxis, valueAxis)
{}

bool FrameColorMap::adoptImage(const QImage& image, const QCPColorGradient& gradient,
                               const QCPRange& range)
{
    const QCPColorMapData* cells = data();
    const bool fits = !image.isNull() && mInterpolate && mKeyAxis &&
                      mKeyAxis->orientation() == Qt::Horizontal &&
                      mDataScaleType == QCPAxis::stLinear &&
                      image.format() == QImage::Format_ARGB32_Premultiplied &&
                      image.width() == cells->keySize() && image.height() == cells->valueSize() &&
                      gradient == mGradient && range == mDataRange;
    m_adopted = fits;
    if (!fits) {
        return false;
    }
    mMapImage = image;
    mMapImageInvalidated = false;
    return true;
}

void FrameColorMap::updateMapImage()
{
    // QCPColorMap::draw calls this whenever the cells were ever modified (QCPColorMapData's flag,
    // which only QCPColorMap itself may clear) or the picture was invalidated.
    if (m_adopted && !mMapImageInvalidated) {
        return;
    }
    m_adopted = false;
    QCPColorMap::updateMapImage();
}

QImage coloriseCells(const double* cells, int columns, int rows, QCPColorGradient gradient,
                     const QCPRange& range)
{
    QImage image(columns, rows, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        return image;
    }
    for (int line = 0; line < rows; ++line) {
        // QImage counts scan lines from the top, the cells from the bottom
        auto* pixels = reinterpret_cast<QRgb*>(image.scanLine(rows - 1 - line));
        gradient.colorize(cells + static_cast<std::size_t>(line) * columns, range, pixels, columns,
                          1, false);
    }
    return image;
}

} // namespace gradlab
