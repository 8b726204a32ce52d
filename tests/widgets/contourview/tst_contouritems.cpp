// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview/contourview.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QTest>
#include <cmath>
#include <qcustomplot.h>

using namespace gradlab;

namespace {

// A bowl that is not quadratic (L-BFGS does not finish in two steps), written out by hand:
// f = (x − 1)² + 4(y + ½)² + ½xy + x⁴/5.
constexpr const char* kBowl = "(x - 1)^2 + 4*(y + 0.5)^2 + 0.5*x*y + 0.2*x^4";
double bowl(double x, double y)
{
    return (x - 1) * (x - 1) + 4 * (y + 0.5) * (y + 0.5) + 0.5 * x * y + 0.2 * x * x * x * x;
}

// ∇f by a central difference of the hand-written f: O(h²) ≈ 10⁻¹⁰ off.
Eigen::Vector2d centralGradient(double x, double y)
{
    const double h = 1e-5;
    return {(bowl(x + h, y) - bowl(x - h, y)) / (2 * h),
            (bowl(x, y + h) - bowl(x, y - h)) / (2 * h)};
}

Eigen::Vector2d startOf(const QCPItemLine* arrow)
{
    return {arrow->start->coords().x(), arrow->start->coords().y()};
}

Eigen::Vector2d endOf(const QCPItemLine* arrow)
{
    return {arrow->end->coords().x(), arrow->end->coords().y()};
}

std::vector<Eigen::Vector2d> pointsOf(const QCPCurve* curve)
{
    std::vector<Eigen::Vector2d> points;
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it) {
        points.emplace_back(it->key, it->value);
    }
    return points;
}

// The view shown and laid out over f on \a domain.
struct Scene
{
    Session session;
    ContourView view{&session};

    Scene(const QString& expression, const Domain& domain)
    {
        session.setExpressionText(expression);
        session.setDomain(domain);
        view.resize(720, 540);
        view.show();
    }

    bool settle()
    {
        if (!QTest::qWaitForWindowExposed(&view)) {
            return false;
        }
        for (int i = 0; i < 5; ++i) {
            QCoreApplication::processEvents();
        }
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QCoreApplication::processEvents();
        return true;
    }
};

} // namespace

class TestContourItems : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runItemsAtCurrentStep_data();
    void runItemsAtCurrentStep();
    void gradientFieldArrows_data();
    void gradientFieldArrows();
    void gradientFieldHidden();
};

void TestContourItems::runItemsAtCurrentStep_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("hasTrials");
    QTest::newRow("gd") << "gd" << false;
    QTest::newRow("momentum") << "momentum" << false;
    QTest::newRow("adam") << "adam" << false;
    QTest::newRow("linesearch") << "linesearch" << true;
    QTest::newRow("lbfgs") << "lbfgs" << true;
}

void TestContourItems::runItemsAtCurrentStep()
{
    QFETCH(QString, method);
    QFETCH(bool, hasTrials);
    Scene scene(QString::fromLatin1(kBowl), Domain{-2, 2, -2, 2});
    scene.session.setStartPoint({-1.5, 1.5});
    const int id = scene.session.addRun(defaultSettings(*methodFromName(method.toStdString())));
    QVERIFY(scene.settle());
    const QCPItemLine* descent = scene.view.runDescentArrow(id);
    const QCPItemLine* step = scene.view.runStepArrow(id);
    const QCPCurve* trials = scene.view.runTrials(id);
    QVERIFY(descent && step && trials);

    bool sawTrials = false;
    for (int k : {0, 1, 3}) {
        scene.session.setCurrentStep(k);
        QCoreApplication::processEvents();
        const RunEntry* entry = scene.session.runById(id);
        QVERIFY(entry->lastIndex() > k);
        const std::vector<StepRecord>& records = entry->run->records();
        const StepRecord& record = records[static_cast<std::size_t>(k)];
        const Eigen::Vector2d x = record.point;

        // The −∇f arrow starts at x_k and points along −∇f there (a central difference of f).
        QVERIFY(descent->visible());
        QCOMPARE(startOf(descent).x(), x.x());
        QCOMPARE(startOf(descent).y(), x.y());
        const Eigen::Vector2d drawn = (endOf(descent) - x).normalized();
        const Eigen::Vector2d expected = -centralGradient(x.x(), x.y()).normalized();
        QVERIFY2(drawn.dot(expected) > 1 - 1e-9,
                 qPrintable(QStringLiteral("step %1: (%2, %3) vs (%4, %5)")
                                .arg(k)
                                .arg(drawn.x())
                                .arg(drawn.y())
                                .arg(expected.x())
                                .arg(expected.y())));

        // The step arrow goes from x_k to x_{k+1} of the run's records.
        QVERIFY(step->visible());
        const Eigen::Vector2d next = records[static_cast<std::size_t>(k) + 1].point;
        QCOMPARE(startOf(step).x(), x.x());
        QCOMPARE(startOf(step).y(), x.y());
        QCOMPARE(endOf(step).x(), next.x());
        QCOMPARE(endOf(step).y(), next.y());

        // The trials drawn are the line search's trials of this step, in order.
        const std::vector<Eigen::Vector2d> points = pointsOf(trials);
        QCOMPARE(points.size(), record.trials.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            QCOMPARE(points[i].x(), record.trials[i].x());
            QCOMPARE(points[i].y(), record.trials[i].y());
        }
        sawTrials = sawTrials || !points.empty();
    }
    QCOMPARE(sawTrials, hasTrials);
}

void TestContourItems::gradientFieldArrows_data()
{
    QTest::addColumn<double>("xMin");
    QTest::addColumn<double>("xMax");
    QTest::addColumn<double>("yMin");
    QTest::addColumn<double>("yMax");
    QTest::newRow("square") << -2.0 << 2.0 << -2.0 << 2.0;
    QTest::newRow("wide, off centre") << -3.0 << 1.0 << -1.0 << 1.5;
}

void TestContourItems::gradientFieldArrows()
{
    QFETCH(double, xMin);
    QFETCH(double, xMax);
    QFETCH(double, yMin);
    QFETCH(double, yMax);
    // f = x² + 3y²: ∇f = (2x, 6y), zero only at the origin, which no cell centre hits.
    Scene scene(QStringLiteral("x^2 + 3y^2"), Domain{xMin, xMax, yMin, yMax});
    scene.view.setShowGradientField(true);
    QVERIFY(scene.settle());
    const QCPCurve* field = scene.view.gradientFieldCurve();
    QVERIFY(field->visible());
    const std::vector<Eigen::Vector2d> points = pointsOf(field);
    // One arrow per cell of the 20 × 20 grid, each drawn as shaft, gap, head (three points), gap.
    constexpr int kCells = 20;
    constexpr std::size_t kPointsPerArrow = 7;
    QCOMPARE(points.size(), kCells * kCells * kPointsPerArrow);
    const double cellX = (xMax - xMin) / kCells;
    const double cellY = (yMax - yMin) / kCells;
    for (int j = 0; j < kCells; ++j) {
        for (int i = 0; i < kCells; ++i) {
            const std::size_t first = static_cast<std::size_t>(j * kCells + i) * kPointsPerArrow;
            const Eigen::Vector2d tail = points[first];
            const Eigen::Vector2d tip = points[first + 1];
            QVERIFY(std::isnan(points[first + 2].x()));
            QCOMPARE(points[first + 4].x(), tip.x());
            QVERIFY(std::isnan(points[first + 6].x()));
            // The shaft is centred on the cell's centre …
            const double x = xMin + (i + 0.5) * cellX;
            const double y = yMin + (j + 0.5) * cellY;
            const Eigen::Vector2d centre = 0.5 * (tail + tip);
            QVERIFY(std::fabs(centre.x() - x) < 1e-12 && std::fabs(centre.y() - y) < 1e-12);
            // … and points downhill: along −∇f = −(2x, 6y).
            const Eigen::Vector2d downhill = -Eigen::Vector2d(2 * x, 6 * y).normalized();
            const Eigen::Vector2d drawn = (tip - tail).normalized();
            QVERIFY2(drawn.dot(downhill) > 1 - 1e-12,
                     qPrintable(QStringLiteral("cell (%1, %2)").arg(i).arg(j)));
            // The head's strokes end at equal distances from the tip, behind it.
            const Eigen::Vector2d left = points[first + 3] - tip;
            const Eigen::Vector2d right = points[first + 5] - tip;
            QVERIFY(std::fabs(left.norm() - right.norm()) < 1e-12);
            QVERIFY(left.dot(drawn) < 0 && right.dot(drawn) < 0);
        }
    }
}

void TestContourItems::gradientFieldHidden()
{
    Scene scene(QStringLiteral("x^2 + 3y^2"), Domain{-2, 2, -2, 2});
    QVERIFY(scene.settle());
    QVERIFY(!scene.view.showsGradientField());
    QVERIFY(!scene.view.gradientFieldCurve()->visible());
    QCOMPARE(scene.view.gradientFieldCurve()->dataCount(), 0);
    scene.view.setShowGradientField(true);
    QCOMPARE(scene.view.gradientFieldCurve()->dataCount(), 20 * 20 * 7);
    scene.view.setShowGradientField(false);
    QCOMPARE(scene.view.gradientFieldCurve()->dataCount(), 0);
}

QTEST_MAIN(TestContourItems)
#include "tst_contouritems.moc"
