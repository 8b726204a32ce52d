// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "surface/surfacepick.h"

#include <QTimer>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>

namespace gradlab {

std::optional<Eigen::Vector2d> takeSelectedPoint(QSurface3DSeries* series, const QPoint& position)
{
    if (series == nullptr || position == QSurface3DSeries::invalidSelectionPosition()) {
        return std::nullopt;
    }
    const QSurfaceDataItem* item = series->dataProxy()->itemAt(position);
    if (item == nullptr) {
        return std::nullopt;
    }
    // The data's z axis is the plane's y.
    const Eigen::Vector2d point(item->x(), item->z());
    QTimer::singleShot(0, series, [series] {
        series->setSelectedPoint(QSurface3DSeries::invalidSelectionPosition());
    });
    return point;
}

} // namespace gradlab
