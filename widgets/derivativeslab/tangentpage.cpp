// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "tangentpage.h"

#include "formulaeditor.h"
#include "functionmodel.h"
#include "labplot.h"
#include "labstyle.h"

#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

namespace gradlab {

TangentPage::TangentPage(QWidget* parent)
    : CurvePage(parent)
    , m_model(new FunctionModel(QString::fromLatin1(kDefaultFormula), 1.0, -4.0, 4.0, this))
{
    plot()->xAxis->setRange(m_model->xMinimum() - 0.2, m_model->xMaximum() + 0.2);
    plot()->yAxis->setRange(-4.5, 17.0);
    plot()->xAxis->setLabel(QStringLiteral("x"));
    plot()->yAxis->setLabel(tr("y = %1").arg(m_model->functionText()));
    QCPAxisRect* rect = plot()->axisRect();
    m_curve = plot()->addCurve(rect, QPen(labstyle::kCurve, 3));
    LabPlot::setCurveData(m_curve, m_model->sampleX(), m_model->sampleValues());
    m_tangent = new QCPItemStraightLine(plot());
    m_tangent->setPen(QPen(labstyle::kDerivative, 2.5));
    m_point = plot()->addMarker(rect, labstyle::kPoint, 14.0);
    m_slopeLabel = plot()->addLabel(rect, labstyle::kInk, Qt::AlignHCenter | Qt::AlignBottom);
    m_slopeLabel->setBrush(QBrush(QColor(255, 255, 255, 230)));

    m_readout = addPointPanel(
        tr("Tangent to a curve"),
        tr("A curve has no single slope, but at each point there is a line that just kisses it: "
           "the <i>tangent</i>. Its slope is the derivative f′(x₀). Drag the red point along "
           "the curve and watch the tangent follow: negative where the curve descends, zero at "
           "the bottom of the bowl, positive where it ascends."),
        tr("Notation: f′(x) = df/dx = dy/dx = Df(x) all mean the same slope."));
    // Under the introduction: the curve, x² unless another is typed.
    m_formula = new FormulaEditor(m_model->text(), m_readout->parentWidget());
    static_cast<QVBoxLayout*>(m_readout->parentWidget()->layout())->insertWidget(2, m_formula);
    connect(m_formula, &FormulaEditor::formulaTyped, m_model, &FunctionModel::setExpressionText);
    connect(m_model, &FunctionModel::inputRejected, this,
            [this] { m_formula->showRejection(m_model->lastInput(), m_model->functionText()); });
    connect(m_model, &CurveModel::functionChanged, this, &TangentPage::updateFunction);
    followPoint(m_model);
}

void TangentPage::updateFunction()
{
    m_formula->showAccepted();
    LabPlot::setCurveData(m_curve, m_model->sampleX(), m_model->sampleValues());
    plot()->yAxis->setLabel(tr("y = %1").arg(m_model->functionText()));
    const auto [low, high] = labstyle::shownRange(m_model->sampleValues());
    plot()->yAxis->setRange(low, high);
}

void TangentPage::updatePoint()
{
    const double x = m_model->x();
    const double y = m_model->value();
    const double slope = m_model->slope();
    placeOnPoint(m_point, m_tangent);
    // The number under the curve, as in the tutorial's figure: at the foot of the plot, below
    // the point.
    m_slopeLabel->setText(tr("slope f′(%1) = %2").arg(labstyle::fixed(x), labstyle::fixed(slope)));
    const QCPRange yRange = plot()->yAxis->range();
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
}

} // namespace gradlab
