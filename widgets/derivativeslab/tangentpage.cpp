// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "tangentpage.h"

#include "curvemodel.h"
#include "labplot.h"
#include "labstyle.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <cmath>

namespace gradlab {

TangentPage::TangentPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new CurveModel(QStringLiteral("x^2"), 1.0, -4.0, 4.0, this))
    , m_plot(new LabPlot(this))
{
    m_plot->xAxis->setRange(m_model->xMinimum() - 0.2, m_model->xMaximum() + 0.2);
    m_plot->yAxis->setRange(-4.5, 17.0);
    m_plot->xAxis->setLabel(QStringLiteral("x"));
    m_plot->yAxis->setLabel(tr("y = %1").arg(m_model->functionText()));
    QCPAxisRect* rect = m_plot->axisRect();
    m_curve = m_plot->addCurve(rect, QPen(labstyle::kCurve, 3));
    LabPlot::setCurveData(m_curve, m_model->sampleX(), m_model->sampleValues());
    m_tangent = new QCPItemStraightLine(m_plot);
    m_tangent->setPen(QPen(labstyle::kDerivative, 2.5));
    m_point = m_plot->addMarker(rect, labstyle::kPoint, 14.0);
    m_slopeLabel = m_plot->addLabel(rect, labstyle::kInk, Qt::AlignHCenter | Qt::AlignBottom);
    m_slopeLabel->setBrush(QBrush(QColor(255, 255, 255, 230)));

    auto* side = new QWidget(this);
    side->setMinimumWidth(340);
    side->setMaximumWidth(420);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(labstyle::heading(tr("Tangent to a curve"), side));
    sideLayout->addWidget(labstyle::paragraph(
        tr("A curve has no single slope, but at each point there is a line that just kisses it: "
           "the <i>tangent</i>. Its slope is the derivative f′(x₀). Drag the red point along "
           "the curve and watch the tangent follow: negative where the curve descends, zero at "
           "the bottom of the bowl, positive where it ascends."),
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
        tr("Notation: f′(x) = df/dx = dy/dx = Df(x) all mean the same slope."), side));
    sideLayout->addStretch(1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_plot, 1);
    layout->addWidget(side);

    connect(m_xEditor, &QDoubleSpinBox::valueChanged, m_model, &CurveModel::setX);
    connect(m_model, &CurveModel::pointChanged, this, &TangentPage::updatePoint);
    connect(m_plot, &LabPlot::pressedAt, this, [this](const QPointF& pixel) {
        m_model->setX(LabPlot::coordinatesAt(m_plot->axisRect(), pixel).x());
    });
    connect(m_plot, &LabPlot::draggedTo, this, [this](const QPointF& pixel) {
        m_model->setX(LabPlot::coordinatesAt(m_plot->axisRect(), pixel).x());
    });
    updatePoint();
}

void TangentPage::updatePoint()
{
    const double x = m_model->x();
    const double y = m_model->value();
    const double slope = m_model->slope();
    {
        const QSignalBlocker blocker(m_xEditor);
        m_xEditor->setValue(x);
    }
    m_point->setData({x}, {y});
    m_tangent->point1->setCoords(x, y);
    m_tangent->point2->setCoords(x + 1.0, m_model->tangentAt(x + 1.0));
    // The number under the curve, as in the tutorial's figure: at the foot of the plot, below
    // the point.
    m_slopeLabel->setText(tr("slope f′(%1) = %2").arg(labstyle::fixed(x), labstyle::fixed(slope)));
    const QCPRange yRange = m_plot->yAxis->range();
    m_slopeLabel->position->setCoords(x, yRange.lower + 0.03 * yRange.size());

    QString shape;
    if (!std::isfinite(slope)) {
        shape = tr("no tangent here");
    } else if (std::fabs(slope) < 1e-12) {
        shape = tr("flat: the bottom of the bowl");
    } else if (slope < 0) {
        shape = tr("the curve descends");
    } else {
        shape = tr("the curve ascends");
    }
    m_readout->setText(tr("f(x) = %1 &nbsp; so &nbsp; f′(x) = %2<br>"
                          "x₀ = %3<br>f(x₀) = %4<br><b>slope f′(x₀) = %5</b> — %6")
                           .arg(m_model->functionText().toHtmlEscaped(),
                                m_model->derivativeText().toHtmlEscaped(), labstyle::fixed(x, 3),
                                labstyle::fixed(y, 3), labstyle::fixed(slope), shape));
    m_plot->replot();
}

} // namespace gradlab
