// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "graphcanvas.h"

#include "graph/computationgraph.h"
#include "graph/graphevaluation.h"
#include "graphcanvasparts.h"
#include "graphwalk.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QToolTip>
#include <cmath>

namespace gradlab {

using namespace graphcanvasparts;

namespace {

constexpr double kLegendRoom = 40.0;  ///< above the layout, for the legend
constexpr double kCalloutRoom = 56.0; ///< below it, for a callout under a bottom node
constexpr double kLargestScale = 1.6;

QString subscript(int number)
{
    QString text;
    for (const QChar digit : QString::number(number)) {
        text += QChar(0x2080 + digit.digitValue());
    }
    return text;
}

} // namespace

GraphCanvas::GraphCanvas(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(320, 220);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

QString GraphCanvas::formatNumber(double value)
{
    if (std::isnan(value)) {
        return tr("undefined");
    }
    if (std::isinf(value)) {
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    }
    QString text = QString::number(value, 'g', 4);
    text.replace(QLatin1Char('-'), QStringLiteral("−"));
    return text;
}

QString GraphCanvas::nodeName(int id) const
{
    return nodeName(*m_graph, id);
}

QString GraphCanvas::nodeName(const ComputationGraph& graph, int id)
{
    switch (graph.node(id).op) {
    case GraphOp::X:
        return QStringLiteral("x");
    case GraphOp::Y:
        return QStringLiteral("y");
    default:
        return QStringLiteral("v") + subscript(id);
    }
}

QString GraphCanvas::quantityText(int id, double value) const
{
    const GraphOp op = m_graph->node(id).op;
    const QString name = op == GraphOp::X   ? QStringLiteral("x")
                         : op == GraphOp::Y ? QStringLiteral("y")
                                            : QStringLiteral("v");
    switch (m_walk->mode()) {
    case PassMode::Backward:
        // v̄: a bar over the name (NFC makes ȳ one character).
        return (name + QChar(0x0304)).normalized(QString::NormalizationForm_C) +
               QStringLiteral(" = ") + formatNumber(value);
    case PassMode::ForwardX:
        return QStringLiteral("∂%1/∂x = ").arg(name) + formatNumber(value);
    case PassMode::ForwardY:
        break;
    }
    return QStringLiteral("∂%1/∂y = ").arg(name) + formatNumber(value);
}

QSizeF GraphCanvas::nodeSize(int id) const
{
    const QFontMetricsF plain(font());
    const QFontMetricsF bold(boldFont(font()));
    const QFontMetricsF small(smallFont(font()));
    const GraphNode& node = m_graph->node(id);
    const std::size_t i = static_cast<std::size_t>(id);
    const QString symbol = QString::fromStdString(operationSymbol(node));
    double width = 2 * small.horizontalAdvance(nodeName(id)) + bold.horizontalAdvance(symbol) + 12;
    width = std::max(width, plain.horizontalAdvance(QStringLiteral("= ") +
                                                    formatNumber(m_evaluation->values[i])));
    // The widest of every value the third line takes, in every mode, so toggling keeps the layout.
    std::vector<double> shown{m_evaluation->adjoints[i]};
    for (const AdjointContribution& contribution : m_evaluation->contributions) {
        if (contribution.input == id) {
            shown.push_back(contribution.adjointAfter);
        }
    }
    width = std::max(width, plain.horizontalAdvance(tr("(constant)")));
    for (const double value : shown) {
        width =
            std::max(width, plain.horizontalAdvance(QStringLiteral("v̄ = ") + formatNumber(value)));
    }
    const double height = bold.height() + 2 * plain.height() + 1.5 * kPadding;
    return QSizeF(std::ceil(width + 2 * kPadding), std::ceil(height));
}

bool GraphCanvas::setGraph(const ComputationGraph* graph, const GraphEvaluation* evaluation,
                           const GraphWalk* walk)
{
    m_graph = graph;
    m_evaluation = evaluation;
    m_walk = walk;
    m_annotation = {};
    m_layout = {};
    if (m_graph && !m_graph->isEmpty()) {
        std::vector<QSizeF> sizes;
        for (const GraphNode& node : m_graph->nodes()) {
            sizes.push_back(nodeSize(node.id));
        }
        m_layout = GraphLayout::compute(*m_graph, sizes);
    }
    update();
    return !m_layout.isEmpty();
}

void GraphCanvas::setAnnotation(const StepAnnotation& annotation)
{
    m_annotation = annotation;
    update();
}

QRectF GraphCanvas::sceneRect() const
{
    return m_layout.bounds().adjusted(-kMargin, -kMargin - kLegendRoom, kMargin,
                                      kMargin + kCalloutRoom);
}

QTransform GraphCanvas::sceneToWidget() const
{
    const QRectF scene = sceneRect();
    const double scale =
        std::min({width() / scene.width(), height() / scene.height(), kLargestScale});
    QTransform transform;
    transform.translate((width() - scene.width() * scale) / 2,
                        (height() - scene.height() * scale) / 2);
    transform.scale(scale, scale);
    transform.translate(-scene.left(), -scene.top());
    return transform;
}

int GraphCanvas::nodeAt(const QPointF& position) const
{
    if (m_layout.isEmpty()) {
        return -1;
    }
    const QPointF scenePoint = sceneToWidget().inverted().map(position);
    for (const GraphNode& node : m_graph->nodes()) {
        if (m_layout.node(node.id).contains(scenePoint)) {
            return node.id;
        }
    }
    return -1;
}

QString GraphCanvas::toolTipText(int id) const
{
    const GraphNode& node = m_graph->node(id);
    const std::size_t i = static_cast<std::size_t>(id);
    QStringList lines;
    lines << tr("%1 = %2").arg(nodeName(id), QString::fromStdString(nodeLabel(node)));
    lines << tr("value: %1").arg(formatNumber(m_evaluation->values[i]));
    lines << tr("adjoint ∂f/∂%1: %2").arg(nodeName(id), formatNumber(m_evaluation->adjoints[i]));
    lines << tr("tangents ∂%1/∂x, ∂%1/∂y: %2, %3")
                 .arg(nodeName(id), formatNumber(m_evaluation->tangentsX[i]),
                      formatNumber(m_evaluation->tangentsY[i]));
    for (std::size_t k = 0; k < node.inputs.size(); ++k) {
        lines << tr("local partial ∂%1/∂%2 = %3")
                     .arg(nodeName(id), nodeName(node.inputs[k]),
                          formatNumber(m_evaluation->partials[i][k]));
    }
    lines << tr("users: %1").arg(m_graph->users(id).size());
    return lines.join(QLatin1Char('\n'));
}

bool GraphCanvas::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int id = nodeAt(help->pos());
        if (id >= 0) {
            QToolTip::showText(help->globalPos(), toolTipText(id), this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    if (event->type() == QEvent::ShortcutOverride) {
        // The window's ← → step the descent; here they step the pass.
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Left || key == Qt::Key_Right || key == Qt::Key_Home ||
            key == Qt::Key_End || key == Qt::Key_Space) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void GraphCanvas::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        Q_EMIT navigationRequested(Navigation::Back);
        break;
    case Qt::Key_Right:
        Q_EMIT navigationRequested(Navigation::Forward);
        break;
    case Qt::Key_Home:
        Q_EMIT navigationRequested(Navigation::Start);
        break;
    case Qt::Key_End:
        Q_EMIT navigationRequested(Navigation::End);
        break;
    case Qt::Key_Space:
        Q_EMIT navigationRequested(Navigation::PlayPause);
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

void GraphCanvas::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    QWidget::mousePressEvent(event);
}

} // namespace gradlab
