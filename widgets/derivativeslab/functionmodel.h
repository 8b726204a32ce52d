// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "curvemodel.h"
#include "functionofx.h"

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>
#include <vector>

namespace gradlab {

/// \brief The any-f(x) page: a typed f(x), plotted with f′, its simplified symbolic derivative
/// with the rule-by-rule derivation, and the corners where f has no tangent (ReLU, |x|). A
/// rejected input is reported with its position and the last good function stays.
class FunctionModel : public CurveModel
{
    Q_OBJECT

public:
    /// The any-f(x) page's model: kDefaultFormula over [−5, 5], the point at 1.
    explicit FunctionModel(QObject* parent = nullptr);
    /// \a formula over [\a xMinimum, \a xMaximum] with the point at \a x, to be retyped.
    FunctionModel(const QString& formula, double x, double xMinimum, double xMaximum,
                  QObject* parent = nullptr);

    /// The text of the current (last good) function.
    QString text() const { return m_text; }
    /// The outcome of the last input: valid, or its problem, position and message.
    const FunctionInput& lastInput() const { return m_lastInput; }
    bool hasError() const { return !m_lastInput.isValid(); }

    /// The derivation's steps worth showing for a function of x alone: all but the first, which
    /// only says that y is held constant.
    std::vector<DerivationStep> shownSteps() const;
    /// The shown steps' text in reading order, indented by depth (two em spaces per level).
    QStringList derivationLines() const;
    /// Where an argument of relu or abs crosses 0 within the plotted range: corners with no
    /// tangent, where f′ takes the framework convention.
    const QVector<double>& kinks() const { return m_kinks; }
    /// What the first corner means and which convention f′ follows there; empty without corners.
    QString kinkNote() const;
    /// A y range that shows f and f′ over the samples, robust to poles (2nd–98th percentile).
    QPair<double, double> valueRange() const;

    static constexpr const char* kDefaultFormula = "3x^2 + 5x - 7";

public Q_SLOTS:
    /// Parses \a text; on success it becomes the function and true is returned. On error
    /// inputRejected is emitted and the last good function stays.
    bool setExpressionText(const QString& text);
    /// Loads \a formula and moves the point to \a x (a row of the table of derivatives).
    bool load(const QString& formula, double x);

Q_SIGNALS:
    /// \a text was rejected; lastInput() says where and why.
    void inputRejected(const QString& text);
    /// The last input was accepted (clears a shown error).
    void inputAccepted();

protected:
    void functionReplaced() override;

private:
    QString m_text;
    FunctionInput m_lastInput;
    QVector<double> m_kinks;
};

} // namespace gradlab
