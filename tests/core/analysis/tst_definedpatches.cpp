// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/definedpatches.h"

#include <QTest>
#include <cmath>
#include <functional>
#include <limits>

using namespace gradlab;

namespace {

GridValues sampled(int columns, int rows, const std::function<double(double, double)>& f)
{
    GridValues grid;
    grid.spec = {Domain{-2, 2, -2, 2}, columns, rows};
    grid.f.resize(grid.spec.size());
    for (int j = 0; j < rows; ++j) {
        for (int i = 0; i < columns; ++i) {
            grid.f[std::size_t(j) * columns + i] = f(grid.spec.x(i), grid.spec.y(j));
        }
    }
    return grid;
}

/// How many patches cover each cell, counted independently of the decomposition.
std::vector<int> coverage(const GridValues& grid, const std::vector<SamplePatch>& patches)
{
    const int cellColumns = grid.spec.columns - 1;
    std::vector<int> count(std::size_t(cellColumns) * (grid.spec.rows - 1), 0);
    for (const SamplePatch& p : patches) {
        for (int j = p.row; j < p.row + p.rows - 1; ++j) {
            for (int i = p.column; i < p.column + p.columns - 1; ++i) {
                ++count[std::size_t(j) * cellColumns + i];
            }
        }
    }
    return count;
}

} // namespace

class TestDefinedPatches : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testCover_data();
    void testCover();
    void testWholeGrid();
    void testHalfPlane();
    void testCap();
};

void TestDefinedPatches::testCover_data()
{
    QTest::addColumn<int>("shape");
    QTest::addRow("disc hole: log(x² + y² − 1)") << 0;
    QTest::addRow("two half planes: √(xy)") << 1;
    QTest::addRow("stripes: √(sin 3x)") << 2;
    QTest::addRow("nothing defined") << 3;
}

void TestDefinedPatches::testCover()
{
    QFETCH(int, shape);
    const std::function<double(double, double)> functions[] = {
        [](double x, double y) { return std::log(x * x + y * y - 1); },
        [](double x, double y) { return std::sqrt(x * y); },
        [](double x, double) { return std::sqrt(std::sin(3 * x)); },
        [](double, double) { return std::numeric_limits<double>::quiet_NaN(); },
    };
    const GridValues grid = sampled(65, 49, functions[shape]);
    const auto patches = definedPatches(grid, 100000);
    const std::vector<int> count = coverage(grid, patches);
    const int cellColumns = grid.spec.columns - 1;
    for (int j = 0; j + 1 < grid.spec.rows; ++j) {
        for (int i = 0; i < cellColumns; ++i) {
            const bool defined = std::isfinite(grid.at(i, j)) && std::isfinite(grid.at(i + 1, j)) &&
                                 std::isfinite(grid.at(i, j + 1)) &&
                                 std::isfinite(grid.at(i + 1, j + 1));
            // Each defined cell exactly once, no undefined one.
            QCOMPARE(count[std::size_t(j) * cellColumns + i], defined ? 1 : 0);
        }
    }
    for (const SamplePatch& p : patches) {
        QVERIFY(p.columns >= 2 && p.rows >= 2);
        QVERIFY(p.column >= 0 && p.column + p.columns <= grid.spec.columns);
        QVERIFY(p.row >= 0 && p.row + p.rows <= grid.spec.rows);
    }
}

void TestDefinedPatches::testWholeGrid()
{
    const GridValues grid = sampled(33, 17, [](double x, double y) { return x * x + y; });
    const auto patches = definedPatches(grid, 1);
    QCOMPARE(patches.size(), std::size_t(1));
    QCOMPARE(patches[0], (SamplePatch{0, 0, 33, 17}));
}

void TestDefinedPatches::testHalfPlane()
{
    // √x on [−2, 2] with 33 columns: x_i = −2 + i/8 ≥ 0 from i = 16 on, one rectangle.
    const GridValues grid = sampled(33, 17, [](double x, double) { return std::sqrt(x); });
    const auto patches = definedPatches(grid, 16);
    QCOMPARE(patches.size(), std::size_t(1));
    QCOMPARE(patches[0], (SamplePatch{16, 0, 17, 17}));
}

void TestDefinedPatches::testCap()
{
    // Stripes of √(sin 6x) need one patch each; with a cap of 2 the two largest stay.
    const GridValues grid =
        sampled(65, 9, [](double x, double) { return std::sqrt(std::sin(6 * x)); });
    const auto all = definedPatches(grid, 1000);
    QVERIFY(all.size() > 2);
    const auto capped = definedPatches(grid, 2);
    QCOMPARE(capped.size(), std::size_t(2));
    auto cells = [](const SamplePatch& p) {
        return (p.columns - 1) * (p.rows - 1);
    };
    int smallestKept = std::min(cells(capped[0]), cells(capped[1]));
    for (const SamplePatch& p : all) {
        if (p != capped[0] && p != capped[1]) {
            QVERIFY(cells(p) <= smallestKept);
        }
    }
}

QTEST_APPLESS_MAIN(TestDefinedPatches)
#include "tst_definedpatches.moc"
