// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "labpage.h"

class QCPGraph;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QTableView;

namespace gradlab {

class FormulaEditor;
class NumberEdit;
class SecantModel;

/// \brief Fig. 3: the secant through x and x + h on y = f(x) (x² unless another f is typed) tilting
/// toward the tangent as h shrinks (a log-scale slider plus exact entry), and the table of
/// difference quotients.
class SecantPage : public LabPage
{
    Q_OBJECT

public:
    explicit SecantPage(QWidget* parent = nullptr);

    SecantModel* model() const { return m_model; }
    QSlider* hSlider() const { return m_hSlider; }
    QTableView* tableView() const { return m_tableView; }
    /// The box on the plot with the secant's and the tangent's slopes.
    QCPItemText* slopes() const { return m_slopes; }
    /// The side panel's readout of x, h and the difference quotient.
    QLabel* readout() const { return m_readout; }
    /// Where f(x) is typed.
    FormulaEditor* formula() const { return m_formula; }

    /// The slider's positions: 0 is h = 1e-12, kSliderSteps is h = 3, evenly in log₁₀ h.
    static constexpr int kSliderSteps = 1000;

private:
    void updateFunction();
    void updateView();
    void startDrag(const QPointF& pixel);
    void drag(const QPointF& pixel);
    double hForSlider(int position) const;
    int sliderForH(double h) const;

    SecantModel* m_model;
    QCPGraph* m_curve = nullptr;
    QCPGraph* m_points = nullptr;
    QCPItemStraightLine* m_secant = nullptr;
    QCPItemStraightLine* m_tangent = nullptr;
    QCPItemLine* m_dropA = nullptr;
    QCPItemLine* m_dropB = nullptr;
    QCPItemText* m_labelA = nullptr;
    QCPItemText* m_labelB = nullptr;
    QCPItemText* m_slopes = nullptr;
    QDoubleSpinBox* m_xEditor = nullptr;
    QSlider* m_hSlider = nullptr;
    NumberEdit* m_hEditor = nullptr;
    QLabel* m_readout = nullptr;
    QTableView* m_tableView = nullptr;
    QLabel* m_note = nullptr;
    FormulaEditor* m_formula = nullptr;
    bool m_draggingH = false;
};

} // namespace gradlab
