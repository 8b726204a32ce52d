// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "curvepage.h"

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;

namespace gradlab {

class CurveModel;

/// \brief Fig. 2: a point dragged along y = x² with the tangent following it; the slope readout
/// is f′(x₀).
class TangentPage : public CurvePage
{
    Q_OBJECT

public:
    explicit TangentPage(QWidget* parent = nullptr);

    CurveModel* model() const { return m_model; }

private:
    void updatePoint() override;

    CurveModel* m_model;
    QCPGraph* m_curve = nullptr;
    QCPGraph* m_point = nullptr;
    QCPItemStraightLine* m_tangent = nullptr;
    QCPItemText* m_slopeLabel = nullptr;
    QLabel* m_readout = nullptr;
};

} // namespace gradlab
