// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview/contourview.h"
#include "contourview/optimizeroverlay.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QTest>
#include <cmath>

using namespace gradlab;

namespace {

OptimizerSettings settingsFor(Method method)
{
    return defaultSettings(method);
}

bool near(const QPointF& a, const Eigen::Vector2d& b)
{
    return std::abs(a.x() - b.x()) <= 1e-12 * (1 + std::abs(b.x())) &&
           std::abs(a.y() - b.y()) <= 1e-12 * (1 + std::abs(b.y()));
}

// The session's run \a id, shown at its current step.
const StepRecord& shownRecord(const Session& session, int id)
{
    const RunEntry* entry = session.runById(id);
    return entry->recordAt(session.currentStep());
}

} // namespace

class TestOptimizerOverlay : public QObject
{
    Q_OBJECT

private slots:
    void simplexIsTheRecordsTriangleWithItsMove()
    {
        Session session;
        session.setExpressionText(QStringLiteral("(x-1)^2 + 3(y+0.5)^2"));
        session.setDomain(Domain{-3, 3, -3, 3});
        session.setStartPoint(Eigen::Vector2d(-2, 2));
        ContourView view(&session);
        view.resize(640, 480);
        const int id = session.addRun(settingsFor(Method::NelderMead));
        bool sawCaption = false;
        for (int step = 0; step <= 6; ++step) {
            session.setCurrentStep(step);
            const OptimizerOverlay* overlay = view.optimizerOverlay(id);
            QVERIFY(overlay != nullptr);
            const StepRecord& record = shownRecord(session, id);
            QVERIFY(record.hasSimplex);
            const std::vector<QPointF> points = overlay->simplexPoints();
            QCOMPARE(points.size(), std::size_t{4});
            for (int i = 0; i < 3; ++i) {
                QVERIFY2(near(points[i], record.simplex[i]), qPrintable(QString::number(step)));
            }
            QCOMPARE(points[3], points[0]);
            // The best vertex is the run's point x_k.
            QVERIFY(near(points[0], record.point));
            QCOMPARE(overlay->simplexCaption(), simplexMoveText(record.simplexMove));
            sawCaption = sawCaption || !overlay->simplexCaption().isEmpty();
            // Nelder–Mead has no memory and no search direction.
            QVERIFY(overlay->memoryPoints().empty());
            QVERIFY(overlay->direction().isNull());
        }
        QVERIFY(sawCaption);
        // Step 0 is the initial simplex: x0 and x0 with 5 % added per coordinate, no move.
        session.setCurrentStep(0);
        const std::vector<QPointF> initial = view.optimizerOverlay(id)->simplexPoints();
        QVERIFY(view.optimizerOverlay(id)->simplexCaption().isEmpty());
        std::vector<QPointF> expected{QPointF(-2, 2), QPointF(-2.1, 2), QPointF(-2, 2.1)};
        for (const QPointF& corner : expected) {
            QVERIFY(std::any_of(initial.begin(), initial.begin() + 3, [&](const QPointF& p) {
                return std::abs(p.x() - corner.x()) < 1e-12 && std::abs(p.y() - corner.y()) < 1e-12;
            }));
        }
    }

    void lbfgsMemoryEndsAtThePointAndDirectionStartsThere()
    {
        Session session;
        session.setExpressionText(QStringLiteral("(1-x)^2 + 10(y-x^2)^2"));
        session.setDomain(Domain{-2, 2, -1, 3});
        session.setStartPoint(Eigen::Vector2d(-1.2, 1));
        ContourView view(&session);
        view.resize(640, 480);
        OptimizerSettings settings = settingsFor(Method::LBFGS);
        settings.history = 3;
        const int id = session.addRun(settings);
        bool sawFullMemory = false;
        for (int step = 0; step <= 6; ++step) {
            session.setCurrentStep(step);
            const OptimizerOverlay* overlay = view.optimizerOverlay(id);
            QVERIFY(overlay != nullptr);
            const StepRecord& record = shownRecord(session, id);
            QVERIFY(overlay->simplexPoints().empty());
            const std::vector<QPointF> memory = overlay->memoryPoints();
            if (record.curvaturePairs.empty()) {
                QVERIFY(memory.empty());
            } else {
                QCOMPARE(memory.size(), record.curvaturePairs.size() + 1);
                QVERIFY(near(memory.back(), record.point));
                // Consecutive differences are the pairs' steps, oldest first.
                for (std::size_t i = 0; i < record.curvaturePairs.size(); ++i) {
                    const QPointF diff = memory[i + 1] - memory[i];
                    const Eigen::Vector2d s = record.curvaturePairs[i].step;
                    QVERIFY(std::abs(diff.x() - s.x()) < 1e-9 && std::abs(diff.y() - s.y()) < 1e-9);
                }
                sawFullMemory = sawFullMemory || record.curvaturePairs.size() == 3;
                QVERIFY(record.curvaturePairs.size() <= 3);
            }
            if (record.searchDirection.squaredNorm() > 0) {
                const QLineF line = overlay->direction();
                QVERIFY(near(line.p1(), record.point));
                QVERIFY(near(line.p2(), record.point + record.searchDirection));
                // The accepted step lies on the direction: x_{k+1} = x_k + t·d.
                const Eigen::Vector2d taken =
                    record.point + record.acceptedStep * record.searchDirection;
                QVERIFY((taken - (record.point + record.step)).norm() <= 1e-9 * (1 + taken.norm()));
            }
        }
        QVERIFY(sawFullMemory);
    }

    void otherMethodsDrawNothing()
    {
        Session session;
        session.setExpressionText(QStringLiteral("x^2 + 3y^2"));
        session.setDomain(Domain{-2, 2, -2, 2});
        session.setStartPoint(Eigen::Vector2d(1.5, 1));
        ContourView view(&session);
        view.resize(640, 480);
        for (Method method : {Method::GradientDescent, Method::Momentum, Method::Adam,
                              Method::Newton, Method::LineSearch}) {
            const int id = session.addRun(settingsFor(method));
            session.setCurrentStep(3);
            const OptimizerOverlay* overlay = view.optimizerOverlay(id);
            QVERIFY(overlay != nullptr);
            QVERIFY(overlay->simplexPoints().empty());
            QVERIFY(overlay->memoryPoints().empty());
            QVERIFY(overlay->direction().isNull());
            QVERIFY(overlay->simplexCaption().isEmpty());
        }
    }

    void hiddenRunHidesItsOverlay()
    {
        Session session;
        session.setExpressionText(QStringLiteral("x^2 + 3y^2"));
        session.setDomain(Domain{-2, 2, -2, 2});
        session.setStartPoint(Eigen::Vector2d(1.5, 1));
        ContourView view(&session);
        view.resize(640, 480);
        const int id = session.addRun(settingsFor(Method::NelderMead));
        session.setCurrentStep(2);
        QVERIFY(!view.optimizerOverlay(id)->simplexPoints().empty());
        session.setRunVisible(id, false);
        QVERIFY(view.optimizerOverlay(id)->simplexPoints().empty());
        session.setRunVisible(id, true);
        QVERIFY(!view.optimizerOverlay(id)->simplexPoints().empty());
    }
};

QTEST_MAIN(TestOptimizerOverlay)
#include "tst_optimizeroverlay.moc"
