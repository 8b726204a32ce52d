// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "backproplab/backproplab.h"
#include "session.h"

#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace gradlab;

namespace {

/// A page on its own session, \a expression at the probe (\a x, \a y), shown at a window's size.
struct Fixture
{
    Session session;
    std::unique_ptr<BackpropLab> page;

    Fixture(const QString& expression, double x, double y)
    {
        session.setExpressionText(expression);
        session.setProbe(Eigen::Vector2d(x, y));
        page = std::make_unique<BackpropLab>(&session);
        page->resize(1400, 820);
        page->show();
        QCoreApplication::processEvents();
    }
};

/// Steps with → until the current backward term goes into node \a input and completes its
/// adjoint; false if the pass ends first.
bool stepUntilFinished(BackpropLab& page, int input)
{
    while (!page.walk().isAtEnd()) {
        QTest::keyClick(page.canvas(), Qt::Key_Right);
        const AdjointContribution* current = page.walk().currentContribution();
        if (current && current->input == input && page.walk().isFinished(input)) {
            return true;
        }
    }
    return false;
}

} // namespace

Q_DECLARE_METATYPE(PassMode)

/// \brief The Backprop lab: its graph, its steps, its toggles, its field and its exports.
class TestBackpropLab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tutorialBackwardPass();
    void twoUsersShowBothTerms_data();
    void twoUsersShowBothTerms();
    void keysStepBackAndJump();
    void forwardMode_data();
    void forwardMode();
    void sigmoidFusedOrExpanded();
    void followsProbeAndParameters();
    void rejectedExpressionKeepsGraph();
    void layoutKeepsNodesAndEdgesApart_data();
    void layoutKeepsNodesAndEdgesApart();
    void toolTip();
    void exportsPngAndSvg();
    void screenshots();
};

void TestBackpropLab::tutorialBackwardPass()
{
    Fixture fixture(QStringLiteral("x^2 + 3xy + y^2"), 1, 4);
    BackpropLab& page = *fixture.page;
    QCOMPARE(page.graph().size(), 10);
    // Six binary operations, two terms each, less the three into the constants 2, 3 and 2.
    QCOMPARE(page.walk().stepCount(), 9);
    QVERIFY(page.stepText().contains(QStringLiteral("v̄₉ = 1")));
    QVERIFY(page.gradientText().contains(QStringLiteral("x̄ = … (pass not finished)")));
    for (int i = 0; i < 9; ++i) {
        QTest::keyClick(page.canvas(), Qt::Key_Right);
    }
    QVERIFY(page.walk().isAtEnd());
    QCOMPARE(page.evaluation().xBar, 14.0);
    QCOMPARE(page.evaluation().yBar, 11.0);
    // x̄ and ȳ beside the session's partials and the central differences.
    const QString gradient = page.gradientText();
    QVERIFY2(gradient.contains(QStringLiteral("graph x̄ = 14   partials 14   central difference "
                                              "14.000000")),
             qPrintable(gradient));
    QVERIFY2(gradient.contains(QStringLiteral("graph ȳ = 11   partials 11   central difference "
                                              "11.000000")),
             qPrintable(gradient));
    QVERIFY(page.stepText().contains(QStringLiteral("Backward pass done")));
    // Once more does nothing: the pass is over.
    QTest::keyClick(page.canvas(), Qt::Key_Right);
    QCOMPARE(page.walk().step(), 9);
    const int two = page.graph().node(page.graph().variableNode(Variable::X) + 1).id;
    QCOMPARE(page.graph().node(two).op, GraphOp::Constant);
    QVERIFY(!page.walk().isTracked(two));
}

void TestBackpropLab::twoUsersShowBothTerms_data()
{
    QTest::addColumn<Variable>("variable");
    QTest::addColumn<QString>("term");
    QTest::addColumn<QString>("sum");
    // x feeds 3x (∂(3x)/∂x = 3, v̄ = y = 4) and x² (2x = 2, v̄ = 1); y feeds y² (8) and 3x·y (3).
    QTest::addRow("x") << Variable::X << QStringLiteral("x̄ += ∂v₂/∂x · v̄₂ = 2 · 1 = 2")
                       << QStringLiteral("x̄ = 12 + 2 = 14");
    QTest::addRow("y") << Variable::Y << QStringLiteral("ȳ += ∂v₆/∂y · v̄₆ = 3 · 1 = 3")
                       << QStringLiteral("ȳ = 8 + 3 = 11");
}

void TestBackpropLab::twoUsersShowBothTerms()
{
    QFETCH(Variable, variable);
    QFETCH(QString, term);
    QFETCH(QString, sum);
    Fixture fixture(QStringLiteral("x^2 + 3xy + y^2"), 1, 4);
    BackpropLab& page = *fixture.page;
    const int node = page.graph().variableNode(variable);
    QVERIFY(stepUntilFinished(page, node));
    const QString text = page.stepText();
    QVERIFY2(text.contains(term), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("has 2 users")), qPrintable(text));
    QVERIFY2(text.contains(sum), qPrintable(text));
}

void TestBackpropLab::keysStepBackAndJump()
{
    Fixture fixture(QStringLiteral("sin(x*y) + x"), 0.5, 2);
    BackpropLab& page = *fixture.page;
    QSignalSpy steps(&page, &BackpropLab::stepChanged);
    QTest::keyClick(page.canvas(), Qt::Key_Right);
    QTest::keyClick(page.canvas(), Qt::Key_Right);
    QCOMPARE(page.walk().step(), 2);
    QTest::keyClick(page.canvas(), Qt::Key_Left);
    QCOMPARE(page.walk().step(), 1);
    // Step 1: the sum gives ∂(a + b)/∂a = 1 to sin(xy).
    const AdjointContribution* first = page.walk().currentContribution();
    QVERIFY(first);
    QCOMPARE(first->user, page.graph().output());
    QCOMPARE(first->partial, 1.0);
    QTest::keyClick(page.canvas(), Qt::Key_End);
    QVERIFY(page.walk().isAtEnd());
    QTest::keyClick(page.canvas(), Qt::Key_Home);
    QCOMPARE(page.walk().step(), 0);
    QCOMPARE(steps.count(), 5);
    QTest::keyClick(page.canvas(), Qt::Key_Space);
    QVERIFY(page.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(page.walk().step() >= 1, 3000);
    QTest::keyClick(page.canvas(), Qt::Key_Space);
    QVERIFY(!page.isPlaying());
}

void TestBackpropLab::forwardMode_data()
{
    QTest::addColumn<PassMode>("mode");
    QTest::addColumn<QString>("expected");
    QTest::addRow("ẋ = 1") << PassMode::ForwardX
                           << QStringLiteral("∂f/∂x:  graph forward 14   partials 14");
    QTest::addRow("ẏ = 1") << PassMode::ForwardY
                           << QStringLiteral("∂f/∂y:  graph forward 11   partials 11");
}

void TestBackpropLab::forwardMode()
{
    QFETCH(PassMode, mode);
    QFETCH(QString, expected);
    Fixture fixture(QStringLiteral("x^2 + 3xy + y^2"), 1, 4);
    BackpropLab& page = *fixture.page;
    page.setPassMode(mode);
    QCOMPARE(page.passMode(), mode);
    QCOMPARE(page.walk().stepCount(), 6); // one step per operation
    QTest::keyClick(page.canvas(), Qt::Key_Right);
    // The first operation is x² (v₂), from x and the constant 2 (v₁).
    const QString variable = mode == PassMode::ForwardX ? QStringLiteral("x") : QStringLiteral("y");
    const QString chain =
        QStringLiteral("∂v₂/∂%1 = ∂v₂/∂x · ∂x/∂%1 + ∂v₂/∂v₁ · ∂v₁/∂%1 = ").arg(variable);
    QVERIFY2(page.stepText().contains(chain), qPrintable(page.stepText()));
    QTest::keyClick(page.canvas(), Qt::Key_End);
    QVERIFY2(page.gradientText().contains(expected), qPrintable(page.gradientText()));
}

void TestBackpropLab::sigmoidFusedOrExpanded()
{
    Fixture fixture(QStringLiteral("sigmoid(w*x + b)"), 1, 0);
    BackpropLab& page = *fixture.page;
    QCOMPARE(page.graph().size(), 6);
    QVERIFY2(page.countText().contains(QStringLiteral("σ as one node: 3 operations, 5 terms")),
             qPrintable(page.countText()));
    QVERIFY2(page.countText().contains(QStringLiteral("expanded: 6 operations, 10 terms")),
             qPrintable(page.countText()));
    page.setSigmoidExpanded(true);
    QCOMPARE(page.graph().size(), 10);
    QCOMPARE(page.walk().stepCount(), 8); // less the two terms into the 1 of 1/(1 + e⁻ᵘ)
    // w = b = 1 (new parameters start at 1): σ′(2) = σ(2)(1 − σ(2)) either way.
    const double sigma = 1 / (1 + std::exp(-2.0));
    QVERIFY(std::fabs(page.evaluation().xBar - sigma * (1 - sigma)) < 1e-15);
    page.setSigmoidExpanded(false);
    QCOMPARE(page.graph().size(), 6);
    QTest::keyClick(page.canvas(), Qt::Key_Right);
    QVERIFY2(page.stepText().contains(QStringLiteral("σ′(u) = σ(u)(1 − σ(u)) = 0.8808 · 0.1192")),
             qPrintable(page.stepText()));
}

void TestBackpropLab::followsProbeAndParameters()
{
    Fixture fixture(QStringLiteral("a*x^2 + y"), 1, 4);
    BackpropLab& page = *fixture.page;
    QTest::keyClick(page.canvas(), Qt::Key_Right);
    QTest::keyClick(page.canvas(), Qt::Key_Right);
    fixture.session.setProbe(Eigen::Vector2d(3, -1));
    QCOMPARE(page.walk().step(), 2);       // the step stays where it was
    QCOMPARE(page.evaluation().xBar, 6.0); // 2ax with a = 1
    fixture.session.setParameter(ParameterData{QStringLiteral("a"), 0.5});
    QCOMPARE(page.evaluation().xBar, 3.0);
    QCOMPARE(page.evaluation().value, 3.5);
}

void TestBackpropLab::rejectedExpressionKeepsGraph()
{
    Fixture fixture(QStringLiteral("x^2 + 3xy + y^2"), 1, 4);
    BackpropLab& page = *fixture.page;
    page.expressionEdit()->setText(QStringLiteral("x^2 +"));
    QTest::keyClick(page.expressionEdit(), Qt::Key_Return);
    QVERIFY2(!page.errorMessage().isEmpty(), "no message for a rejected expression");
    QCOMPARE(page.graph().size(), 10);
    QCOMPARE(fixture.session.expressionText(), QStringLiteral("x^2 + 3xy + y^2"));
    // A good one replaces it, for the whole session, and clears the message.
    page.expressionEdit()->setText(QStringLiteral("exp(x)*y"));
    QTest::keyClick(page.expressionEdit(), Qt::Key_Return);
    QCOMPARE(page.errorMessage(), QString());
    QCOMPARE(fixture.session.expressionText(), QStringLiteral("exp(x)*y"));
    QCOMPARE(page.graph().size(), 4);
    QCOMPARE(page.evaluation().yBar, std::exp(1.0));
}

void TestBackpropLab::layoutKeepsNodesAndEdgesApart_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addRow("tutorial") << QStringLiteral("x^2 + 3xy + y^2");
    QTest::addRow("neuron") << QStringLiteral("sigmoid(w*x + b)");
    QTest::addRow("shared product") << QStringLiteral("sin(x*y) + x*y + exp(x*y)/y");
    QTest::addRow("deeper") << QStringLiteral("(x - 1)^2 + 100(y - x^2)^2 + log(1 + x^2 + y^2)");
}

void TestBackpropLab::layoutKeepsNodesAndEdgesApart()
{
    QFETCH(QString, expression);
    Fixture fixture(expression, 0.5, 1.5);
    const GraphLayout& layout = fixture.page->canvas()->graphLayout();
    const ComputationGraph& graph = fixture.page->graph();
    QCOMPARE(int(layout.nodes().size()), graph.size());
    QCOMPARE(int(layout.edges().size()), graph.edgeCount());
    for (int a = 0; a < graph.size(); ++a) {
        QVERIFY(layout.bounds().contains(layout.node(a)));
        for (int b = a + 1; b < graph.size(); ++b) {
            QVERIFY2(!layout.node(a).intersects(layout.node(b)),
                     qPrintable(QStringLiteral("nodes %1 and %2 overlap").arg(a).arg(b)));
        }
    }
    // No edge passes through a node other than its two ends (its points, 1 % of its length apart,
    // stay outside every other box shrunk by a point).
    for (const EdgeRoute& edge : layout.edges()) {
        for (int k = 0; k <= 100; ++k) {
            const QPointF point = edge.path.pointAtPercent(k / 100.0);
            for (int id = 0; id < graph.size(); ++id) {
                if (id == edge.user || id == edge.input) {
                    continue;
                }
                QVERIFY2(!layout.node(id).adjusted(1, 1, -1, -1).contains(point),
                         qPrintable(QStringLiteral("edge %1 → %2 crosses node %3")
                                        .arg(edge.input)
                                        .arg(edge.user)
                                        .arg(id)));
            }
        }
        // The arrow ends on the user's border.
        const QRectF user = layout.node(edge.user);
        QVERIFY(user.adjusted(-2, -2, 2, 2).contains(edge.arrowTip));
        QVERIFY(!user.adjusted(2, 2, -2, -2).contains(edge.arrowTip));
    }
}

void TestBackpropLab::toolTip()
{
    Fixture fixture(QStringLiteral("x^2 + 3xy + y^2"), 1, 4);
    const GraphCanvas* canvas = fixture.page->canvas();
    const int x = fixture.page->graph().variableNode(Variable::X);
    const QString text = canvas->toolTipText(x);
    QVERIFY2(text.contains(QStringLiteral("adjoint ∂f/∂x: 14")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("users: 2")), qPrintable(text));
    const QString sum = canvas->toolTipText(fixture.page->graph().output());
    QVERIFY2(sum.startsWith(QStringLiteral("v₉ = x² + 3xy + y²")), qPrintable(sum));
    QVERIFY2(sum.contains(QStringLiteral("local partial ∂v₉/∂v₇ = 1")), qPrintable(sum));
    // The node under the mouse is the one the tooltip is for.
    const QRectF box = canvas->graphLayout().node(x);
    const QRectF scene = canvas->sceneRect();
    const double scale =
        std::min({canvas->width() / scene.width(), canvas->height() / scene.height(), 1.6});
    const QPointF offset((canvas->width() - scene.width() * scale) / 2,
                         (canvas->height() - scene.height() * scale) / 2);
    QCOMPARE(canvas->nodeAt(offset + (box.center() - scene.topLeft()) * scale), x);
    QCOMPARE(canvas->nodeAt(QPointF(1, 1)), -1);
}

void TestBackpropLab::exportsPngAndSvg()
{
    Fixture fixture(QStringLiteral("sigmoid(w*x + b)"), 1, 0);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString png = directory.filePath(QStringLiteral("graph.png"));
    const QString svg = directory.filePath(QStringLiteral("graph.svg"));
    QVERIFY(fixture.page->exportImage(png));
    QVERIFY(fixture.page->exportImage(svg));
    const QImage image(png);
    QCOMPARE(image.size(), (fixture.page->canvas()->sceneRect().size() * 2).toSize());
    // Not blank: the nodes' outlines are dark.
    int dark = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            dark += qGray(image.pixel(x, y)) < 100 ? 1 : 0;
        }
    }
    QVERIFY2(dark > 200, qPrintable(QString::number(dark)));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QStringLiteral("<svg")));
    QVERIFY(text.contains(QStringLiteral("Computation graph of sigmoid(w*x + b)")));
    QVERIFY(text.contains(QStringLiteral("σ")));
    const QString missing = directory.filePath(QStringLiteral("missing/graph.png"));
    QString error;
    QVERIFY(!fixture.page->exportImage(missing, &error));
    // It says where and why.
    QVERIFY2(error.startsWith(QStringLiteral("Could not write %1: ").arg(missing)) &&
                 error.size() > missing.size() + 20,
             qPrintable(error));
}

void TestBackpropLab::screenshots()
{
    const QString directory = qEnvironmentVariable("GRADLAB_SCREENSHOT_DIR");
    if (directory.isEmpty()) {
        QSKIP("set GRADLAB_SCREENSHOT_DIR to write docs/screenshots/backprop-*.png");
    }
    {
        // The tutorial's example at the end of the backward pass: x̄ = 14, ȳ = 11.
        Fixture fixture(QStringLiteral("x^2 + 3xy + y^2"), 1, 4);
        fixture.page->goToEnd();
        QCoreApplication::processEvents();
        QVERIFY(fixture.page->grab().save(directory + QStringLiteral("/backprop-tutorial.png")));
    }
    {
        // One neuron, w = 2, b = −1 at x = 1, halfway back: the product hands its adjoint to w.
        Fixture fixture(QStringLiteral("sigmoid(w*x + b)"), 1, 0);
        fixture.session.setParameter(ParameterData{QStringLiteral("w"), 2.0});
        fixture.session.setParameter(ParameterData{QStringLiteral("b"), -1.0});
        fixture.page->setStep(3);
        QCoreApplication::processEvents();
        QVERIFY(fixture.page->grab().save(directory + QStringLiteral("/backprop-sigmoid.png")));
    }
}

QTEST_MAIN(TestBackpropLab)
#include "tst_backproplab.moc"
