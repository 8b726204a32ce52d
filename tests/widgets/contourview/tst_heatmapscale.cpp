// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview/heatmapscale.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>

using namespace gradlab;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

GridValues gridOf(const QList<double>& values)
{
    GridValues grid;
    grid.spec.columns = static_cast<int>(values.size());
    grid.spec.rows = 1;
    grid.f.assign(values.begin(), values.end());
    return grid;
}

} // namespace

Q_DECLARE_METATYPE(HeatMapScale::Kind)

class TestHeatMapScale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void range_data();
    void range();
    void storedValues_data();
    void storedValues();
};

void TestHeatMapScale::range_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<bool>("logarithmic");
    QTest::addColumn<HeatMapScale::Kind>("kind");
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");
    QTest::addColumn<double>("undefined");

    using Kind = HeatMapScale::Kind;
    QTest::newRow("linear with a hole")
        << QList<double>{0, 1, 2, kNaN} << false << Kind::Linear << 0.0 << 2.0 << 0.25;
    QTest::newRow("infinities ignored")
        << QList<double>{-1, kInf, 3, -kInf} << false << Kind::Linear << -1.0 << 3.0 << 0.5;
    QTest::newRow("log of positive values")
        << QList<double>{1e-3, 1, 1e3} << true << Kind::Logarithmic << 1e-3 << 1e3 << 0.0;
    QTest::newRow("log over a zero minimum") // δ = 10⁻⁶·(100 − 0): shift = −δ
        << QList<double>{0, 1, 100} << true << Kind::ShiftedLogarithmic << 1e-4 << 100 + 1e-4
        << 0.0;
    QTest::newRow("log over negative values") // δ = 10⁻⁶·(10 − (−10)) = 2·10⁻⁵
        << QList<double>{-10, 0, 10, kNaN} << true << Kind::ShiftedLogarithmic << 2e-5 << 20 + 2e-5
        << 0.25;
    QTest::newRow("constant") << QList<double>{5, 5, 5} << true << Kind::Linear << 4.5 << 5.5
                              << 0.0;
    QTest::newRow("nothing finite")
        << QList<double>{kNaN, kInf} << false << Kind::Linear << 0.0 << 1.0 << 1.0;
}

void TestHeatMapScale::range()
{
    QFETCH(QList<double>, values);
    QFETCH(bool, logarithmic);
    QFETCH(HeatMapScale::Kind, kind);
    QFETCH(double, lower);
    QFETCH(double, upper);
    QFETCH(double, undefined);

    const HeatMapScale scale = HeatMapScale::fromGrid(gridOf(values), logarithmic);
    QCOMPARE(scale.kind, kind);
    QVERIFY(std::abs(scale.lower - lower) <= 1e-12 * std::max(1.0, std::abs(lower)));
    QVERIFY(std::abs(scale.upper - upper) <= 1e-12 * std::max(1.0, std::abs(upper)));
    QCOMPARE(scale.undefinedFraction(), undefined);
    QCOMPARE(scale.isLogarithmic(), kind != HeatMapScale::Kind::Linear);
}

void TestHeatMapScale::storedValues_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<bool>("logarithmic");
    QTest::newRow("linear") << QList<double>{-3, 0, 4, kNaN} << false;
    QTest::newRow("log") << QList<double>{1e-2, 3, 7e4, kInf} << true;
    QTest::newRow("shifted log") << QList<double>{-5, -4.999999, 0, 12, -kInf} << true;
}

void TestHeatMapScale::storedValues()
{
    QFETCH(QList<double>, values);
    QFETCH(bool, logarithmic);
    const HeatMapScale scale = HeatMapScale::fromGrid(gridOf(values), logarithmic);
    double previous = -kInf;
    for (const double f : values) {
        const double stored = scale.stored(f);
        if (!std::isfinite(f)) {
            // Undefined stays undefined: NaN is drawn transparent over the hatching.
            QVERIFY(std::isnan(stored));
            continue;
        }
        QVERIFY(std::isfinite(stored)); // log never saw a value ≤ 0
        QVERIFY(stored >= scale.storedLower() && stored <= scale.storedUpper());
        if (scale.isLogarithmic()) {
            // log₁₀ of the value in colour-bar units, clamped into the bar's range
            const double unit = scale.kind == HeatMapScale::Kind::Logarithmic ? f : f - scale.shift;
            QCOMPARE(stored, std::log10(std::clamp(unit, scale.lower, scale.upper)));
        } else {
            QCOMPARE(stored, f);
        }
        // Order is kept: a larger f never gets a lower colour (values are listed ascending).
        QVERIFY(stored >= previous);
        previous = stored;
    }
}

QTEST_APPLESS_MAIN(TestHeatMapScale)
#include "tst_heatmapscale.moc"
