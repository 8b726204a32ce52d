// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QCustomPlot;
class QSize;
class QWidget;

namespace gradlab {

/// Writes \a plot at \a size as SVG (QCustomPlot::toPainter on a QSvgGenerator): text stays
/// text, lines are vector paths, a colour map is an embedded image. False (\a error says why)
/// on failure; the file appears only when it is complete.
bool writePlotSvg(QCustomPlot& plot, const QSize& size, const QString& path,
                  QString* error = nullptr);

/// Writes \a widget as it is laid out as SVG: every QCustomPlot in it as vectors (as
/// writePlotSvg), other widgets through their own painting (labels as text), a 3-D surface in it
/// as an embedded image.
bool writeWidgetSvg(QWidget& widget, const QString& path, QString* error = nullptr);

} // namespace gradlab
