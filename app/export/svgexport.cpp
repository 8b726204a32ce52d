// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/svgexport.h"

#include "surface/surfaceview.h"

#include <QCoreApplication>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>
#include <functional>
#include <qcustomplot.h>

namespace gradlab {

namespace {

QString translate(const char* text)
{
    return QCoreApplication::translate("SvgExport", text);
}

/// Paints with \a draw into an SVG of \a size at \a path, through a temporary file.
bool writeSvg(const QSize& size, const QString& path, QString* error,
              const std::function<void(QCPPainter&)>& draw)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) {
            *error = translate("cannot write %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(QStringLiteral("Gradient Lab"));
    {
        QCPPainter painter;
        if (!painter.begin(&generator)) {
            if (error) {
                *error = translate("cannot draw into %1").arg(path);
            }
            return false;
        }
        // As QCustomPlot::savePdf does: no pixel-aligned caches, everything as vectors.
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        draw(painter);
        painter.end();
    }
    if (!file.commit()) {
        if (error) {
            *error = translate("could not save %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

/// \a widget at the painter's origin: itself without its children, then each visible child at
/// its place, clipped to \a widget.
void paintWidget(QWidget& widget, QCPPainter& painter)
{
    if (auto* plot = qobject_cast<QCustomPlot*>(&widget)) {
        plot->toPainter(&painter, plot->width(), plot->height());
        return;
    }
    if (auto* surface = qobject_cast<SurfaceView*>(&widget)) {
        // Qt Data Visualization draws with OpenGL only: an image of the scene.
        painter.drawImage(QRect(QPoint(0, 0), surface->size()),
                          surface->renderToImage(surface->size()));
        return;
    }
    widget.render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground);
    for (QObject* object : widget.children()) {
        auto* child = qobject_cast<QWidget*>(object);
        if (!child || !child->isVisible() || child->isWindow()) {
            continue;
        }
        painter.save();
        painter.setClipRect(widget.rect(), Qt::IntersectClip);
        painter.translate(child->pos());
        paintWidget(*child, painter);
        painter.restore();
    }
}

} // namespace

bool writePlotSvg(QCustomPlot& plot, const QSize& size, const QString& path, QString* error)
{
    return writeSvg(size, path, error, [&plot, &size](QCPPainter& painter) {
        plot.toPainter(&painter, size.width(), size.height());
    });
}

bool writeWidgetSvg(QWidget& widget, const QString& path, QString* error)
{
    return writeSvg(widget.size(), path, error,
                    [&widget](QCPPainter& painter) { paintWidget(widget, painter); });
}

} // namespace gradlab
