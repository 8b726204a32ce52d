// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "session.h"

#include <QTest>
#include <cstring>

using namespace gradlab;

namespace {

/// Equal bit for bit (NaN included), not merely within a tolerance.
bool bitEqual(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

} // namespace

class TestSessionGrid : public QObject
{
    Q_OBJECT

private slots:
    void equalsSingleThreaded_data();
    void equalsSingleThreaded();
    void sizesDoNotEvictEachOther();
    void newFunctionNewGrid();
};

void TestSessionGrid::equalsSingleThreaded_data()
{
    QTest::addColumn<QString>("formula");
    QTest::addColumn<int>("side");
    QTest::newRow("rosenbrock, contour map") << "(1-x)^2 + 100(y-x^2)^2" << 513;
    QTest::newRow("log of negatives, 3-D view") << "log(x) + sin(x y)" << 128;
    QTest::newRow("pole, large grid") << "1/(x^2 + y^2 - 1)" << 1024;
}

void TestSessionGrid::equalsSingleThreaded()
{
    QFETCH(QString, formula);
    QFETCH(int, side);
    Session session;
    QVERIFY(session.setExpressionText(formula));
    const GridValues& pooled = session.grid(side, side);
    const GridValues single =
        session.function().evaluateGrid(GridSpec{session.domain(), side, side}, false, 1);
    QVERIFY(bitEqual(pooled.f, single.f));
}

void TestSessionGrid::sizesDoNotEvictEachOther()
{
    Session session;
    QVERIFY(session.setExpressionText("x^2 + 3xy + y^2"));
    const GridValues& map = session.grid(513, 513);
    const GridValues& mesh = session.grid(128, 128);
    // The first grid is still the 513² one: asking for the 128² did not overwrite it.
    QCOMPARE(map.spec.columns, 513);
    QCOMPARE(mesh.spec.columns, 128);
    QCOMPARE(&session.grid(513, 513), &map);
    QCOMPARE(&session.grid(128, 128), &mesh);
    // x² + 3xy + y² at the domain's corner (xMin, yMin), sample 0 of both grids.
    const Domain d = session.domain();
    const double corner = d.xMin * d.xMin + 3 * d.xMin * d.yMin + d.yMin * d.yMin;
    QCOMPARE(map.f.front(), corner);
    QCOMPARE(mesh.f.front(), corner);
}

void TestSessionGrid::newFunctionNewGrid()
{
    Session session;
    QVERIFY(session.setExpressionText("x + y"));
    const double before = session.grid(64, 64).f.back();
    QVERIFY(session.setExpressionText("x - y"));
    const GridValues& after = session.grid(64, 64);
    const Domain d = session.domain();
    QCOMPARE(before, d.xMax + d.yMax);
    QCOMPARE(after.f.back(), d.xMax - d.yMax);
}

QTEST_MAIN(TestSessionGrid)
#include "tst_sessiongrid.moc"
