// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "graphlayout.h"

#include <QString>
#include <QWidget>

namespace gradlab {

class ComputationGraph;
class GraphWalk;
struct GraphEvaluation;

/// \brief What the current step adds to the picture: a callout beside one node and a label on
/// one edge (the local partial of the chain-rule term).
struct StepAnnotation
{
    int calloutNode = -1; ///< −1: no callout
    QString callout;      ///< one or more lines
    int edgeUser = -1;    ///< the highlighted edge: input slot edgeSlot of node edgeUser
    int edgeSlot = -1;
    QString edgeLabel;
    int activeNode = -1; ///< the node whose adjoint (or tangent) the step uses or computes
};

/// \brief The computation graph drawn with QPainter at the positions Graphviz gives: each node
/// with its operation, its value and its adjoint (or tangent) so far, coloured by the final
/// |adjoint|; the current step's edge, partial and chain-rule term highlighted. ← → step, Home and
/// End jump, Space plays (the canvas claims these keys while it has the focus).
class GraphCanvas : public QWidget
{
    Q_OBJECT

public:
    /// What a key asks for.
    enum class Navigation { Back, Forward, Start, End, PlayPause };

    explicit GraphCanvas(QWidget* parent = nullptr);

    /// Shows \a graph evaluated as \a evaluation and walked by \a walk (none owned; they stay
    /// valid until the next call) and lays it out. False when Graphviz cannot.
    bool setGraph(const ComputationGraph* graph, const GraphEvaluation* evaluation,
                  const GraphWalk* walk);
    /// Redraws after the walk moved, with \a annotation for the new step.
    void setAnnotation(const StepAnnotation& annotation);

    const GraphLayout& graphLayout() const { return m_layout; }
    /// The drawing's extent in scene units (the layout plus room for the legend and callouts).
    QRectF sceneRect() const;
    /// Paints the whole drawing into \a target of \a painter (the widget, an image, an SVG).
    void render(QPainter& painter, const QRectF& target) const;
    /// The node under \a position (widget coordinates), or −1.
    int nodeAt(const QPointF& position) const;
    /// The hover text of node \a id: its subexpression, value, adjoint and local partials.
    QString toolTipText(int id) const;
    /// A number as the nodes show it: 4 significant digits, − for minus, "undefined" for NaN.
    static QString formatNumber(double value);
    /// x, y, or v with the node's id in subscript ("v₃"): how the lab names \a graph's node \a id.
    static QString nodeName(const ComputationGraph& graph, int id);

Q_SIGNALS:
    void navigationRequested(gradlab::GraphCanvas::Navigation navigation);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QTransform sceneToWidget() const;
    QSizeF nodeSize(int id) const;
    /// "v₄", or x and y by name.
    QString nodeName(int id) const;
    /// The third line of a node: "v̄ = 4", "ẋ = 1" …
    QString quantityText(int id, double value) const;
    void paintNode(QPainter& painter, int id) const;
    void paintEdge(QPainter& painter, const EdgeRoute& edge) const;
    void paintLegend(QPainter& painter) const;
    QString legendText() const;
    QString legendNote() const;
    QRectF legendRect() const;
    /// Puts the callout and the edge label where they cover the fewest nodes.
    void placeAnnotations() const;
    void paintEdgeLabel(QPainter& painter) const;
    void paintCallout(QPainter& painter) const;

    const ComputationGraph* m_graph = nullptr;
    const GraphEvaluation* m_evaluation = nullptr;
    const GraphWalk* m_walk = nullptr;
    GraphLayout m_layout;
    StepAnnotation m_annotation;
    mutable QRectF m_calloutBox;            ///< set by placeAnnotations()
    mutable QRectF m_edgeLabelBox;          ///< set by placeAnnotations()
    mutable double m_largestQuantity = 0.0; ///< the colour scale's top, set by render()
};

} // namespace gradlab
