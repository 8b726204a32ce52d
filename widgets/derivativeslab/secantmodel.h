// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "functionofx.h"

#include <QObject>
#include <QString>
#include <QVector>

namespace gradlab {

class DifferenceTableModel;

/// \brief Fig. 3: the secant through (x, f(x)) and (x+h, f(x+h)) on y = f(x) (x² unless another f
/// is typed) beside the true tangent at x, and the table of difference quotients as h shrinks.
class SecantModel : public QObject
{
    Q_OBJECT

public:
    explicit SecantModel(QObject* parent = nullptr);

    const FunctionOfX& function() const { return m_function; }
    /// f(x) in Unicode ("x²").
    QString functionText() const;
    /// The outcome of the last typed f(x): valid, or its problem, position and message.
    const FunctionInput& lastInput() const { return m_lastInput; }

    static constexpr const char* kDefaultFormula = "x^2";
    double x() const { return m_x; }
    double h() const { return m_h; }
    /// f(x), f(x+h): the two points of the secant.
    double valueAtX() const { return m_valueAtX; }
    double valueAtXPlusH() const { return m_valueAtXPlusH; }
    /// (f(x+h) − f(x)) / h
    double secantSlope() const { return m_secantSlope; }
    /// f′(x) from the engine.
    double tangentSlope() const { return m_tangentSlope; }
    /// The secant at \a t: f(x) + secant·(t − x).
    double secantAt(double t) const;
    /// The tangent at \a t: f(x) + f′(x)·(t − x).
    double tangentAt(double t) const;

    /// y = f(x) sampled over the plotted range [xMinimum − 0.5, xMaximum + 1.5].
    const QVector<double>& curveX() const { return m_curveX; }
    const QVector<double>& curveValues() const { return m_curveValues; }

    DifferenceTableModel* table() const { return m_table; }
    /// The note under the table, computed from its rows: where the error is smallest and why it
    /// grows again below that h.
    QString tableNote() const;

    double xMinimum() const { return -2.5; }
    double xMaximum() const { return 3.0; }
    /// The h slider's range: h ∈ [1e-12, 3].
    double hMinimum() const { return 1e-12; }
    double hMaximum() const { return 3.0; }

public Q_SLOTS:
    /// Moves x (clamped to [xMinimum, xMaximum]); the table is recomputed.
    void setX(double x);
    /// Sets h (clamped to [hMinimum, hMaximum]; NaN ignored).
    void setH(double h);
    /// Parses \a text as f(x); on success it becomes the curve (x and h stay) and true is
    /// returned. On error inputRejected is emitted and the last good function stays.
    bool setExpressionText(const QString& text);

Q_SIGNALS:
    /// f changed: its curve, and everything of changed().
    void functionChanged();
    /// A typed f(x) was rejected; lastInput() says where and why.
    void inputRejected();
    /// x or h changed: the secant, its slope, and (for x) the table.
    void changed();

private:
    void update(bool tableToo);
    void sampleCurve();

    FunctionOfX m_function;
    FunctionInput m_lastInput;
    DifferenceTableModel* m_table;
    QVector<double> m_curveX;
    QVector<double> m_curveValues;
    double m_x = 1.0;
    double m_h = 1.5;
    double m_valueAtX = 0.0;
    double m_valueAtXPlusH = 0.0;
    double m_secantSlope = 0.0;
    double m_tangentSlope = 0.0;
};

} // namespace gradlab
