// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// ContourView: the heat map, its contour lines and the gradient field, drawn at once or made on
// the worker pool when costly (#18).
#include "colormap/colormap.h"
#include "concurrency/workerpool.h"
#include "contourview.h"
#include "contourview/polyline.h"
#include "contourviewparts.h"
#include "session.h"

#include <QPointer>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>
#include <utility>

namespace gradlab {

using namespace contourparts;

void ContourView::rebuildHeatMap(int resolution)
{
    const quint64 revision = m_session->revision();
    const Domain region = m_session->viewport();
    // Beyond 513² the picture alone (colours, levels, contours: ~50 ns a point) stalls the event
    // loop whatever f costs; up to it, only an expensive f does.
    const bool costly =
        resolution > kFullResolution || m_session->isGridExpensive(resolution, resolution);
    if (m_drawsAtOnce || !costly) {
        cancelPendingFrame();
        applyHeatMapFrame(HeatMapFrame::make(m_session->sharedGrid(region, resolution, resolution),
                                             m_session->preset(), kContourLevels),
                          revision);
        return;
    }
    // An expensive grid (#18): the last picture stays until the new one is ready; grid and frame
    // are made on the worker pool, a newer change cancels them.
    if (m_pendingResolution == resolution && m_pendingRevision == revision &&
        m_pendingRegion == region) {
        return; // already under way
    }
    cancelPendingFrame();
    m_pendingResolution = resolution;
    m_pendingRevision = revision;
    m_pendingRegion = region;
    m_computingHintTimer.start();
    if (std::shared_ptr<const GridValues> grid =
            m_session->readyGrid(region, resolution, resolution)) {
        makeFrameInBackground(std::move(grid));
    } else {
        m_session->requestGrid(region, resolution, resolution);
    }
}

void ContourView::finishHeatMap()
{
    if (m_pendingResolution == 0) {
        return;
    }
    const int resolution = m_pendingResolution;
    const Domain region = m_pendingRegion;
    cancelPendingFrame();
    applyHeatMapFrame(HeatMapFrame::make(m_session->sharedGrid(region, resolution, resolution),
                                         m_session->preset(), kContourLevels),
                      m_session->revision());
    updateProbe();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourView::onGridReady(int columns, int rows)
{
    if (m_pendingResolution == 0 || columns != m_pendingResolution || rows != columns ||
        m_pendingRevision != m_session->revision() || m_frameUnderWay) {
        return;
    }
    if (std::shared_ptr<const GridValues> grid =
            m_session->readyGrid(m_pendingRegion, columns, rows)) {
        makeFrameInBackground(std::move(grid));
    }
}

void ContourView::makeFrameInBackground(std::shared_ptr<const GridValues> grid)
{
    m_frameUnderWay = true;
    // As the critical-point search does: the task holds copies and a QPointer, never `this`, so
    // the view need not wait for it when it goes.
    QPointer<ContourView> self(this);
    WorkerPool::shared().submit([self, grid = std::move(grid), preset = m_session->preset(),
                                 token = m_frameToken, revision = m_pendingRevision] {
        auto frame =
            std::make_shared<HeatMapFrame>(HeatMapFrame::make(grid, preset, kContourLevels, token));
        if (token.isCancelled()) {
            return;
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, frame, revision] {
                if (!self || revision != self->m_pendingRevision ||
                    revision != self->m_session->revision() ||
                    !(frame->grid->spec.domain == self->m_pendingRegion)) {
                    return; // gone or superseded meanwhile
                }
                self->cancelPendingFrame();
                self->applyHeatMapFrame(std::move(*frame), revision);
                self->updateProbe();
                self->m_plot->replot(QCustomPlot::rpQueuedReplot);
            },
            Qt::QueuedConnection);
    });
}

void ContourView::cancelPendingFrame()
{
    m_frameToken.cancel();
    m_frameToken = CancellationToken();
    m_pendingResolution = 0;
    m_frameUnderWay = false;
    m_computingHintTimer.stop();
    if (m_computingNote->visible()) {
        m_computingNote->setVisible(false);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void ContourView::applyHeatMapFrame(HeatMapFrame frame, quint64 revision)
{
    std::shared_ptr<const GridValues> old = std::exchange(m_grid, std::move(frame.grid));
    if (old && old.use_count() == 1 && old->spec.size() > kFullResolution * kFullResolution) {
        // a 2049² grid is 100 MiB: given back on the worker pool, not between two frames
        (void)WorkerPool::shared().submit([old = std::move(old)]() mutable { old.reset(); });
    }
    m_heatMapRevision = revision;
    const Domain domain = m_grid->spec.domain;
    m_scale = frame.scale;
    m_colorMap->setData(frame.cells.release()); // the colour map takes it
    const bool logColors = m_scale.isLogarithmic();
    m_colorMap->setDataRange(QCPRange(m_scale.storedLower(), m_scale.storedUpper()));
    // coloured where the frame was made; QCustomPlot colours the cells itself if it does not fit
    (void)m_colorMap->adoptImage(frame.image, functionColorGradient(),
                                 QCPRange(m_scale.storedLower(), m_scale.storedUpper()));
    m_colorScale->setDataScaleType(logColors ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    m_colorScale->setDataRange(QCPRange(m_scale.lower, m_scale.upper));
    if (logColors) {
        m_colorScale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        m_colorScale->axis()->setNumberFormat(QStringLiteral("gb"));
    } else {
        m_colorScale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
        m_colorScale->axis()->setNumberFormat(QStringLiteral("g"));
    }
    switch (m_scale.kind) {
    case HeatMapScale::Kind::Linear:
        m_colorScale->setLabel(QStringLiteral("f"));
        break;
    case HeatMapScale::Kind::Logarithmic:
        m_colorScale->setLabel(tr("f (log scale)"));
        break;
    case HeatMapScale::Kind::ShiftedLogarithmic:
        m_colorScale->setLabel(tr("f − min f (log scale)"));
        break;
    }

    m_undefinedHatch->topLeft->setCoords(domain.xMin, domain.yMax);
    m_undefinedHatch->bottomRight->setCoords(domain.xMax, domain.yMin);
    const bool undefined = m_scale.undefinedCount > 0;
    m_undefinedHatch->setBrush(undefined ? hatchBrush() : QBrush(Qt::NoBrush));
    m_undefinedNote->setVisible(undefined);

    m_probeGrid = std::move(frame.probeGrid);
    m_levels = std::move(frame.levels);
    m_contours = std::move(frame.contours);
    rebuildContourCurves();
    rebuildGradientField();
    Q_EMIT heatMapRebuilt(m_grid->spec.columns);
}

void ContourView::rebuildContourCurves()
{
    for (QCPItemText* label : m_contourLabels) {
        m_plot->removeItem(label);
    }
    m_contourLabels.clear();
    // Two curves, each holding many polylines: NaN between polylines breaks the line.
    QVector<double> darkX;
    QVector<double> darkY;
    QVector<double> lightX;
    QVector<double> lightY;
    // Simplified to a third of a pixel: invisible, and a fraction of the points to draw.
    const double tolerance = unitsPerPixel() / 3;
    for (const ContourLine& line : m_contours) {
        const bool onDark = isOnDark(line.level);
        QVector<double>& xs = onDark ? lightX : darkX;
        QVector<double>& ys = onDark ? lightY : darkY;
        for (const Eigen::Vector2d& point : simplifyPolyline(line.points, tolerance)) {
            xs.push_back(point.x());
            ys.push_back(point.y());
        }
        xs.push_back(kNaN);
        ys.push_back(kNaN);
    }
    m_contourDark->setData(darkX, darkY);
    m_contourLight->setData(lightX, lightY);
    m_contourDark->setVisible(m_showContours);
    m_contourLight->setVisible(m_showContours);
    if (!m_showContours || !m_showContourLabels) {
        return;
    }
    // Every second level is labelled, in the middle of its longest line.
    for (std::size_t level = 0; level < m_levels.size(); level += 2) {
        const ContourLine* longest = nullptr;
        for (const ContourLine& line : m_contours) {
            if (line.level == m_levels[level] &&
                (!longest || line.points.size() > longest->points.size())) {
                longest = &line;
            }
        }
        if (!longest || longest->points.size() < 12) {
            continue;
        }
        const Eigen::Vector2d& at = longest->points[longest->points.size() / 2];
        auto* label = new QCPItemText(m_plot);
        label->setLayer(QStringLiteral("main"));
        label->position->setCoords(at.x(), at.y());
        label->setText(formatNumber(m_levels[level], 3));
        m_plotFonts.addText(label, kContourLevelFont);
        label->setColor(QColor(20, 20, 20));
        label->setBrush(QColor(255, 255, 255, 150));
        label->setPadding(QMargins(1, 0, 1, 0));
        m_contourLabels.push_back(label);
    }
}

void ContourView::rebuildGradientField()
{
    if (!m_showGradientField) {
        m_gradientField->data()->clear();
        m_gradientField->setVisible(false);
        return;
    }
    // over what the heat map covers: the viewport it was made for
    const Domain domain = m_grid ? m_grid->spec.domain : m_session->viewport();
    const double cellX = domain.width() / kGradientFieldCells;
    const double cellY = domain.height() / kGradientFieldCells;
    const double cell = std::min(cellX, cellY);
    std::vector<std::pair<Eigen::Vector2d, Eigen::Vector2d>> samples; // centre, ∇f
    double largest = 0;
    for (int j = 0; j < kGradientFieldCells; ++j) {
        for (int i = 0; i < kGradientFieldCells; ++i) {
            const Eigen::Vector2d centre(domain.xMin + (i + 0.5) * cellX,
                                         domain.yMin + (j + 0.5) * cellY);
            const Eigen::Vector2d gradient = m_session->evaluate(centre).gradient;
            if (gradient.allFinite() && gradient.norm() > 0) {
                samples.emplace_back(centre, gradient);
                largest = std::max(largest, gradient.norm());
            }
        }
    }
    QVector<double> xs;
    QVector<double> ys;
    const auto add = [&](const Eigen::Vector2d& point) {
        xs.push_back(point.x());
        ys.push_back(point.y());
    };
    const auto gap = [&] {
        xs.push_back(kNaN);
        ys.push_back(kNaN);
    };
    for (const auto& [centre, gradient] : samples) {
        // Length ∝ √(‖∇f‖ / max ‖∇f‖): steep and gentle slopes both stay readable.
        const double length = 0.85 * cell * std::max(0.2, std::sqrt(gradient.norm() / largest));
        const Eigen::Vector2d direction = -gradient / gradient.norm();
        const Eigen::Vector2d tail = centre - 0.5 * length * direction;
        const Eigen::Vector2d tip = centre + 0.5 * length * direction;
        // Head: two strokes at ±25° back from the tip, a third of the arrow long.
        const double c = std::cos(0.436);
        const double s = std::sin(0.436);
        const Eigen::Vector2d back = -direction * (length / 3);
        const Eigen::Vector2d left(c * back.x() - s * back.y(), s * back.x() + c * back.y());
        const Eigen::Vector2d right(c * back.x() + s * back.y(), -s * back.x() + c * back.y());
        add(tail);
        add(tip);
        gap();
        add(tip + left);
        add(tip);
        add(tip + right);
        gap();
    }
    m_gradientField->setData(xs, ys);
    m_gradientField->setVisible(true);
}

bool ContourView::isOnDark(double f) const
{
    // The colour of level f on the heat map; luma Y' = 0.299 R + 0.587 G + 0.114 B.
    QCPColorGradient gradient = m_colorMap->gradient();
    const QColor under(gradient.color(m_scale.stored(f), m_colorMap->dataRange()));
    return 0.299 * under.red() + 0.587 * under.green() + 0.114 * under.blue() < 110;
}

} // namespace gradlab
