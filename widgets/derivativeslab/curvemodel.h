// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "differentiation/differentiator.h"
#include "functionofx.h"

#include <QObject>
#include <QString>
#include <QVector>

namespace gradlab {

/// \brief A point on the curve y = f(x) and the tangent there (Fig. 2, 4 and 5): f(x₀), the
/// slope f′(x₀) from the engine, the symbolic f′ and the curves of f and f′ sampled for drawing.
class CurveModel : public QObject
{
    Q_OBJECT

public:
    /// The curve of \a formula (a fixed formula of the lab, e.g. "x^2") over [\a xMinimum,
    /// \a xMaximum], with the point at \a x.
    CurveModel(const QString& formula, double x, double xMinimum, double xMaximum,
               QObject* parent = nullptr);

    const FunctionOfX& function() const { return m_function; }
    /// The symbolic derivative with its rule-by-rule derivation.
    const Derivation& derivation() const { return m_derivation; }
    /// f′(x) in Unicode ("2x"); empty without a function.
    QString derivativeText() const;
    /// f(x) in Unicode ("x²").
    QString functionText() const;

    double x() const { return m_x; }
    /// f(x₀), the height of the curve at the point.
    double value() const { return m_value; }
    /// f′(x₀), the slope of the tangent at the point.
    double slope() const { return m_slope; }
    /// The tangent line at x₀ evaluated at \a t: f(x₀) + f′(x₀)(t − x₀).
    double tangentAt(double t) const;

    double xMinimum() const { return m_xMinimum; }
    double xMaximum() const { return m_xMaximum; }
    const QVector<double>& sampleX() const { return m_sampleX; }
    const QVector<double>& sampleValues() const { return m_sampleValues; }
    const QVector<double>& sampleDerivatives() const { return m_sampleDerivatives; }

    /// Points sampled over [xMinimum, xMaximum]; an even count less one keeps x = 0 a sample of
    /// symmetric ranges, so a pole there is a gap rather than a wild line.
    static constexpr int kSamples = 801;

public Q_SLOTS:
    /// Moves the point to \a x, clamped to [xMinimum, xMaximum] (NaN is ignored).
    void setX(double x);

Q_SIGNALS:
    /// The function changed: its curves and its derivative.
    void functionChanged();
    /// The point moved or the function changed under it.
    void pointChanged();

protected:
    /// Makes \a function the curve (samples and derivation recomputed) and re-evaluates the point.
    void setFunction(FunctionOfX function);
    /// Called by setFunction after the samples are taken and before functionChanged, so that
    /// subclasses can derive their own data from the new function first.
    virtual void functionReplaced() {}

private:
    void updatePoint();

    FunctionOfX m_function;
    Derivation m_derivation;
    double m_x = 0.0;
    double m_xMinimum = -1.0;
    double m_xMaximum = 1.0;
    double m_value = 0.0;
    double m_slope = 0.0;
    QVector<double> m_sampleX;
    QVector<double> m_sampleValues;
    QVector<double> m_sampleDerivatives;
};

} // namespace gradlab
