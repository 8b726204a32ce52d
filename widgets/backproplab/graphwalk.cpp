// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "graphwalk.h"

#include <algorithm>

namespace gradlab {

void GraphWalk::reset(const ComputationGraph* graph, const GraphEvaluation* evaluation,
                      PassMode mode)
{
    m_graph = graph;
    m_evaluation = evaluation;
    m_mode = mode;
    m_step = 0;
    m_operations.clear();
    m_terms.clear();
    m_knownAt.assign(graph ? graph->nodes().size() : 0, 0);
    m_varies.assign(graph ? graph->nodes().size() : 0, false);
    if (!graph || !evaluation) {
        return;
    }
    for (const GraphNode& node : graph->nodes()) {
        const std::size_t id = static_cast<std::size_t>(node.id);
        m_varies[id] =
            node.op == GraphOp::X || node.op == GraphOp::Y || node.op == GraphOp::Parameter ||
            std::any_of(node.inputs.begin(), node.inputs.end(),
                        [this](int input) { return m_varies[static_cast<std::size_t>(input)]; });
        if (!node.isLeaf()) {
            m_operations.push_back(node.id);
            m_knownAt[id] = static_cast<int>(m_operations.size());
        }
    }
    for (std::size_t k = 0; k < evaluation->contributions.size(); ++k) {
        if (m_varies[static_cast<std::size_t>(evaluation->contributions[k].input)]) {
            m_terms.push_back(static_cast<int>(k));
        }
    }
}

int GraphWalk::stepCount() const
{
    if (!m_evaluation) {
        return 0;
    }
    return m_mode == PassMode::Backward ? static_cast<int>(m_terms.size())
                                        : static_cast<int>(m_operations.size());
}

void GraphWalk::setStep(int step)
{
    m_step = std::clamp(step, 0, stepCount());
}

bool GraphWalk::isTracked(int id) const
{
    return m_mode != PassMode::Backward || m_varies[static_cast<std::size_t>(id)];
}

bool GraphWalk::isKnown(int id) const
{
    if (!m_graph || !isTracked(id)) {
        return false;
    }
    if (m_mode != PassMode::Backward) {
        return m_knownAt[static_cast<std::size_t>(id)] <= m_step;
    }
    return id == m_graph->output() || !contributionsInto(id).empty();
}

bool GraphWalk::isFinished(int id) const
{
    if (m_mode != PassMode::Backward || !isTracked(id)) {
        return isKnown(id);
    }
    return id == m_graph->output() || contributionsInto(id).size() == m_graph->users(id).size();
}

double GraphWalk::quantity(int id) const
{
    if (!isKnown(id)) {
        return 0.0;
    }
    if (m_mode != PassMode::Backward || isFinished(id)) {
        return finalQuantity(id);
    }
    return contributionsInto(id).back()->adjointAfter;
}

double GraphWalk::finalQuantity(int id) const
{
    const std::size_t i = static_cast<std::size_t>(id);
    switch (m_mode) {
    case PassMode::Backward:
        return m_evaluation->adjoints[i];
    case PassMode::ForwardX:
        return m_evaluation->tangentsX[i];
    case PassMode::ForwardY:
        break;
    }
    return m_evaluation->tangentsY[i];
}

const AdjointContribution* GraphWalk::currentContribution() const
{
    if (m_mode != PassMode::Backward || m_step == 0) {
        return nullptr;
    }
    return &m_evaluation->contributions[static_cast<std::size_t>(
        m_terms[static_cast<std::size_t>(m_step - 1)])];
}

std::vector<const AdjointContribution*> GraphWalk::contributionsInto(int id) const
{
    std::vector<const AdjointContribution*> terms;
    if (m_mode != PassMode::Backward || !m_evaluation) {
        return terms;
    }
    for (int k = 0; k < m_step; ++k) {
        const AdjointContribution& contribution =
            m_evaluation
                ->contributions[static_cast<std::size_t>(m_terms[static_cast<std::size_t>(k)])];
        if (contribution.input == id) {
            terms.push_back(&contribution);
        }
    }
    return terms;
}

int GraphWalk::currentForwardNode() const
{
    if (m_mode == PassMode::Backward || m_step == 0) {
        return -1;
    }
    return m_operations[static_cast<std::size_t>(m_step - 1)];
}

} // namespace gradlab
