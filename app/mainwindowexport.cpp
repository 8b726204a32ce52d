// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// MainWindow: pictures of the window and of its current view (File ▸ Export image).
#include "atomicfile.h"
#include "contourview/contourview.h"
#include "export/svgexport.h"
#include "mainwindow.h"
#include "surface/surfaceview.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <qcustomplot.h>

namespace gradlab {

namespace {

QImage grabWithSurface(QWidget* widget, SurfaceView* surface)
{
    QImage image = widget->grab().toImage();
    if (surface->isAvailable() && surface->isVisible() && widget->isAncestorOf(surface)) {
        // Q3DSurface draws into its own native window, which grab() does not see.
        QPainter painter(&image);
        const QRect area(surface->mapTo(widget, QPoint(0, 0)), surface->size());
        painter.drawImage(area, surface->renderToImage(surface->size()));
    }
    return image;
}

} // namespace

QImage MainWindow::windowImage()
{
    return grabWithSurface(this, m_surfaceView);
}

bool MainWindow::exportImage(const QString& target, QString* error)
{
    QWidget* view = m_views->currentWidget();
    m_contourView->finishHeatMap(); // an export shows the current function, not the last picture
    const bool pdf =
        QFileInfo(target).suffix().compare(QStringLiteral("pdf"), Qt::CaseInsensitive) == 0;
    // Through a temporary file beside the target: a failed export keeps the old file.
    return writeAtomically(
        target,
        [&](const QString& path) {
            if (view == m_linkedViews && !isSurfaceShown()) {
                // The contour view alone: QCustomPlot writes PDF as vectors.
                const QSize size = m_contourView->size();
                return pdf ? m_contourView->plot()->savePdf(path, size.width(), size.height())
                           : m_contourView->render(size).save(path);
            }
            const QImage image = grabWithSurface(view, m_surfaceView);
            if (!pdf) {
                return image.save(path);
            }
            QPdfWriter writer(path);
            writer.setResolution(72); // one widget pixel per PDF point
            writer.setPageSize(QPageSize(view->size(), QPageSize::Point));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter painter;
            if (!painter.begin(&writer)) {
                return false;
            }
            painter.drawImage(QRect(QPoint(0, 0), view->size()), image);
            return painter.end();
        },
        error);
}

void MainWindow::askExportImage()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export image"), QStringLiteral("gradlab.png"),
                                     tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing "
                                        "(*.svg)"));
    if (path.isEmpty()) {
        return;
    }
    // SVG: the current view's plots as vectors, text as text (a 3-D surface as an image).
    const bool svg =
        QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0;
    QString error;
    m_contourView->finishHeatMap();
    if (svg ? writeWidgetSvg(*m_views->currentWidget(), path, &error) : exportImage(path, &error)) {
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    } else {
        statusBar()->showMessage(error.isEmpty() ? tr("Could not write %1").arg(path) : error);
    }
}

} // namespace gradlab
