// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "labpage.h"

class QCPGraph;
class QCPItemStraightLine;
class QDoubleSpinBox;
class QLabel;

namespace gradlab {

class CurveModel;

/// \brief A lab page about the point x₀ on a curve y = f(x) (Fig. 2, 4, 5 and any f(x)): the x₀
/// box and a press or drag on the plot move the model's point, and the page follows it.
class CurvePage : public LabPage
{
    Q_OBJECT

public:
    /// The box for typing x₀ exactly; it shows the point's x as the point moves.
    QDoubleSpinBox* xEditor() const { return m_xEditor; }

protected:
    explicit CurvePage(QWidget* parent = nullptr);

    /// Lays the plot out beside the usual panel: \a title, \a introduction, the x₀ box, a readout
    /// (returned, for updatePoint() to fill) and \a closing.
    QLabel* addPointPanel(const QString& title, const QString& introduction,
                          const QString& closing);
    /// Makes \a model's point the one the page shows: the x₀ box takes the model's x range and
    /// moves the point, as does a press or drag on the plot, and each move (and this call) runs
    /// updatePoint(). Call once, when everything updatePoint() touches exists.
    void followPoint(CurveModel* model);
    /// Puts \a marker on the point (x₀, f(x₀)) and \a tangent through it with the slope f′(x₀).
    void placeOnPoint(QCPGraph* marker, QCPItemStraightLine* tangent) const;
    /// Moves the page's marks and readouts to the point; the x₀ box is already updated and the
    /// plot is replotted afterwards.
    virtual void updatePoint() = 0;

private:
    void showPoint();

    /// The model whose point the page follows.
    CurveModel* m_followed = nullptr;
    QDoubleSpinBox* m_xEditor;
};

} // namespace gradlab
