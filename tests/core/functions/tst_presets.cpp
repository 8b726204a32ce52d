// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/contours.h"
#include "analysis/criticalpoints.h"
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"
#include "functions/presets.h"
#include "optimization/optimizer.h"

#include <Eigen/Eigenvalues>
#include <QTest>
#include <cmath>
#include <set>
#include <string>

using namespace gradlab;

namespace {

CompiledFunction compiledPreset(const Preset& preset)
{
    const ParseResult parsed = parse(preset.formula);
    if (!parsed.isValid()) {
        return {};
    }
    return CompiledFunction::compile(parsed.expression);
}

const Preset& presetNamed(const QString& name)
{
    const Preset* preset = findPreset(name.toStdString());
    return preset ? *preset : defaultPreset();
}

} // namespace

class TestPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogue();
    void rejectedNames_data();
    void rejectedNames();
    void preset_data();
    void preset();
    void knownPoints_data();
    void knownPoints();
    void finderFindsMinima_data();
    void finderFindsMinima();
    void defaultSceneZigZags();
    void descriptions_data();
    void descriptions();
};

void TestPresets::catalogue()
{
    QVERIFY(presets().size() >= 15);
    std::set<std::string> names;
    for (const Preset& preset : presets()) {
        QVERIFY(names.insert(preset.name).second);
        QCOMPARE(findPreset(preset.name), &preset);
    }
    QCOMPARE(defaultPreset().name, std::string("elongated"));
    QCOMPARE(defaultPreset().formula, std::string("x^2 + 10*y^2"));
    for (const char* name :
         {"bowl", "elongated", "tutorial", "saddle", "monkey", "rosenbrock", "himmelblau", "beale",
          "booth", "matyas", "camel", "rastrigin", "ackley", "goldsteinprice", "neuron"}) {
        QVERIFY2(findPreset(name), name);
    }
}

void TestPresets::rejectedNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << "";
    QTest::newRow("title instead of name") << "Rosenbrock";
    QTest::newRow("trailing space") << "bowl ";
    QTest::newRow("unknown") << "banana";
}

void TestPresets::rejectedNames()
{
    QFETCH(QString, name);
    QVERIFY(!findPreset(name.toStdString()));
}

void TestPresets::preset_data()
{
    QTest::addColumn<QString>("name");
    for (const Preset& preset : presets()) {
        QTest::newRow(preset.name.c_str()) << QString::fromStdString(preset.name);
    }
}

void TestPresets::preset()
{
    QFETCH(QString, name);
    const Preset& preset = presetNamed(name);
    QCOMPARE(QString::fromStdString(preset.name), name);
    QVERIFY(!preset.title.empty());
    QVERIFY(!preset.description.empty());
    QVERIFY(preset.description.find('\n') == std::string::npos);
    const ParseResult parsed = parse(preset.formula);
    QVERIFY2(parsed.isValid(), parsed.error.message.c_str());
    QVERIFY(parsed.parameters.empty());
    QVERIFY(preset.domain.isValid());
    QVERIFY(preset.domain.contains(preset.start.x(), preset.start.y()));
    const CompiledFunction function = compiledPreset(preset);
    QVERIFY(function.isValid());
    const PointValue start = function.evaluate(preset.start.x(), preset.start.y());
    QVERIFY(std::isfinite(start.f));
    QVERIFY(start.gradient.allFinite());
    QVERIFY(start.gradient.norm() > 0); // a start that moves
    // the contour flag agrees with what the grid's values suggest
    const GridValues grid = function.evaluateGrid(GridSpec{preset.domain, 256, 256}, false, 1);
    QCOMPARE(prefersLogLevels(grid), preset.logScaleContours);
}

void TestPresets::knownPoints_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<int>("kind");
    int minima = 0;
    for (const Preset& preset : presets()) {
        for (const KnownPoint& known : preset.knownPoints) {
            QTest::addRow("%s (%.6g, %.6g)", preset.name.c_str(), known.point.x(), known.point.y())
                << QString::fromStdString(preset.name) << known.point.x() << known.point.y()
                << static_cast<int>(known.kind);
            minima += known.kind == CriticalKind::Minimum;
        }
    }
    QVERIFY(minima >= 15);
}

void TestPresets::knownPoints()
{
    QFETCH(QString, name);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(int, kind);
    const Preset& preset = presetNamed(name);
    QVERIFY(preset.domain.contains(x, y));
    const PointValue value = compiledPreset(preset).evaluate(x, y);
    QVERIFY2(value.gradient.norm() < 1e-6,
             qPrintable(QStringLiteral("|grad f| = %1").arg(value.gradient.norm())));
    // the kind by the Hessian's eigenvalues, zero below 10⁻⁹ of its scale
    const double scale = std::max(1.0, value.hessian.cwiseAbs().maxCoeff());
    QCOMPARE(static_cast<int>(classifyHessian(value.hessian, 1e-9 * scale)), kind);
}

void TestPresets::finderFindsMinima_data()
{
    preset_data();
}

void TestPresets::finderFindsMinima()
{
    QFETCH(QString, name);
    const Preset& preset = presetNamed(name);
    const std::vector<CriticalPoint> found =
        findCriticalPoints(compiledPreset(preset).objective(), preset.domain);
    const double size = std::max(preset.domain.width(), preset.domain.height());
    for (const KnownPoint& known : preset.knownPoints) {
        const auto match = std::find_if(found.begin(), found.end(), [&](const CriticalPoint& p) {
            return (p.point - known.point).norm() < 1e-6 * size;
        });
        if (known.kind == CriticalKind::Minimum) {
            QVERIFY2(match != found.end(), qPrintable(QStringLiteral("(%1, %2) not found")
                                                          .arg(known.point.x())
                                                          .arg(known.point.y())));
        }
        if (match != found.end()) {
            QCOMPARE(match->kind, known.kind);
        }
    }
    // every point found is a critical point of the right kind, judged from f's values alone:
    // central differences with h = 10⁻⁴ of the domain for ∇f and the Hessian
    const CompiledFunction function = compiledPreset(preset);
    const auto f = [&](double x, double y) {
        return function.value(x, y);
    };
    const double h = 1e-4 * size;
    for (const CriticalPoint& point : found) {
        const double x = point.point.x();
        const double y = point.point.y();
        QVERIFY(preset.domain.contains(x, y));
        const double f0 = f(x, y);
        // f_x ≈ (f(x+h) − f(x−h)) / 2h, f_y likewise; both O(h²) off
        const Eigen::Vector2d gradient((f(x + h, y) - f(x - h, y)) / (2 * h),
                                       (f(x, y + h) - f(x, y - h)) / (2 * h));
        // f_xx ≈ (f(x+h) − 2f + f(x−h)) / h², f_xy ≈ (f(+,+) − f(+,−) − f(−,+) + f(−,−)) / 4h²
        Eigen::Matrix2d hessian;
        hessian(0, 0) = (f(x + h, y) - 2 * f0 + f(x - h, y)) / (h * h);
        hessian(1, 1) = (f(x, y + h) - 2 * f0 + f(x, y - h)) / (h * h);
        hessian(0, 1) =
            (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h * h);
        hessian(1, 0) = hessian(0, 1);
        const double scale = std::max(1.0, hessian.cwiseAbs().maxCoeff());
        QVERIFY2(gradient.norm() < 1e-3 * scale * size,
                 qPrintable(
                     QStringLiteral("(%1, %2): |grad f| = %3").arg(x).arg(y).arg(gradient.norm())));
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(hessian,
                                                                    Eigen::EigenvaluesOnly);
        const double low = solver.eigenvalues().x();
        const double high = solver.eigenvalues().y();
        // the differences' own error is about 10⁻⁷ of the scale: an eigenvalue below 10⁻⁴ of it
        // counts as zero
        const double zero = 1e-4 * scale;
        const CriticalKind expected = low > zero                   ? CriticalKind::Minimum
                                      : high < -zero               ? CriticalKind::Maximum
                                      : low < -zero && high > zero ? CriticalKind::Saddle
                                                                   : CriticalKind::Degenerate;
        QVERIFY2(
            point.kind == expected,
            qPrintable(QStringLiteral("(%1, %2): %3, eigenvalues %4, %5")
                           .arg(x)
                           .arg(y)
                           .arg(QString::fromStdString(std::string(criticalKindName(point.kind))))
                           .arg(low)
                           .arg(high)));
    }
}

void TestPresets::defaultSceneZigZags()
{
    // The first scene: gradient descent with lr = 0.9·2/λmax across the valley of the elongated
    // bowl. Along y each step multiplies the distance by 1 − lr·λmax = −0.8: y changes sign at
    // every step while x creeps toward 0.
    const Preset& preset = defaultPreset();
    const CompiledFunction function = compiledPreset(preset);
    const PointValue start = function.evaluate(preset.start.x(), preset.start.y());
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(start.hessian);
    const double largest = solver.eigenvalues().maxCoeff();
    QCOMPARE(largest, 20.0);
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.learningRate = 0.9 * 2 / largest;
    Run run(function.objective(), preset.start, settings);
    run.advanceTo(10);
    for (std::size_t k = 1; k < run.records().size(); ++k) {
        const StepRecord& before = run.records()[k - 1];
        const StepRecord& after = run.records()[k];
        QVERIFY(before.point.y() * after.point.y() < 0);
        QVERIFY(std::fabs(after.point.x()) < std::fabs(before.point.x()));
        QVERIFY(after.f < before.f);
    }
}

void TestPresets::descriptions_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("phrases");
    QTest::newRow("tutorial") << "tutorial"
                              << QStringList{"[[2, 3], [3, 2]]", "indefinite", "saddle"};
    QTest::newRow("neuron") << "neuron" << QStringList{"backpropagation", "cross-entropy"};
    QTest::newRow("monkey saddle") << "monkey" << QStringList{"degenerate"};
    QTest::newRow("elongated") << "elongated" << QStringList{"zig-zag"};
}

void TestPresets::descriptions()
{
    QFETCH(QString, name);
    QFETCH(QStringList, phrases);
    const QString description = QString::fromStdString(presetNamed(name).description);
    for (const QString& phrase : phrases) {
        QVERIFY2(description.contains(phrase), qPrintable(description));
    }
}

QTEST_APPLESS_MAIN(TestPresets)

#include "tst_presets.moc"
