// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "labpage.h"

#include <array>

class QCheckBox;
class QCPGraph;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;
class QDoubleSpinBox;
class QLabel;

namespace gradlab {

class SlopeModel;

/// \brief Fig. 1: two draggable points on a line, the run and rise as the legs of a right
/// triangle, and the slope Δy/Δx.
class SlopePage : public LabPage
{
    Q_OBJECT

public:
    explicit SlopePage(QWidget* parent = nullptr);

    SlopeModel* model() const { return m_model; }

private:
    void updateView();
    void startDrag(const QPointF& pixel);
    void drag(const QPointF& pixel);

    SlopeModel* m_model;
    QCPItemStraightLine* m_line = nullptr;
    QCPItemLine* m_runLeg = nullptr;
    QCPItemLine* m_riseLeg = nullptr;
    QCPItemText* m_runLabel = nullptr;
    QCPItemText* m_riseLabel = nullptr;
    QCPItemText* m_slopeLabel = nullptr;
    std::array<QCPItemText*, 2> m_pointLabels{};
    QCPGraph* m_points = nullptr;
    std::array<QDoubleSpinBox*, 4> m_coordinates{};
    QCheckBox* m_alongLine = nullptr;
    QLabel* m_readout = nullptr;
    int m_dragIndex = -1;
};

} // namespace gradlab
