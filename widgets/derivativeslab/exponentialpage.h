// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "curvepage.h"

class QCPGraph;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;

namespace gradlab {

class CurveModel;

/// \brief Fig. 4: eˣ (teal) and its derivative (amber, dashed) overlapping; at the dragged point
/// the slope equals the height.
class ExponentialPage : public CurvePage
{
    Q_OBJECT

public:
    explicit ExponentialPage(QWidget* parent = nullptr);

    CurveModel* model() const { return m_model; }

private:
    void updatePoint() override;

    CurveModel* m_model;
    QCPGraph* m_point = nullptr;
    QCPItemStraightLine* m_tangent = nullptr;
    QCPItemLine* m_height = nullptr;
    QCPItemText* m_heightLabel = nullptr;
    QCPItemText* m_slopeLabel = nullptr;
    QLabel* m_readout = nullptr;
};

} // namespace gradlab
