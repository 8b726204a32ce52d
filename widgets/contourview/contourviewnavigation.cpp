// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// ContourView: layers replotted alone, the viewport (fit, aspect, following the view), the mouse
// (pan, zoom, drag the probe or a start), legend clicks and tool tips.
#include "contourview.h"
#include "contourviewparts.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QMouseEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace gradlab {

using namespace contourparts;

void ContourView::replotRunsLayer()
{
    m_runsLayer->replot();
}

void ContourView::replotProbeLayer()
{
    if (m_showProbe) {
        m_probeLayer->replot();
    }
}

void ContourView::fitToTarget()
{
    // Grow the target rectangle to the axis rect's aspect: one data unit is as long on x as on y,
    // so angles (∇f ⟂ contour) look as they are.
    const QRect rect = m_plot->axisRect()->rect();
    double width = m_target.width();
    double height = m_target.height();
    if (rect.width() > 1 && rect.height() > 1) {
        const double unitsPerPixel = std::max(width / rect.width(), height / rect.height());
        width = unitsPerPixel * rect.width();
        height = unitsPerPixel * rect.height();
    }
    const double cx = 0.5 * (m_target.xMin + m_target.xMax);
    const double cy = 0.5 * (m_target.yMin + m_target.yMax);
    m_fitting = true;
    m_plot->xAxis->setRange(cx - 0.5 * width, cx + 0.5 * width);
    m_plot->yAxis->setRange(cy - 0.5 * height, cy + 0.5 * height);
    m_fitting = false;
}

Domain ContourView::visibleRect() const
{
    const QCPRange x = m_plot->xAxis->range();
    const QCPRange y = m_plot->yAxis->range();
    return {x.lower, x.upper, y.lower, y.upper};
}

void ContourView::checkAspect()
{
    const QRect rect = m_plot->axisRect()->rect();
    if (rect.width() <= 1 || rect.height() <= 1) {
        return;
    }
    const double unitsX = m_plot->xAxis->range().size() / rect.width();
    const double unitsY = m_plot->yAxis->range().size() / rect.height();
    if (std::abs(unitsX / unitsY - 1.0) > 1e-3) {
        // The axis rect changed size (a resize, wider tick labels): fit again, draw again.
        fitToTarget();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void ContourView::followView()
{
    // What is in sight becomes the session's viewport: the heat map follows; the function's
    // domain, and with it the 3-D mesh, stays (#13).
    const Domain visible = visibleRect();
    m_target = visible;
    if (!sameRectangle(visible, m_session->viewport())) {
        m_session->setViewport(visible);
    }
}

void ContourView::onMousePress(QMouseEvent* event)
{
    m_drag = Drag::None;
    m_moved = false;
    if (event->button() != Qt::LeftButton) {
        return;
    }
    m_pressPixel = event->position();
    const bool inPlot = m_plot->axisRect()->rect().contains(event->position().toPoint());
    const bool onLegend = m_plot->legend->visible() &&
                          m_plot->legend->outerRect().contains(event->position().toPoint());
    if (!inPlot || onLegend) {
        return;
    }
    const QPointF probe = pixelAt(m_session->probe());
    if (m_showProbe && QLineF(probe, event->position()).length() <= kProbeGrabRadius) {
        m_drag =
            event->modifiers().testFlag(Qt::ShiftModifier) ? Drag::ProbeDirection : Drag::Probe;
        // The probe keeps its offset from the cursor: grabbing its rim does not make it jump.
        m_grabOffset = m_session->probe() - pointAt(event->position());
        // The press grabs the probe: QCustomPlot must not start panning with it.
        m_plot->setInteraction(QCP::iRangeDrag, false);
        return;
    }
    m_drag = Drag::Pan;
}

void ContourView::onMouseMove(QMouseEvent* event)
{
    if (!event->buttons().testFlag(Qt::LeftButton) || m_drag == Drag::None) {
        if (event->buttons() == Qt::NoButton) {
            showToolTip(event->position());
        }
        return;
    }
    if ((event->position() - m_pressPixel).manhattanLength() > kClickTolerance) {
        m_moved = true;
    }
    switch (m_drag) {
    case Drag::Probe:
        m_session->setProbe(pointAt(event->position()) + m_grabOffset);
        break;
    case Drag::ProbeDirection:
        m_session->setProbeDirection(pointAt(event->position()) - m_session->probe());
        break;
    case Drag::Pan:
    case Drag::None:
        break;
    }
}

void ContourView::onMouseRelease(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        return;
    }
    const Drag drag = m_drag;
    m_drag = Drag::None;
    switch (drag) {
    case Drag::Probe:
    case Drag::ProbeDirection:
        m_plot->setInteraction(QCP::iRangeDrag, true);
        break;
    case Drag::Pan:
        if (m_moved) {
            m_followTimer.start();
        } else {
            m_session->setStartPoint(pointAt(event->position()));
        }
        break;
    case Drag::None:
        break;
    }
}

void ContourView::onMouseWheel(QWheelEvent* event)
{
    Q_UNUSED(event)
    m_followTimer.start();
}

void ContourView::onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event)
{
    Q_UNUSED(legend)
    Q_UNUSED(event)
    auto* plottableItem = qobject_cast<QCPPlottableLegendItem*>(item);
    if (!plottableItem) {
        return;
    }
    for (const RunGraphics& graphics : m_runGraphics) {
        if (plottableItem->plottable() == graphics.path) {
            if (const RunEntry* entry = m_session->runById(graphics.id)) {
                m_session->setRunVisible(entry->id, !entry->visible);
            }
            return;
        }
    }
}

void ContourView::showToolTip(const QPointF& pixel)
{
    const auto near = [&](const Eigen::Vector2d& point) {
        return QLineF(pixelAt(point), pixel).length() <= kProbeGrabRadius;
    };
    QString text;
    if (m_showProbe && near(m_session->probe())) {
        const PointValue value = m_session->evaluate(m_session->probe());
        text = tr("Probe %1, f = %2\nDrag to move it, Shift+drag to turn the direction u.\n"
                  "Red ∇f points uphill, blue −∇f downhill, both perpendicular to the white "
                  "contour;\ntheir length is fixed (‖∇f‖ = %3).")
                   .arg(formatPoint(m_session->probe()), formatNumber(value.f),
                        formatNumber(value.gradient.norm()));
    }
    const int step = m_session->currentStep();
    for (const RunEntry& entry : m_session->runs()) {
        if (!text.isEmpty() || !entry.visible || entry.run->records().empty()) {
            continue;
        }
        const StepRecord& record = entry.recordAt(step);
        if (near(record.point)) {
            text = tr("%1 at step %2: %3, f = %4, ‖∇f‖ = %5\nGrey arrow: −lr·∇f, the step plain "
                      "gradient descent would take (at most a quarter of the view).\n"
                      "Coloured arrow: the step this method takes.")
                       .arg(runLabel(entry))
                       .arg(record.index)
                       .arg(formatPoint(record.point), formatNumber(record.f),
                            formatNumber(record.gradient.norm()));
            if (!record.note.empty()) {
                text += QLatin1Char('\n') + QString::fromStdString(record.note);
            }
        }
    }
    if (text.isEmpty()) {
        for (const KnownPoint& known : criticalPointsShown()) {
            if (near(known.point)) {
                const std::string_view kind = criticalKindName(known.kind);
                text = tr("%1 at %2, f = %3")
                           .arg(QString::fromUtf8(kind.data(), static_cast<qsizetype>(kind.size())),
                                formatPoint(known.point),
                                formatNumber(m_session->evaluate(known.point).f));
                break;
            }
        }
    }
    if (text.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(m_plot->mapToGlobal(pixel.toPoint()), text, m_plot);
}

} // namespace gradlab
