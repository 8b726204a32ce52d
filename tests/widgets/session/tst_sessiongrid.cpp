// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "session.h"

#include <QSignalSpy>
#include <QTest>
#include <cstring>

using namespace gradlab;

namespace {

/// Equal bit for bit (NaN included), not merely within a tolerance.
bool bitEqual(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// A sum of \a terms sines: about 5 instructions a term, none shared.
QString longExpression(int terms)
{
    QStringList parts;
    for (int k = 1; k <= terms; ++k) {
        parts.append(QStringLiteral("sin(%1x + y/%2)").arg(k).arg(k + 1));
    }
    return parts.join(QStringLiteral(" + "));
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
    void expensiveGrids();
    void requestedGridIsTheSame();
    void changeCancelsRequest();
    void destroyedWhileComputing();
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

void TestSessionGrid::expensiveGrids()
{
    Session session;
    QVERIFY(session.setExpressionText("(1-x)^2 + 100(y-x^2)^2"));
    // A preset's 513² map and 128² mesh stay on the GUI thread; 2049² goes to the pool.
    QVERIFY(!session.isGridExpensive(513, 513));
    QVERIFY(!session.isGridExpensive(128, 128));
    QVERIFY(session.isGridExpensive(2049, 2049));
    // A long expression: its 513² map too, not its 48² coarse mesh.
    QVERIFY(session.setExpressionText(longExpression(60)));
    QVERIFY(session.function().instructionCount() > 200);
    QVERIFY(session.isGridExpensive(513, 513));
    QVERIFY(!session.isGridExpensive(48, 48));
    QCOMPARE(session.isGridExpensive(100, 100),
             double(session.function().instructionCount()) * 1e4 > Session::kBackgroundGridCost);
}

void TestSessionGrid::requestedGridIsTheSame()
{
    Session session;
    QVERIFY(session.setExpressionText(longExpression(60)));
    QSignalSpy ready(&session, &Session::gridReady);
    QVERIFY(!session.readyGrid(513, 513));
    session.requestGrid(513, 513);
    QVERIFY(session.isComputingGrid(513, 513));
    session.requestGrid(513, 513); // a second request while it runs starts nothing new
    QVERIFY(ready.wait(20000));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).toInt(), 513);
    QVERIFY(!session.isComputingGrid(513, 513));
    const std::shared_ptr<const GridValues> background = session.readyGrid(513, 513);
    QVERIFY(background);
    // grid() now hands out the same values without computing them again.
    QCOMPARE(&session.grid(513, 513), background.get());
    const GridValues single =
        session.function().evaluateGrid(GridSpec{session.domain(), 513, 513}, false, 1);
    QVERIFY(bitEqual(background->f, single.f));
    // Ready already: a request emits nothing more.
    session.requestGrid(513, 513);
    QTest::qWait(50);
    QCOMPARE(ready.count(), 1);
}

void TestSessionGrid::changeCancelsRequest()
{
    Session session;
    QVERIFY(session.setExpressionText(longExpression(60)));
    QSignalSpy ready(&session, &Session::gridReady);
    session.requestGrid(2049, 2049); // seconds of work
    QVERIFY(session.isComputingGrid(2049, 2049));
    QVERIFY(session.setExpressionText("x^2 + y^2"));
    QVERIFY(!session.isComputingGrid(2049, 2049));
    session.requestGrid(257, 257);
    QVERIFY(ready.wait(20000));
    QTest::qWait(100);
    // Only the new function's grid arrived; the old one was cancelled, not finished.
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).toInt(), 257);
    QVERIFY(!session.readyGrid(2049, 2049));
    const Domain d = session.domain();
    QCOMPARE(session.readyGrid(257, 257)->f.back(), d.xMax * d.xMax + d.yMax * d.yMax);
}

void TestSessionGrid::destroyedWhileComputing()
{
    // Destruction cancels the pool's task; a result that still arrives finds no session.
    for (int i = 0; i < 3; ++i) {
        auto session = std::make_unique<Session>();
        QVERIFY(session->setExpressionText(longExpression(60)));
        session->requestGrid(2049, 2049);
        QTest::qWait(5 * i);
        session.reset();
    }
    QTest::qWait(50);
}

QTEST_MAIN(TestSessionGrid)
#include "tst_sessiongrid.moc"
