// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "labpage.h"

#include "labplot.h"
#include "labstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace gradlab {

LabPage::LabPage(QWidget* parent)
    : QWidget(parent)
    , m_plot(new LabPlot(this))
{}

QVBoxLayout* LabPage::addSidePanel(QWidget* content, int minimumWidth, int maximumWidth)
{
    auto* side = new QWidget(this);
    side->setMinimumWidth(minimumWidth);
    side->setMaximumWidth(maximumWidth);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(content, 1);
    layout->addWidget(side);
    return new QVBoxLayout(side);
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
