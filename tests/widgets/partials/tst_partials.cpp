// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "common/plotfontprobe.h"
#include "functions/presets.h"
#include "partials/partialsmodel.h"
#include "partials/partialspanel.h"
#include "session.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <qcustomplot.h>

using namespace gradlab;
using namespace gradlab::testing;

class TestPartials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tutorialExample();
    void panelShowsTutorialExample();
    void sliceTangentSlopes_data();
    void sliceTangentSlopes();
    void directionalDerivative_data();
    void directionalDerivative();
    void hessianAtKnownPoints_data();
    void hessianAtKnownPoints();
    void followsProbe();
    void undefinedWhereFIs_data();
    void undefinedWhereFIs();
    void slicePlotFontsFollowPanel_data();
    void slicePlotFontsFollowPanel();
    void screenshot();
};

void TestPartials::tutorialExample()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 3xy + y^2")));
    session.setProbe(Eigen::Vector2d(1, 4));
    PartialsModel model(&session);
    QCOMPARE(model.f(), 29.0); // 1 + 12 + 16
    QCOMPARE(model.dfdx(), 14.0);
    QCOMPARE(model.dfdy(), 11.0);
    QCOMPARE(model.partialXText(), QStringLiteral("2x + 3y"));
    QCOMPARE(model.partialYText(), QStringLiteral("3x + 2y"));
    QCOMPARE(QString::fromStdString(model.derivationX().summary()),
             QStringLiteral("treat y as a constant; x² → 2x (power rule); 3xy → 3y (constant "
                            "multiple); y² → 0 (constant); sum rule: 2x + 3y"));
    const QStringList stepsY = model.derivationSteps(Variable::Y);
    QVERIFY(!stepsY.isEmpty());
    QVERIFY2(stepsY.first().contains(QStringLiteral("treat x as a constant")),
             qPrintable(stepsY.first()));
    QVERIFY(stepsY.join(QLatin1Char('\n')).contains(QStringLiteral("3xy → 3x")));
    QCOMPARE(model.gradientNorm(), std::hypot(14.0, 11.0));
    // The Hessian [[2, 3], [3, 2]] has eigenvalues −1 and 5: a saddle.
    QCOMPARE(model.curvatureKind(), CriticalKind::Saddle);
    QVERIFY(std::fabs(model.hessianEigenvalues().x() + 1) < 1e-12);
    QVERIFY(std::fabs(model.hessianEigenvalues().y() - 5) < 1e-12);
    QVERIFY(
        model.tangentPlaneText().startsWith(QStringLiteral("z = 29 + 14·(x − 1) + 11·(y − 4)")));
}

void TestPartials::panelShowsTutorialExample()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 3xy + y^2")));
    session.setProbe(Eigen::Vector2d(1, 4));
    PartialsPanel panel(&session);
    QVERIFY(panel.valuesText().contains(QStringLiteral("∂f/∂x = <b>14</b>")));
    QVERIFY(panel.valuesText().contains(QStringLiteral("∂f/∂y = <b>11</b>")));
    QVERIFY(panel.derivationText().contains(QStringLiteral("treat y as a constant")));
    QVERIFY(panel.derivationText().contains(QStringLiteral("3xy → 3y (constant multiple)")));
    // The partials' HTML shows 2x + 3y and 3x + 2y (variables may be italic).
    QString plain = panel.partialsText();
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    QVERIFY2(plain.contains(QStringLiteral("2x + 3y")), qPrintable(plain));
    QVERIFY2(plain.contains(QStringLiteral("3x + 2y")), qPrintable(plain));
}

void TestPartials::sliceTangentSlopes_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::newRow("tutorial") << "x^2 + 3xy + y^2" << 1.0 << 4.0;
    QTest::newRow("rosenbrock") << "(1-x)^2 + 100(y-x^2)^2" << -0.5 << 0.7;
    QTest::newRow("trig mix") << "sin(x)cos(y) + exp(-(x^2+y^2))" << 0.3 << -1.1;
    QTest::newRow("sigmoid") << "sigmoid(2x - y)" << 0.2 << 0.9;
}

void TestPartials::sliceTangentSlopes()
{
    QFETCH(QString, expression);
    QFETCH(double, x);
    QFETCH(double, y);
    Session session;
    QVERIFY(session.setExpressionText(expression));
    session.setDomain(Domain{-2, 2, -2, 2});
    session.setProbe(Eigen::Vector2d(x, y));
    PartialsModel model(&session);
    for (Variable v : {Variable::X, Variable::Y}) {
        const SliceData& slice = model.slice(v);
        QCOMPARE(slice.t.size(), PartialsModel::kSliceSamples);
        const double slope =
            (slice.tangentF[1] - slice.tangentF[0]) / (slice.tangentT[1] - slice.tangentT[0]);
        // the partial by a central difference of f, not the model's own ∂f: O(h²) ≈ 10⁻¹⁰ off
        const double h = 1e-5;
        const CompiledFunction& function = session.function();
        const double partial =
            v == Variable::X ? (function.value(x + h, y) - function.value(x - h, y)) / (2 * h)
                             : (function.value(x, y + h) - function.value(x, y - h)) / (2 * h);
        QVERIFY2(std::fabs(slope - partial) <= 1e-6 * std::max(1.0, std::fabs(partial)),
                 qPrintable(QStringLiteral("%1 vs %2").arg(slope).arg(partial)));
        // The tangent touches the slice at the probe: its value there is f(x₀, y₀).
        const double at = v == Variable::X ? x : y;
        const double tangentAtProbe = slice.tangentF[0] + slope * (at - slice.tangentT[0]);
        QVERIFY(std::fabs(tangentAtProbe - model.f()) <=
                1e-9 * std::max(1.0, std::fabs(model.f())));
        // The slice really holds the other variable fixed: its samples are f(t, y₀) / f(x₀, t).
        const int middle = PartialsModel::kSliceSamples / 2;
        const double t = slice.t[middle];
        const double expected =
            v == Variable::X ? session.function().value(t, y) : session.function().value(x, t);
        QCOMPARE(slice.f[middle], expected);
    }
}

void TestPartials::directionalDerivative_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::newRow("tutorial") << "x^2 + 3xy + y^2" << 1.0 << 4.0;
    QTest::newRow("himmelblau") << "(x^2+y-11)^2 + (x+y^2-7)^2" << -1.0 << 0.5;
    QTest::newRow("negative gradient") << "-x - 2y" << 0.0 << 0.0;
}

void TestPartials::directionalDerivative()
{
    QFETCH(QString, expression);
    QFETCH(double, x);
    QFETCH(double, y);
    Session session;
    QVERIFY(session.setExpressionText(expression));
    session.setProbe(Eigen::Vector2d(x, y));
    PartialsModel model(&session);
    const Eigen::Vector2d g(model.dfdx(), model.dfdy());
    // D_u f = ∇f·u for an arbitrary u set on the session.
    session.setProbeDirection(Eigen::Vector2d(3, -4));
    QCOMPARE(model.directionalDerivative(), g.dot(Eigen::Vector2d(0.6, -0.8)));
    // Over 360 directions the largest is along ∇f and equals ‖∇f‖.
    double best = -1e300;
    double bestAngle = 0;
    for (int degrees = 0; degrees < 360; ++degrees) {
        const double d = model.directionalDerivativeAt(degrees);
        if (d > best) {
            best = d;
            bestAngle = degrees;
        }
    }
    double difference = std::fabs(bestAngle - std::fmod(model.gradientAngle() + 360.0, 360.0));
    difference = std::min(difference, 360.0 - difference);
    QVERIFY2(
        difference <= 0.5,
        qPrintable(
            QStringLiteral("max at %1°, ∇f at %2°").arg(bestAngle).arg(model.gradientAngle())));
    QVERIFY(best <= model.gradientNorm() * (1 + 1e-12));
    QVERIFY(best >= model.gradientNorm() * std::cos(0.5 * std::numbers::pi / 180));
    session.setProbeDirection(g);
    QVERIFY(std::fabs(model.directionalDerivative() - model.gradientNorm()) <
            1e-9 * model.gradientNorm());
    QVERIFY(std::fabs(model.angleToGradient()) < 1e-6);
}

void TestPartials::hessianAtKnownPoints_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<int>("kind");
    int rows = 0;
    for (const Preset& preset : presets()) {
        for (const KnownPoint& known : preset.knownPoints) {
            const QString name = QStringLiteral("%1 (%2, %3)")
                                     .arg(QString::fromStdString(preset.name))
                                     .arg(known.point.x())
                                     .arg(known.point.y());
            QTest::newRow(qPrintable(name))
                << QString::fromStdString(preset.name) << known.point.x() << known.point.y()
                << static_cast<int>(known.kind);
            ++rows;
        }
    }
    QVERIFY(rows >= 12);
}

void TestPartials::hessianAtKnownPoints()
{
    QFETCH(QString, preset);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(int, kind);
    Session session;
    const Preset* found = findPreset(preset.toStdString());
    QVERIFY(found);
    session.loadPreset(*found);
    session.setProbe(Eigen::Vector2d(x, y));
    PartialsModel model(&session);
    QCOMPARE(static_cast<int>(model.curvatureKind()), kind);
    QVERIFY(model.curvatureMeaning().contains(QStringLiteral("∇f = 0")));
}

void TestPartials::followsProbe()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 3xy + y^2")));
    session.setProbe(Eigen::Vector2d(1, 4));
    PartialsModel model(&session);
    QSignalSpy spy(&model, &PartialsModel::valuesChanged);
    session.setProbe(Eigen::Vector2d(-2, 0.5));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(model.dfdx(), 2 * -2.0 + 3 * 0.5);
    QCOMPARE(model.dfdy(), 3 * -2.0 + 2 * 0.5);
    // A new function redoes the derivation; a parameter change does not change it.
    QSignalSpy derivations(&model, &PartialsModel::derivationChanged);
    QVERIFY(session.setExpressionText(QStringLiteral("a x^2 + y")));
    QCOMPARE(derivations.count(), 1);
    QCOMPARE(model.partialXText(), QStringLiteral("2*a*x"));
    // An undefined value is reported as undefined, not hidden.
    QVERIFY(session.setExpressionText(QStringLiteral("log(x)")));
    session.setProbe(Eigen::Vector2d(-1, 0));
    QVERIFY(std::isnan(model.f()));
    QCOMPARE(formatNumber(model.f()), QStringLiteral("undefined"));
}

void TestPartials::undefinedWhereFIs_data()
{
    QTest::addColumn<QString>("formula");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<QString>("dfdx"); // as shown; "undefined" where f is
    QTest::addColumn<QString>("dfdy");
    // ∂/∂x of x + √y is 1 by the rules, but f has no value where y < 0.
    QTest::newRow("x + sqrt(y), y < 0") << "x + sqrt(y)" << 1.0 << -4.0 << "undefined"
                                        << "undefined";
    QTest::newRow("x + sqrt(y), y > 0") << "x + sqrt(y)" << 1.0 << 4.0 << "1"
                                        << "0.25";
    QTest::newRow("y*ln(x), x < 0") << "y*ln(x)" << -1.0 << 2.0 << "undefined"
                                    << "undefined";
}

void TestPartials::undefinedWhereFIs()
{
    QFETCH(QString, formula);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(QString, dfdx);
    QFETCH(QString, dfdy);
    Session session;
    QVERIFY(session.setExpressionText(formula));
    session.setDomain(Domain{-5, 5, -5, 5});
    session.setProbe(Eigen::Vector2d(x, y));
    PartialsPanel panel(&session);
    const QString values = panel.valuesText();
    QVERIFY2(values.contains(QStringLiteral("∂f/∂x = <b>%1</b>").arg(dfdx)), qPrintable(values));
    QVERIFY2(values.contains(QStringLiteral("∂f/∂y = <b>%1</b>").arg(dfdy)), qPrintable(values));
    const bool undefined = dfdx == QStringLiteral("undefined");
    QCOMPARE(values.contains(QStringLiteral("‖∇f‖ = <b>undefined</b>")), undefined);
    for (QCustomPlot* plot : panel.findChildren<QCustomPlot*>()) {
        auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
        QVERIFY(title);
        QCOMPARE(title->text().endsWith(QStringLiteral("= undefined")), undefined);
    }
}

void TestPartials::slicePlotFontsFollowPanel_data()
{
    addFontChangeRows();
}

void TestPartials::slicePlotFontsFollowPanel()
{
    QFETCH(double, factor);
    QFETCH(QString, family);
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 3xy + y^2")));
    session.setProbe(Eigen::Vector2d(1, 4));
    PartialsPanel panel(&session);
    const QList<QCustomPlot*> plots = panel.findChildren<QCustomPlot*>();
    QCOMPARE(plots.size(), 2);
    const QFont normal = panel.font();
    QList<QList<PlotFont>> before;
    for (QCustomPlot* plot : plots) {
        before << fontsOf(plot);
        // The title, bold.
        QVERIFY(std::any_of(before.back().begin(), before.back().end(), [](const PlotFont& font) {
            return font.where.startsWith(QStringLiteral("title 'f(")) && font.font.bold();
        }));
    }

    panel.setFont(changedFont(normal, factor, family));
    for (qsizetype i = 0; i < plots.size(); ++i) {
        compareScaled(before[i], fontsOf(plots[i]), factor, family);
        if (QTest::currentTestFailed()) {
            return;
        }
    }
    panel.setFont(normal);
    for (qsizetype i = 0; i < plots.size(); ++i) {
        compareSame(before[i], fontsOf(plots[i]));
    }
}

void TestPartials::screenshot()
{
    const QByteArray directory = qgetenv("GRADLAB_SCREENSHOT_DIR");
    if (directory.isEmpty()) {
        QSKIP("set GRADLAB_SCREENSHOT_DIR to write docs/screenshots/partials.png");
    }
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 3xy + y^2")));
    session.setDomain(Domain{-5, 5, -5, 5});
    session.setProbe(Eigen::Vector2d(1, 4));
    session.setProbeDirection(Eigen::Vector2d(1, 1));
    PartialsPanel panel(&session);
    panel.resize(520, 1180);
    panel.show();
    QCoreApplication::processEvents();
    QVERIFY(panel.grab().save(QString::fromLocal8Bit(directory) + QStringLiteral("/partials.png")));
}

QTEST_MAIN(TestPartials)
#include "tst_partials.moc"
