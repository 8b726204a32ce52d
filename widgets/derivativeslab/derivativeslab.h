// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QTabWidget;

namespace gradlab {

class CurveModel;
class DerivativeTableModel;
class ExponentialPage;
class FunctionModel;
class FunctionPage;
class SecantModel;
class SecantPage;
class SigmoidModel;
class SigmoidPage;
class SlopeModel;
class SlopePage;
class TangentPage;

/// \brief The Derivatives lab: the tutorial's five figures as live pages (slope of a line,
/// tangent, secant → tangent, eˣ, sigmoid) and an any-f(x) page with the table of derivatives.
/// Self-contained: it owns its models and needs no session.
class DerivativesLab : public QWidget
{
    Q_OBJECT

public:
    /// The pages, in tab order.
    enum class Page { Slope = 0, Tangent, Secant, Exponential, Sigmoid, AnyFunction };
    static constexpr int kPageCount = 6;

    explicit DerivativesLab(QWidget* parent = nullptr);

    int currentPage() const;
    QTabWidget* tabs() const { return m_tabs; }

    SlopePage* slopePage() const { return m_slopePage; }
    TangentPage* tangentPage() const { return m_tangentPage; }
    SecantPage* secantPage() const { return m_secantPage; }
    ExponentialPage* exponentialPage() const { return m_exponentialPage; }
    SigmoidPage* sigmoidPage() const { return m_sigmoidPage; }
    FunctionPage* functionPage() const { return m_functionPage; }

    SlopeModel* slopeModel() const;
    CurveModel* tangentModel() const;
    SecantModel* secantModel() const;
    CurveModel* exponentialModel() const;
    SigmoidModel* sigmoidModel() const;
    FunctionModel* functionModel() const;
    DerivativeTableModel* derivativeTable() const;

public Q_SLOTS:
    /// Shows page \a index (0 … kPageCount − 1); other values are ignored.
    void showPage(int index);
    void showPage(gradlab::DerivativesLab::Page page);

Q_SIGNALS:
    void currentPageChanged(int index);

private:
    QTabWidget* m_tabs;
    SlopePage* m_slopePage;
    TangentPage* m_tangentPage;
    SecantPage* m_secantPage;
    ExponentialPage* m_exponentialPage;
    SigmoidPage* m_sigmoidPage;
    FunctionPage* m_functionPage;
};

} // namespace gradlab
