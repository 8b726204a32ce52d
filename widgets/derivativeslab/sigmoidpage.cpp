// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "sigmoidpage.h"

#include "labplot.h"
#include "labstyle.h"
#include "sigmoidmodel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

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
    : QWidget(parent)
    , m_model(new SigmoidModel(this))
    , m_plot(new LabPlot(this))
{
    QCPAxisRect* top = m_plot->axisRect();
    m_derivativeRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(1, 0, m_derivativeRect);
    m_plot->plotLayout()->setRowStretchFactors({3.0, 2.0});
    LabPlot::styleAxisRect(m_derivativeRect);
    // One margin group, so both rects' x axes line up pixel for pixel.
    auto* margins = new QCPMarginGroup(m_plot);
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

    QCPGraph* sigma = m_plot->addCurve(top, QPen(labstyle::kCurve, 3));
    LabPlot::setCurveData(sigma, m_model->sampleX(), m_model->sampleValues());
    QCPGraph* derivative = m_plot->addCurve(m_derivativeRect, QPen(labstyle::kDerivative, 3));
    LabPlot::setCurveData(derivative, m_model->sampleX(), m_model->sampleDerivatives());

    m_tangent = verticalGuide(m_plot, top);
    m_tangent->setPen(QPen(labstyle::kDerivative, 2));
    m_guide = verticalGuide(m_plot, top);
    m_derivativeGuide = verticalGuide(m_plot, m_derivativeRect);

    QCPGraph* peak = m_plot->addMarker(m_derivativeRect, labstyle::kInk, 10.0, false);
    peak->setData({m_model->peakX()}, {m_model->peakValue()});
    QCPItemText* peakLabel =
        m_plot->addLabel(m_derivativeRect, labstyle::kInk, Qt::AlignHCenter | Qt::AlignBottom);
    peakLabel->setText(tr("peak σ′(%1) = %2")
                           .arg(labstyle::significant(m_model->peakX(), 3),
                                labstyle::significant(m_model->peakValue(), 3)));
    peakLabel->position->setCoords(m_model->peakX(), m_model->peakValue() + 0.008);

    m_point = m_plot->addMarker(top, labstyle::kPoint, 14.0);
    m_derivativePoint = m_plot->addMarker(m_derivativeRect, labstyle::kPoint, 12.0);
    // In the top right corner, where σ′ is near zero: it never covers the curve or the peak.
    m_derivativeLabel = m_plot->addLabel(m_derivativeRect, labstyle::kPoint.darker(120),
                                         Qt::AlignRight | Qt::AlignTop);
    m_derivativeLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_derivativeLabel->position->setCoords(0.99, 0.04);

    auto* side = new QWidget(this);
    side->setMinimumWidth(340);
    side->setMaximumWidth(420);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(labstyle::heading(tr("The sigmoid σ(x)"), side));
    sideLayout->addWidget(labstyle::paragraph(
        tr("σ(x) = 1 / (1 + e<sup>−x</sup>) squashes any number into (0, 1). Its derivative, "
           "drawn beneath, peaks at x = 0 where σ is steepest and is near zero where σ is flat. "
           "And it is expressible in σ itself:<br>&nbsp;&nbsp;<b>σ′(x) = σ(x)·(1 − σ(x))</b>"),
        side));
    auto* form = new QFormLayout;
    m_xEditor = new QDoubleSpinBox(side);
    m_xEditor->setRange(m_model->xMinimum(), m_model->xMaximum());
    m_xEditor->setDecimals(3);
    m_xEditor->setSingleStep(0.1);
    m_xEditor->setKeyboardTracking(false);
    form->addRow(tr("x₀"), m_xEditor);
    sideLayout->addLayout(form);
    m_identity = labstyle::readout(side);
    sideLayout->addWidget(m_identity);
    sideLayout->addWidget(labstyle::paragraph(
        tr("In backpropagation the forward pass has already computed y = σ(x), so σ′ costs one "
           "multiplication, y(1 − y): no exponential is evaluated again."),
        side));
    sideLayout->addStretch(1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_plot, 1);
    layout->addWidget(side);

    connect(m_xEditor, &QDoubleSpinBox::valueChanged, m_model, &CurveModel::setX);
    connect(m_model, &CurveModel::pointChanged, this, &SigmoidPage::updatePoint);
    connect(m_plot, &LabPlot::pressedAt, this, &SigmoidPage::moveTo);
    connect(m_plot, &LabPlot::draggedTo, this, &SigmoidPage::moveTo);
    updatePoint();
}

void SigmoidPage::moveTo(const QPointF& pixel)
{
    // Both rects share the x axis range and, through the margin group, its pixels.
    m_model->setX(LabPlot::coordinatesAt(m_plot->axisRect(), pixel).x());
}

void SigmoidPage::updatePoint()
{
    const double x = m_model->x();
    {
        const QSignalBlocker blocker(m_xEditor);
        m_xEditor->setValue(x);
    }
    m_point->setData({x}, {m_model->sigma()});
    m_derivativePoint->setData({x}, {m_model->engineDerivative()});
    m_tangent->point1->setCoords(x, m_model->sigma());
    m_tangent->point2->setCoords(x + 1.0, m_model->tangentAt(x + 1.0));
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
    m_plot->replot();
}

} // namespace gradlab
