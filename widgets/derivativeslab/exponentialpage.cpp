// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "exponentialpage.h"

#include "curvemodel.h"
#include "labplot.h"
#include "labstyle.h"

#include <QLabel>

namespace gradlab {

ExponentialPage::ExponentialPage(QWidget* parent)
    : CurvePage(parent)
    , m_model(new CurveModel(QStringLiteral("exp(x)"), 1.0, -3.0, 2.2, this))
{
    plot()->xAxis->setRange(m_model->xMinimum() - 0.1, m_model->xMaximum() + 0.1);
    plot()->yAxis->setRange(-0.8, 9.8);
    plot()->xAxis->setLabel(QStringLiteral("x"));
    plot()->yAxis->setLabel(QStringLiteral("y"));
    QCPAxisRect* rect = plot()->axisRect();
    QCPGraph* curve = plot()->addCurve(rect, QPen(labstyle::kCurve, 5));
    curve->setName(tr("f(x) = %1").arg(m_model->functionText()));
    LabPlot::setCurveData(curve, m_model->sampleX(), m_model->sampleValues());
    // Dashed and narrower on top of the teal curve, so both stay visible where they overlap.
    QCPGraph* derivative = plot()->addCurve(rect, QPen(labstyle::kDerivative, 2.5, Qt::DashLine));
    derivative->setName(tr("f′(x) = %1").arg(m_model->derivativeText()));
    LabPlot::setCurveData(derivative, m_model->sampleX(), m_model->sampleDerivatives());
    m_height = new QCPItemLine(plot());
    m_height->setPen(QPen(labstyle::kInk, 1.5, Qt::DotLine));
    m_tangent = new QCPItemStraightLine(plot());
    m_tangent->setPen(QPen(labstyle::kDerivative, 1.5));
    m_point = plot()->addMarker(rect, labstyle::kPoint, 14.0);
    m_point->removeFromLegend();
    m_heightLabel = plot()->addLabel(rect, labstyle::kInk, Qt::AlignLeft | Qt::AlignVCenter);
    m_slopeLabel =
        plot()->addLabel(rect, labstyle::kDerivative.darker(130), Qt::AlignRight | Qt::AlignBottom);
    m_slopeLabel->setBrush(QBrush(QColor(255, 255, 255, 230)));
    showLegend();

    m_readout = addPointPanel(
        tr("The exponential eˣ"),
        tr("eˣ is its own derivative: d/dx eˣ = eˣ. The slope of the curve at any point equals "
           "its height there. The two curves overlap perfectly — that is the defining property "
           "of e ≈ 2.71828. Drag the point to confirm it anywhere."),
        tr("With the chain rule (next tutorial): d/dx eᵏˣ = k·eᵏˣ, so d/dx e⁻ˣ = −e⁻ˣ and "
           "d/dx e²ˣ = 2e²ˣ. The sigmoid is built from eˣ, which is why its derivative is "
           "cheap."));
    followPoint(m_model);
}

void ExponentialPage::updatePoint()
{
    const double x = m_model->x();
    const double height = m_model->value();
    const double slope = m_model->slope();
    placeOnPoint(m_point, m_tangent);
    m_height->start->setCoords(x, 0.0);
    m_height->end->setCoords(x, height);
    const double xSpan = plot()->xAxis->range().size();
    m_heightLabel->setText(tr("height %1").arg(labstyle::fixed(height, 3)));
    m_heightLabel->position->setCoords(x + 0.015 * xSpan, 0.5 * height);
    m_slopeLabel->setText(tr("slope %1").arg(labstyle::fixed(slope, 3)));
    m_slopeLabel->position->setCoords(x - 0.025 * xSpan, height);

    m_readout->setText(tr("x₀ = %1<br>height e<sup>x₀</sup> = %2<br>slope f′(x₀) = %3<br>"
                          "<b>slope − height = %4</b>")
                           .arg(labstyle::fixed(x, 3), labstyle::significant(height, 12),
                                labstyle::significant(slope, 12),
                                labstyle::significant(slope - height, 3)));
}

} // namespace gradlab
