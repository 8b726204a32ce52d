// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "graph/computationgraph.h"
#include "graph/graphevaluation.h"
#include "graphcanvas.h"
#include "graphwalk.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace gradlab {

class Session;

/// \brief The Backprop lab: the computation graph of the session's function at its probe, the
/// backward pass one chain-rule term at a time (→ ←, play), forward mode, the sigmoid fused or
/// expanded, and at the end x̄, ȳ beside the partials and a central difference.
class BackpropLab : public QWidget
{
    Q_OBJECT

public:
    explicit BackpropLab(Session* session, QWidget* parent = nullptr);

    const ComputationGraph& graph() const { return m_graph; }
    const GraphEvaluation& evaluation() const { return m_evaluation; }
    const GraphWalk& walk() const { return m_walk; }
    GraphCanvas* canvas() const { return m_canvas; }
    QLineEdit* expressionEdit() const { return m_expressionEdit; }
    /// What is wrong with the expression typed in the page's field, or empty.
    QString errorMessage() const;
    /// The explanation of the current step, as shown under the graph (plain text).
    QString stepText() const;
    /// The comparison of x̄, ȳ with the partials and central differences (plain text).
    QString gradientText() const;
    /// The operation counts of the sigmoid fused and expanded.
    QString countText() const;

    PassMode passMode() const { return m_walk.mode(); }
    void setPassMode(PassMode mode);
    bool isSigmoidExpanded() const;
    void setSigmoidExpanded(bool expanded);
    bool isPlaying() const { return m_timer.isActive(); }

    /// Writes the drawing to \a path atomically: SVG if it ends in .svg, PNG otherwise. False on
    /// failure, with the reason in \a error and the old file kept.
    bool exportImage(const QString& path, QString* error = nullptr) const;

public Q_SLOTS:
    void setStep(int step);
    void stepForward();
    void stepBackward();
    void goToStart();
    void goToEnd();
    void togglePlay();

Q_SIGNALS:
    void stepChanged(int step);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyTypedExpression();
    void rebuild();
    void reevaluate();
    void showStep();
    void exportWithDialog(const QString& filter, const QString& suffix);
    QString backwardText(StepAnnotation& annotation) const;
    QString forwardText(StepAnnotation& annotation) const;
    QString nodeName(int id) const;
    QString adjointName(int id) const;
    QString tangentName(int id) const;
    QString ruleText(const GraphNode& node, int slot) const;

    Session* m_session = nullptr;
    ComputationGraph m_graph;
    GraphEvaluation m_evaluation;
    GraphWalk m_walk;
    NodePtr m_builtFrom; ///< the expression m_graph was built from
    bool m_builtExpanded = false;
    int m_fusedOperations = 0;
    int m_fusedTerms = 0;
    int m_expandedOperations = 0;
    int m_expandedTerms = 0;

    QLineEdit* m_expressionEdit = nullptr;
    QLabel* m_errorLabel = nullptr;
    QComboBox* m_passBox = nullptr;
    QCheckBox* m_expandBox = nullptr;
    QLabel* m_countLabel = nullptr;
    QToolButton* m_playButton = nullptr;
    QLabel* m_stepLabel = nullptr;
    GraphCanvas* m_canvas = nullptr;
    QLabel* m_explanation = nullptr;
    QLabel* m_gradient = nullptr;
    QTimer m_timer;
};

} // namespace gradlab
