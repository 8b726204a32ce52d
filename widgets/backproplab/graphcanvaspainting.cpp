// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "graph/computationgraph.h"
#include "graph/graphevaluation.h"
#include "graphcanvas.h"
#include "graphcanvasparts.h"
#include "graphwalk.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <cmath>
#include <limits>

namespace gradlab {

using namespace graphcanvasparts;

namespace {

constexpr double kLegendBar = 90.0; ///< the colour bar's length

const QColor kActive(31, 119, 180); ///< the current step's edge and nodes
const QColor kEdge(110, 110, 110);
const QColor kUnknown(242, 242, 242);   ///< not reached yet
const QColor kUndefined(200, 200, 200); ///< NaN
const QColor kLow(255, 247, 236);       ///< |v̄| = 0
const QColor kHigh(239, 101, 72);       ///< the largest |v̄|

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

/// The point of \a rect nearest to \a point.
QPointF nearestPoint(const QRectF& rect, const QPointF& point)
{
    return QPointF(std::clamp(point.x(), rect.left(), rect.right()),
                   std::clamp(point.y(), rect.top(), rect.bottom()));
}

/// The area of \a obstacles that \a candidate covers, plus ten times its area outside \a within.
double coverOf(const QRectF& candidate, const std::vector<QRectF>& obstacles, const QRectF& within)
{
    const QRectF inside = candidate.intersected(within);
    double cover = 10 * (candidate.width() * candidate.height() - inside.width() * inside.height());
    for (const QRectF& obstacle : obstacles) {
        const QRectF overlap = candidate.intersected(obstacle);
        cover += overlap.width() * overlap.height();
    }
    return cover;
}

/// The first of \a candidates that covers none of \a obstacles and stays inside \a within; else
/// the one that covers the least.
QRectF leastCovering(const std::vector<QRectF>& candidates, const std::vector<QRectF>& obstacles,
                     const QRectF& within)
{
    QRectF best;
    double bestCover = std::numeric_limits<double>::infinity();
    for (const QRectF& candidate : candidates) {
        const double cover = coverOf(candidate, obstacles, within);
        if (cover < bestCover) {
            best = candidate;
            bestCover = cover;
            if (cover == 0) {
                break;
            }
        }
    }
    return best;
}

} // namespace

void GraphCanvas::render(QPainter& painter, const QRectF& target) const
{
    if (m_layout.isEmpty()) {
        return;
    }
    // The colour scale: the largest finite |final quantity|.
    m_largestQuantity = 0.0;
    for (const GraphNode& node : m_graph->nodes()) {
        const double magnitude = std::fabs(m_walk->finalQuantity(node.id));
        if (m_walk->isTracked(node.id) && std::isfinite(magnitude)) {
            m_largestQuantity = std::max(m_largestQuantity, magnitude);
        }
    }
    const QRectF scene = sceneRect();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(target.topLeft());
    painter.scale(target.width() / scene.width(), target.height() / scene.height());
    painter.translate(-scene.topLeft());
    painter.setFont(font());
    placeAnnotations();
    for (const EdgeRoute& edge : m_layout.edges()) {
        paintEdge(painter, edge);
    }
    for (const GraphNode& node : m_graph->nodes()) {
        paintNode(painter, node.id);
    }
    paintLegend(painter);
    paintEdgeLabel(painter);
    paintCallout(painter);
    painter.restore();
}

void GraphCanvas::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_layout.isEmpty()) {
        painter.drawText(rect(), Qt::AlignCenter, tr("No graph: enter a function of x and y."));
        return;
    }
    const QTransform transform = sceneToWidget();
    render(painter, transform.mapRect(sceneRect()));
}

void GraphCanvas::paintEdge(QPainter& painter, const EdgeRoute& edge) const
{
    const bool active = edge.user == m_annotation.edgeUser && edge.slot == m_annotation.edgeSlot;
    const QColor colour = active ? kActive : kEdge;
    painter.setPen(QPen(colour, active ? 3.0 : 1.2));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(edge.path);
    // The arrowhead: a triangle from its base to its tip, as wide as a third of its length.
    const QPointF along = edge.arrowTip - edge.arrowBase;
    const double length = std::hypot(along.x(), along.y());
    if (length > 0) {
        const QPointF across(-along.y() / length * length / 3, along.x() / length * length / 3);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawPolygon(
            QPolygonF{edge.arrowTip, edge.arrowBase + across, edge.arrowBase - across});
    }
}

void GraphCanvas::paintNode(QPainter& painter, int id) const
{
    const GraphNode& node = m_graph->node(id);
    const std::size_t i = static_cast<std::size_t>(id);
    const QRectF box = m_layout.node(id);
    const bool known = m_walk->isKnown(id);
    const bool finished = m_walk->isFinished(id);
    const double quantity = m_walk->quantity(id);
    QColor fill = kUnknown;
    if (known && std::isnan(m_walk->finalQuantity(id))) {
        fill = kUndefined;
    } else if (known) {
        // Colour by |final quantity| on a logarithmic scale: log(1 + |v̄|) / log(1 + max |v̄|).
        const double magnitude = std::fabs(m_walk->finalQuantity(id));
        const double t = m_largestQuantity > 0 && std::isfinite(magnitude)
                             ? std::log1p(magnitude) / std::log1p(m_largestQuantity)
                             : (std::isinf(magnitude) ? 1.0 : 0.0);
        fill = mix(kLow, kHigh, std::clamp(t, 0.0, 1.0));
    }
    const bool active = id == m_annotation.activeNode || id == m_annotation.calloutNode;
    QPen border(active ? kActive : QColor(60, 60, 60), active ? 2.6 : 1.2);
    if (known && !finished) {
        border.setStyle(Qt::DashLine); // some users have not given their terms yet
    }
    painter.setPen(border);
    painter.setBrush(fill);
    painter.drawRoundedRect(box, 6, 6);
    if (id == m_graph->output()) {
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(box.adjusted(3, 3, -3, -3), 4, 4);
    }

    const QFont bold = boldFont(font());
    const QFont small = smallFont(font());
    const double boldHeight = QFontMetricsF(bold).height();
    const double lineHeight = QFontMetricsF(font()).height();
    const QRectF inner = box.adjusted(kPadding, kPadding * 0.75, -kPadding, -kPadding * 0.75);
    if (node.op != GraphOp::X && node.op != GraphOp::Y) {
        painter.setPen(QColor(100, 100, 100));
        painter.setFont(small);
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), boldHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, nodeName(id));
    }
    painter.setPen(Qt::black);
    painter.setFont(bold);
    painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), boldHeight), Qt::AlignCenter,
                     QString::fromStdString(operationSymbol(node)));
    painter.setFont(font());
    painter.drawText(QRectF(inner.left(), inner.top() + boldHeight, inner.width(), lineHeight),
                     Qt::AlignCenter, QStringLiteral("= ") + formatNumber(m_evaluation->values[i]));
    painter.setPen(known ? QColor(Qt::black) : QColor(150, 150, 150));
    QString third =
        known ? quantityText(id, quantity)
              : quantityText(id, 0).section(QLatin1Char('='), 0, 0) + QStringLiteral("= ?");
    if (!m_walk->isTracked(id)) {
        third = tr("(constant)");
    }
    painter.drawText(
        QRectF(inner.left(), inner.top() + boldHeight + lineHeight, inner.width(), lineHeight),
        Qt::AlignCenter, third);
}

void GraphCanvas::paintLegend(QPainter& painter) const
{
    const QRectF scene = sceneRect();
    const QFont small = smallFont(font());
    painter.setFont(small);
    const QFontMetricsF metrics(small);
    const QString what = m_walk->mode() == PassMode::Backward ? tr("colour: |v̄| = |∂f/∂v|")
                                                              : tr("colour: |∂v/∂x|, |∂v/∂y|");
    const QPointF origin(scene.left() + kMargin, scene.top() + kMargin / 2);
    painter.setPen(Qt::black);
    painter.drawText(QPointF(origin.x(), origin.y() + metrics.ascent()), what);
    const double textWidth = metrics.horizontalAdvance(what);
    const QRectF bar(origin.x() + textWidth + 10, origin.y() + 2, kLegendBar, metrics.ascent() - 2);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    gradient.setColorAt(0, kLow);
    gradient.setColorAt(1, kHigh);
    painter.setPen(QPen(QColor(60, 60, 60), 0.8));
    painter.setBrush(gradient);
    painter.drawRect(bar);
    painter.drawText(QPointF(bar.left(), bar.bottom() + metrics.height()), QStringLiteral("0"));
    const QString largest = formatNumber(m_largestQuantity);
    painter.drawText(
        QPointF(bar.right() - metrics.horizontalAdvance(largest), bar.bottom() + metrics.height()),
        largest);
    painter.drawText(QPointF(bar.right() + 16, origin.y() + metrics.ascent()), legendNote());
    painter.setFont(font());
}

QString GraphCanvas::legendText() const
{
    return m_walk->mode() == PassMode::Backward ? tr("colour: |v̄| = |∂f/∂v|")
                                                : tr("colour: |∂v/∂x|, |∂v/∂y|");
}

QString GraphCanvas::legendNote() const
{
    return m_walk->mode() == PassMode::Backward
               ? tr("dashed: a sum still waiting for a user's term")
               : QString();
}

QRectF GraphCanvas::legendRect() const
{
    const QRectF scene = sceneRect();
    const QFontMetricsF metrics(smallFont(font()));
    const double width = metrics.horizontalAdvance(legendText()) + 10 + kLegendBar + 16 +
                         metrics.horizontalAdvance(legendNote());
    return QRectF(scene.left() + kMargin, scene.top() + kMargin / 2, width,
                  2 * metrics.height() + 4);
}

void GraphCanvas::placeAnnotations() const
{
    m_calloutBox = {};
    m_edgeLabelBox = {};
    std::vector<QRectF> obstacles{legendRect()};
    for (const QRectF& node : m_layout.nodes()) {
        obstacles.push_back(node.adjusted(-4, -4, 4, 4));
    }
    const QRectF scene = sceneRect();
    if (m_annotation.calloutNode >= 0 && !m_annotation.callout.isEmpty()) {
        const QFontMetricsF metrics(font());
        const QStringList lines = m_annotation.callout.split(QLatin1Char('\n'));
        double width = 0;
        for (const QString& line : lines) {
            width = std::max(width, metrics.horizontalAdvance(line));
        }
        const QSizeF size(width + 16, metrics.height() * double(lines.size()) + 10);
        const QRectF node = m_layout.node(m_annotation.calloutNode);
        // Below, above, right and left of the node and the four corners, ever further out.
        std::vector<QRectF> candidates;
        for (const double gap : {10.0, 30.0, 60.0, 100.0, 150.0}) {
            const double below = node.bottom() + gap;
            const double above = node.top() - gap - size.height();
            const double right = node.right() + gap;
            const double left = node.left() - gap - size.width();
            const double middleX = node.center().x() - size.width() / 2;
            const double middleY = node.center().y() - size.height() / 2;
            for (const QPointF corner :
                 {QPointF(middleX, below), QPointF(middleX, above), QPointF(right, middleY),
                  QPointF(left, middleY), QPointF(right, below), QPointF(left, below),
                  QPointF(right, above), QPointF(left, above)}) {
                candidates.emplace_back(corner, size);
            }
        }
        // The leader from the node to the box should cross no other node: each box is charged
        // for the obstacles its leader passes through.
        const int calloutNode = m_annotation.calloutNode;
        double bestCost = std::numeric_limits<double>::infinity();
        for (const QRectF& candidate : candidates) {
            double cost = coverOf(candidate, obstacles, scene);
            const QPointF onBox = nearestPoint(candidate, node.center());
            const QPointF onNode = nearestPoint(node, onBox);
            for (std::size_t k = 0; k < obstacles.size(); ++k) {
                const bool own = k >= 1 && int(k) - 1 == calloutNode;
                for (int t = 1; t < 20 && !own; ++t) {
                    if (obstacles[k].contains(onNode + (onBox - onNode) * (t / 20.0))) {
                        cost += 2000;
                        break;
                    }
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                m_calloutBox = candidate;
            }
        }
        // The edge label keeps clear of the box and of its leader.
        obstacles.push_back(m_calloutBox.adjusted(-4, -4, 4, 4));
        const QPointF onBox = nearestPoint(m_calloutBox, node.center());
        const QPointF onNode = nearestPoint(node, onBox);
        for (int t = 0; t <= 10; ++t) {
            const QPointF point = onNode + (onBox - onNode) * (t / 10.0);
            obstacles.emplace_back(point - QPointF(3, 3), QSizeF(6, 6));
        }
    }
    if (m_annotation.edgeUser >= 0 && !m_annotation.edgeLabel.isEmpty()) {
        for (const EdgeRoute& edge : m_layout.edges()) {
            if (edge.user != m_annotation.edgeUser || edge.slot != m_annotation.edgeSlot) {
                continue;
            }
            const QFontMetricsF metrics(smallFont(font()));
            const QSizeF size(metrics.horizontalAdvance(m_annotation.edgeLabel) + 8,
                              metrics.height() + 2);
            // Along the edge from its middle outwards, above it, below it or on it.
            std::vector<QRectF> candidates;
            for (const double along : {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8}) {
                const QPointF point = edge.path.pointAtPercent(along);
                for (const double shift : {-0.9, 0.9, 0.0, -1.8, 1.8}) {
                    QRectF box(QPointF(), size);
                    box.moveCenter(point + QPointF(0, shift * size.height()));
                    candidates.push_back(box);
                }
            }
            m_edgeLabelBox = leastCovering(candidates, obstacles, scene);
        }
    }
}

void GraphCanvas::paintEdgeLabel(QPainter& painter) const
{
    if (m_edgeLabelBox.isEmpty()) {
        return;
    }
    painter.setFont(smallFont(font()));
    painter.setPen(QPen(kActive, 1.0));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(m_edgeLabelBox, 3, 3);
    painter.setPen(kActive.darker(130));
    painter.drawText(m_edgeLabelBox, Qt::AlignCenter, m_annotation.edgeLabel);
    painter.setFont(font());
}

void GraphCanvas::paintCallout(QPainter& painter) const
{
    if (m_calloutBox.isEmpty()) {
        return;
    }
    // A leader from the node's border to the box's, the shortest way.
    const QRectF node = m_layout.node(m_annotation.calloutNode);
    const QPointF onBox = nearestPoint(m_calloutBox, node.center());
    painter.setPen(QPen(kActive, 1.4, Qt::DotLine));
    painter.drawLine(nearestPoint(node, onBox), onBox);
    painter.setPen(QPen(kActive, 1.4));
    painter.setBrush(QColor(255, 255, 255, 245));
    painter.drawRoundedRect(m_calloutBox, 5, 5);
    painter.setPen(Qt::black);
    painter.drawText(m_calloutBox.adjusted(8, 5, -8, -5), Qt::AlignLeft | Qt::AlignVCenter,
                     m_annotation.callout);
}

} // namespace gradlab
