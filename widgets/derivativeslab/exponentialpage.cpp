// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "exponentialpage.h"

#include "curvemodel.h"
#include "labplot.h"
#include "labstyle.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace gradlab {

ExponentialPage::ExponentialPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new CurveModel(QStringLiteral("exp(x)"), 1.0, -3.0, 2.2, this))
    , m_plot(new LabPlot(this))
{
    m_plot->xAxis->setRange(m_model->xMinimum() - 0.1, m_model->xMaximum() + 0.1);
    m_plot->yAxis->setRange(-0.8, 9.8);
    m_plot->xAxis->setLabel(QStringLiteral("x"));
    m_plot->yAxis->setLabel(QStringLiteral("y"));
    QCPAxisRect* rect = m_plot->axisRect();
    QCPGraph* curve = m_plot->addCurve(rect, QPen(labstyle::kCurve, 5));
    curve->setName(tr("f(x) = %1").arg(m_model->functionText()));
    LabPlot::setCurveData(curve, m_model->sampleX(), m_model->sampleValues());
    // Dashed and narrower on top of the teal curve, so both stay visible where they overlap.
    QCPGraph* derivative = m_plot->addCurve(rect, QPen(labstyle::kDerivative, 2.5, Qt::DashLine));
    derivative->setName(tr("f′(x) = %1").arg(m_model->derivativeText()));
    LabPlot::setCurveData(derivative, m_model->sampleX(), m_model->sampleDerivatives());
    m_height = new QCPItemLine(m_plot);
    m_height->setPen(QPen(labstyle::kInk, 1.5, Qt::DotLine));
    m_tangent = new QCPItemStraightLine(m_plot);
    m_tangent->setPen(QPen(labstyle::kDerivative, 1.5));
    m_point = m_plot->addMarker(rect, labstyle::kPoint, 14.0);
    m_point->removeFromLegend();
    m_heightLabel = m_plot->addLabel(rect, labstyle::kInk, Qt::AlignLeft | Qt::AlignVCenter);
    m_slopeLabel =
        m_plot->addLabel(rect, labstyle::kDerivative.darker(130), Qt::AlignRight | Qt::AlignBottom);
    m_slopeLabel->setBrush(QBrush(QColor(255, 255, 255, 230)));
    m_plot->legend->setVisible(true);
    QFont legendFont = m_plot->font();
    legendFont.setPointSizeF(11);
    m_plot->legend->setFont(legendFont);
    rect->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    auto* side = new QWidget(this);
    side->setMinimumWidth(340);
    side->setMaximumWidth(420);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(labstyle::heading(tr("The exponential eˣ"), side));
    sideLayout->addWidget(labstyle::paragraph(
        tr("eˣ is its own derivative: d/dx eˣ = eˣ. The slope of the curve at any point equals "
           "its height there. The two curves overlap perfectly — that is the defining property "
           "of e ≈ 2.71828. Drag the point to confirm it anywhere."),
        side));
    auto* form = new QFormLayout;
    m_xEditor = new QDoubleSpinBox(side);
    m_xEditor->setRange(m_model->xMinimum(), m_model->xMaximum());
    m_xEditor->setDecimals(3);
    m_xEditor->setSingleStep(0.1);
    m_xEditor->setKeyboardTracking(false);
    form->addRow(tr("x₀"), m_xEditor);
    sideLayout->addLayout(form);
    m_readout = labstyle::readout(side);
    sideLayout->addWidget(m_readout);
    sideLayout->addWidget(labstyle::paragraph(
        tr("With the chain rule (next tutorial): d/dx eᵏˣ = k·eᵏˣ, so d/dx e⁻ˣ = −e⁻ˣ and "
           "d/dx e²ˣ = 2e²ˣ. The sigmoid is built from eˣ, which is why its derivative is "
           "cheap."),
        side));
    sideLayout->addStretch(1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_plot, 1);
    layout->addWidget(side);

    connect(m_xEditor, &QDoubleSpinBox::valueChanged, m_model, &CurveModel::setX);
    connect(m_model, &CurveModel::pointChanged, this, &ExponentialPage::updatePoint);
    connect(m_plot, &LabPlot::pressedAt, this, [this](const QPointF& pixel) {
        m_model->setX(LabPlot::coordinatesAt(m_plot->axisRect(), pixel).x());
    });
    connect(m_plot, &LabPlot::draggedTo, this, [this](const QPointF& pixel) {
        m_model->setX(LabPlot::coordinatesAt(m_plot->axisRect(), pixel).x());
    });
    updatePoint();
}

void ExponentialPage::updatePoint()
{
    const double x = m_model->x();
    const double height = m_model->value();
    const double slope = m_model->slope();
    {
        const QSignalBlocker blocker(m_xEditor);
        m_xEditor->setValue(x);
    }
    m_point->setData({x}, {height});
    m_tangent->point1->setCoords(x, height);
    m_tangent->point2->setCoords(x + 1.0, m_model->tangentAt(x + 1.0));
    m_height->start->setCoords(x, 0.0);
    m_height->end->setCoords(x, height);
    const double xSpan = m_plot->xAxis->range().size();
    m_heightLabel->setText(tr("height %1").arg(labstyle::fixed(height, 3)));
    m_heightLabel->position->setCoords(x + 0.015 * xSpan, 0.5 * height);
    m_slopeLabel->setText(tr("slope %1").arg(labstyle::fixed(slope, 3)));
    m_slopeLabel->position->setCoords(x - 0.025 * xSpan, height);

    m_readout->setText(tr("x₀ = %1<br>height e<sup>x₀</sup> = %2<br>slope f′(x₀) = %3<br>"
                          "<b>slope − height = %4</b>")
                           .arg(labstyle::fixed(x, 3), labstyle::significant(height, 12),
                                labstyle::significant(slope, 12),
                                labstyle::significant(slope - height, 3)));
    m_plot->replot();
}

} // namespace gradlab
