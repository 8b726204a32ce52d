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
    // The axis rects have their size for this replot only once it is laid out.
    connect(this, &QCustomPlot::afterLayout, this, &LabPlot::placeLabels);
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
    m_labels.push_back({label, {}, {}, false});
    return label;
}

QRectF LabPlot::labelBox(const QCPItemText* label)
{
    const QPointF anchor = label->position->pixelPosition();
    if (!std::isfinite(anchor.x()) || !std::isfinite(anchor.y())) {
        return {};
    }
    const QFontMetrics metrics(label->font());
    const QRect text =
        metrics.boundingRect(0, 0, 0, 0, Qt::TextDontClip | label->textAlignment(), label->text());
    const QMargins padding = label->padding();
    QRectF box(QPointF(0, 0), QSizeF(text.width() + padding.left() + padding.right(),
                                     text.height() + padding.top() + padding.bottom()));
    // The anchor is the box's point that the position alignment names.
    QPointF topLeft = anchor;
    const Qt::Alignment alignment = label->positionAlignment();
    if (alignment & Qt::AlignHCenter) {
        topLeft.rx() -= 0.5 * box.width();
    } else if (alignment & Qt::AlignRight) {
        topLeft.rx() -= box.width();
    }
    if (alignment & Qt::AlignVCenter) {
        topLeft.ry() -= 0.5 * box.height();
    } else if (alignment & Qt::AlignBottom) {
        topLeft.ry() -= box.height();
    }
    box.moveTopLeft(topLeft);
    return box;
}

void LabPlot::placeLabels()
{
    // One pixel between neighbours, and between a label and its rect's edge.
    constexpr double gap = 1.0;
    std::erase_if(m_labels, [](const PlacedLabel& entry) { return entry.label.isNull(); });
    std::vector<std::pair<const QCPAxisRect*, QRectF>> placed;
    // The legend stays where it is; labels make way for it.
    if (legend->realVisibility() && legend->itemCount() > 0) {
        placed.emplace_back(axisRect(), QRectF(legend->outerRect()));
    }
    for (PlacedLabel& entry : m_labels) {
        QCPItemText* label = entry.label;
        // Still where it was moved to: start again from where its page put it, so that a move
        // made for another size of the plot is not kept.
        if (entry.moved && label->position->coords() == entry.shown) {
            label->position->setCoords(entry.wanted);
        }
        entry.moved = false;
        QRectF box = labelBox(label);
        if (!label->visible() || label->text().isEmpty() || box.isEmpty()) {
            continue;
        }
        const QCPAxisRect* rect = label->clipAxisRect();
        const QRectF area = QRectF(rect->rect()).adjusted(gap, gap, -gap, -gap);
        const QPointF start = box.topLeft();
        // In from the right and bottom edges first, so that a box too big still shows its start.
        box.moveRight(std::min(box.right(), area.right()));
        box.moveLeft(std::max(box.left(), area.left()));
        box.moveBottom(std::min(box.bottom(), area.bottom()));
        box.moveTop(std::max(box.top(), area.top()));
        for (const auto& [otherRect, other] : placed) {
            if (otherRect != rect || !box.intersects(other)) {
                continue;
            }
            if (other.bottom() + gap + box.height() <= area.bottom()) {
                box.moveTop(other.bottom() + gap);
            } else {
                box.moveBottom(other.top() - gap);
            }
        }
        if (box.topLeft() != start) {
            entry.wanted = label->position->coords();
            label->position->setPixelPosition(label->position->pixelPosition() + box.topLeft() -
                                              start);
            entry.shown = label->position->coords();
            entry.moved = true;
        }
        placed.emplace_back(rect, box);
    }
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
