// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QDoubleSpinBox;
class QLabel;

namespace gradlab {

class CurveModel;
class LabPlot;

/// \brief Fig. 2: a point dragged along y = x² with the tangent following it; the slope readout
/// is f′(x₀).
class TangentPage : public QWidget
{
    Q_OBJECT

public:
    explicit TangentPage(QWidget* parent = nullptr);

    CurveModel* model() const { return m_model; }
    LabPlot* plot() const { return m_plot; }
    QDoubleSpinBox* xEditor() const { return m_xEditor; }

private:
    void updatePoint();

    CurveModel* m_model;
    LabPlot* m_plot;
    QCPGraph* m_curve = nullptr;
    QCPGraph* m_point = nullptr;
    QCPItemStraightLine* m_tangent = nullptr;
    QCPItemText* m_slopeLabel = nullptr;
    QDoubleSpinBox* m_xEditor = nullptr;
    QLabel* m_readout = nullptr;
};

} // namespace gradlab
