// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/playbackbar.h"
#include "session.h"

#include <QAction>
#include <QLabel>
#include <QSlider>
#include <QTest>
#include <QToolButton>
#include <array>
#include <cmath>

using namespace gradlab;

class TestPlaybackBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testSpeed_data();
    void testSpeed();
    void testTimelineFollowsSteps_data();
    void testTimelineFollowsSteps();
    void testTimelineMovesSteps();
    void testActionButtons();
    void testNoRunsNoTimeline();

private:
    Session* m_session = nullptr;
    PlaybackBar* m_bar = nullptr;
};

void TestPlaybackBar::init()
{
    m_session = new Session;
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.maxSteps = 50;
    m_session->addRun(settings);
    m_bar = new PlaybackBar(m_session);
    m_bar->show();
}

void TestPlaybackBar::cleanup()
{
    delete m_bar;
    delete m_session;
}

void TestPlaybackBar::testSpeed_data()
{
    QTest::addColumn<int>("position");
    const auto speeds = PlaybackBar::speeds();
    QTest::newRow("slowest") << 0;
    QTest::newRow("middle") << static_cast<int>(speeds.size() / 2);
    QTest::newRow("fastest") << static_cast<int>(speeds.size()) - 1;
}

void TestPlaybackBar::testSpeed()
{
    QFETCH(int, position);
    const double expected = PlaybackBar::speeds()[static_cast<std::size_t>(position)];
    m_bar->speedSlider()->setValue(position == 0 ? 1 : 0);
    m_bar->speedSlider()->setValue(position);
    QCOMPARE(m_session->speed(), expected);
    QCOMPARE(PlaybackBar::positionOfSpeed(expected), position);
}

void TestPlaybackBar::testTimelineFollowsSteps_data()
{
    QTest::addColumn<int>("forward");
    QTest::addColumn<int>("backward");
    QTest::newRow("three forward") << 3 << 0;
    QTest::newRow("five forward two back") << 5 << 2;
    QTest::newRow("back past the start") << 1 << 4;
}

void TestPlaybackBar::testTimelineFollowsSteps()
{
    QFETCH(int, forward);
    QFETCH(int, backward);
    for (int i = 0; i < forward; ++i) {
        m_session->stepForward();
    }
    for (int i = 0; i < backward; ++i) {
        m_session->stepBackward();
    }
    const int expected = std::max(0, forward - backward);
    QCOMPARE(m_session->currentStep(), expected);
    QCOMPARE(m_bar->timeline()->value(), expected);
    QVERIFY2(m_bar->stepLabel()->text().contains(QString::number(expected)),
             qPrintable(m_bar->stepLabel()->text()));
}

void TestPlaybackBar::testTimelineMovesSteps()
{
    m_bar->timeline()->setValue(17);
    QCOMPARE(m_session->currentStep(), 17);
    m_bar->timeline()->setValue(4);
    QCOMPARE(m_session->currentStep(), 4);
}

void TestPlaybackBar::testActionButtons()
{
    QAction forward(QStringLiteral("forward"));
    QAction back(QStringLiteral("back"));
    connect(&forward, &QAction::triggered, m_session, &Session::stepForward);
    connect(&back, &QAction::triggered, m_session, &Session::stepBackward);
    const std::array<QAction*, 2> actions{&back, &forward};
    m_bar->setActions(actions);
    const auto buttons = m_bar->findChildren<QToolButton*>();
    QCOMPARE(buttons.size(), 2);
    QToolButton* forwardButton = buttons[0]->defaultAction() == &forward ? buttons[0] : buttons[1];
    QToolButton* backButton = forwardButton == buttons[0] ? buttons[1] : buttons[0];
    QTest::mouseClick(forwardButton, Qt::LeftButton);
    QTest::mouseClick(forwardButton, Qt::LeftButton);
    QCOMPARE(m_session->currentStep(), 2);
    QTest::mouseClick(backButton, Qt::LeftButton);
    QCOMPARE(m_session->currentStep(), 1);
}

void TestPlaybackBar::testNoRunsNoTimeline()
{
    m_session->clearRuns();
    QVERIFY(!m_bar->timeline()->isEnabled());
    m_session->addRun(defaultSettings(Method::Adam));
    QVERIFY(m_bar->timeline()->isEnabled());
}

QTEST_MAIN(TestPlaybackBar)
#include "tst_playbackbar.moc"
