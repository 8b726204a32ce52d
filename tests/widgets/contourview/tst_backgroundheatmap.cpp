// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// Heat maps too costly for the event loop (a long expression at 513², any function at 2049²)
// are computed on the worker pool (#18): the last picture stays until the new one is ready, a
// newer change supersedes older work, a note says so after 100 ms, and the picture that arrives
// is the one the GUI thread would have drawn.
#include "contourview/contourview.h"
#include "session.h"

#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <memory>
#include <qcustomplot.h>

using namespace gradlab;

namespace {

// A sum of \a terms sines: about four instructions a term, so 60 terms make a 513² grid
// expensive (Session::isGridExpensive) while 2 stay cheap.
QString longExpression(int terms, double shift = 0)
{
    QStringList parts;
    for (int k = 1; k <= terms; ++k) {
        parts.append(QStringLiteral("sin(%1x + y/%2 + %3)").arg(k).arg(k + 1).arg(shift));
    }
    return parts.join(QStringLiteral(" + "));
}

// The heat map's cells as drawn.
std::vector<double> cellsOf(const ContourView& view)
{
    QCPColorMapData* data = view.colorMap()->data(); // (cell() is not const)
    std::vector<double> cells;
    cells.reserve(static_cast<std::size_t>(data->keySize()) * data->valueSize());
    for (int j = 0; j < data->valueSize(); ++j) {
        for (int i = 0; i < data->keySize(); ++i) {
            cells.push_back(data->cell(i, j));
        }
    }
    return cells;
}

// Equal as drawn, NaN cells included.
bool sameCells(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) {
            return false;
        }
    }
    return true;
}

bool sameContours(const ContourView& a, const ContourView& b)
{
    if (a.contourLevels() != b.contourLevels() || a.contours().size() != b.contours().size()) {
        return false;
    }
    for (std::size_t k = 0; k < a.contours().size(); ++k) {
        const ContourLine& p = a.contours()[k];
        const ContourLine& q = b.contours()[k];
        if (p.level != q.level || p.points.size() != q.points.size()) {
            return false;
        }
        for (std::size_t m = 0; m < p.points.size(); ++m) {
            if (p.points[m] != q.points[m]) {
                return false;
            }
        }
    }
    return true;
}

// A session and its contour view at full resolution from the first change on.
struct Scene
{
    Session session;
    std::unique_ptr<ContourView> view;

    explicit Scene(bool atOnce = false, int resolution = ContourView::kFullResolution)
    {
        session.setDomain(Domain{-3, 3, -2, 2});
        view = std::make_unique<ContourView>(&session);
        view->setAdaptiveResolution(false);
        view->setDrawsAtOnce(atOnce);
        view->setFullResolution(resolution);
        view->resize(640, 480);
    }
};

} // namespace

class TestBackgroundHeatMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cheapFunctionsAtOnce();
    void sameAsDrawnAtOnce();
    void lastPictureStays();
    void noteAfterAMoment();
    void newerChangeSupersedes();
    void finishedOnRequest();
    void destroyedWhileComputing();
    void resolutionRounded();
};

void TestBackgroundHeatMap::cheapFunctionsAtOnce()
{
    Scene scene;
    QSignalSpy rebuilt(scene.view.get(), &ContourView::heatMapRebuilt);
    QVERIFY(scene.session.setExpressionText(QStringLiteral("x^2 + 3xy + y^2")));
    QVERIFY(!scene.session.isGridExpensive(513, 513));
    QVERIFY(!scene.view->isComputingHeatMap());
    QCOMPARE(rebuilt.count(), 1);
    QCOMPARE(scene.view->heatMapResolution(), 513);
}

void TestBackgroundHeatMap::sameAsDrawnAtOnce()
{
    const QString expression = longExpression(60);
    Scene background;
    QSignalSpy rebuilt(background.view.get(), &ContourView::heatMapRebuilt);
    QVERIFY(background.session.setExpressionText(expression));
    QVERIFY(background.session.isGridExpensive(513, 513));
    QVERIFY(background.view->isComputingHeatMap());
    QCOMPARE(rebuilt.count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!background.view->isComputingHeatMap(), 20000);
    QCOMPARE(rebuilt.count(), 1);
    QCOMPARE(rebuilt.at(0).at(0).toInt(), 513);

    Scene atOnce(true);
    QVERIFY(atOnce.session.setExpressionText(expression));
    QVERIFY(!atOnce.view->isComputingHeatMap());

    QCOMPARE(background.view->heatMapResolution(), 513);
    QVERIFY(sameCells(cellsOf(*background.view), cellsOf(*atOnce.view)));
    QVERIFY(!background.view->contours().empty());
    QVERIFY(sameContours(*background.view, *atOnce.view));
    QCOMPARE(background.view->colorScaling().storedLower(),
             atOnce.view->colorScaling().storedLower());
    QCOMPARE(background.view->colorScaling().storedUpper(),
             atOnce.view->colorScaling().storedUpper());
    // the probe's contour is drawn again once the picture is the current function's
    QVERIFY(!background.view->probeContour().empty());
    QCOMPARE(background.view->probeContour().size(), atOnce.view->probeContour().size());
}

void TestBackgroundHeatMap::lastPictureStays()
{
    Scene scene;
    QVERIFY(scene.session.setExpressionText(QStringLiteral("x^2 + y^2")));
    const std::vector<double> before = cellsOf(*scene.view);
    const std::vector<ContourLine> contoursBefore = scene.view->contours();
    QVERIFY(scene.session.setExpressionText(longExpression(60)));
    QVERIFY(scene.view->isComputingHeatMap());
    // the bowl is still drawn, but not its probe contour (f is another function now)
    QVERIFY(sameCells(cellsOf(*scene.view), before));
    QCOMPARE(scene.view->contours().size(), contoursBefore.size());
    QVERIFY(scene.view->probeContour().empty());
    QTRY_VERIFY_WITH_TIMEOUT(!scene.view->isComputingHeatMap(), 20000);
    QVERIFY(!sameCells(cellsOf(*scene.view), before));
}

void TestBackgroundHeatMap::noteAfterAMoment()
{
    // 2049² points of a 60-term sum: seconds of work, so the note must appear.
    Scene scene(false, ContourView::kFinestResolution);
    QVERIFY(scene.session.setExpressionText(longExpression(60)));
    QVERIFY(scene.view->isComputingHeatMap());
    QVERIFY(!scene.view->isComputingNoteVisible());
    QTRY_VERIFY_WITH_TIMEOUT(scene.view->isComputingNoteVisible(), 5000);
    const QByteArray directory = qgetenv("GRADLAB_SCREENSHOT_DIR");
    if (!directory.isEmpty()) {
        scene.view->show();
        scene.view->plot()->replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY(scene.view->grab().save(QString::fromLocal8Bit(directory) +
                                        QStringLiteral("/computing-note.png")));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!scene.view->isComputingHeatMap(), 60000);
    QVERIFY(!scene.view->isComputingNoteVisible());
    QCOMPARE(scene.view->heatMapResolution(), 2049);

    // a cheap function at 2049² is expensive too: 4.2 million points
    QVERIFY(scene.session.setExpressionText(QStringLiteral("x^2 + 3xy + y^2")));
    QCOMPARE(scene.view->isComputingHeatMap(), scene.session.isGridExpensive(2049, 2049));
    QTRY_VERIFY_WITH_TIMEOUT(!scene.view->isComputingHeatMap(), 20000);
}

void TestBackgroundHeatMap::newerChangeSupersedes()
{
    Scene scene;
    QSignalSpy rebuilt(scene.view.get(), &ContourView::heatMapRebuilt);
    QVERIFY(scene.session.setExpressionText(longExpression(60, 0.0)));
    QVERIFY(scene.session.setExpressionText(longExpression(61, 0.5)));
    QVERIFY(scene.session.setExpressionText(longExpression(62, 1.0)));
    QTRY_VERIFY_WITH_TIMEOUT(!scene.view->isComputingHeatMap(), 20000);
    // a moment more for anything superseded that might still arrive
    QTest::qWait(300);
    QCOMPARE(rebuilt.count(), 1);

    Scene atOnce(true);
    QVERIFY(atOnce.session.setExpressionText(longExpression(62, 1.0)));
    QVERIFY(sameCells(cellsOf(*scene.view), cellsOf(*atOnce.view)));
    QVERIFY(sameContours(*scene.view, *atOnce.view));
}

void TestBackgroundHeatMap::finishedOnRequest()
{
    Scene scene;
    QVERIFY(scene.session.setExpressionText(longExpression(60)));
    QVERIFY(scene.view->isComputingHeatMap());
    scene.view->finishHeatMap();
    QVERIFY(!scene.view->isComputingHeatMap());
    QVERIFY(!scene.view->isComputingNoteVisible());

    Scene atOnce(true);
    QVERIFY(atOnce.session.setExpressionText(longExpression(60)));
    QVERIFY(sameCells(cellsOf(*scene.view), cellsOf(*atOnce.view)));
    // the background grid finishing later changes nothing
    QSignalSpy rebuilt(scene.view.get(), &ContourView::heatMapRebuilt);
    QTest::qWait(500);
    QCOMPARE(rebuilt.count(), 0);

    // drawing at once also finishes what is under way
    QVERIFY(scene.session.setExpressionText(longExpression(61)));
    QVERIFY(scene.view->isComputingHeatMap());
    scene.view->setDrawsAtOnce(true);
    QVERIFY(scene.session.setExpressionText(longExpression(62)));
    QVERIFY(!scene.view->isComputingHeatMap());
}

void TestBackgroundHeatMap::destroyedWhileComputing()
{
    // The view goes first (its frame task may be under way), then the session (its grid job).
    for (int round = 0; round < 3; ++round) {
        auto session = std::make_unique<Session>();
        auto view = std::make_unique<ContourView>(session.get());
        view->setAdaptiveResolution(false);
        view->setFullResolution(round == 2 ? 1025 : 513);
        QVERIFY(session->setExpressionText(longExpression(60 + round)));
        QVERIFY(view->isComputingHeatMap());
        if (round == 1) {
            QTest::qWait(20); // the grid may be done and the frame under way
        }
        view.reset();
        session.reset();
    }
    // and queued results of the dead view and session arrive nowhere
    QTest::qWait(200);
}

void TestBackgroundHeatMap::resolutionRounded()
{
    Scene scene;
    scene.view->setFullResolution(600);
    QCOMPARE(scene.view->fullResolution(), 513);
    scene.view->setFullResolution(800);
    QCOMPARE(scene.view->fullResolution(), 1025);
    scene.view->setFullResolution(100000);
    QCOMPARE(scene.view->fullResolution(), ContourView::kFinestResolution);
    scene.view->setFullResolution(1);
    QCOMPARE(scene.view->fullResolution(), ContourView::kCoarseResolution);
    QVERIFY(scene.session.setExpressionText(QStringLiteral("x^2 + y^2")));
    QCOMPARE(scene.view->heatMapResolution(), ContourView::kCoarseResolution);
}

QTEST_MAIN(TestBackgroundHeatMap)
#include "tst_backgroundheatmap.moc"
