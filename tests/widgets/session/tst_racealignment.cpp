// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/racereport.h"
#include "panels/playbackbar.h"
#include "session.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace gradlab;

namespace {

OptimizerSettings settingsOf(Method method)
{
    OptimizerSettings settings = defaultSettings(method);
    settings.maxSteps = 60;
    return settings;
}

/// A race on a curved valley: plain GD (one gradient a step), L-BFGS with its strong-Wolfe
/// search (several a step) and Nelder–Mead (function evaluations only).
struct Race
{
    Session session;
    int gd = 0;
    int lbfgs = 0;
    int simplex = 0;

    Race()
    {
        session.setExpressionText(QStringLiteral("(1-x)^2 + 10(y-x^2)^2"));
        session.setStartPoint({-1.2, 1.0});
        OptimizerSettings gdSettings = settingsOf(Method::GradientDescent);
        gdSettings.learningRate = 0.01;
        gd = session.addRun(gdSettings);
        lbfgs = session.addRun(settingsOf(Method::LBFGS));
        simplex = session.addRun(settingsOf(Method::NelderMead));
    }
};

} // namespace

class TestRaceAlignment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepsByDefault();
    void equalBudgetAtEveryPosition();
    void endIsTheCostliestRun();
    void switchingKeepsTheMoment();
    void newRunsFollowTheAlignment();
    void playbackBarCountsEvaluations();
};

void TestRaceAlignment::stepsByDefault()
{
    Race race;
    QCOMPARE(race.session.raceAlignment(), RaceAlignment::Steps);
    race.session.setCurrentStep(7);
    for (const RunEntry& entry : race.session.runs()) {
        QCOMPARE(entry.indexAt(7), 7);
        QCOMPARE(entry.recordAt(7).index, 7);
        QCOMPARE(entry.positionOf(7), 7LL);
    }
}

void TestRaceAlignment::equalBudgetAtEveryPosition()
{
    Race race;
    QSignalSpy alignment(&race.session, &Session::raceAlignmentChanged);
    race.session.setRaceAlignment(RaceAlignment::Evaluations);
    QCOMPARE(alignment.count(), 1);
    for (const int budget : {0, 1, 2, 5, 9, 17, 30, 45}) {
        race.session.setCurrentStep(budget);
        QCOMPARE(race.session.currentStep(), budget);
        for (const RunEntry& entry : race.session.runs()) {
            // The record shown is the last one the budget pays for: it costs at most the budget
            // and the next one more.
            const int k = entry.indexAt(budget);
            const auto& records = entry.run->records();
            const Method method = entry.settings.method;
            if (k > 0) {
                QVERIFY(raceCost(records[std::size_t(k)], method) <= budget);
            }
            if (k + 1 < int(records.size())) {
                QVERIFY2(
                    raceCost(records[std::size_t(k) + 1], method) > budget,
                    qPrintable(QStringLiteral("run %1 at budget %2").arg(entry.id).arg(budget)));
            }
            QCOMPARE(&entry.recordAt(budget), &records[std::size_t(k)]);
        }
    }
    // GD pays one gradient a point: at budget b it stands at step b − 1.
    const RunEntry* gd = race.session.runById(race.gd);
    QCOMPARE(gd->indexAt(30), 29);
    // L-BFGS has spent the same budget in fewer steps.
    const RunEntry* lbfgs = race.session.runById(race.lbfgs);
    QVERIFY(lbfgs->indexAt(30) < 29);
}

void TestRaceAlignment::endIsTheCostliestRun()
{
    Race race;
    race.session.setRaceAlignment(RaceAlignment::Evaluations);
    long long costliest = 0;
    for (const RunEntry& entry : race.session.runs()) {
        QVERIFY(entry.run->isFinished());
        costliest = std::max(costliest, entry.positionOf(entry.lastIndex()));
    }
    QCOMPARE(static_cast<long long>(race.session.lastStep()), costliest);
    race.session.setCurrentStep(race.session.lastStep());
    QVERIFY(race.session.isAtEnd());
    for (const RunEntry& entry : race.session.runs()) {
        QVERIFY(entry.hasStoppedAt(race.session.currentStep()));
    }
}

void TestRaceAlignment::switchingKeepsTheMoment()
{
    Race race;
    race.session.setCurrentStep(10);
    QSignalSpy step(&race.session, &Session::currentStepChanged);
    race.session.setRaceAlignment(RaceAlignment::Evaluations);
    QCOMPARE(step.count(), 1);
    // The furthest-spending run at step 10 sets the budget; that run is still at step 10.
    long long budget = 0;
    for (const RunEntry& entry : race.session.runs()) {
        budget = std::max(budget, entry.positionOf(10));
    }
    QCOMPARE(static_cast<long long>(race.session.currentStep()), budget);
    // And back: the furthest step any run has at that budget.
    int furthest = 0;
    for (const RunEntry& entry : race.session.runs()) {
        furthest = std::max(furthest, entry.indexAt(race.session.currentStep()));
    }
    race.session.setRaceAlignment(RaceAlignment::Steps);
    QCOMPARE(race.session.currentStep(), furthest);
    for (const RunEntry& entry : race.session.runs()) {
        QCOMPARE(entry.alignment, RaceAlignment::Steps);
    }
}

void TestRaceAlignment::newRunsFollowTheAlignment()
{
    Race race;
    race.session.setRaceAlignment(RaceAlignment::Evaluations);
    const int adam = race.session.addRun(settingsOf(Method::Adam));
    QCOMPARE(race.session.runById(adam)->alignment, RaceAlignment::Evaluations);
    // A restart (new start point) keeps the alignment and computes the runs through.
    race.session.setStartPoint({0.5, -0.5});
    for (const RunEntry& entry : race.session.runs()) {
        QCOMPARE(entry.alignment, RaceAlignment::Evaluations);
        QVERIFY(entry.run->isFinished());
    }
}

void TestRaceAlignment::playbackBarCountsEvaluations()
{
    Race race;
    PlaybackBar bar(&race.session);
    race.session.setCurrentStep(4);
    QCOMPARE(bar.stepLabel()->text(), QStringLiteral("step 4 / 60"));
    race.session.setRaceAlignment(RaceAlignment::Evaluations);
    const int end = race.session.lastStep();
    QCOMPARE(bar.timeline()->maximum(), end);
    QCOMPARE(bar.stepLabel()->text(),
             QStringLiteral("evaluation %1 / %2").arg(race.session.currentStep()).arg(end));
    bar.timeline()->setValue(end / 2);
    QCOMPARE(race.session.currentStep(), end / 2);
}

QTEST_MAIN(TestRaceAlignment)
#include "tst_racealignment.moc"
