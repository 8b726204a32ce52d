// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <qcustomplot.h>

namespace gradlab {

/// \brief A QCPColorMap that can be handed its picture coloured elsewhere (on the worker pool),
/// so that a 2049² map is not coloured on the GUI thread at its first draw (#18).
///
/// The picture must be what QCPColorMap::updateMapImage would make of the cells: coloriseCells()
/// makes it so. adoptImage() takes it only when it fits (size, gradient, data range, no
/// oversampling); anything that invalidates the map afterwards (a new data range or gradient)
/// makes QCustomPlot colour the cells itself again, as it always did. The cells are changed only
/// through setData, never cell by cell, while an adopted picture is shown.
class FrameColorMap : public QCPColorMap
{
    Q_OBJECT
public:
    FrameColorMap(QCPAxis* keyAxis, QCPAxis* valueAxis);

    /// Takes \a image, coloured from the present cells with \a gradient over \a range, as the
    /// map's picture; returns false (and leaves the colouring to QCustomPlot) if it does not fit.
    bool adoptImage(const QImage& image, const QCPColorGradient& gradient, const QCPRange& range);
    /// Whether the picture drawn is one adopted (for tests).
    bool showsAdoptedImage() const { return m_adopted && !mMapImageInvalidated; }

protected:
    void updateMapImage() override;

private:
    bool m_adopted = false;
};

/// The picture QCPColorMap::updateMapImage makes of \a columns × \a rows cells (\a cells row by
/// row from the bottom, the key index fastest), coloured with \a gradient over \a range on a
/// linear scale, when the map interpolates (no oversampling) and its key axis is horizontal.
/// Safe on any thread: it works on its own copy of the gradient.
QImage coloriseCells(const double* cells, int columns, int rows, QCPColorGradient gradient,
                     const QCPRange& range);

} // namespace gradlab
