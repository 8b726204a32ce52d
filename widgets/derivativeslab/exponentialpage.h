// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QCPGraph;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;
class QDoubleSpinBox;
class QLabel;

namespace gradlab {

class CurveModel;
class LabPlot;

/// \brief Fig. 4: eˣ (teal) and its derivative (amber, dashed) overlapping; at the dragged point
/// the slope equals the height.
class ExponentialPage : public QWidget
{
    Q_OBJECT

public:
    explicit ExponentialPage(QWidget* parent = nullptr);

    CurveModel* model() const { return m_model; }
    LabPlot* plot() const { return m_plot; }

private:
    void updatePoint();

    CurveModel* m_model;
    LabPlot* m_plot;
    QCPGraph* m_point = nullptr;
    QCPItemStraightLine* m_tangent = nullptr;
    QCPItemLine* m_height = nullptr;
    QCPItemText* m_heightLabel = nullptr;
    QCPItemText* m_slopeLabel = nullptr;
    QDoubleSpinBox* m_xEditor = nullptr;
    QLabel* m_readout = nullptr;
};

} // namespace gradlab
