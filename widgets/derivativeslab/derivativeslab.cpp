// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "derivativeslab.h"

#include "exponentialpage.h"
#include "functionmodel.h"
#include "functionpage.h"
#include "secantpage.h"
#include "sigmoidpage.h"
#include "slopepage.h"
#include "tangentpage.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace gradlab {

DerivativesLab::DerivativesLab(QWidget* parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_slopePage(new SlopePage(m_tabs))
    , m_tangentPage(new TangentPage(m_tabs))
    , m_secantPage(new SecantPage(m_tabs))
    , m_exponentialPage(new ExponentialPage(m_tabs))
    , m_sigmoidPage(new SigmoidPage(m_tabs))
    , m_functionPage(new FunctionPage(m_tabs))
{
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_slopePage, tr("1 · Slope of a line"));
    m_tabs->addTab(m_tangentPage, tr("2 · Tangent"));
    m_tabs->addTab(m_secantPage, tr("3 · Secant → tangent"));
    m_tabs->addTab(m_exponentialPage, tr("4 · eˣ"));
    m_tabs->addTab(m_sigmoidPage, tr("5 · Sigmoid"));
    m_tabs->addTab(m_functionPage, tr("Any f(x)"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, &DerivativesLab::currentPageChanged);
}

int DerivativesLab::currentPage() const
{
    return m_tabs->currentIndex();
}

SlopeModel* DerivativesLab::slopeModel() const
{
    return m_slopePage->model();
}

CurveModel* DerivativesLab::tangentModel() const
{
    return m_tangentPage->model();
}

SecantModel* DerivativesLab::secantModel() const
{
    return m_secantPage->model();
}

CurveModel* DerivativesLab::exponentialModel() const
{
    return m_exponentialPage->model();
}

SigmoidModel* DerivativesLab::sigmoidModel() const
{
    return m_sigmoidPage->model();
}

FunctionModel* DerivativesLab::functionModel() const
{
    return m_functionPage->model();
}

DerivativeTableModel* DerivativesLab::derivativeTable() const
{
    return m_functionPage->table();
}

void DerivativesLab::showPage(int index)
{
    if (index >= 0 && index < kPageCount) {
        m_tabs->setCurrentIndex(index);
    }
}

void DerivativesLab::showPage(Page page)
{
    showPage(static_cast<int>(page));
}

} // namespace gradlab
