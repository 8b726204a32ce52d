// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "common/textlayoutprobe.h"
#include "derivativeslab/derivativeslab.h"
#include "derivativeslab/formulaeditor.h"
#include "derivativeslab/functionmodel.h"
#include "derivativeslab/functionpage.h"
#include "derivativeslab/secantmodel.h"
#include "derivativeslab/secantpage.h"
#include "panels/expressionedit.h"
#include "panels/functionpanel.h"
#include "partials/partialspanel.h"
#include "session.h"

#include <QScrollArea>
#include <QStyle>
#include <QtTest>
#include <memory>

using namespace gradlab;
using namespace gradlab::testing;

namespace {

/// What is on screen: a page of the Derivatives lab in a given state, or a dock's panel.
enum class View {
    SlopePage,
    TangentPage,
    SecantPage,
    SecantPageSmallH,
    SecantPageRejected,
    ExponentialPage,
    SigmoidPage,
    AnyFunctionPage,
    AnyFunctionLongDerivation,
    AnyFunctionCorner,
    AnyFunctionRejected,
    PartialsPanel,
    FunctionPanel,
    FunctionPanelParameters,
};

/// The lab's size in the main window's centre at its first start on a 1600 × 1000 screen (the
/// docks around it), and in presenter mode there beside the function dock (the main window's
/// font 1.5 times larger).
const QSize kLabSize(772, 548);
const QSize kPresenterLabSize(1110, 800);
/// A dock's height in either case; its width is the panel's own (see hostInDock).
constexpr int kDockHeight = 860;

/// \a panel in a dock's scroll area as the main window makes it (frameless, no horizontal
/// scroll bar, as wide as the panel's smallest width plus a scroll bar), \a height tall.
std::unique_ptr<QScrollArea> hostInDock(QWidget* panel, int height)
{
    auto area = std::make_unique<QScrollArea>();
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    area->resize(panel->minimumSizeHint().width() +
                     area->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4,
                 height);
    return area;
}

} // namespace

Q_DECLARE_METATYPE(View)

class TestTextLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textsStayApartAndWhole_data();
    void textsStayApartAndWhole();
    void probeFindsOverlapAndClipping();
};

void TestTextLayout::textsStayApartAndWhole_data()
{
    QTest::addColumn<View>("view");
    QTest::addColumn<double>("fontScale");
    const std::pair<const char*, View> views[] = {
        {"slope page", View::SlopePage},
        {"tangent page", View::TangentPage},
        {"secant page", View::SecantPage},
        {"secant page, h = 1e-9", View::SecantPageSmallH},
        {"secant page, rejected input", View::SecantPageRejected},
        {"exponential page", View::ExponentialPage},
        {"sigmoid page", View::SigmoidPage},
        {"any f(x) page", View::AnyFunctionPage},
        {"any f(x), long derivation", View::AnyFunctionLongDerivation},
        {"any f(x), a corner", View::AnyFunctionCorner},
        {"any f(x), rejected input", View::AnyFunctionRejected},
        {"partials panel", View::PartialsPanel},
        {"function panel", View::FunctionPanel},
        {"function panel, parameters", View::FunctionPanelParameters},
    };
    for (const auto& [name, view] : views) {
        QTest::newRow(name) << view << 1.0;
        QTest::newRow(qPrintable(QStringLiteral("%1, presenter").arg(QLatin1String(name))))
            << view << 1.5;
    }
}

void TestTextLayout::textsStayApartAndWhole()
{
    QFETCH(View, view);
    QFETCH(double, fontScale);
    const bool presenter = fontScale != 1.0;
    Session session;
    std::unique_ptr<QWidget> shown;
    QSize size;
    switch (view) {
    case View::PartialsPanel: {
        QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 3xy + y^2")));
        session.setProbe(Eigen::Vector2d(1, 4));
        session.setProbeDirection(Eigen::Vector2d(1, 1));
        auto* panel = new gradlab::PartialsPanel(&session);
        presenterFont(panel, fontScale);
        std::unique_ptr<QScrollArea> area = hostInDock(panel, kDockHeight);
        size = area->size();
        shown = std::move(area);
        break;
    }
    case View::FunctionPanel:
    case View::FunctionPanelParameters: {
        auto* panel = new gradlab::FunctionPanel(&session);
        presenterFont(panel, fontScale);
        // The dock's width is fitted to the panel as it first shows (the main window does so
        // again for presenter mode); parameters come later, when a function names them.
        std::unique_ptr<QScrollArea> area = hostInDock(panel, kDockHeight);
        if (view == View::FunctionPanelParameters) {
            QVERIFY(session.setExpressionText(QStringLiteral("amplitude*x^2 + b*y^2 + c")));
        }
        size = area->size();
        shown = std::move(area);
        break;
    }
    default: {
        auto lab = std::make_unique<DerivativesLab>();
        presenterFont(lab.get(), fontScale);
        size = presenter ? kPresenterLabSize : kLabSize;
        switch (view) {
        case View::SlopePage:
            lab->showPage(DerivativesLab::Page::Slope);
            break;
        case View::TangentPage:
            lab->showPage(DerivativesLab::Page::Tangent);
            break;
        case View::SecantPage:
            lab->showPage(DerivativesLab::Page::Secant);
            break;
        case View::SecantPageSmallH:
            lab->showPage(DerivativesLab::Page::Secant);
            lab->secantModel()->setH(1e-9);
            break;
        case View::SecantPageRejected:
            lab->showPage(DerivativesLab::Page::Secant);
            lab->secantPage()->formula()->editor()->setText(QStringLiteral("x^2 + 3xy"));
            QTest::keyClick(lab->secantPage()->formula()->editor(), Qt::Key_Return);
            QVERIFY(lab->secantPage()->formula()->editor()->hasError());
            break;
        case View::ExponentialPage:
            lab->showPage(DerivativesLab::Page::Exponential);
            break;
        case View::SigmoidPage:
            lab->showPage(DerivativesLab::Page::Sigmoid);
            break;
        case View::AnyFunctionPage:
            lab->showPage(DerivativesLab::Page::AnyFunction);
            break;
        case View::AnyFunctionLongDerivation:
            lab->showPage(DerivativesLab::Page::AnyFunction);
            lab->functionPage()->editor()->setText(
                QStringLiteral("sigmoid(3x)*sin(x^2) + ln(1 + x^2)/(2 + cos(x))"));
            QVERIFY(lab->functionModel()->setExpressionText(lab->functionPage()->editor()->text()));
            break;
        case View::AnyFunctionCorner:
            lab->showPage(DerivativesLab::Page::AnyFunction);
            lab->functionPage()->loadTableRow(10);
            break;
        case View::AnyFunctionRejected:
            lab->showPage(DerivativesLab::Page::AnyFunction);
            lab->functionPage()->editor()->setText(QStringLiteral("x^2 + 3xy"));
            QTest::keyClick(lab->functionPage()->editor(), Qt::Key_Return);
            QVERIFY(lab->functionModel()->hasError());
            break;
        default:
            QFAIL("not a page of the lab");
        }
        shown = std::move(lab);
        break;
    }
    }
    QVERIFY(showAt(shown.get(), size));
    checkTextLayout(shown.get(), QString::fromLatin1(QTest::currentDataTag()));
}

void TestTextLayout::probeFindsOverlapAndClipping()
{
    // The probe itself: two labels laid on top of each other, and one too narrow for its text.
    QWidget root;
    root.resize(300, 200);
    auto* first = new QLabel(QStringLiteral("the secant's slope"), &root);
    first->setGeometry(10, 10, 200, 30);
    auto* second = new QLabel(QStringLiteral("the tangent's slope"), &root);
    second->setGeometry(20, 15, 200, 30);
    QVERIFY(showAt(&root, root.size()));
    QStringList problems = layoutProblems(&root);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.front().contains(QStringLiteral("overlaps")), qPrintable(problems.front()));
    second->setGeometry(10, 60, 30, 30);
    problems = layoutProblems(&root);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.front().contains(QStringLiteral("cut off")), qPrintable(problems.front()));
    second->setGeometry(10, 60, 200, 30);
    QVERIFY(layoutProblems(&root).isEmpty());
    // A plot's text item past the right edge of its axis rect.
    QCustomPlot plot;
    plot.xAxis->setRange(0, 10);
    auto* text = new QCPItemText(&plot);
    text->setText(QStringLiteral("a long label beside the edge"));
    text->position->setCoords(9.5, 0.5);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    QVERIFY(showAt(&plot, QSize(400, 300)));
    problems = layoutProblems(&plot);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.front().contains(QStringLiteral("plot text")) &&
                 problems.front().contains(QStringLiteral("cut off")),
             qPrintable(problems.front()));
    text->position->setCoords(1.0, 0.5);
    plot.replot(QCustomPlot::rpImmediateRefresh);
    QVERIFY2(layoutProblems(&plot).isEmpty(), qPrintable(layoutProblems(&plot).join('\n')));
}

QTEST_MAIN(TestTextLayout)
#include "tst_textlayout.moc"
