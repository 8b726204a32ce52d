// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "differentiation/differentiator.h"
#include "plotfonts.h"

#include <QWidget>

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;

namespace gradlab {

class PartialsModel;
class Session;

/// \brief The partials inspector: f, ∂f/∂x, ∂f/∂y, ∇f and its direction at the probe, the symbolic
/// partials with their rule-by-rule derivations, the two slices with their tangents, the
/// directional derivative, the Hessian and the tangent plane.
class PartialsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PartialsPanel(Session* session, QWidget* parent = nullptr);

    PartialsModel* model() const { return m_model; }
    /// The labels' texts, for tests and screen readers.
    QString valuesText() const;
    QString partialsText() const;
    QString derivationText() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    /// On a font change (presenter mode), the slice plots' fonts follow the panel's.
    void changeEvent(QEvent* event) override;

private:
    void showDerivations();
    void showValues();
    void setupSlicePlot(QCustomPlot* plot, const QString& variable);
    void showSlice(QCustomPlot* plot, Variable moving);

    Session* m_session;
    PartialsModel* m_model;
    PlotFonts m_plotFonts{this};
    QDoubleSpinBox* m_probeX = nullptr;
    QDoubleSpinBox* m_probeY = nullptr;
    QLabel* m_values = nullptr;
    QLabel* m_partials = nullptr;
    QLabel* m_derivation = nullptr;
    QLabel* m_gradient = nullptr;
    QCustomPlot* m_sliceXPlot = nullptr;
    QCustomPlot* m_sliceYPlot = nullptr;
    QDoubleSpinBox* m_directionAngle = nullptr;
    QLabel* m_directional = nullptr;
    QLabel* m_hessian = nullptr;
    QLabel* m_plane = nullptr;
};

} // namespace gradlab
