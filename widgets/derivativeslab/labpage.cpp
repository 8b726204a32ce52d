// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "labpage.h"

#include "labplot.h"
#include "labstyle.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

namespace gradlab {

LabPage::LabPage(QWidget* parent)
    : QWidget(parent)
    , m_plot(new LabPlot(this))
{}

QVBoxLayout* LabPage::addSidePanel(QWidget* content, int minimumWidth, int maximumWidth)
{
    m_sideArea = new QScrollArea(this);
    m_sideArea->setFrameShape(QFrame::NoFrame);
    m_sideArea->setWidgetResizable(true);
    m_sideArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* side = new QWidget(m_sideArea);
    m_sideArea->setWidget(side);
    m_sideMinimumWidth = minimumWidth;
    m_sideMaximumWidth = maximumWidth;
    sizeSidePanel();
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(content, 1);
    layout->addWidget(m_sideArea);
    return new QVBoxLayout(side);
}

void LabPage::sizeSidePanel()
{
    // The widths are for the application's font; a font half as big again (presenter mode)
    // needs half as much room again for the same lines. The scroll bar comes on top.
    const double scale = font().pointSizeF() / QApplication::font().pointSizeF();
    const int scrollBar = m_sideArea->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    m_sideArea->setMinimumWidth(static_cast<int>(m_sideMinimumWidth * scale) + scrollBar);
    m_sideArea->setMaximumWidth(static_cast<int>(m_sideMaximumWidth * scale) + scrollBar);
}

void LabPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_sideArea) {
        sizeSidePanel();
    }
}

QVBoxLayout* LabPage::addSidePanel(const QString& title, const QString& introduction,
                                   int minimumWidth, int maximumWidth)
{
    QVBoxLayout* panel = addSidePanel(m_plot, minimumWidth, maximumWidth);
    QWidget* side = panel->parentWidget();
    m_title = labstyle::heading(title, side);
    panel->addWidget(m_title);
    panel->addWidget(labstyle::paragraph(introduction, side));
    return panel;
}

void LabPage::showLegend()
{
    // Its font is the plot's own, which follows the plot's font.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
}

} // namespace gradlab
