// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "curvepage.h"

#include "curvemodel.h"
#include "labplot.h"
#include "labstyle.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace gradlab {

CurvePage::CurvePage(QWidget* parent)
    : LabPage(parent)
    , m_xEditor(labstyle::xEditor(this))
{}

QLabel* CurvePage::addPointPanel(const QString& title, const QString& introduction,
                                 const QString& closing)
{
    QVBoxLayout* panel = addSidePanel(title, introduction);
    QWidget* side = panel->parentWidget();
    auto* form = new QFormLayout;
    form->addRow(tr("x₀"), m_xEditor);
    panel->addLayout(form);
    QLabel* readout = labstyle::readout(side);
    panel->addWidget(readout);
    panel->addWidget(labstyle::paragraph(closing, side));
    panel->addStretch(1);
    return readout;
}

void CurvePage::followPoint(CurveModel* model)
{
    m_followed = model;
    // The range first: clamping the box's value into it must not move the point.
    m_xEditor->setRange(model->xMinimum(), model->xMaximum());
    connect(m_xEditor, &QDoubleSpinBox::valueChanged, model, &CurveModel::setX);
    connect(model, &CurveModel::pointChanged, this, &CurvePage::showPoint);
    // The x under the mouse on the main axis rect (pages with a second rect line its x up).
    const auto moveTo = [this](const QPointF& pixel) {
        m_followed->setX(LabPlot::coordinatesAt(plot()->axisRect(), pixel).x());
    };
    connect(plot(), &LabPlot::pressedAt, this, moveTo);
    connect(plot(), &LabPlot::draggedTo, this, moveTo);
    showPoint();
}

void CurvePage::placeOnPoint(QCPGraph* marker, QCPItemStraightLine* tangent) const
{
    const double x = m_followed->x();
    const double y = m_followed->value();
    marker->setData({x}, {y});
    tangent->point1->setCoords(x, y);
    tangent->point2->setCoords(x + 1.0, m_followed->tangentAt(x + 1.0));
}

void CurvePage::showPoint()
{
    {
        const QSignalBlocker blocker(m_xEditor);
        m_xEditor->setValue(m_followed->x());
    }
    updatePoint();
    plot()->replot();
}

} // namespace gradlab
