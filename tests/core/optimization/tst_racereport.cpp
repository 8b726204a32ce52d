// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/optimizer.h"
#include "optimization/racereport.h"

#include <QTest>
#include <cmath>
#include <memory>

using namespace gradlab;

namespace {

/// f = x² + y², counting how often it is evaluated.
Objective countedBowl(std::shared_ptr<long long> calls)
{
    return [calls](const Eigen::Vector2d& p) {
        ++*calls;
        PointValue value;
        value.f = p.x() * p.x() + p.y() * p.y();
        value.gradient = {2 * p.x(), 2 * p.y()};
        value.hessian << 2, 0, 0, 2;
        return value;
    };
}

/// f = (1 − x)² + 10(y − x²)², a curved valley where line searches take several trials.
Objective valley(std::shared_ptr<long long> calls)
{
    return [calls](const Eigen::Vector2d& p) {
        ++*calls;
        const double u = 1 - p.x();
        const double v = p.y() - p.x() * p.x();
        PointValue value;
        value.f = u * u + 10 * v * v;
        value.gradient = {-2 * u - 40 * p.x() * v, 20 * v};
        value.hessian << 2 - 40 * v + 80 * p.x() * p.x(), -40 * p.x(), -40 * p.x(), 20;
        return value;
    };
}

OptimizerSettings settingsOf(Method method, int steps)
{
    OptimizerSettings settings = defaultSettings(method);
    settings.maxSteps = steps;
    return settings;
}

QString text(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

} // namespace

class TestRaceReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void costIsWhatTheMethodEvaluated_data();
    void costIsWhatTheMethodEvaluated();
    void toleranceStepOfGradientDescent();
    void toleranceNeverReached();
    void csvLines();
    void stopNames();
};

void TestRaceReport::costIsWhatTheMethodEvaluated_data()
{
    QTest::addColumn<int>("method");
    for (const Method method : {Method::GradientDescent, Method::Adam, Method::LineSearch,
                                Method::Newton, Method::LBFGS, Method::NelderMead}) {
        QTest::newRow(std::string(methodName(method)).c_str()) << static_cast<int>(method);
    }
}

void TestRaceReport::costIsWhatTheMethodEvaluated()
{
    // Every evaluation of the objective the method asks for is counted once: the last record's f
    // count is the number of calls (each call yields f), and the race's cost is what the method
    // really used.
    QFETCH(int, method);
    const auto which = static_cast<Method>(method);
    auto calls = std::make_shared<long long>(0);
    Run run(valley(calls), {-1.2, 1.0}, settingsOf(which, 40));
    run.runToEnd();
    const StepRecord& last = run.records().back();
    const auto records = static_cast<long long>(run.records().size());
    if (which == Method::NelderMead) {
        // The run evaluates every x_k once more for the ‖∇f‖ it shows; SciPy's Nelder–Mead
        // never asks for it, and it is not charged.
        QCOMPARE(last.evaluations.function + records, *calls);
    } else {
        QCOMPARE(last.evaluations.function, *calls);
    }
    const long long cost = raceCost(last, which);
    if (which == Method::NelderMead) {
        QCOMPARE(last.evaluations.gradient, 0LL);
        QCOMPARE(cost, last.evaluations.function);
    } else {
        QCOMPARE(cost, last.evaluations.gradient + last.evaluations.hessian);
        QVERIFY(cost >= last.index + 1); // at least one gradient per point
    }
    if (which == Method::LBFGS || which == Method::LineSearch) {
        QVERIFY2(last.evaluations.function > last.index + 1, "line searches evaluate trials");
    }
    // Costs never decrease along the run (the timeline's search relies on it).
    for (std::size_t k = 1; k < run.records().size(); ++k) {
        QVERIFY(raceCost(run.records()[k], which) >= raceCost(run.records()[k - 1], which));
    }
}

void TestRaceReport::toleranceStepOfGradientDescent()
{
    // GD on x² + y² with lr 0.1 from (1, 1): x_k = 0.8^k (1, 1), ‖∇f(x_k)‖ = 2√2 · 0.8^k.
    auto calls = std::make_shared<long long>(0);
    OptimizerSettings settings = settingsOf(Method::GradientDescent, 100);
    settings.learningRate = 0.1;
    Run run(countedBowl(calls), {1.0, 1.0}, settings);
    run.runToEnd();
    const double tolerance = 1e-3;
    int expected = 0;
    double x = 1.0;
    while (std::hypot(2 * x, 2 * x) > tolerance) {
        x = x - 0.1 * 2 * x;
        ++expected;
    }
    const RaceReportRow row =
        raceReportRow(3, settings, run.stopReason(), run.records(), tolerance);
    QCOMPARE(row.run, 3);
    QVERIFY(row.stepsToTolerance.has_value());
    QCOMPARE(*row.stepsToTolerance, expected);
    QCOMPARE(expected, 36); // ln(1e-3 / 2√2) / ln 0.8 = 35.6
    // One gradient per point, the start's included.
    QCOMPARE(*row.costToTolerance, static_cast<long long>(expected) + 1);
    QCOMPARE(row.steps, 100);
    QCOMPARE(row.stop, StopReason::MaxSteps);
    QCOMPARE(row.finalValue, run.records().back().f);
    QCOMPARE(row.finalGradientNorm, run.records().back().gradient.norm());
    QCOMPARE(row.cost, 101LL);
}

void TestRaceReport::toleranceNeverReached()
{
    auto calls = std::make_shared<long long>(0);
    OptimizerSettings settings = settingsOf(Method::GradientDescent, 5);
    settings.learningRate = 0.01;
    Run run(countedBowl(calls), {1.0, 1.0}, settings);
    run.runToEnd();
    const RaceReportRow row = raceReportRow(1, settings, run.stopReason(), run.records(), 1e-6);
    QVERIFY(!row.stepsToTolerance);
    QVERIFY(!row.costToTolerance);
}

void TestRaceReport::csvLines()
{
    RaceReportRow gd;
    gd.run = 1;
    gd.settings = defaultSettings(Method::GradientDescent);
    gd.settings.learningRate = 0.1;
    gd.settings.schedule.kind = ScheduleKind::Cosine;
    gd.settings.schedule.tMax = 60;
    gd.settings.schedule.etaMin = 0.001;
    gd.stop = StopReason::Converged;
    gd.steps = 12;
    gd.finalValue = 0.5;
    gd.finalGradientNorm = 1e-7;
    gd.evaluations = {13, 13, 0};
    gd.cost = 13;
    gd.stepsToTolerance = 11;
    gd.costToTolerance = 12;
    RaceReportRow nm;
    nm.run = 2;
    nm.settings = defaultSettings(Method::NelderMead);
    nm.stop = StopReason::MaxSteps;
    nm.steps = 3;
    nm.finalValue = 1.0 / 3.0;
    nm.finalGradientNorm = 2;
    nm.evaluations = {9, 0, 0};
    nm.cost = 9;
    const std::string csv = raceReportCsv({gd, nm}, 1e-6);
    const QStringList lines = QString::fromStdString(csv).split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, the empty string after the last newline
    QCOMPARE(lines[0], QStringLiteral("run,method,lr,schedule,stop,steps,f,grad_norm,f_evals,"
                                      "grad_evals,hessian_evals,cost,steps_to_tol,cost_to_tol,"
                                      "tolerance"));
    // The schedule holds commas: quoted. Numbers round-trip.
    QCOMPARE(lines[1], QStringLiteral("1,gd,0.10000000000000001,\"cosine:t_max=60,eta_min=0.001\","
                                      "converged,12,0.5,9.9999999999999995e-08,13,13,0,13,11,12,"
                                      "9.9999999999999995e-07"));
    // Nelder–Mead: no rate, no schedule; the tolerance was not reached: empty fields.
    QCOMPARE(lines[2], QStringLiteral("2,neldermead,,,max_steps,3,0.33333333333333331,2,9,0,0,9,,,"
                                      "9.9999999999999995e-07"));
    QCOMPARE(lines[3], QString());
}

void TestRaceReport::stopNames()
{
    QCOMPARE(text(stopReasonName(StopReason::Running)), QStringLiteral("running"));
    QCOMPARE(text(stopReasonName(StopReason::MaxSteps)), QStringLiteral("max_steps"));
    QCOMPARE(text(stopReasonName(StopReason::Converged)), QStringLiteral("converged"));
    QCOMPARE(text(stopReasonName(StopReason::Diverged)), QStringLiteral("diverged"));
}

QTEST_APPLESS_MAIN(TestRaceReport)
#include "tst_racereport.moc"
