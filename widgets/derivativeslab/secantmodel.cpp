// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "secantmodel.h"

#include "differencetablemodel.h"
#include "differentiation/finitedifferences.h"
#include "expression/printer.h"
#include "labstyle.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {

SecantModel::SecantModel(QObject* parent)
    : QObject(parent)
    , m_function(FunctionOfX::fromText(QString::fromLatin1(kDefaultFormula)))
    , m_table(new DifferenceTableModel(this))
{
    constexpr int samples = 601;
    const double from = xMinimum() - 0.5;
    const double to = xMaximum() + 1.5;
    m_curveX.resize(samples);
    for (int i = 0; i < samples; ++i) {
        m_curveX[i] = from + (to - from) * i / (samples - 1);
    }
    m_lastInput.expression = m_function.expression();
    sampleCurve();
    update(true);
}

QString SecantModel::functionText() const
{
    return m_function.isValid() ? QString::fromStdString(toPrettyText(m_function.expression()))
                                : QString();
}

bool SecantModel::setExpressionText(const QString& text)
{
    FunctionInput input = readFunctionOfX(text);
    const bool valid = input.isValid();
    m_lastInput = std::move(input);
    if (!valid) {
        Q_EMIT inputRejected();
        return false;
    }
    m_function = FunctionOfX(m_lastInput.expression);
    sampleCurve();
    Q_EMIT functionChanged();
    update(true);
    return true;
}

void SecantModel::sampleCurve()
{
    QVector<double> unused;
    m_function.sample(m_curveX, m_curveValues, unused);
}

double SecantModel::secantAt(double t) const
{
    // y = f(x) + (f(x+h) − f(x))/h · (t − x)
    return m_valueAtX + m_secantSlope * (t - m_x);
}

double SecantModel::tangentAt(double t) const
{
    // y = f(x) + f′(x)·(t − x)
    return m_valueAtX + m_tangentSlope * (t - m_x);
}

QString SecantModel::tableNote() const
{
    const int best = m_table->bestRow();
    if (best < 0) {
        return tr("f′ is undefined at x = %1, so no quotient has an error.")
            .arg(labstyle::significant(m_x, 6));
    }
    const QString bestStep = labstyle::significant(m_table->step(best), 3);
    if (!m_table->showsRoundOff()) {
        return tr("Here the error only shrinks with h, down to %1 at h = %2: f(x+h) − f(x) "
                  "happens to be computed without a visible rounding error.")
            .arg(labstyle::significant(m_table->error(best), 3), bestStep);
    }
    return tr("Beyond the tutorial: the error shrinks with h until h = %1 (error %2), then grows "
              "again. Doubles keep about 16 significant digits; for tiny h, f(x+h) and f(x) agree "
              "in almost all of them, and their difference keeps only the few that differ "
              "(round-off). Truncation error ~h meets round-off ~ε/h near h ≈ √ε ≈ %3.")
        .arg(bestStep, labstyle::significant(m_table->error(best), 3),
             labstyle::significant(std::sqrt(std::numeric_limits<double>::epsilon()), 2));
}

void SecantModel::setX(double x)
{
    if (std::isnan(x)) {
        return;
    }
    const double clamped = std::clamp(x, xMinimum(), xMaximum());
    if (clamped == m_x) {
        return;
    }
    m_x = clamped;
    update(true);
}

void SecantModel::setH(double h)
{
    if (std::isnan(h)) {
        return;
    }
    const double clamped = std::clamp(h, hMinimum(), hMaximum());
    if (clamped == m_h) {
        return;
    }
    m_h = clamped;
    update(false);
}

void SecantModel::update(bool tableToo)
{
    const auto f = [this](double t) {
        return m_function.value(t);
    };
    m_valueAtX = m_function.value(m_x);
    m_valueAtXPlusH = m_function.value(m_x + m_h);
    // secant slope = (f(x+h) − f(x)) / h
    m_secantSlope = forwardDifference(f, m_x, m_h);
    m_tangentSlope = m_function.derivative(m_x);
    if (tableToo) {
        m_table->compute(m_function, m_x);
    }
    Q_EMIT changed();
}

} // namespace gradlab
