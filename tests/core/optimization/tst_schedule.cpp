// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/schedule.h"

#include <QTest>
#include <cmath>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::ScheduleErrorCode)

namespace {

ScheduleSettings parsed(const char* text, const char* warmup = nullptr)
{
    ScheduleParse result = parseSchedule(text);
    if (warmup) {
        result = parseWarmup(warmup, result.settings);
    }
    return result.settings;
}

/// The rates of the first \a count steps, as the optimizer sees them.
std::vector<double> rates(const ScheduleSettings& settings, double base, int count)
{
    LearningRateSchedule schedule(settings, base);
    std::vector<double> result;
    for (int k = 0; k < count; ++k) {
        result.push_back(schedule.rate());
        schedule.advance();
    }
    return result;
}

} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testEdges_data();
    void testEdges();
    void testChainedFollowsClosedForm_data();
    void testChainedFollowsClosedForm();
    void testRejected_data();
    void testRejected();
    void testTextRoundTrip_data();
    void testTextRoundTrip();
};

void TestSchedule::testEdges_data()
{
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QString>("warmup");
    QTest::addColumn<int>("step");
    QTest::addColumn<double>("rate");
    const double pi = 3.14159265358979323846;
    // η = 0.1 throughout; the literal rates are the schedules' definitions at their edges.
    QTest::newRow("step: last before the drop") << "step:step_size=20,gamma=0.5"
                                                << "" << 19 << 0.1;
    QTest::newRow("step: the drop") << "step:step_size=20,gamma=0.5"
                                    << "" << 20 << 0.05;
    QTest::newRow("step: second drop") << "step:step_size=20,gamma=0.5"
                                       << "" << 40 << 0.025;
    QTest::newRow("multistep: before") << "multistep:milestones=30;60,gamma=0.3"
                                       << "" << 29 << 0.1;
    QTest::newRow("multistep: first milestone") << "multistep:milestones=30;60,gamma=0.3"
                                                << "" << 30 << 0.03;
    QTest::newRow("multistep: second milestone") << "multistep:milestones=30;60,gamma=0.3"
                                                 << "" << 60 << 0.009;
    QTest::newRow("exponential: start") << "exponential:gamma=0.97"
                                        << "" << 0 << 0.1;
    QTest::newRow("exponential: ten") << "exponential:gamma=0.97"
                                      << "" << 10 << 0.1 * std::pow(0.97, 10);
    QTest::newRow("cosine: start") << "cosine:t_max=60,eta_min=0.001"
                                   << "" << 0 << 0.1;
    QTest::newRow("cosine: half way") << "cosine:t_max=60,eta_min=0.001"
                                      << "" << 30 << 0.0505;
    QTest::newRow("cosine: t = T_max") << "cosine:t_max=60,eta_min=0.001"
                                       << "" << 60 << 0.001;
    // past T_max torch's cosine climbs back: η_min + (η − η_min)(1 + cos(π·61/60))/2
    QTest::newRow("cosine: past T_max")
        << "cosine:t_max=60,eta_min=0.001"
        << "" << 61 << 0.001 + 0.099 * (1 + std::cos(pi * 61 / 60)) / 2;
    QTest::newRow("linear: start") << "linear:start_factor=0.25,end_factor=1,total_iters=15"
                                   << "" << 0 << 0.025;
    QTest::newRow("linear: end") << "linear:start_factor=0.25,end_factor=1,total_iters=15"
                                 << "" << 15 << 0.1;
    QTest::newRow("linear: after the end") << "linear:start_factor=0.25,end_factor=1,total_iters=15"
                                           << "" << 40 << 0.1;
    QTest::newRow("linear defaults: start") << "linear"
                                            << "" << 0 << 0.1 / 3;
    QTest::newRow("warm-up: start") << "cosine:t_max=90"
                                    << "10:0.1" << 0 << 0.01;
    QTest::newRow("warm-up: last warm step") << "cosine:t_max=90"
                                             << "10:0.1" << 9 << 0.091;
    // SequentialLR's milestone: the cosine starts again from η
    QTest::newRow("warm-up: end") << "cosine:t_max=90"
                                  << "10:0.1" << 10 << 0.1;
    QTest::newRow("warm-up: schedule's T_max") << "cosine:t_max=90"
                                               << "10:0.1" << 100 << 0.0;
    QTest::newRow("warm-up alone: end") << "constant"
                                        << "5:0.5" << 5 << 0.1;
    QTest::newRow("warm-up alone: middle") << "constant"
                                           << "5:0.5" << 3 << 0.08;
}

void TestSchedule::testEdges()
{
    QFETCH(QString, schedule);
    QFETCH(QString, warmup);
    QFETCH(int, step);
    QFETCH(double, rate);
    const QByteArray text = schedule.toUtf8();
    const QByteArray warm = warmup.toUtf8();
    const ScheduleSettings settings =
        parsed(text.constData(), warmup.isEmpty() ? nullptr : warm.constData());
    const double closed = closedFormRate(settings, 0.1, step);
    const double chained = rates(settings, 0.1, step + 1).back();
    QVERIFY2(std::abs(closed - rate) <= 1e-15, qPrintable(QString::number(closed, 'g', 17)));
    QVERIFY2(std::abs(chained - rate) <= 1e-15, qPrintable(QString::number(chained, 'g', 17)));
}

void TestSchedule::testChainedFollowsClosedForm_data()
{
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QString>("warmup");
    QTest::newRow("step") << "step:step_size=7,gamma=0.7"
                          << "";
    QTest::newRow("multistep") << "multistep:milestones=5;5;40,gamma=0.5"
                               << "";
    QTest::newRow("exponential") << "exponential:gamma=0.99"
                                 << "";
    QTest::newRow("cosine") << "cosine:t_max=25,eta_min=0.01"
                            << "";
    QTest::newRow("linear") << "linear:start_factor=0.1,end_factor=0.9,total_iters=30"
                            << "";
    QTest::newRow("warm-up into step") << "step:step_size=10,gamma=0.5"
                                       << "8:0.2";
    QTest::newRow("warm-up into cosine") << "cosine:t_max=40"
                                         << "12:0.05";
}

void TestSchedule::testChainedFollowsClosedForm()
{
    // torch's chainable form drifts from the closed form only by rounding (cosine, linear).
    QFETCH(QString, schedule);
    QFETCH(QString, warmup);
    const QByteArray text = schedule.toUtf8();
    const QByteArray warm = warmup.toUtf8();
    const ScheduleSettings settings =
        parsed(text.constData(), warmup.isEmpty() ? nullptr : warm.constData());
    const std::vector<double> chained = rates(settings, 0.3, 200);
    for (int k = 0; k < 200; ++k) {
        const double closed = closedFormRate(settings, 0.3, k);
        QVERIFY2(std::abs(chained[static_cast<std::size_t>(k)] - closed) <= 1e-13,
                 qPrintable(QStringLiteral("step %1: %2 against %3")
                                .arg(k)
                                .arg(chained[static_cast<std::size_t>(k)], 0, 'g', 17)
                                .arg(closed, 0, 'g', 17)));
    }
}

void TestSchedule::testRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ScheduleErrorCode>("code");
    QTest::addColumn<QString>("name");
    QTest::newRow("unknown kind") << "cosin:t_max=5" << ScheduleErrorCode::UnknownKind << "cosin";
    QTest::newRow("unknown key") << "step:size=5" << ScheduleErrorCode::UnknownKey << "size";
    QTest::newRow("not a number") << "step:step_size=x" << ScheduleErrorCode::BadValue
                                  << "step_size";
    QTest::newRow("zero step size")
        << "step:step_size=0" << ScheduleErrorCode::BadValue << "step_size";
    QTest::newRow("fractional t_max")
        << "cosine:t_max=2.5" << ScheduleErrorCode::BadValue << "t_max";
    QTest::newRow("start factor zero")
        << "linear:start_factor=0" << ScheduleErrorCode::BadValue << "start_factor";
    QTest::newRow("empty milestone")
        << "multistep:milestones=3;;5" << ScheduleErrorCode::BadValue << "milestones";
    QTest::newRow("missing step size")
        << "step:gamma=0.5" << ScheduleErrorCode::MissingKey << "step_size";
    QTest::newRow("missing gamma") << "exponential" << ScheduleErrorCode::MissingKey << "gamma";
    QTest::newRow("repeated key") << "step:step_size=2,step_size=3"
                                  << ScheduleErrorCode::RepeatedKey << "step_size";
}

void TestSchedule::testRejected()
{
    QFETCH(QString, text);
    QFETCH(ScheduleErrorCode, code);
    QFETCH(QString, name);
    const ScheduleParse result = parseSchedule(text.toStdString());
    QCOMPARE(result.error, code);
    QCOMPARE(QString::fromStdString(result.name), name);
    for (const char* warmup : {"10", "0:0.5", "5:0", "5:1.5", "x:0.5"}) {
        QCOMPARE(parseWarmup(warmup, {}).error, ScheduleErrorCode::BadWarmup);
    }
}

void TestSchedule::testTextRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("constant") << "constant";
    QTest::newRow("step") << "step:step_size=20,gamma=0.5";
    QTest::newRow("multistep") << "multistep:milestones=30;60,gamma=0.3";
    QTest::newRow("exponential") << "exponential:gamma=0.97";
    QTest::newRow("cosine") << "cosine:t_max=60,eta_min=0.001";
    QTest::newRow("linear") << "linear:start_factor=0.25,end_factor=1,total_iters=15";
}

void TestSchedule::testTextRoundTrip()
{
    QFETCH(QString, text);
    const ScheduleParse result = parseSchedule(text.toStdString());
    QCOMPARE(result.error, ScheduleErrorCode::None);
    QCOMPARE(QString::fromStdString(scheduleText(result.settings)), text);
    const ScheduleSettings warm = parseWarmup("10:0.1", result.settings).settings;
    QCOMPARE(QString::fromStdString(scheduleWarmupText(warm)), QString("10:0.1"));
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
