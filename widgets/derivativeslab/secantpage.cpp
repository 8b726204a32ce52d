// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "secantpage.h"

#include "differencetablemodel.h"
#include "formulaeditor.h"
#include "labplot.h"
#include "labstyle.h"
#include "panels/numberedit.h"
#include "secantmodel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace gradlab {
namespace {

/// How close (pixels) a press must be to the point x + h to drag h rather than x.
constexpr double kGrabRadius = 24.0;

QCPItemLine* drop(LabPlot* plot)
{
    auto* line = new QCPItemLine(plot);
    line->setPen(QPen(labstyle::kInk, 1, Qt::DotLine));
    return line;
}

/// \a value rounded to 3 significant digits, so that slider positions give readable steps.
double roundToThreeDigits(double value)
{
    const double scale = std::pow(10.0, std::floor(std::log10(value)) - 2.0);
    return std::round(value / scale) * scale;
}

} // namespace

SecantPage::SecantPage(QWidget* parent)
    : LabPage(parent)
    , m_model(new SecantModel(this))
{
    plot()->xAxis->setRange(m_model->xMinimum(), m_model->xMaximum() + 1.5);
    plot()->yAxis->setRange(-1.5, 13.0);
    plot()->xAxis->setLabel(QStringLiteral("x"));
    plot()->yAxis->setLabel(tr("y = %1").arg(m_model->functionText()));
    QCPAxisRect* rect = plot()->axisRect();
    m_curve = plot()->addCurve(rect, QPen(labstyle::kCurve, 3));
    LabPlot::setCurveData(m_curve, m_model->curveX(), m_model->curveValues());
    m_tangent = new QCPItemStraightLine(plot());
    m_tangent->setPen(QPen(labstyle::kDerivative, 2.5, Qt::DashLine));
    m_secant = new QCPItemStraightLine(plot());
    m_secant->setPen(QPen(labstyle::kSecant, 2.5));
    m_dropA = drop(plot());
    m_dropB = drop(plot());
    m_labelA = plot()->addLabel(rect, labstyle::kInk, Qt::AlignHCenter | Qt::AlignTop);
    m_labelA->setText(QStringLiteral("x"));
    m_labelB = plot()->addLabel(rect, labstyle::kInk, Qt::AlignHCenter | Qt::AlignTop);
    m_labelB->setText(QStringLiteral("x + h"));
    m_points = plot()->addMarker(rect, labstyle::kPoint, 13.0);
    // 13 pt beside the default 9 pt font: the page's answer, larger than the plot's labels.
    m_slopes = plot()->addLabel(rect, labstyle::kInk, Qt::AlignLeft | Qt::AlignTop, {13.0 / 9.0});
    m_slopes->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_slopes->position->setCoords(0.02, 0.03);
    m_slopes->setBrush(QBrush(QColor(255, 255, 255, 235)));
    m_slopes->setPen(QPen(QColor(200, 204, 210)));
    m_slopes->setPadding(QMargins(8, 5, 8, 5));

    QVBoxLayout* sideLayout = addSidePanel(
        tr("The limit definition"),
        tr("The secant (red) joins two points h apart on the curve y = f(x). Its slope is "
           "(f(x+h) − f(x)) / h. Slide h toward 0: the secant tilts toward the tangent "
           "(amber) and its slope approaches f′(x) = lim<sub>h→0</sub> (f(x+h) − f(x)) / h."),
        380, 440);
    QWidget* side = sideLayout->parentWidget();
    m_formula = new FormulaEditor(QString::fromLatin1(SecantModel::kDefaultFormula), side);
    sideLayout->addWidget(m_formula);
    auto* form = new QFormLayout;
    m_xEditor = labstyle::xEditor(side);
    m_xEditor->setRange(m_model->xMinimum(), m_model->xMaximum());
    form->addRow(tr("x"), m_xEditor);
    auto* hRow = new QHBoxLayout;
    m_hSlider = new QSlider(Qt::Horizontal, side);
    m_hSlider->setRange(0, kSliderSteps);
    m_hSlider->setToolTip(tr("h on a log scale, from 1e-12 to 3"));
    m_hEditor = new NumberEdit(NumberEdit::Sign::Positive, side);
    m_hEditor->setToolTip(tr("h exactly, e.g. 0.001 or 1e-9"));
    m_hEditor->setMaximumWidth(110);
    hRow->addWidget(m_hSlider, 1);
    hRow->addWidget(m_hEditor);
    form->addRow(tr("h"), hRow);
    sideLayout->addLayout(form);
    m_readout = labstyle::readout(side);
    sideLayout->addWidget(m_readout);

    m_tableView = new QTableView(side);
    m_tableView->setModel(m_model->table());
    m_tableView->verticalHeader()->setVisible(false);
    m_tableView->setSelectionMode(QAbstractItemView::NoSelection);
    m_tableView->setFocusPolicy(Qt::NoFocus);
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_tableView->horizontalHeader()->setSectionResizeMode(
        static_cast<int>(DifferenceTableModel::Column::Quotient), QHeaderView::ResizeToContents);
    labstyle::fitHeightToRows(m_tableView, 4);
    sideLayout->addWidget(m_tableView);
    m_note = labstyle::paragraph(QString(), side);
    sideLayout->addWidget(m_note);
    sideLayout->addStretch(1);

    connect(m_xEditor, &QDoubleSpinBox::valueChanged, m_model, &SecantModel::setX);
    connect(m_hSlider, &QSlider::valueChanged, this,
            [this](int position) { m_model->setH(hForSlider(position)); });
    connect(m_hEditor, &NumberEdit::valueEdited, m_model, &SecantModel::setH);
    connect(m_model, &SecantModel::changed, this, &SecantPage::updateView);
    connect(m_formula, &FormulaEditor::formulaTyped, m_model, &SecantModel::setExpressionText);
    connect(m_model, &SecantModel::inputRejected, this,
            [this] { m_formula->showRejection(m_model->lastInput(), m_model->functionText()); });
    connect(m_model, &SecantModel::functionChanged, this, &SecantPage::updateFunction);
    connect(plot(), &LabPlot::pressedAt, this, &SecantPage::startDrag);
    connect(plot(), &LabPlot::draggedTo, this, &SecantPage::drag);
    connect(plot(), &LabPlot::released, this, [this] { m_draggingH = false; });
    updateView();
}

void SecantPage::updateFunction()
{
    m_formula->showAccepted();
    LabPlot::setCurveData(m_curve, m_model->curveX(), m_model->curveValues());
    plot()->yAxis->setLabel(tr("y = %1").arg(m_model->functionText()));
    const auto [low, high] = labstyle::shownRange(m_model->curveValues());
    plot()->yAxis->setRange(low, high);
}

double SecantPage::hForSlider(int position) const
{
    // log₁₀ h runs evenly from log₁₀ hMin to log₁₀ hMax along the slider.
    const double low = std::log10(m_model->hMinimum());
    const double high = std::log10(m_model->hMaximum());
    return roundToThreeDigits(std::pow(10.0, low + (high - low) * position / kSliderSteps));
}

int SecantPage::sliderForH(double h) const
{
    const double low = std::log10(m_model->hMinimum());
    const double high = std::log10(m_model->hMaximum());
    return static_cast<int>(std::lround((std::log10(h) - low) / (high - low) * kSliderSteps));
}

void SecantPage::updateView()
{
    const double x = m_model->x();
    const double h = m_model->h();
    const double fx = m_model->valueAtX();
    const double fxh = m_model->valueAtXPlusH();
    {
        const QSignalBlocker blockX(m_xEditor);
        const QSignalBlocker blockSlider(m_hSlider);
        m_xEditor->setValue(x);
        m_hSlider->setValue(sliderForH(h));
        m_hEditor->setValue(h);
    }
    m_points->setData({x, x + h}, {fx, fxh});
    m_secant->point1->setCoords(x, fx);
    m_secant->point2->setCoords(x + 1.0, m_model->secantAt(x + 1.0));
    m_tangent->point1->setCoords(x, fx);
    m_tangent->point2->setCoords(x + 1.0, m_model->tangentAt(x + 1.0));
    m_dropA->start->setCoords(x, 0.0);
    m_dropA->end->setCoords(x, fx);
    m_dropB->start->setCoords(x + h, 0.0);
    m_dropB->end->setCoords(x + h, fxh);
    m_labelA->position->setCoords(x, 0.0);
    m_labelB->position->setCoords(x + h, 0.0);
    // Once the two points are closer than a label is wide, one label names both.
    const bool apart = h > 0.06 * plot()->xAxis->range().size();
    m_labelB->setVisible(apart);
    m_labelA->setText(apart ? QStringLiteral("x") : QStringLiteral("x, x + h"));

    m_slopes->setText(tr("secant slope: %1\ntrue tangent: %2")
                          .arg(labstyle::fixed(m_model->secantSlope()),
                               labstyle::fixed(m_model->tangentSlope())));
    m_readout->setText(
        tr("secant slope = %1<br>true tangent f′(x) = %2<br>"
           "secant − tangent = %3")
            .arg(labstyle::significant(m_model->secantSlope(), 12),
                 labstyle::significant(m_model->tangentSlope(), 12),
                 labstyle::significant(m_model->secantSlope() - m_model->tangentSlope(), 3)));
    m_note->setText(m_model->tableNote());
    plot()->replot();
}

void SecantPage::startDrag(const QPointF& pixel)
{
    const double x = m_model->x();
    m_draggingH = LabPlot::pixelDistance(plot()->axisRect(), pixel, x + m_model->h(),
                                         m_model->valueAtXPlusH()) <= kGrabRadius;
    drag(pixel);
}

void SecantPage::drag(const QPointF& pixel)
{
    const double at = LabPlot::coordinatesAt(plot()->axisRect(), pixel).x();
    if (m_draggingH) {
        // Dragging x + h: h is the distance to x, kept positive (clamped by the model).
        m_model->setH(at - m_model->x());
    } else {
        m_model->setX(at);
    }
}

} // namespace gradlab
