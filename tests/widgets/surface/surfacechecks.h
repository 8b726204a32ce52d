// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"
#include "surface/surfaceview.h"

#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtTest>
#include <cmath>

namespace gradlab {

/// Every series of the view's graph holds what Q3DSurface's renderer can take: no array, or
/// at least 2 × 2 samples in rows of one length, every coordinate finite, and every vertex inside
/// the axis ranges of x and y (its renderer cuts the visible part of a series out by scanning
/// its rows against those ranges, and crashed on data outside them). QVERIFY inside: call it
/// from a test function and return if QTest::currentTestFailed().
inline void verifyDrawable(const SurfaceView& view, const Domain& box)
{
    for (const QSurface3DSeries* series : view.seriesForTest()) {
        const QSurfaceDataArray* array = series->dataProxy()->array();
        if (!array || array->isEmpty()) {
            continue;
        }
        QVERIFY2(array->size() >= 2 && array->at(0)->size() >= 2, qPrintable(series->objectName()));
        for (qsizetype j = 0; j < array->size(); ++j) {
            const QSurfaceDataRow& row = *array->at(j);
            QCOMPARE(row.size(), array->at(0)->size());
            for (qsizetype i = 0; i < row.size(); ++i) {
                const QVector3D p = row.at(i).position();
                const bool finite =
                    std::isfinite(p.x()) && std::isfinite(p.y()) && std::isfinite(p.z());
                const bool inside = p.x() >= float(box.xMin) && p.x() <= float(box.xMax) &&
                                    p.z() >= float(box.yMin) && p.z() <= float(box.yMax);
                if (!finite || !inside) { // the message only then: this runs for every vertex
                    const QString where = QStringLiteral("%1 row %2 column %3: (%4, %5, %6)")
                                              .arg(series->objectName())
                                              .arg(j)
                                              .arg(i)
                                              .arg(p.x())
                                              .arg(p.y())
                                              .arg(p.z());
                    QVERIFY2(finite, qPrintable(where));
                    QVERIFY2(inside, qPrintable(where));
                }
            }
        }
    }
}

} // namespace gradlab
