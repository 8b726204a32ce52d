// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "labplot.h"

#include "labstyle.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {

namespace {

// Relative to the plot's font, which they follow: a plot that is the page's subject reads a
// little larger than the widgets around it (10 pt beside the default 9 pt font; labels 11 pt).
constexpr PlotFontRole kTickLabelFont{10.0 / 9.0};

} // namespace

LabPlot::LabPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setInteractions(QCP::Interactions());
    setAntialiasedElements(QCP::aeAll);
    setBackground(Qt::white);
    setMinimumSize(360, 280);
    setCursor(Qt::PointingHandCursor);
    styleAxisRect(axisRect());
    m_plotFonts.addLegend(legend, kLabelFont);
}

void LabPlot::styleAxisRect(QCPAxisRect* rect)
{
    if (auto* plot = qobject_cast<LabPlot*>(rect->parentPlot())) {
        plot->m_plotFonts.addAxisRect(rect, kTickLabelFont, kLabelFont);
    } else {
        // Another plot: fonts derived from its font once, as QCustomPlot itself does.
        const QFont base = rect->parentPlot()->font();
        for (QCPAxis* axis : rect->axes()) {
            axis->setTickLabelFont(PlotFonts::derive(base, kTickLabelFont));
            axis->setLabelFont(PlotFonts::derive(base, kLabelFont));
        }
    }
    for (QCPAxis* axis : rect->axes()) {
        axis->setBasePen(QPen(labstyle::kInk));
        axis->setTickPen(QPen(labstyle::kInk));
        axis->setSubTickPen(QPen(labstyle::kInk));
        axis->setTickLabelColor(labstyle::kInk);
        axis->setLabelColor(labstyle::kInk);
        axis->grid()->setPen(QPen(QColor(225, 228, 232), 1));
        // The lines x = 0 and y = 0 are the axes of the tutorial's figures.
        axis->grid()->setZeroLinePen(QPen(QColor(150, 156, 164), 1.2));
    }
}

QCPGraph* LabPlot::addCurve(QCPAxisRect* rect, const QPen& pen)
{
    QCPGraph* graph = addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setPen(pen);
    graph->setAdaptiveSampling(false);
    return graph;
}

QCPGraph* LabPlot::addMarker(QCPAxisRect* rect, const QColor& color, double diameter, bool filled)
{
    QCPGraph* graph = addCurve(rect, QPen(color, 2));
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 2),
                                           filled ? QBrush(color) : QBrush(Qt::white), diameter));
    return graph;
}

QCPItemText* LabPlot::addLabel(QCPAxisRect* rect, const QColor& color, Qt::Alignment alignment,
                               PlotFontRole role)
{
    auto* label = new QCPItemText(this);
    label->setClipAxisRect(rect);
    label->position->setAxisRect(rect);
    label->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    label->position->setType(QCPItemPosition::ptPlotCoords);
    label->setPositionAlignment(alignment);
    label->setColor(color);
    m_plotFonts.addText(label, role);
    label->setPadding(QMargins(4, 2, 4, 2));
    return label;
}

void LabPlot::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        m_plotFonts.apply();
    }
}

void LabPlot::setCurveData(QCPGraph* graph, const QVector<double>& x, const QVector<double>& y)
{
    QVector<double> shown = y;
    for (double& value : shown) {
        if (!std::isfinite(value)) {
            value = std::numeric_limits<double>::quiet_NaN();
        }
    }
    graph->setData(x, shown, true);
}

QPointF LabPlot::coordinatesAt(QCPAxisRect* rect, const QPointF& pixel)
{
    const QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
    const QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
    const double x = xAxis->pixelToCoord(pixel.x());
    const double y = yAxis->pixelToCoord(pixel.y());
    return {std::clamp(x, xAxis->range().lower, xAxis->range().upper),
            std::clamp(y, yAxis->range().lower, yAxis->range().upper)};
}

double LabPlot::pixelDistance(QCPAxisRect* rect, const QPointF& pixel, double x, double y)
{
    const double px = rect->axis(QCPAxis::atBottom)->coordToPixel(x);
    const double py = rect->axis(QCPAxis::atLeft)->coordToPixel(y);
    return std::hypot(pixel.x() - px, pixel.y() - py);
}

void LabPlot::mousePressEvent(QMouseEvent* event)
{
    QCustomPlot::mousePressEvent(event);
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        Q_EMIT pressedAt(event->position());
    }
}

void LabPlot::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    if (m_dragging && (event->buttons() & Qt::LeftButton)) {
        Q_EMIT draggedTo(event->position());
    }
}

void LabPlot::mouseReleaseEvent(QMouseEvent* event)
{
    QCustomPlot::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && m_dragging) {
        m_dragging = false;
        Q_EMIT released();
    }
}

} // namespace gradlab
