// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "charts/runcharts.h"
#include "optimization/racereport.h"
#include "session.h"

#include <QTest>
#include <cmath>
#include <qcustomplot.h>

using namespace gradlab;

namespace {

bool inLayout(const QCustomPlot* plot, const QCPAxisRect* rect)
{
    return plot->plotLayout()->elements(true).contains(const_cast<QCPAxisRect*>(rect));
}

OptimizerSettings cosine(Method method, double rate, int tMax, double etaMin)
{
    OptimizerSettings settings = defaultSettings(method);
    settings.learningRate = rate;
    settings.maxSteps = 80;
    settings.schedule.kind = ScheduleKind::Cosine;
    settings.schedule.tMax = tMax;
    settings.schedule.etaMin = etaMin;
    return settings;
}

} // namespace

class TestLearningRateChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hiddenWithoutSchedule();
    void cosineCurve();
    void warmupAlone();
    void neldermeadLeavesAGap();
    void byEvaluations();
};

void TestLearningRateChart::hiddenWithoutSchedule()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + 3y^2"));
    session.addRun(defaultSettings(Method::GradientDescent));
    RunCharts charts(&session);
    charts.resize(500, 400);
    QVERIFY(!charts.isLearningRateChartShown());
    QVERIFY(!inLayout(charts.plot(), charts.axisRect(RunCharts::Chart::LearningRate)));
    QVERIFY(!charts.graph(session.runs().front().id, RunCharts::Chart::LearningRate)->visible());
}

void TestLearningRateChart::cosineCurve()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + 3y^2"));
    session.setStartPoint({2.0, 1.0});
    RunCharts charts(&session);
    charts.resize(500, 500);
    const OptimizerSettings settings = cosine(Method::GradientDescent, 0.1, 40, 0.001);
    const int id = session.addRun(settings);
    QVERIFY(charts.isLearningRateChartShown());
    QVERIFY(inLayout(charts.plot(), charts.axisRect(RunCharts::Chart::LearningRate)));
    session.setCurrentStep(60);
    const QCPGraph* graph = charts.graph(id, RunCharts::Chart::LearningRate);
    QVERIFY(graph && graph->visible());
    const RunEntry* entry = session.runById(id);
    QCOMPARE(graph->data()->size(), entry->shownRecordCount());
    int k = 0;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it, ++k) {
        QCOMPARE(it->key, double(k));
        QCOMPARE(it->value, entry->run->records()[std::size_t(k)].learningRate);
        // The closed form: η_min + (η − η_min)(1 + cos(π k / T)) / 2 for k ≤ T (torch's chained
        // form agrees to rounding).
        if (k <= 40) {
            const double closed = 0.001 + (0.1 - 0.001) * (1 + std::cos(M_PI * k / 40)) / 2;
            QVERIFY2(
                std::abs(it->value - closed) <= 1e-12,
                qPrintable(QStringLiteral("k = %1: %2 vs %3").arg(k).arg(it->value).arg(closed)));
        }
    }
    // The axis starts at 0 and holds the highest rate.
    const QCPRange range =
        charts.axisRect(RunCharts::Chart::LearningRate)->axis(QCPAxis::atLeft)->range();
    QCOMPARE(range.lower, 0.0);
    QVERIFY(range.upper >= 0.1);
    // The charts' cursor is drawn on the η(k) chart too; removing the run hides the chart again.
    session.removeRun(id);
    QVERIFY(!charts.isLearningRateChartShown());
    QVERIFY(!inLayout(charts.plot(), charts.axisRect(RunCharts::Chart::LearningRate)));
}

void TestLearningRateChart::warmupAlone()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + y^2"));
    OptimizerSettings settings = defaultSettings(Method::Adam);
    settings.schedule.warmupSteps = 5;
    settings.schedule.warmupFactor = 0.1;
    session.addRun(settings);
    RunCharts charts(&session);
    QVERIFY(charts.isLearningRateChartShown());
}

void TestLearningRateChart::neldermeadLeavesAGap()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + 3y^2"));
    RunCharts charts(&session);
    const int gd = session.addRun(cosine(Method::GradientDescent, 0.1, 20, 0.0));
    const int simplex = session.addRun(defaultSettings(Method::NelderMead));
    session.setCurrentStep(10);
    QVERIFY(charts.isLearningRateChartShown());
    const QCPGraph* graph = charts.graph(simplex, RunCharts::Chart::LearningRate);
    QVERIFY(graph->data()->size() > 0);
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
        QVERIFY(std::isnan(it->value));
    }
    QVERIFY(std::isfinite(charts.graph(gd, RunCharts::Chart::LearningRate)->data()->at(3)->value));
}

void TestLearningRateChart::byEvaluations()
{
    Session session;
    session.setExpressionText(QStringLiteral("(1-x)^2 + 10(y-x^2)^2"));
    session.setStartPoint({-1.2, 1.0});
    RunCharts charts(&session);
    OptimizerSettings lbfgs = defaultSettings(Method::LBFGS);
    lbfgs.maxSteps = 30;
    const int id = session.addRun(lbfgs);
    session.setRaceAlignment(RaceAlignment::Evaluations);
    session.setCurrentStep(session.lastStep());
    const QCPGraph* value = charts.graph(id, RunCharts::Chart::Value);
    const RunEntry* entry = session.runById(id);
    QCOMPARE(value->data()->size(), entry->shownRecordCount());
    int k = 0;
    for (auto it = value->data()->constBegin(); it != value->data()->constEnd(); ++it, ++k) {
        const StepRecord& record = entry->run->records()[std::size_t(k)];
        QCOMPARE(it->key, double(raceCost(record, Method::LBFGS)));
        QCOMPARE(it->value, record.f);
    }
    QVERIFY(charts.axisRect(RunCharts::Chart::Value)
                ->axis(QCPAxis::atBottom)
                ->label()
                .startsWith(QStringLiteral("evaluations")));
    QCOMPARE(charts.currentStepLine(), double(session.currentStep()));
}

QTEST_MAIN(TestLearningRateChart)
#include "tst_learningratechart.moc"
