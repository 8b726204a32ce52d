// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "graph/computationgraph.h"
#include "graph/graphevaluation.h"

#include <vector>

namespace gradlab {

/// Which pass the Backprop lab steps through.
enum class PassMode {
    Backward, ///< reverse mode: adjoints v̄ from the output back to x and y
    ForwardX, ///< forward mode with ẋ, ẏ = 1, 0: tangents ∂v/∂x
    ForwardY, ///< forward mode with ẋ, ẏ = 0, 1: tangents ∂v/∂y
};

/// \brief A pass through an evaluated graph, one step at a time: in the backward pass step k has
/// added the first k chain-rule terms, in forward mode it has computed the tangents of the first
/// k operations. Says what each node shows at the current step. The backward pass leaves out the
/// terms into constant nodes (those that depend on neither x, y nor a parameter, such as the 2 of
/// x²): their adjoints reach nothing the lab asks about.
class GraphWalk
{
public:
    /// Starts over at step 0 on \a graph evaluated as \a evaluation; both must outlive the walk.
    void reset(const ComputationGraph* graph, const GraphEvaluation* evaluation, PassMode mode);

    PassMode mode() const { return m_mode; }
    int step() const { return m_step; }
    /// The number of steps: the chain-rule terms (backward) or the operations (forward).
    int stepCount() const;
    bool isAtEnd() const { return m_step == stepCount(); }
    /// Clamped to 0 … stepCount().
    void setStep(int step);

    /// False for a constant node in the backward pass, whose adjoint the walk leaves out.
    bool isTracked(int id) const;
    /// True when node \a id's adjoint (backward) or tangent (forward) has a value yet.
    bool isKnown(int id) const;
    /// True when it has its final value: every user has given its term, or its tangent is done.
    bool isFinished(int id) const;
    /// The adjoint so far (the sum of the terms added) or the tangent; 0 before it is known.
    double quantity(int id) const;
    /// The final adjoint or tangent, which the colours scale by.
    double finalQuantity(int id) const;

    /// The term the current backward step added; nullptr at step 0 and in forward mode.
    const AdjointContribution* currentContribution() const;
    /// The terms added to node \a id so far, in order.
    std::vector<const AdjointContribution*> contributionsInto(int id) const;
    /// The node the current forward step computed; −1 at step 0 and in the backward pass.
    int currentForwardNode() const;

private:
    const ComputationGraph* m_graph = nullptr;
    const GraphEvaluation* m_evaluation = nullptr;
    PassMode m_mode = PassMode::Backward;
    int m_step = 0;
    /// The ids of the operations in topological order: forward step k computes m_operations[k − 1].
    std::vector<int> m_operations;
    /// Forward mode: the step at which each node's tangent is known (0 for leaves).
    std::vector<int> m_knownAt;
    /// Whether each node depends on x, y or a parameter.
    std::vector<bool> m_varies;
    /// The backward pass: backward step k adds the term contributions[m_terms[k − 1]].
    std::vector<int> m_terms;
};

} // namespace gradlab
