// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "backproplab.h"
#include "differentiation/finitedifferences.h"
#include "expression/builtins.h"
#include "session.h"

#include <QLabel>
#include <QStringList>

namespace gradlab {
namespace {

QString number(double value)
{
    return GraphCanvas::formatNumber(value);
}

/// Six decimals, for a central difference to be read against the exact partial; − for minus.
QString fixed(double value)
{
    return QString::number(value, 'f', 6).replace(QLatin1Char('-'), QStringLiteral("−"));
}

/// A term's factor in a product: negative numbers in parentheses, "2 · (−3)".
QString factor(double value)
{
    const QString text = number(value);
    return value < 0 ? QStringLiteral("(") + text + QStringLiteral(")") : text;
}

} // namespace

QString BackpropLab::nodeName(int id) const
{
    return GraphCanvas::nodeName(m_graph, id);
}

QString BackpropLab::adjointName(int id) const
{
    // v̄₄: the bar (U+0304) goes on the letter, before the subscript.
    const QString name = nodeName(id);
    return (name.left(1) + QChar(0x0304) + name.mid(1)).normalized(QString::NormalizationForm_C);
}

QString BackpropLab::tangentName(int id) const
{
    return tr("∂%1/∂%2").arg(nodeName(id), m_walk.mode() == PassMode::ForwardY
                                               ? QStringLiteral("y")
                                               : QStringLiteral("x"));
}

QString BackpropLab::ruleText(const GraphNode& node, int slot) const
{
    switch (node.op) {
    case GraphOp::Add:
        return tr("∂(a + b)/∂a = ∂(a + b)/∂b = 1");
    case GraphOp::Subtract:
        return slot == 0 ? tr("∂(a − b)/∂a = 1") : tr("∂(a − b)/∂b = −1");
    case GraphOp::Multiply:
        return tr("∂(a·b)/∂a = b: the other factor");
    case GraphOp::Divide:
        return slot == 0 ? tr("∂(a/b)/∂a = 1/b") : tr("∂(a/b)/∂b = −a/b²");
    case GraphOp::Power:
        return slot == 0 ? tr("∂(uʷ)/∂u = w·uʷ⁻¹") : tr("∂(uʷ)/∂w = uʷ·ln u");
    case GraphOp::Negate:
        return tr("∂(−u)/∂u = −1");
    case GraphOp::Function: {
        const BuiltinInfo& info = builtinInfo(node.function);
        if (node.function == Builtin::Sigmoid) {
            // The tutorial's §10: σ′ from σ itself, no new exponential.
            const double sigma = m_evaluation.values[static_cast<std::size_t>(node.id)];
            return tr("σ′(u) = σ(u)(1 − σ(u)) = %1 · %2").arg(number(sigma), number(1 - sigma));
        }
        return tr("%1′(u) = %2")
            .arg(QString::fromUtf8(info.prettyName.data(), qsizetype(info.prettyName.size())),
                 QString::fromUtf8(info.derivativeText.data(),
                                   qsizetype(info.derivativeText.size())));
    }
    default:
        return {};
    }
}

QString BackpropLab::backwardText(StepAnnotation& annotation) const
{
    const int output = m_graph.output();
    const AdjointContribution* current = m_walk.currentContribution();
    if (!current) {
        annotation.activeNode = output;
        annotation.calloutNode = output;
        annotation.callout = tr("%1 = ∂f/∂f = 1").arg(adjointName(output));
        return tr("The backward pass starts at the output: %1 = 1. Each step takes a node whose "
                  "adjoint is final and adds one chain-rule term to an input: %2 terms. Terms "
                  "into constants are left out: they reach neither x, y nor a parameter. Press → "
                  "to begin.")
            .arg(adjointName(output))
            .arg(m_walk.stepCount());
    }
    const int i = current->input;
    const int j = current->user;
    const QString partialName = tr("∂%1/∂%2").arg(nodeName(j), nodeName(i));
    const QString term =
        tr("%1 += %2 · %3 = %4 · %5 = %6")
            .arg(adjointName(i), partialName, adjointName(j), factor(current->partial),
                 factor(current->userAdjoint), number(current->term));
    annotation.activeNode = j;
    annotation.calloutNode = i;
    annotation.edgeUser = j;
    annotation.edgeSlot = current->slot;
    annotation.edgeLabel = tr("%1 = %2").arg(partialName, number(current->partial));
    QStringList lines{
        tr("Step %1 of %2: %3 (final, %4) passes its adjoint to its input %5.")
            .arg(m_walk.step())
            .arg(m_walk.stepCount())
            .arg(nodeName(j), adjointName(j) + QStringLiteral(" = ") + number(current->userAdjoint),
                 nodeName(i)),
        tr("Local partial %1 = %2, by %3.")
            .arg(partialName, number(current->partial), ruleText(m_graph.node(j), current->slot)),
        term};
    QString callout = term;
    const std::size_t users = m_graph.users(i).size();
    if (users > 1) {
        const std::vector<const AdjointContribution*> terms = m_walk.contributionsInto(i);
        QStringList parts;
        for (const AdjointContribution* given : terms) {
            parts << factor(given->term);
        }
        if (terms.size() == users) {
            const QString sum = tr("%1 = %2 = %3")
                                    .arg(adjointName(i), parts.join(QStringLiteral(" + ")),
                                         number(current->adjointAfter));
            lines << tr("%1 has %2 users; with this last term its adjoint is final: %3")
                         .arg(nodeName(i))
                         .arg(users)
                         .arg(sum);
            callout += QLatin1Char('\n') + sum;
        } else {
            lines << tr("%1 has %2 users: %3 of their terms added so far.")
                         .arg(nodeName(i))
                         .arg(users)
                         .arg(terms.size());
        }
    }
    annotation.callout = callout;
    if (m_walk.isAtEnd()) {
        lines << tr("Backward pass done: x̄ and ȳ are ∂f/∂x and ∂f/∂y.");
    }
    return lines.join(QLatin1Char('\n'));
}

QString BackpropLab::forwardText(StepAnnotation& annotation) const
{
    const bool alongX = m_walk.mode() == PassMode::ForwardX;
    const QString seed = alongX ? tr("ẋ = 1, ẏ = 0") : tr("ẋ = 0, ẏ = 1");
    const int j = m_walk.currentForwardNode();
    if (j < 0) {
        const QString variable = alongX ? QStringLiteral("x") : QStringLiteral("y");
        return tr("Forward mode with %1: every constant and parameter has ∂v/∂%2 = 0. Each step "
                  "computes one node's tangent ∂v/∂%2 = Σ ∂v/∂vᵢ · ∂vᵢ/∂%2 from its inputs'. "
                  "Press → to begin.")
            .arg(seed, variable);
    }
    const GraphNode& node = m_graph.node(j);
    const std::vector<double>& tangents = alongX ? m_evaluation.tangentsX : m_evaluation.tangentsY;
    QStringList symbolic;
    QStringList numeric;
    for (std::size_t k = 0; k < node.inputs.size(); ++k) {
        const int input = node.inputs[k];
        symbolic << tr("∂%1/∂%2 · %3").arg(nodeName(j), nodeName(input), tangentName(input));
        numeric << tr("%1 · %2").arg(factor(m_evaluation.partials[static_cast<std::size_t>(j)][k]),
                                     factor(tangents[static_cast<std::size_t>(input)]));
    }
    const QString sum = tr("%1 = %2 = %3 = %4")
                            .arg(tangentName(j), symbolic.join(QStringLiteral(" + ")),
                                 numeric.join(QStringLiteral(" + ")),
                                 number(tangents[static_cast<std::size_t>(j)]));
    annotation.activeNode = j;
    annotation.calloutNode = j;
    annotation.callout = sum;
    QStringList lines{tr("Step %1 of %2 (%3): the tangent of %4.")
                          .arg(m_walk.step())
                          .arg(m_walk.stepCount())
                          .arg(seed, nodeName(j)),
                      sum};
    if (m_walk.isAtEnd()) {
        lines << (alongX ? tr("Forward mode done: the output's tangent is ∂f/∂x; one more pass "
                              "with ẏ = 1 gives ∂f/∂y.")
                         : tr("Forward mode done: the output's tangent is ∂f/∂y."));
    }
    return lines.join(QLatin1Char('\n'));
}

void BackpropLab::showStep()
{
    StepAnnotation annotation;
    if (m_graph.isEmpty()) {
        m_explanation->setText(tr("No function."));
        m_gradient->clear();
        m_canvas->setAnnotation(annotation);
        return;
    }
    // NFC throughout, so that ȳ and ẋ are the single characters they are when typed.
    m_explanation->setText(
        (m_walk.mode() == PassMode::Backward ? backwardText(annotation) : forwardText(annotation))
            .normalized(QString::NormalizationForm_C));
    m_canvas->setAnnotation(annotation);
    m_stepLabel->setText(tr("step %1 / %2").arg(m_walk.step()).arg(m_walk.stepCount()));

    // x̄, ȳ beside the session's compiled partials and central differences of f.
    const Eigen::Vector2d probe = m_session->probe();
    const CompiledFunction& function = m_session->function();
    const PointValue value = function.evaluate(probe.x(), probe.y());
    const double differenceX =
        centralDifference([&](double x) { return function.evaluate(x, probe.y()).f; }, probe.x());
    const double differenceY =
        centralDifference([&](double y) { return function.evaluate(probe.x(), y).f; }, probe.y());
    const bool done = m_walk.isAtEnd();
    const auto graphColumn = [&](Variable variable) {
        const bool isX = variable == Variable::X;
        if (m_walk.mode() == PassMode::Backward) {
            return done ? tr("%1 = %2").arg(isX ? QStringLiteral("x̄") : QStringLiteral("ȳ"),
                                            number(isX ? m_evaluation.xBar : m_evaluation.yBar))
                        : tr("%1 = … (pass not finished)")
                              .arg(isX ? QStringLiteral("x̄") : QStringLiteral("ȳ"));
        }
        const bool thisTangent = (m_walk.mode() == PassMode::ForwardX) == isX;
        if (!thisTangent) {
            return tr("(the other forward pass)");
        }
        return done ? tr("forward %1")
                          .arg(number(isX ? m_evaluation.tangentsX.back()
                                          : m_evaluation.tangentsY.back()))
                    : tr("forward … (pass not finished)");
    };
    m_gradient->setText(tr("At (%1, %2), f = %3\n"
                           "∂f/∂x:  graph %4   partials %5   central difference %6\n"
                           "∂f/∂y:  graph %7   partials %8   central difference %9")
                            .arg(number(probe.x()), number(probe.y()), number(value.f),
                                 graphColumn(Variable::X), number(value.gradient.x()),
                                 fixed(differenceX), graphColumn(Variable::Y),
                                 number(value.gradient.y()), fixed(differenceY)));
    Q_EMIT stepChanged(m_walk.step());
}

} // namespace gradlab
