// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "slopepage.h"

#include "labplot.h"
#include "labstyle.h"
#include "slopemodel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <cmath>

namespace gradlab {
namespace {

/// How close (pixels) a press must be to a point to pick it up.
constexpr double kGrabRadius = 24.0;

QString coordinate(double value)
{
    return labstyle::significant(value, 4);
}

} // namespace

SlopePage::SlopePage(QWidget* parent)
    : LabPage(parent)
    , m_model(new SlopeModel(this))
{
    plot()->xAxis->setRange(-1.0, 7.0);
    plot()->yAxis->setRange(-1.0, 7.0);
    plot()->xAxis->setLabel(QStringLiteral("x"));
    plot()->yAxis->setLabel(QStringLiteral("y"));

    m_line = new QCPItemStraightLine(plot());
    m_line->setPen(QPen(labstyle::kCurve, 3));
    const QPen legPen(labstyle::kDerivative, 2.5, Qt::DashLine);
    m_runLeg = new QCPItemLine(plot());
    m_runLeg->setPen(legPen);
    m_riseLeg = new QCPItemLine(plot());
    m_riseLeg->setPen(legPen);
    QCPAxisRect* rect = plot()->axisRect();
    m_runLabel = plot()->addLabel(rect, labstyle::kDerivative.darker(130), Qt::AlignCenter);
    m_riseLabel = plot()->addLabel(rect, labstyle::kDerivative.darker(130), Qt::AlignCenter);
    for (QCPItemText*& label : m_pointLabels) {
        label = plot()->addLabel(rect, labstyle::kInk, Qt::AlignCenter);
    }
    m_slopeLabel = plot()->addLabel(rect, labstyle::kInk, Qt::AlignLeft | Qt::AlignTop);
    m_slopeLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_slopeLabel->position->setCoords(0.02, 0.03);
    m_slopeLabel->setBrush(QBrush(QColor(255, 255, 255, 230)));
    m_slopeLabel->setPen(QPen(QColor(200, 204, 210)));
    m_points = plot()->addMarker(rect, labstyle::kPoint, 13.0);

    QVBoxLayout* sideLayout = addSidePanel(
        tr("Slope of a straight line"),
        tr("A line through (x₁, y₁) and (x₂, y₂) has the slope <i>rise over run</i>:"
           "<br>&nbsp;&nbsp;slope = Δy / Δx = (y₂ − y₁) / (x₂ − x₁).<br>"
           "If x grows by 1, y changes by the slope. Drag either red point: the two points "
           "define the line."));
    QWidget* side = sideLayout->parentWidget();

    auto* grid = new QGridLayout;
    const std::array<QString, 4> names{tr("x₁"), tr("y₁"), tr("x₂"), tr("y₂")};
    for (std::size_t i = 0; i < m_coordinates.size(); ++i) {
        auto* box = new QDoubleSpinBox(side);
        box->setRange(-1.0, 7.0);
        box->setDecimals(2);
        box->setSingleStep(0.25);
        box->setKeyboardTracking(false);
        m_coordinates[i] = box;
        const int row = static_cast<int>(i / 2);
        const int column = static_cast<int>(i % 2) * 2;
        grid->addWidget(new QLabel(names[i], side), row, column);
        grid->addWidget(box, row, column + 1);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, i] {
            const auto index = static_cast<int>(i / 2);
            m_model->setPoint(index, QPointF(m_coordinates[2 * (i / 2)]->value(),
                                             m_coordinates[2 * (i / 2) + 1]->value()));
        });
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    sideLayout->addLayout(grid);

    m_alongLine = new QCheckBox(tr("Slide the points along the line"), side);
    m_alongLine->setToolTip(tr("While checked, dragging moves a point along its line instead "
                               "of changing the line"));
    sideLayout->addWidget(m_alongLine);
    m_readout = labstyle::readout(side);
    sideLayout->addWidget(m_readout);
    sideLayout->addWidget(labstyle::paragraph(
        tr("<b>The slope is the same everywhere on a line.</b> It does not matter which two "
           "points you pick: check <i>slide the points along the line</i> and drag them — Δx "
           "and Δy change together, their ratio does not. That is what makes it a line."),
        side));
    sideLayout->addStretch(1);

    connect(m_alongLine, &QCheckBox::toggled, m_model, &SlopeModel::setMovesAlongLine);
    connect(m_model, &SlopeModel::movesAlongLineChanged, m_alongLine, &QCheckBox::setChecked);
    connect(m_model, &SlopeModel::pointsChanged, this, &SlopePage::updateView);
    connect(m_model, &SlopeModel::movesAlongLineChanged, this, &SlopePage::updateView);
    connect(plot(), &LabPlot::pressedAt, this, &SlopePage::startDrag);
    connect(plot(), &LabPlot::draggedTo, this, &SlopePage::drag);
    connect(plot(), &LabPlot::released, this, [this] { m_dragIndex = -1; });
    updateView();
}

void SlopePage::updateView()
{
    const QPointF first = m_model->point(0);
    const QPointF second = m_model->point(1);
    for (int i = 0; i < SlopeModel::kPointCount; ++i) {
        const QPointF p = m_model->point(i);
        const QSignalBlocker blockX(m_coordinates[static_cast<std::size_t>(2 * i)]);
        const QSignalBlocker blockY(m_coordinates[static_cast<std::size_t>(2 * i + 1)]);
        m_coordinates[static_cast<std::size_t>(2 * i)]->setValue(p.x());
        m_coordinates[static_cast<std::size_t>(2 * i + 1)]->setValue(p.y());
    }

    m_points->setData({first.x(), second.x()}, {first.y(), second.y()});
    m_line->point1->setCoords(first);
    m_line->point2->setCoords(second);
    m_line->setVisible(first != second);

    // The right triangle: the run from (x₁, y₁) to (x₂, y₁), the rise from there up to (x₂, y₂).
    const QPointF corner(second.x(), first.y());
    m_runLeg->start->setCoords(first);
    m_runLeg->end->setCoords(corner);
    m_riseLeg->start->setCoords(corner);
    m_riseLeg->end->setCoords(second);
    const double run = m_model->run();
    const double rise = m_model->rise();
    const double xSpan = plot()->xAxis->range().size();
    const double ySpan = plot()->yAxis->range().size();
    // The run's label sits on the side of the leg away from the line, the rise's likewise.
    m_runLabel->setText(tr("Δx = %1 (run)").arg(coordinate(run)));
    m_runLabel->position->setCoords(0.5 * (first.x() + second.x()),
                                    first.y() - (rise >= 0 ? 0.05 : -0.05) * ySpan);
    m_riseLabel->setText(tr("Δy = %1 (rise)").arg(coordinate(rise)));
    m_riseLabel->setPositionAlignment((run >= 0 ? Qt::AlignLeft : Qt::AlignRight) |
                                      Qt::AlignVCenter);
    m_riseLabel->position->setCoords(second.x() + (run >= 0 ? 0.015 : -0.015) * xSpan,
                                     0.5 * (first.y() + second.y()));
    // The point labels go on the side of the line away from the triangle's corner, so they
    // cover neither the line nor the legs: above the line when the corner is below it.
    const double slopeNow = m_model->slope();
    const bool labelsAbove = m_model->isVertical() || corner.y() <= m_model->lineAt(corner.x());
    Qt::Alignment horizontal = Qt::AlignHCenter;
    double dx = 0.0;
    if (m_model->isVertical()) {
        horizontal = Qt::AlignLeft;
        dx = 0.015 * xSpan;
    } else if (slopeNow != 0.0) {
        // Above a rising line is up and to the left; above a falling one, up and to the right.
        const bool toTheLeft = (slopeNow > 0) == labelsAbove;
        horizontal = toTheLeft ? Qt::AlignRight : Qt::AlignLeft;
        dx = (toTheLeft ? -0.015 : 0.015) * xSpan;
    }
    const double dy = (labelsAbove ? 0.02 : -0.02) * ySpan;
    const std::array<QString, 2> pointNames{tr("(x₁, y₁)"), tr("(x₂, y₂)")};
    for (int i = 0; i < SlopeModel::kPointCount; ++i) {
        const QPointF p = m_model->point(i);
        QCPItemText* label = m_pointLabels[static_cast<std::size_t>(i)];
        label->setText(QStringLiteral("%1 = (%2, %3)")
                           .arg(pointNames[static_cast<std::size_t>(i)], coordinate(p.x()),
                                coordinate(p.y())));
        label->setPositionAlignment(horizontal | (labelsAbove ? Qt::AlignBottom : Qt::AlignTop));
        label->position->setCoords(p.x() + dx, p.y() + dy);
    }

    const double slope = m_model->slope();
    const QString slopeText = m_model->isVertical() ? tr("undefined (a vertical line has no run)")
                                                    : labstyle::fixed(slope);
    m_slopeLabel->setText(
        tr("slope = Δy / Δx = %1 / %2 = %3").arg(coordinate(rise), coordinate(run), slopeText));

    QString readout = tr("Δx = x₂ − x₁ = %1<br>Δy = y₂ − y₁ = %2<br><b>slope = Δy / Δx = %3</b>")
                          .arg(coordinate(run), coordinate(rise), slopeText);
    if (m_model->movesAlongLine() && !m_model->isVertical()) {
        readout += tr("<br>Sliding along the line: the slope stays %1.").arg(slopeText);
    }
    m_readout->setText(readout);
    plot()->replot();
}

void SlopePage::startDrag(const QPointF& pixel)
{
    m_dragIndex = -1;
    double nearest = kGrabRadius;
    for (int i = 0; i < SlopeModel::kPointCount; ++i) {
        const QPointF p = m_model->point(i);
        const double distance = LabPlot::pixelDistance(plot()->axisRect(), pixel, p.x(), p.y());
        if (distance <= nearest) {
            nearest = distance;
            m_dragIndex = i;
        }
    }
}

void SlopePage::drag(const QPointF& pixel)
{
    if (m_dragIndex < 0) {
        return;
    }
    const QPointF at = LabPlot::coordinatesAt(plot()->axisRect(), pixel);
    // Snap to a grid of 0.05 so the readouts show short numbers while dragging.
    m_model->setPoint(m_dragIndex,
                      QPointF(std::round(at.x() * 20.0) / 20.0, std::round(at.y() * 20.0) / 20.0));
}

} // namespace gradlab
