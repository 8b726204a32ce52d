// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// What a newcomer meets in the first minute of the window (issue "The first minute in the
// window"): presets that bring stable learning rates, an autosaved scene offered back after a
// crash, presenter keys whatever has the focus, the Help menu, charts that follow a diverging
// run, and run colours that survive a scenario file.
#include "autosave.h"
#include "charts/runcharts.h"
#include "common/textlayoutprobe.h"
#include "contourview/contourview.h"
#include "functions/presets.h"
#include "helpdialog.h"
#include "mainwindow.h"
#include "messages/messagebar.h"
#include "panels/functionpanel.h"
#include "panels/optimizerpanel.h"
#include "session.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <qcustomplot.h>

using namespace gradlab;

class TestFirstMinute : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void presetBringsStableRates();
    void keptRatesStay();
    void autosaveWritesAndOffersBack();
    void cleanExitLeavesNothingToOffer();
    void presenterKeysWhateverHasFocus();
    void escapeLeavesPresenterModeAndDocksComeBack();
    void helpMenu();
    void chartsFollowDivergingRuns();
    void runColoursSurviveAScenario();
    void mapAndChartsTextLayout_data();
    void mapAndChartsTextLayout();

private:
    QTemporaryDir m_home;
};

namespace {

bool showActive(MainWindow& window)
{
    window.show();
    QApplication::setActiveWindow(&window);
    return QTest::qWaitForWindowActive(&window);
}

/// Picks the preset \a name in the function panel's list, as a click on its entry does.
void pickPreset(MainWindow& window, const std::string& name)
{
    QComboBox* box = window.functionPanel()->presetBox();
    for (std::size_t i = 0; i < presets().size(); ++i) {
        if (presets()[i].name == name) {
            box->setCurrentIndex(static_cast<int>(i));
            Q_EMIT box->activated(static_cast<int>(i));
        }
    }
}

} // namespace

void TestFirstMinute::initTestCase()
{
    QVERIFY(m_home.isValid());
    applyApplicationIdentity();
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
}

void TestFirstMinute::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
    QFile::remove(Autosave::defaultPath());
}

void TestFirstMinute::presetBringsStableRates()
{
    // Recipe A of the issue: a fresh start (GD at 0.09 on the bowl), the Rosenbrock preset
    // picked in the list, Play to the end: no divergence now, and the panel shows the rate.
    MainWindow window;
    Session* session = window.session();
    QCOMPARE(session->runs().front().settings.learningRate, 0.09);
    pickPreset(window, "rosenbrock");
    QCOMPARE(session->preset()->name, std::string("rosenbrock"));
    const RunEntry& run = session->runs().front();
    // 0.9 · 2/λmax with λmax ≈ 5330, the largest curvature over Rosenbrock's domain
    QCOMPARE(run.settings.learningRate, 0.00033);
    QCOMPARE(window.optimizerPanel()->settings().learningRate, 0.00033);
    session->setCurrentStep(run.settings.maxSteps);
    QVERIFY(run.run->stopReason() != StopReason::Diverged);
    QVERIFY(run.run->records().back().f < run.run->records().front().f);
}

void TestFirstMinute::keptRatesStay()
{
    MainWindow window;
    QAction* keep = window.action(MainWindow::Action::KeepLearningRates);
    QVERIFY(keep->isCheckable() && !keep->isChecked());
    keep->setChecked(true);
    pickPreset(window, "rosenbrock");
    QCOMPARE(window.session()->runs().front().settings.learningRate, 0.09);
    // The choice is remembered with the settings.
    window.close();
    MainWindow again;
    QVERIFY(again.action(MainWindow::Action::KeepLearningRates)->isChecked());
}

void TestFirstMinute::autosaveWritesAndOffersBack()
{
    {
        MainWindow window;
        QVERIFY(window.autosave());
        window.session()->setExpressionText(QStringLiteral("x^4 - x + y^2"));
        QVERIFY(window.autosave()->isPending());
        // Debounced: written once the changes pause.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(Autosave::defaultPath()),
                                 3 * Autosave::kDelayMilliseconds);
        QVERIFY(!window.autosave()->isPending());
        const auto scene = window.autosave()->leftOver();
        QVERIFY(scene);
        QCOMPARE(scene->value(QStringLiteral("function")).toMap().value(QStringLiteral("text")),
                 QVariant(QStringLiteral("x^4 - x + y^2")));
        // A crash: the window goes without closeEvent, its settings unwritten.
    }
    QVERIFY(QFile::exists(Autosave::defaultPath()));
    MainWindow next;
    QVERIFY(!next.restoreBar()->isHidden());
    QVERIFY(next.restoreBar()->text().contains(QStringLiteral("autosaved")));
    QCOMPARE(next.session()->expressionText(), defaultPreset().formula.c_str());
    // While the offer stands the left-over file is not overwritten.
    next.session()->setExpressionText(QStringLiteral("x^2"));
    QVERIFY(!next.autosave()->isPending());
    const QList<QPushButton*> buttons = next.restoreBar()->findChildren<QPushButton*>();
    QCOMPARE(buttons.size(), 2);
    buttons.front()->click(); // Restore
    QCOMPARE(next.session()->expressionText(), QStringLiteral("x^4 - x + y^2"));
    QVERIFY(next.restoreBar()->isHidden());
}

void TestFirstMinute::cleanExitLeavesNothingToOffer()
{
    {
        MainWindow window;
        window.session()->setExpressionText(QStringLiteral("x^2 + 2y^2"));
        QVERIFY(window.autosave()->writeNow());
        QVERIFY(QFile::exists(Autosave::defaultPath()));
        window.close();
    }
    QVERIFY(!QFile::exists(Autosave::defaultPath()));
    MainWindow next;
    QVERIFY(next.restoreBar()->isHidden());
    // The settings brought the scene back.
    QCOMPARE(next.session()->expressionText(), QStringLiteral("x^2 + 2y^2"));
}

void TestFirstMinute::presenterKeysWhateverHasFocus()
{
    MainWindow window;
    QVERIFY(showActive(window));
    window.setPresenterMode(true);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // The preset list has the focus (it swallowed the arrows before).
    QComboBox* presets = window.functionPanel()->presetBox();
    presets->setFocus();
    QVERIFY(presets->hasFocus());
    const int preset = presets->currentIndex();
    QTest::keyClick(presets, Qt::Key_Right);
    QTest::keyClick(presets, Qt::Key_Right);
    QCOMPARE(window.session()->currentStep(), 2);
    QTest::keyClick(presets, Qt::Key_Left);
    QCOMPARE(window.session()->currentStep(), 1);
    QCOMPARE(presets->currentIndex(), preset);
    window.setPresenterMode(false);
    // Out of presenter mode the list has its arrows again.
    presets->setFocus();
    QTest::keyClick(presets, Qt::Key_Right);
    QCOMPARE(window.session()->currentStep(), 1);
}

void TestFirstMinute::escapeLeavesPresenterModeAndDocksComeBack()
{
    MainWindow window;
    window.resize(1300, 850);
    QVERIFY(showActive(window));
    QTest::qWait(50);
    QList<QDockWidget*> docks = window.findChildren<QDockWidget*>();
    QList<QRect> before;
    for (const QDockWidget* dock : docks) {
        before << dock->geometry();
    }
    const QSize size = window.size();
    window.setPresenterMode(true);
    QVERIFY(window.isPresenterMode());
    QTest::qWait(50);
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &window,
                    Qt::Key_Escape);
    QVERIFY(!window.isPresenterMode());
    QTRY_COMPARE(window.size(), size);
    QTest::qWait(50);
    for (qsizetype i = 0; i < docks.size(); ++i) {
        QCOMPARE(docks[i]->geometry(), before[i]);
    }
}

void TestFirstMinute::helpMenu()
{
    MainWindow window;
    QAction* syntax = window.action(MainWindow::Action::SyntaxHelp);
    QCOMPARE(syntax->shortcut(), QKeySequence(QKeySequence::HelpContents));
    HelpDialog* help = window.showHelp(static_cast<int>(HelpDialog::Page::Syntax));
    QCOMPARE(help->currentPage(), HelpDialog::Page::Syntax);
    // The README's own table: the right-associative power and an error row.
    const QString text = help->syntaxBrowser()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("right-associative")), qPrintable(text.left(200)));
    QVERIFY(text.contains(QStringLiteral("nested too deeply")));
    QVERIFY(!text.contains(QStringLiteral("## Command line")));
    // Every key of the window, Space and the arrows among them.
    QStringList keys;
    for (int row = 0; row < help->shortcutTable()->rowCount(); ++row) {
        keys << help->shortcutTable()->item(row, 0)->text();
    }
    for (const QString& key :
         {QStringLiteral("Space"), QStringLiteral("Right"), QStringLiteral("Left"),
          QStringLiteral("F11"), QStringLiteral("Esc")}) {
        QVERIFY2(keys.contains(key), qPrintable(keys.join(QLatin1Char(' '))));
    }
    const QString about = help->aboutBrowser()->toPlainText();
    QVERIFY(about.contains(QStringLiteral(GRADLAB_VERSION)));
    for (const QString& name : {QStringLiteral("QCustomPlot"), QStringLiteral("Eigen"),
                                QStringLiteral("LGPL"), QStringLiteral("Mozilla")}) {
        QVERIFY2(about.contains(name), qPrintable(name));
    }
    QCOMPARE(window.showHelp(static_cast<int>(HelpDialog::Page::About)), help);
    QCOMPARE(help->currentPage(), HelpDialog::Page::About);
}

void TestFirstMinute::chartsFollowDivergingRuns()
{
    MainWindow window;
    RunCharts* charts = window.runCharts();
    QVERIFY(!charts->isLogScale(RunCharts::Chart::Value));
    QVERIFY(charts->isLogScale(RunCharts::Chart::GradientNorm));
    Session* session = window.session();
    window.action(MainWindow::Action::KeepLearningRates)->setChecked(true);
    QVERIFY(session->setExpressionText(QStringLiteral("x^2 + y^2")));
    session->clearRuns();
    OptimizerSettings tooFast = defaultSettings(Method::GradientDescent);
    tooFast.learningRate = 1.5; // x → (1 − 2·1.5)x = −2x: doubles each step
    session->addRun(tooFast);
    session->addRun(defaultSettings(Method::Adam));
    session->setCurrentStep(200);
    const RunEntry& diverging = session->runs().front();
    QCOMPARE(diverging.run->stopReason(), StopReason::Diverged);
    const double largest = diverging.run->records().back().f;
    const QCPRange range =
        charts->axisRect(RunCharts::Chart::Value)->axis(QCPAxis::atLeft)->range();
    QVERIFY2(range.contains(largest), qPrintable(QString::number(largest)));
    // The legend stands outside both charts.
    charts->resize(700, 320);
    charts->plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QRect legend = charts->plot()->legend->outerRect();
    QVERIFY(legend.isValid());
    for (const RunCharts::Chart chart : {RunCharts::Chart::Value, RunCharts::Chart::GradientNorm}) {
        QVERIFY(!legend.intersects(charts->axisRect(chart)->outerRect()));
    }
}

void TestFirstMinute::runColoursSurviveAScenario()
{
    MainWindow window;
    Session* session = window.session();
    session->addRun(defaultSettings(Method::Adam));
    session->addRun(defaultSettings(Method::Momentum));
    session->removeRun(session->runs()[1].id);
    std::vector<QColor> colours;
    for (const RunEntry& entry : session->runs()) {
        colours.push_back(entry.color);
    }
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("race.gradlab"));
    QVERIFY(window.saveScenario(path));
    QVERIFY(window.openScenario(path));
    QCOMPARE(session->runs().size(), colours.size());
    for (std::size_t i = 0; i < colours.size(); ++i) {
        QCOMPARE(session->runs()[i].color, colours[i]);
    }
}

void TestFirstMinute::mapAndChartsTextLayout_data()
{
    QTest::addColumn<bool>("presenter");
    QTest::newRow("default size") << false;
    QTest::newRow("presenter size") << true;
}

void TestFirstMinute::mapAndChartsTextLayout()
{
    // The map with a diverged run (its note beside the legend) and the charts with two runs:
    // no text over another, none past the view's edge, at the size of a first start and in
    // presenter mode's font.
    QFETCH(bool, presenter);
    Session session;
    session.setKeepLearningRates(true);
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 10y^2")));
    session.setDomain(Domain{-3, 3, -2, 2});
    session.setStartPoint({-2.5, 1.2});
    OptimizerSettings tooFast = defaultSettings(Method::GradientDescent);
    tooFast.learningRate = 0.2;
    session.addRun(tooFast);
    session.addRun(defaultSettings(Method::Adam));
    session.setCurrentStep(60);
    ContourView map(&session);
    RunCharts charts(&session);
    if (presenter) {
        testing::presenterFont(&map);
        testing::presenterFont(&charts);
    }
    QVERIFY(testing::showAt(&map, presenter ? QSize(900, 720) : QSize(560, 430)));
    QVERIFY(!map.divergenceText().isEmpty());
    testing::checkTextLayout(&map, QStringLiteral("contour view"));
    QVERIFY(testing::showAt(&charts, presenter ? QSize(900, 420) : QSize(440, 240)));
    testing::checkTextLayout(&charts, QStringLiteral("run charts"));
}

QTEST_MAIN(TestFirstMinute)
#include "tst_firstminute.moc"
