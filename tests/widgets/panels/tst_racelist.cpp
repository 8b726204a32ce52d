// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/racelist.h"
#include "session.h"

#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::Method)

class TestRaceList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testRows_data();
    void testRows();
    void testVisibility();
    void testRemove();
    void testSelection();
    void testRunsStayIndependent();

private:
    Session* m_session = nullptr;
    RaceList* m_list = nullptr;
};

void TestRaceList::init()
{
    m_session = new Session;
    m_list = new RaceList(m_session);
    m_list->show();
}

void TestRaceList::cleanup()
{
    delete m_list;
    delete m_session;
}

void TestRaceList::testRows_data()
{
    QTest::addColumn<QList<int>>("methods");
    QTest::newRow("one run") << QList<int>{int(Method::GradientDescent)};
    QTest::newRow("a race of three")
        << QList<int>{int(Method::GradientDescent), int(Method::Momentum), int(Method::Adam)};
}

void TestRaceList::testRows()
{
    QFETCH(QList<int>, methods);
    for (int method : methods) {
        m_session->addRun(defaultSettings(static_cast<Method>(method)));
    }
    QTreeWidget* tree = m_list->tree();
    QCOMPARE(tree->topLevelItemCount(), methods.size());
    for (int i = 0; i < methods.size(); ++i) {
        const RunEntry& entry = m_session->runs()[static_cast<std::size_t>(i)];
        const std::string_view label = methodLabel(entry.settings.method);
        QCOMPARE(tree->topLevelItem(i)->text(0),
                 QString::fromUtf8(label.data(), qsizetype(label.size())));
        QCOMPARE(tree->topLevelItem(i)->text(1).toDouble(), entry.settings.learningRate);
        QCOMPARE(tree->topLevelItem(i)->checkState(0), Qt::Checked);
    }
    // With nothing selected before, the first run is; adding runs keeps that selection.
    QCOMPARE(m_list->selectedRunId(), m_session->runs().front().id);
    QCOMPARE(tree->currentItem(), tree->topLevelItem(0));
}

void TestRaceList::testVisibility()
{
    const int id = m_session->addRun(defaultSettings(Method::GradientDescent));
    m_list->tree()->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
    QVERIFY(!m_session->runById(id)->visible);
    m_list->tree()->topLevelItem(0)->setCheckState(0, Qt::Checked);
    QVERIFY(m_session->runById(id)->visible);
}

void TestRaceList::testRemove()
{
    const int first = m_session->addRun(defaultSettings(Method::GradientDescent));
    const int second = m_session->addRun(defaultSettings(Method::Adam));
    QTreeWidget* tree = m_list->tree();
    auto* remove = qobject_cast<QToolButton*>(tree->itemWidget(tree->topLevelItem(0), 3));
    QVERIFY(remove);
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_VERIFY(!m_session->runById(first));
    QVERIFY(m_session->runById(second));
    QCOMPARE(tree->topLevelItemCount(), 1);
}

void TestRaceList::testSelection()
{
    const int first = m_session->addRun(defaultSettings(Method::GradientDescent));
    const int second = m_session->addRun(defaultSettings(Method::Adam));
    QSignalSpy selected(m_list, &RaceList::selectedRunChanged);
    m_list->tree()->setCurrentItem(m_list->tree()->topLevelItem(1));
    QCOMPARE(m_list->selectedRunId(), second);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toInt(), second);
    // Removing the selected run selects another one.
    m_session->removeRun(second);
    QCOMPARE(m_list->selectedRunId(), first);
    QCOMPARE(selected.count(), 2);
    m_list->setSelectedRunId(first);
    QCOMPARE(selected.count(), 2);
}

void TestRaceList::testRunsStayIndependent()
{
    OptimizerSettings slow = defaultSettings(Method::GradientDescent);
    slow.learningRate = 0.01;
    OptimizerSettings fast = defaultSettings(Method::GradientDescent);
    fast.learningRate = 0.05;
    const int a = m_session->addRun(slow);
    const int b = m_session->addRun(fast);
    m_session->setCurrentStep(10);
    const std::vector<StepRecord> before = m_session->runById(a)->run->records();
    QVERIFY(before.size() > 1);
    QVERIFY(before[5].point != m_session->runById(b)->run->records()[5].point);
    // Changing, hiding or removing one run leaves the other's path alone.
    fast.method = Method::Adam;
    m_session->setRunSettings(b, fast);
    m_list->tree()->topLevelItem(1)->setCheckState(0, Qt::Unchecked);
    m_session->removeRun(b);
    const std::vector<StepRecord>& after = m_session->runById(a)->run->records();
    QVERIFY(after.size() >= before.size());
    for (std::size_t k = 0; k < before.size(); ++k) {
        QVERIFY(after[k].point == before[k].point);
    }
    QCOMPARE(m_list->tree()->topLevelItemCount(), 1);
}

QTEST_MAIN(TestRaceList)
#include "tst_racelist.moc"
