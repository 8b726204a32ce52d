// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "curvemodel.h"

#include "expression/printer.h"

#include <algorithm>
#include <cmath>

namespace gradlab {

CurveModel::CurveModel(const QString& formula, double x, double xMinimum, double xMaximum,
                       QObject* parent)
    : QObject(parent)
    , m_x(x)
    , m_xMinimum(xMinimum)
    , m_xMaximum(xMaximum)
{
    m_sampleX.resize(kSamples);
    for (int i = 0; i < kSamples; ++i) {
        // x_i = a + (b − a)·i/(n − 1): exact at both ends and at the middle of a symmetric range.
        m_sampleX[i] = m_xMinimum + (m_xMaximum - m_xMinimum) * i / (kSamples - 1);
    }
    setFunction(FunctionOfX::fromText(formula));
}

QString CurveModel::derivativeText() const
{
    return m_derivation.result ? QString::fromStdString(toPrettyText(m_derivation.result))
                               : QString();
}

QString CurveModel::functionText() const
{
    return m_function.isValid() ? QString::fromStdString(toPrettyText(m_function.expression()))
                                : QString();
}

double CurveModel::tangentAt(double t) const
{
    // y = f(x₀) + f′(x₀)(t − x₀)
    return m_value + m_slope * (t - m_x);
}

void CurveModel::setX(double x)
{
    if (std::isnan(x)) {
        return;
    }
    const double clamped = std::clamp(x, m_xMinimum, m_xMaximum);
    if (clamped == m_x) {
        return;
    }
    m_x = clamped;
    updatePoint();
}

void CurveModel::setFunction(FunctionOfX function)
{
    m_function = std::move(function);
    m_derivation =
        m_function.isValid() ? derive(m_function.expression(), Variable::X) : Derivation{};
    m_function.sample(m_sampleX, m_sampleValues, m_sampleDerivatives);
    functionReplaced();
    Q_EMIT functionChanged();
    updatePoint();
}

void CurveModel::updatePoint()
{
    m_value = m_function.value(m_x);
    m_slope = m_function.derivative(m_x);
    Q_EMIT pointChanged();
}

} // namespace gradlab
