// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "differentiation/finitedifferences.h"

#include <QTest>
#include <cmath>

using namespace gradlab;

namespace {

enum class Function { Square, Cube, Sine, Exponential };

std::function<double(double)> functionOf(Function function)
{
    switch (function) {
    case Function::Square:
        return [](double x) {
            return x * x;
        };
    case Function::Cube:
        return [](double x) {
            return x * x * x;
        };
    case Function::Sine:
        return [](double x) {
            return std::sin(x);
        };
    case Function::Exponential:
        return [](double x) {
            return std::exp(x);
        };
    }
    return {};
}

double derivativeOf(Function function, double x)
{
    switch (function) {
    case Function::Square:
        return 2 * x;
    case Function::Cube:
        return 3 * x * x;
    case Function::Sine:
        return std::cos(x);
    case Function::Exponential:
        return std::exp(x);
    }
    return 0;
}

} // namespace

Q_DECLARE_METATYPE(Function)

class TestFiniteDifferences : public QObject
{
    Q_OBJECT

private slots:
    void testCentralDifference_data();
    void testCentralDifference();
    void testForwardDifference_data();
    void testForwardDifference();
    void testUndefined();
};

void TestFiniteDifferences::testCentralDifference_data()
{
    QTest::addColumn<Function>("function");
    QTest::addColumn<double>("x");

    QTest::newRow("square at 0.5") << Function::Square << 0.5;
    QTest::newRow("square far out") << Function::Square << 1e6;
    QTest::newRow("cube at 2") << Function::Cube << 2.0;
    QTest::newRow("cube at 0") << Function::Cube << 0.0;
    QTest::newRow("sine at 1") << Function::Sine << 1.0;
    QTest::newRow("sine at -40") << Function::Sine << -40.0;
    QTest::newRow("exponential at -3") << Function::Exponential << -3.0;
    QTest::newRow("exponential at 5") << Function::Exponential << 5.0;
}

void TestFiniteDifferences::testCentralDifference()
{
    QFETCH(Function, function);
    QFETCH(double, x);

    const double exact = derivativeOf(function, x);
    const double estimate = centralDifference(functionOf(function), x);
    // The error is |f‴|h²/6 + ε|f|/h with h = ∛ε·max(1, |x|) ≈ 6e-6·max(1, |x|): about 4e-11
    // relative to the scale of f near 0, growing with h² ∝ x² further out (6e-9 for sin at −40).
    const double tolerance = (1e-9 + 1e-10 * x * x) * std::max(1.0, std::fabs(exact));
    QVERIFY2(
        std::fabs(estimate - exact) <= tolerance,
        qPrintable(QString("%1 instead of %2").arg(estimate, 0, 'g', 17).arg(exact, 0, 'g', 17)));
}

void TestFiniteDifferences::testForwardDifference_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("h");

    // The tutorial's secant slopes of x², ((x + h)² − x²)/h = 2x + h.
    QTest::newRow("wide secant") << 1.0 << 0.5;
    QTest::newRow("narrow secant") << 1.0 << 0.125;
    QTest::newRow("secant at 3") << 3.0 << 0.25;
    QTest::newRow("secant backwards") << 2.0 << -0.5;
}

void TestFiniteDifferences::testForwardDifference()
{
    QFETCH(double, x);
    QFETCH(double, h);

    // The steps are powers of two, so the secant slope is exact in floating point.
    QCOMPARE(forwardDifference(functionOf(Function::Square), x, h), 2 * x + h);
}

void TestFiniteDifferences::testUndefined()
{
    // Outside the domain the estimate is NaN, never a number.
    const auto logarithm = [](double x) {
        return std::log(x);
    };
    QVERIFY(std::isnan(centralDifference(logarithm, -1.0)));
    QVERIFY(std::isnan(forwardDifference(logarithm, -2.0, 0.5)));
}

QTEST_APPLESS_MAIN(TestFiniteDifferences)
#include "tst_finitedifferences.moc"
