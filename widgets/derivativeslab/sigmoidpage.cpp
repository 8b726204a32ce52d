// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "sigmoidpage.h"

#include "labplot.h"
#include "labstyle.h"
#include "sigmoidmodel.h"

#include <QLabel>

namespace gradlab {
namespace {

QCPItemStraightLine* verticalGuide(LabPlot* plot, QCPAxisRect* rect)
{
    auto* line = new QCPItemStraightLine(plot);
    line->setClipAxisRect(rect);
    line->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    line->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    line->setPen(QPen(labstyle::kInk, 1, Qt::DotLine));
    return line;
}

} // namespace

SigmoidPage::SigmoidPage(QWidget* parent)
    : CurvePage(parent)
    , m_model(new SigmoidModel(this))
{
    QCPAxisRect* top = plot()->axisRect();
    m_derivativeRect = new QCPAxisRect(plot());
    plot()->plotLayout()->addElement(1, 0, m_derivativeRect);
    plot()->plotLayout()->setRowStretchFactors({3.0, 2.0});
    LabPlot::styleAxisRect(m_derivativeRect);
    // One margin group, so both rects' x axes line up pixel for pixel: a press on either moves
    // the point to the x under the mouse.
    auto* margins = new QCPMarginGroup(plot());
    top->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_derivativeRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);

    const QCPRange xRange(m_model->xMinimum(), m_model->xMaximum());
    top->axis(QCPAxis::atBottom)->setRange(xRange);
    top->axis(QCPAxis::atLeft)->setRange(-0.1, 1.1);
    top->axis(QCPAxis::atLeft)->setLabel(tr("σ(x)"));
    QCPAxis* bottomX = m_derivativeRect->axis(QCPAxis::atBottom);
    QCPAxis* bottomY = m_derivativeRect->axis(QCPAxis::atLeft);
    bottomX->setRange(xRange);
    bottomX->setLabel(QStringLiteral("x"));
    bottomY->setRange(-0.02, 0.32);
    bottomY->setLabel(tr("σ′(x)"));

    QCPGraph* sigma = plot()->addCurve(top, QPen(labstyle::kCurve, 3));
    LabPlot::setCurveData(sigma, m_model->sampleX(), m_model->sampleValues());
    QCPGraph* derivative = plot()->addCurve(m_derivativeRect, QPen(labstyle::kDerivative, 3));
    LabPlot::setCurveData(derivative, m_model->sampleX(), m_model->sampleDerivatives());

    m_tangent = verticalGuide(plot(), top);
    m_tangent->setPen(QPen(labstyle::kDerivative, 2));
    m_guide = verticalGuide(plot(), top);
    m_derivativeGuide = verticalGuide(plot(), m_derivativeRect);

    QCPGraph* peak = plot()->addMarker(m_derivativeRect, labstyle::kInk, 10.0, false);
    peak->setData({m_model->peakX()}, {m_model->peakValue()});
    QCPItemText* peakLabel =
        plot()->addLabel(m_derivativeRect, labstyle::kInk, Qt::AlignHCenter | Qt::AlignBottom);
    peakLabel->setText(tr("peak σ′(%1) = %2")
                           .arg(labstyle::significant(m_model->peakX(), 3),
                                labstyle::significant(m_model->peakValue(), 3)));
    peakLabel->position->setCoords(m_model->peakX(), m_model->peakValue() + 0.008);

    m_point = plot()->addMarker(top, labstyle::kPoint, 14.0);
    m_derivativePoint = plot()->addMarker(m_derivativeRect, labstyle::kPoint, 12.0);
    // In the top right corner, where σ′ is near zero: it never covers the curve or the peak.
    m_derivativeLabel = plot()->addLabel(m_derivativeRect, labstyle::kPoint.darker(120),
                                         Qt::AlignRight | Qt::AlignTop);
    m_derivativeLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_derivativeLabel->position->setCoords(0.99, 0.04);

    m_identity = addPointPanel(
        tr("The sigmoid σ(x)"),
        tr("σ(x) = 1 / (1 + e<sup>−x</sup>) squashes any number into (0, 1). Its derivative, "
           "drawn beneath, peaks at x = 0 where σ is steepest and is near zero where σ is flat. "
           "And it is expressible in σ itself:<br>&nbsp;&nbsp;<b>σ′(x) = σ(x)·(1 − σ(x))</b>"),
        tr("In backpropagation the forward pass has already computed y = σ(x), so σ′ costs one "
           "multiplication, y(1 − y): no exponential is evaluated again."));
    followPoint(m_model);
}

void SigmoidPage::updatePoint()
{
    const double x = m_model->x();
    placeOnPoint(m_point, m_tangent);
    m_derivativePoint->setData({x}, {m_model->engineDerivative()});
    m_guide->point1->setCoords(x, 0.0);
    m_guide->point2->setCoords(x, 1.0);
    m_derivativeGuide->point1->setCoords(x, 0.0);
    m_derivativeGuide->point2->setCoords(x, 1.0);
    m_derivativeLabel->setText(
        tr("σ′(%1) = %2").arg(labstyle::fixed(x), labstyle::fixed(m_model->engineDerivative(), 4)));
    const auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td>%1</td><td align=\"right\">&nbsp;&nbsp;%2</td></tr>")
            .arg(name, value);
    };
    QString table = QStringLiteral("<table cellspacing=\"2\">");
    table += row(tr("σ(x₀)"), labstyle::significant(m_model->sigma(), 12));
    table += row(tr("1 − σ(x₀)"), labstyle::significant(m_model->oneMinusSigma(), 12));
    table += row(tr("σ(x₀)·(1 − σ(x₀))"), labstyle::significant(m_model->identityProduct(), 12));
    table +=
        row(tr("σ′(x₀) from the engine"), labstyle::significant(m_model->engineDerivative(), 12));
    table += row(
        tr("<b>difference</b>"),
        QStringLiteral("<b>%1</b>").arg(labstyle::significant(m_model->identityDifference(), 3)));
    table += QStringLiteral("</table>");
    m_identity->setText(table);
}

} // namespace gradlab
