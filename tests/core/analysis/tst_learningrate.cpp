// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/learningrate.h"
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"
#include "functions/presets.h"

#include <Eigen/Eigenvalues>
#include <QtTest>

using namespace gradlab;

class TestLearningRate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void literals_data();
    void literals();
    void stableOnEveryPreset_data();
    void stableOnEveryPreset();
    void notFiniteFallsBack();
};

namespace {

CompiledFunction compiled(const std::string& formula)
{
    ParseResult result = parse(formula);
    return CompiledFunction::compile(result.expression, {}, DerivativeOrder::Hessian);
}

} // namespace

void TestLearningRate::literals_data()
{
    QTest::addColumn<QString>("formula");
    QTest::addColumn<QString>("method");
    QTest::addColumn<double>("expected");
    // x² + 10y²: λmax = 20, 0.9 · 2/20 = 0.09 — the teaching scene's zig-zag.
    QTest::newRow("elongated bowl, gd") << "x^2 + 10y^2"
                                        << "gd" << 0.09;
    // with μ = 0.9: 0.09 · (1 − 0.9) = 0.009
    QTest::newRow("elongated bowl, momentum") << "x^2 + 10y^2"
                                              << "momentum" << 0.009;
    // Rosenbrock over [−2, 2] × [−1, 3]: f_xx = 2 + 1200x² − 400y is largest at (±2, −1),
    // with f_xy = −400x = ∓800 and f_yy = 200: λmax ≈ 5330 → 0.9·2/5330 = 0.00034
    QTest::newRow("rosenbrock, gd") << "(1 - x)^2 + 100(y - x^2)^2"
                                    << "gd" << 0.00033;
    // Adam moves about lr per coordinate: the default 0.1 on a 6-wide domain, 4/6 of it here.
    QTest::newRow("rosenbrock, adam") << "(1 - x)^2 + 100(y - x^2)^2"
                                      << "adam" << 0.066;
    QTest::newRow("newton keeps the full step") << "(1 - x)^2 + 100(y - x^2)^2"
                                                << "newton" << 1.0;
}

void TestLearningRate::literals()
{
    QFETCH(QString, formula);
    QFETCH(QString, method);
    QFETCH(double, expected);
    const CompiledFunction function = compiled(formula.toStdString());
    const bool rosenbrock = formula.startsWith(QLatin1Char('('));
    const Domain domain = rosenbrock ? Domain{-2, 2, -1, 3} : Domain{-3, 3, -2, 2};
    const Eigen::Vector2d start =
        rosenbrock ? Eigen::Vector2d(-1.5, 2) : Eigen::Vector2d(-2.5, 1.2);
    const OptimizerSettings settings = defaultSettings(*methodFromName(method.toStdString()));
    const double rate = suggestedLearningRate(settings, function.objective(), start, domain);
    QVERIFY2(std::abs(rate - expected) < 1e-12 * expected,
             qPrintable(QString::number(rate, 'g', 17)));
}

void TestLearningRate::stableOnEveryPreset_data()
{
    QTest::addColumn<int>("presetIndex");
    QTest::addColumn<int>("method");
    for (std::size_t p = 0; p < presets().size(); ++p) {
        for (const Method method : allMethods()) {
            const std::string name = presets()[p].name + ", " + std::string(methodName(method));
            QTest::newRow(name.c_str()) << static_cast<int>(p) << static_cast<int>(method);
        }
    }
}

void TestLearningRate::stableOnEveryPreset()
{
    // What a newcomer does first: pick a preset and press Play. With the suggested rate no method
    // runs away uphill within 100 steps, and the plain methods are below the bound 2/λmax at the
    // start.
    QFETCH(int, presetIndex);
    QFETCH(int, method);
    const Preset& preset = presets()[static_cast<std::size_t>(presetIndex)];
    const CompiledFunction function = compiled(preset.formula);
    OptimizerSettings settings = defaultSettings(static_cast<Method>(method));
    const PointValue start = function.evaluate(preset.start.x(), preset.start.y());
    settings.learningRate =
        suggestedLearningRate(settings, function.objective(), preset.start, preset.domain);
    QVERIFY(settings.learningRate > 0 && std::isfinite(settings.learningRate));
    if (settings.method == Method::GradientDescent || settings.method == Method::Momentum ||
        settings.method == Method::Nesterov) {
        const double largest =
            Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(start.hessian).eigenvalues().maxCoeff();
        QVERIFY2(
            settings.learningRate * largest < 2.0,
            qPrintable(QStringLiteral("lr %1, λmax %2").arg(settings.learningRate).arg(largest)));
    }
    settings.maxSteps = 100;
    Run run(function.objective(), preset.start, settings);
    run.runToEnd();
    // A function unbounded below (the saddles) lets a working descent run away downhill.
    const bool downhill = run.records().back().f < run.records().front().f;
    QVERIFY2(run.stopReason() != StopReason::Diverged || downhill,
             qPrintable(QStringLiteral("lr %1: %2")
                            .arg(settings.learningRate)
                            .arg(QString::fromStdString(run.explanation()))));
}

void TestLearningRate::notFiniteFallsBack()
{
    const CompiledFunction function = compiled("log(x)");
    const OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    QCOMPARE(suggestedLearningRate(settings, function.objective(), {-1, 0}, Domain{}),
             defaultSettings(Method::GradientDescent).learningRate);
}

QTEST_APPLESS_MAIN(TestLearningRate)
#include "tst_learningrate.moc"
