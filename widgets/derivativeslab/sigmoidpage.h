// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "curvepage.h"

class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;

namespace gradlab {

class SigmoidModel;

/// \brief Fig. 5: σ(x) above and σ′(x) beneath on a shared x axis, a point dragged on either,
/// the identity σ′ = σ(1 − σ) checked there, and the peak σ′(0) = 0.25 marked.
class SigmoidPage : public CurvePage
{
    Q_OBJECT

public:
    explicit SigmoidPage(QWidget* parent = nullptr);

    SigmoidModel* model() const { return m_model; }
    /// The lower axis rect, where σ′ is drawn.
    QCPAxisRect* derivativeRect() const { return m_derivativeRect; }

private:
    void updatePoint() override;

    SigmoidModel* m_model;
    QCPAxisRect* m_derivativeRect = nullptr;
    QCPGraph* m_point = nullptr;
    QCPGraph* m_derivativePoint = nullptr;
    QCPItemStraightLine* m_tangent = nullptr;
    QCPItemStraightLine* m_guide = nullptr;
    QCPItemStraightLine* m_derivativeGuide = nullptr;
    QCPItemText* m_derivativeLabel = nullptr;
    QLabel* m_identity = nullptr;
};

} // namespace gradlab
