// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/numberedit.h"
#include "panels/optimizerpanel.h"
#include "session.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <cmath>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::Method)

class TestOptimizerPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testLearningRateScale_data();
    void testLearningRateScale();
    void testSliderIsMonotonic();
    void testExactEntry_data();
    void testExactEntry();
    void testHyperParameters_data();
    void testHyperParameters();
    void testSettingsRoundTrip_data();
    void testSettingsRoundTrip();
    void testAddToRace();
    void testRunReplacesSelected();
    void testRowsFromTable();
    void testSchedulePicker();

private:
    void chooseMethod(Method method);

    Session* m_session = nullptr;
    OptimizerPanel* m_panel = nullptr;
};

void TestOptimizerPanel::init()
{
    m_session = new Session;
    m_session->clearRuns();
    m_panel = new OptimizerPanel(m_session);
    m_panel->show();
}

void TestOptimizerPanel::cleanup()
{
    delete m_panel;
    delete m_session;
}

void TestOptimizerPanel::chooseMethod(Method method)
{
    QComboBox* box = m_panel->methodBox();
    const int row = box->findData(
        QString::fromUtf8(methodName(method).data(), qsizetype(methodName(method).size())));
    QVERIFY(row >= 0);
    box->setCurrentIndex(row);
    Q_EMIT box->activated(row);
}

void TestOptimizerPanel::testLearningRateScale_data()
{
    QTest::addColumn<int>("position");
    QTest::addColumn<double>("rate");
    const int perDecade = OptimizerPanel::stepsPerDecade;
    QTest::newRow("left end") << 0 << std::pow(10.0, OptimizerPanel::minimumExponent);
    QTest::newRow("one") << -OptimizerPanel::minimumExponent * perDecade << 1.0;
    QTest::newRow("right end") << (OptimizerPanel::maximumExponent -
                                   OptimizerPanel::minimumExponent) *
                                      perDecade
                               << std::pow(10.0, OptimizerPanel::maximumExponent);
    QTest::newRow("half a decade under 0.1")
        << (-1 - OptimizerPanel::minimumExponent) * perDecade - perDecade / 2 << 0.032;
}

void TestOptimizerPanel::testLearningRateScale()
{
    QFETCH(int, position);
    QFETCH(double, rate);
    const double at = OptimizerPanel::learningRateAt(position);
    QVERIFY2(std::abs(at - rate) <= 1e-12 * rate, qPrintable(QString::number(at, 'g', 17)));
    QVERIFY(std::abs(OptimizerPanel::positionOf(rate) - position) <= 1);
    // The slider shows the rate it sets.
    m_panel->learningRateSlider()->setValue(position);
    QCOMPARE(m_panel->settings().learningRate, at);
}

void TestOptimizerPanel::testSliderIsMonotonic()
{
    const int last = m_panel->learningRateSlider()->maximum();
    for (int position = 1; position <= last; ++position) {
        QVERIFY(OptimizerPanel::learningRateAt(position) >=
                OptimizerPanel::learningRateAt(position - 1));
        QVERIFY(OptimizerPanel::learningRateAt(position) > 0);
    }
}

void TestOptimizerPanel::testExactEntry_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<double>("rate");
    QTest::newRow("not a power of ten") << "0.0125" << true << 0.0125;
    QTest::newRow("scientific") << "3e-4" << true << 3e-4;
    QTest::newRow("beyond the slider") << "25" << true << 25.0;
    QTest::newRow("below the slider") << "2.5e-7" << true << 2.5e-7;
    QTest::newRow("zero") << "0" << false << 0.0;
    QTest::newRow("negative") << "-0.1" << false << 0.0;
    QTest::newRow("words") << "fast" << false << 0.0;
}

void TestOptimizerPanel::testExactEntry()
{
    QFETCH(QString, typed);
    QFETCH(bool, accepted);
    QFETCH(double, rate);
    NumberEdit* edit = m_panel->learningRateEdit();
    const double before = m_panel->settings().learningRate;
    if (accepted) {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, typed);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(m_panel->settings().learningRate, rate);
        QCOMPARE(m_panel->learningRateSlider()->value(), OptimizerPanel::positionOf(rate));
    } else {
        // The validator already stops most such keys; text set past it (a paste) is refused
        // when committed.
        edit->setText(typed);
        Q_EMIT edit->editingFinished();
        QCOMPARE(m_panel->settings().learningRate, before);
        QCOMPARE(edit->text().toDouble(), before);
    }
}

void TestOptimizerPanel::testHyperParameters_data()
{
    QTest::addColumn<Method>("method");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("gradient descent") << Method::GradientDescent << QStringList{"weight-decay"};
    QTest::newRow("momentum") << Method::Momentum << QStringList{"momentum", "weight-decay"};
    QTest::newRow("nesterov") << Method::Nesterov << QStringList{"momentum", "weight-decay"};
    QTest::newRow("adagrad") << Method::AdaGrad
                             << QStringList{"eps", "lr-decay", "initial-accumulator",
                                            "weight-decay"};
    QTest::newRow("rmsprop") << Method::RMSProp
                             << QStringList{"momentum", "alpha", "eps", "centered", "weight-decay"};
    QTest::newRow("adam") << Method::Adam
                          << QStringList{"beta1", "beta2", "eps", "amsgrad", "weight-decay"};
    QTest::newRow("adamw") << Method::AdamW
                           << QStringList{"beta1", "beta2", "eps", "amsgrad", "weight-decay"};
    QTest::newRow("newton") << Method::Newton << QStringList{};
    QTest::newRow("line search") << Method::LineSearch << QStringList{"armijo", "shrink"};
    QTest::newRow("l-bfgs") << Method::LBFGS << QStringList{"history", "line-search"};
    QTest::newRow("nelder-mead") << Method::NelderMead << QStringList{};
}

void TestOptimizerPanel::testHyperParameters()
{
    QFETCH(Method, method);
    QFETCH(QStringList, shown);
    chooseMethod(method);
    QCOMPARE(m_panel->shownHyperParameters(), shown);
    // Switching method starts from that method's defaults.
    OptimizerSettings expected = defaultSettings(method);
    expected.maxSteps = m_panel->settings().maxSteps;
    expected.tolerance = m_panel->settings().tolerance;
    QCOMPARE(m_panel->settings().method, method);
    QVERIFY(m_panel->settings() == expected);
}

void TestOptimizerPanel::testSettingsRoundTrip_data()
{
    QTest::addColumn<Method>("method");
    for (Method method : allMethods()) {
        QTest::newRow(methodName(method).data()) << method;
    }
}

void TestOptimizerPanel::testSettingsRoundTrip()
{
    QFETCH(Method, method);
    OptimizerSettings settings = defaultSettings(method);
    settings.learningRate = 0.0123;
    settings.momentum = 0.85;
    settings.alpha = 0.95;
    settings.beta1 = 0.8;
    settings.beta2 = 0.99;
    settings.epsilon = 1e-6;
    settings.learningRateDecay = 0.01;
    settings.initialAccumulator = 0.1;
    settings.centered = true;
    settings.amsgrad = true;
    settings.armijo = 1e-3;
    settings.shrink = 0.6;
    settings.weightDecay = 0.05;
    settings.history = 7;
    settings.lineSearch = LineSearchKind::None;
    settings.maxSteps = 321;
    settings.tolerance = 1e-5;
    m_panel->setSettings(settings);
    QVERIFY(m_panel->settings() == settings);
}

void TestOptimizerPanel::testAddToRace()
{
    QSignalSpy added(m_panel, &OptimizerPanel::runAdded);
    chooseMethod(Method::Adam);
    m_panel->learningRateSlider()->setValue(OptimizerPanel::positionOf(0.1));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    chooseMethod(Method::Momentum);
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    QCOMPARE(added.count(), 2);
    QCOMPARE(m_session->runs().size(), std::size_t(2));
    const RunEntry* adam = m_session->runById(added.at(0).at(0).toInt());
    const RunEntry* momentum = m_session->runById(added.at(1).at(0).toInt());
    QVERIFY(adam && momentum);
    QCOMPARE(adam->settings.method, Method::Adam);
    QCOMPARE(adam->settings.learningRate, 0.1);
    QCOMPARE(momentum->settings.method, Method::Momentum);
    QVERIFY(!m_session->isPlaying());
}

void TestOptimizerPanel::testRunReplacesSelected()
{
    const int first = m_session->addRun(defaultSettings(Method::GradientDescent));
    const int second = m_session->addRun(defaultSettings(Method::Adam));
    m_panel->setSelectedRunId(second);
    // Selecting a run shows its settings.
    QCOMPARE(m_panel->settings().method, Method::Adam);
    m_panel->learningRateEdit()->setValue(0.0042);
    QTest::mouseClick(m_panel->runButton(), Qt::LeftButton);
    QCOMPARE(m_session->runs().size(), std::size_t(2));
    QCOMPARE(m_session->runById(second)->settings.learningRate, 0.0042);
    QVERIFY(m_session->runById(first)->settings == defaultSettings(Method::GradientDescent));
    QVERIFY(m_session->isPlaying());
    m_session->pause();
}

void TestOptimizerPanel::testRowsFromTable()
{
    // A row only this test has: it must appear for its method alone and edit its field.
    std::vector<HyperParameter> table(hyperParameters().begin(), hyperParameters().end());
    HyperParameter fake;
    fake.name = "fake-knob";
    fake.sceneKey = "fakeKnob";
    fake.label = "Fake knob";
    fake.help = "a knob only the test has";
    fake.toolTip = "Turns nothing";
    fake.range = {0.0, 10.0, false, false};
    fake.editor = EditorKind::NonNegative;
    fake.methods = {Method::Adam};
    fake.get = [](const OptimizerSettings& s) {
        return s.learningRateDecay;
    };
    fake.set = [](OptimizerSettings& s, double v) {
        s.learningRateDecay = v;
    };
    table.push_back(fake);
    OptimizerPanel panel(m_session, nullptr, table);
    panel.show();
    auto* field = qobject_cast<NumberEdit*>(panel.hyperParameterField("fake-knob"));
    QVERIFY(field);
    QCOMPARE(field->toolTip(), QString("Turns nothing"));
    auto* form = panel.findChild<QFormLayout*>();
    QVERIFY(form);
    auto* label = qobject_cast<QLabel*>(form->labelForField(field));
    QVERIFY(label);
    QCOMPARE(label->text(), QString("Fake knob"));

    OptimizerSettings adam = defaultSettings(Method::Adam);
    panel.setSettings(adam);
    QCOMPARE(panel.shownHyperParameters(),
             (QStringList{"beta1", "beta2", "eps", "amsgrad", "weight-decay", "fake-knob"}));
    field->setValue(2.5);
    QCOMPARE(panel.settings().learningRateDecay, 2.5);
    panel.setSettings(defaultSettings(Method::GradientDescent));
    QCOMPARE(panel.shownHyperParameters(), QStringList{"weight-decay"});
    QVERIFY(!field->isVisibleTo(&panel));
}

void TestOptimizerPanel::testSchedulePicker()
{
    chooseMethod(Method::Adam);
    QCOMPARE(m_panel->settings().schedule, ScheduleSettings{});
    QCOMPARE(m_panel->scheduleEdit()->text(), QString("constant"));
    // Picking a kind fills in a schedule of that kind.
    QComboBox* box = m_panel->scheduleBox();
    const int cosine = box->findData(static_cast<int>(ScheduleKind::Cosine));
    box->setCurrentIndex(cosine);
    Q_EMIT box->activated(cosine);
    QCOMPARE(m_panel->settings().schedule.kind, ScheduleKind::Cosine);
    // Typed parameters and a warm-up are taken when they parse ...
    m_panel->scheduleEdit()->setText("step:step_size=20,gamma=0.5");
    m_panel->warmupEdit()->setText("10:0.1");
    Q_EMIT m_panel->warmupEdit()->editingFinished();
    const ScheduleSettings schedule = m_panel->settings().schedule;
    QCOMPARE(schedule.kind, ScheduleKind::Step);
    QCOMPARE(schedule.stepSize, 20);
    QCOMPARE(schedule.gamma, 0.5);
    QCOMPARE(schedule.warmupSteps, 10);
    QCOMPARE(schedule.warmupFactor, 0.1);
    QCOMPARE(box->currentData().toInt(), static_cast<int>(ScheduleKind::Step));
    // ... and refused when they do not: the picker shows the schedule it had.
    m_panel->scheduleEdit()->setText("step:gamma=0.5");
    Q_EMIT m_panel->scheduleEdit()->editingFinished();
    QCOMPARE(m_panel->settings().schedule, schedule);
    QCOMPARE(m_panel->scheduleEdit()->text(), QString("step:step_size=20,gamma=0.5"));
    // The settings of a run bring their schedule; Nelder–Mead, without a rate, hides the picker.
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.schedule = parseSchedule("exponential:gamma=0.97").settings;
    m_panel->setSettings(settings);
    QCOMPARE(m_panel->scheduleEdit()->text(), QString("exponential:gamma=0.97"));
    QVERIFY(m_panel->scheduleBox()->isVisibleTo(m_panel));
    chooseMethod(Method::NelderMead);
    QVERIFY(!m_panel->scheduleBox()->isVisibleTo(m_panel));
    QVERIFY(!m_panel->learningRateEdit()->isVisibleTo(m_panel));
}

QTEST_MAIN(TestOptimizerPanel)
#include "tst_optimizerpanel.moc"
