// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "curvepage.h"

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;

namespace gradlab {

class FormulaEditor;
class FunctionModel;

/// \brief Fig. 2: a point dragged along y = f(x) (x² unless another f is typed) with the tangent
/// following it; the slope readout is f′(x₀).
class TangentPage : public CurvePage
{
    Q_OBJECT

public:
    explicit TangentPage(QWidget* parent = nullptr);

    FunctionModel* model() const { return m_model; }
    /// Where f(x) is typed.
    FormulaEditor* formula() const { return m_formula; }

    static constexpr const char* kDefaultFormula = "x^2";

private:
    void updateFunction();
    void updatePoint() override;

    FunctionModel* m_model;
    FormulaEditor* m_formula = nullptr;
    QCPGraph* m_curve = nullptr;
    QCPGraph* m_point = nullptr;
    QCPItemStraightLine* m_tangent = nullptr;
    QCPItemText* m_slopeLabel = nullptr;
    QLabel* m_readout = nullptr;
};

} // namespace gradlab
