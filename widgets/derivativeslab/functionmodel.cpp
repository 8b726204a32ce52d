// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "functionmodel.h"

#include "expression/builtins.h"
#include "labstyle.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gradlab {
namespace {

/// The arguments of every relu and abs call in \a expression that depend on x.
std::vector<NodePtr> cornerArguments(const NodePtr& expression)
{
    std::vector<NodePtr> arguments;
    std::vector<const Node*> pending{expression.get()};
    while (!pending.empty()) {
        const Node* node = pending.back();
        pending.pop_back();
        if (node->kind() == NodeKind::Call &&
            (node->builtin() == Builtin::Relu || node->builtin() == Builtin::Abs) &&
            !node->child(0)->isConstantIn(Variable::X)) {
            arguments.push_back(node->child(0));
        }
        for (const NodePtr& child : node->children()) {
            pending.push_back(child.get());
        }
    }
    return arguments;
}

/// A root of \a u between \a a and \a b, where u(a) and u(b) have opposite signs (bisection).
double bisect(const FunctionOfX& u, double a, double b)
{
    double ua = u.value(a);
    for (int iteration = 0; iteration < 80 && a != b; ++iteration) {
        const double middle = 0.5 * (a + b);
        if (middle == a || middle == b) {
            break;
        }
        const double um = u.value(middle);
        if (um == 0.0) {
            return middle;
        }
        if ((um < 0.0) == (ua < 0.0)) {
            a = middle;
            ua = um;
        } else {
            b = middle;
        }
    }
    return 0.5 * (a + b);
}

} // namespace

FunctionModel::FunctionModel(QObject* parent)
    : FunctionModel(QString::fromLatin1(kDefaultFormula), 1.0, -5.0, 5.0, parent)
{}

FunctionModel::FunctionModel(const QString& formula, double x, double xMinimum, double xMaximum,
                             QObject* parent)
    : CurveModel(formula, x, xMinimum, xMaximum, parent)
    , m_text(formula)
{
    m_lastInput.expression = function().expression();
    functionReplaced();
}

std::vector<DerivationStep> FunctionModel::shownSteps() const
{
    std::vector<DerivationStep> steps = derivation().steps;
    const bool holdsY = !steps.empty() && steps.front().expression &&
                        steps.front().expression->kind() == NodeKind::Variable &&
                        steps.front().expression->variable() == Variable::Y;
    if (holdsY) {
        steps.erase(steps.begin());
    }
    return steps;
}

QStringList FunctionModel::derivationLines() const
{
    QStringList lines;
    for (const DerivationStep& step : shownSteps()) {
        lines << QString(step.depth * 2, QChar(0x2003)) + QString::fromStdString(step.text);
    }
    return lines;
}

QString FunctionModel::kinkNote() const
{
    if (m_kinks.isEmpty()) {
        return QString();
    }
    const double corner = m_kinks.front();
    // The one-sided slopes, a little to each side of the corner.
    const double offset = 1e-6 * std::max(1.0, std::fabs(corner));
    const double left = function().derivative(corner - offset);
    const double right = function().derivative(corner + offset);
    const QString where = labstyle::significant(corner, 6);
    return tr("f has a corner at x = %1: the slope is %2 coming in from the left and %3 going "
              "out to the right, so no tangent line fits there. Like PyTorch, Gradient Lab "
              "uses relu′(0) = 0 and abs′(0) = 0, so f′(%1) = %4.")
        .arg(where, labstyle::significant(left, 6), labstyle::significant(right, 6),
             labstyle::significant(function().derivative(corner), 6));
}

QPair<double, double> FunctionModel::valueRange() const
{
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(2 * kSamples));
    for (const QVector<double>* curve : {&sampleValues(), &sampleDerivatives()}) {
        for (double v : *curve) {
            if (std::isfinite(v)) {
                values.push_back(v);
            }
        }
    }
    if (values.empty()) {
        return {-1.0, 1.0};
    }
    std::sort(values.begin(), values.end());
    // The 2nd and 98th percentiles, so a pole (1/x at 0) does not flatten everything else.
    const auto at = [&values](double fraction) {
        return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1))];
    };
    double low = std::min(at(0.02), 0.0);
    double high = std::max(at(0.98), 0.0);
    if (std::isfinite(value())) {
        low = std::min(low, value());
        high = std::max(high, value());
    }
    if (high - low < 1.0) {
        const double middle = 0.5 * (high + low);
        low = middle - 0.5;
        high = middle + 0.5;
    }
    const double margin = 0.08 * (high - low);
    return {low - margin, high + margin};
}

bool FunctionModel::setExpressionText(const QString& text)
{
    FunctionInput input = readFunctionOfX(text);
    if (!input.isValid()) {
        m_lastInput = std::move(input);
        Q_EMIT inputRejected(text);
        return false;
    }
    m_lastInput = input;
    m_text = text;
    setFunction(FunctionOfX(input.expression));
    Q_EMIT inputAccepted();
    return true;
}

bool FunctionModel::load(const QString& formula, double x)
{
    if (!setExpressionText(formula)) {
        return false;
    }
    setX(x);
    return true;
}

void FunctionModel::functionReplaced()
{
    m_kinks.clear();
    if (!function().isValid()) {
        return;
    }
    const QVector<double>& xs = sampleX();
    for (const NodePtr& argument : cornerArguments(function().expression())) {
        const FunctionOfX u(argument);
        QVector<double> values;
        QVector<double> unused;
        u.sample(xs, values, unused);
        for (int i = 0; i < xs.size(); ++i) {
            if (values[i] == 0.0) {
                m_kinks << xs[i];
            } else if (i + 1 < xs.size() && std::isfinite(values[i]) &&
                       std::isfinite(values[i + 1]) && values[i + 1] != 0.0 &&
                       (values[i] < 0.0) != (values[i + 1] < 0.0)) {
                m_kinks << bisect(u, xs[i], xs[i + 1]);
            }
        }
    }
    std::sort(m_kinks.begin(), m_kinks.end());
    m_kinks.erase(std::unique(m_kinks.begin(), m_kinks.end()), m_kinks.end());
}

} // namespace gradlab
