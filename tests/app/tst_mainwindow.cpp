// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "charts/runcharts.h"
#include "charts/steptablemodel.h"
#include "common/plotfontprobe.h"
#include "contourview/contourview.h"
#include "derivativeslab/derivativeslab.h"
#include "functions/presets.h"
#include "mainwindow.h"
#include "messages/divergencebar.h"
#include "panels/expressionedit.h"
#include "panels/functionpanel.h"
#include "panels/optimizerpanel.h"
#include "panels/playbackbar.h"
#include "panels/racelist.h"
#include "partials/partialspanel.h"
#include "session.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <memory>
#include <qcustomplot.h>

using namespace gradlab;
using namespace gradlab::testing;

namespace {

/// Sends \a keys to whatever has the focus in \a window, as a user at the keyboard would.
void press(MainWindow& window, const QList<int>& keys)
{
    for (int key : keys) {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
        QTest::keyClick(target, static_cast<Qt::Key>(key));
    }
}

/// Shows the window, makes it active (window shortcuts need that) and puts the focus on the
/// views in the centre, where a lecturer's focus is after clicking the plot.
bool showActive(MainWindow& window)
{
    window.show();
    QApplication::setActiveWindow(&window);
    if (!QTest::qWaitForWindowActive(&window)) {
        return false;
    }
    window.views()->setFocus();
    return true;
}

QString gradlabProgram()
{
    return QStringLiteral(GRADLAB_BINARY_DIR "/app/gradlab");
}

// The plots of \a view: "contour", "charts", "partials", or "lab" (its page \a page).
QList<QCustomPlot*> plotsOf(MainWindow& window, const QString& view, int page)
{
    if (view == QStringLiteral("contour")) {
        return {window.contourView()->plot()};
    }
    if (view == QStringLiteral("charts")) {
        return {window.runCharts()->plot()};
    }
    if (view == QStringLiteral("partials")) {
        return window.partialsPanel()->findChildren<QCustomPlot*>();
    }
    return window.derivativesLab()->tabs()->widget(page)->findChildren<QCustomPlot*>();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void testDefaultScene();
    void testPlaybackKeys_data();
    void testPlaybackKeys();
    void testEditorKeepsKeys_data();
    void testEditorKeepsKeys();
    void testSliderKeepsArrows();
    void testPlotClickTakesKeys();
    void testRaceKeepsRunsIndependent();
    void testSettingsRoundTrip_data();
    void testSettingsRoundTrip();
    void testScenarioRoundTrip();
    void testScenarioWritesRaceReport();
    void testShippedScenariosOpen();
    void testScenarioRejects_data();
    void testScenarioRejects();
    void testStatusBar_data();
    void testStatusBar();
    void testDivergenceMessage();
    void testSendToProbe();
    void testPresenterMode();
    void testPresenterModeScalesPlots_data();
    void testPresenterModeScalesPlots();
    void testViewToggles_data();
    void testViewToggles();
    void testStepTableFollows();
    void testExportImage_data();
    void testExportImage();
    void testRender_data();
    void testRender();
    void testRenderPdf();
    void testRenderSurfaceWithoutOpenGL();
    void testRenderRejects_data();
    void testRenderRejects();

private:
    QTemporaryDir m_settingsDirectory;
    QTemporaryDir m_outputDirectory;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_settingsDirectory.isValid());
    QVERIFY(m_outputDirectory.isValid());
    applyApplicationIdentity();
    // Never touch the user's own settings.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDirectory.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDirectory.path());
    QVERIFY(QSettings().fileName().startsWith(m_settingsDirectory.path()));
}

void TestMainWindow::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

void TestMainWindow::testDefaultScene()
{
    MainWindow window;
    Session* session = window.session();
    QCOMPARE(session->preset(), &defaultPreset());
    QCOMPARE(session->runs().size(), std::size_t(1));
    const RunEntry& run = session->runs().front();
    QCOMPARE(run.settings.method, Method::GradientDescent);
    QCOMPARE(window.selectedRunId(), run.id);
    QCOMPARE(session->currentStep(), 0);
    QVERIFY(!session->isPlaying());
    // Chosen to zig-zag: along the steepest direction the steps overshoot, so successive steps
    // point against each other (their dot product is negative) early on.
    session->setCurrentStep(3);
    const auto& records = run.run->records();
    QVERIFY(records.size() >= 3);
    QVERIFY(records[0].step.dot(records[1].step) < 0);
    QVERIFY(records[1].step.dot(records[2].step) < 0);
    // And it descends: f falls over the first steps.
    QVERIFY(records[2].f < records[0].f);
}

void TestMainWindow::testPlaybackKeys_data()
{
    QTest::addColumn<QList<int>>("keys");
    QTest::addColumn<int>("step");
    QTest::addColumn<bool>("playing");
    QTest::newRow("right steps forward") << QList<int>{Qt::Key_Right} << 1 << false;
    QTest::newRow("three forward one back")
        << QList<int>{Qt::Key_Right, Qt::Key_Right, Qt::Key_Right, Qt::Key_Left} << 2 << false;
    QTest::newRow("left at the start") << QList<int>{Qt::Key_Left} << 0 << false;
    QTest::newRow("reset") << QList<int>{Qt::Key_Right, Qt::Key_Right, Qt::Key_R} << 0 << false;
    QTest::newRow("space plays") << QList<int>{Qt::Key_Space} << -1 << true;
    QTest::newRow("space twice pauses") << QList<int>{Qt::Key_Space, Qt::Key_Space} << -1 << false;
    QTest::newRow("a step pauses playback")
        << QList<int>{Qt::Key_Space, Qt::Key_Right} << -1 << false;
}

void TestMainWindow::testPlaybackKeys()
{
    QFETCH(QList<int>, keys);
    QFETCH(int, step);
    QFETCH(bool, playing);
    MainWindow window;
    QVERIFY(showActive(window));
    press(window, keys);
    if (step >= 0) {
        QCOMPARE(window.session()->currentStep(), step);
        QCOMPARE(window.playbackBar()->timeline()->value(), step);
    }
    QCOMPARE(window.session()->isPlaying(), playing);
    window.session()->pause();
}

void TestMainWindow::testEditorKeepsKeys_data()
{
    QTest::addColumn<QList<int>>("keys");
    QTest::addColumn<QString>("typed");
    QTest::newRow("space") << QList<int>{Qt::Key_Space} << " ";
    QTest::newRow("letter r") << QList<int>{Qt::Key_R} << "r";
    QTest::newRow("arrows move the cursor")
        << QList<int>{Qt::Key_Left, Qt::Key_Left, Qt::Key_Right} << "";
}

void TestMainWindow::testEditorKeepsKeys()
{
    QFETCH(QList<int>, keys);
    QFETCH(QString, typed);
    MainWindow window;
    QVERIFY(showActive(window));
    ExpressionEdit* edit = window.functionPanel()->expressionEdit();
    edit->setFocus();
    edit->end(false);
    const QString before = edit->text();
    press(window, keys);
    QCOMPARE(edit->text(), before + typed);
    QCOMPARE(window.session()->currentStep(), 0);
    QVERIFY(!window.session()->isPlaying());
    if (typed.isEmpty()) {
        QCOMPARE(edit->cursorPosition(), before.size() - 1);
    }
}

void TestMainWindow::testSliderKeepsArrows()
{
    MainWindow window;
    QVERIFY(showActive(window));
    QSlider* speed = window.playbackBar()->speedSlider();
    speed->setValue(3);
    speed->setFocus();
    press(window, {Qt::Key_Right, Qt::Key_Right});
    QCOMPARE(speed->value(), 5);
    QCOMPARE(window.session()->currentStep(), 0);
    // Back on the plot, the same key steps again.
    window.views()->setFocus();
    press(window, {Qt::Key_Right});
    QCOMPARE(window.session()->currentStep(), 1);
}

void TestMainWindow::testPlotClickTakesKeys()
{
    MainWindow window;
    QVERIFY(showActive(window));
    ExpressionEdit* edit = window.functionPanel()->expressionEdit();
    edit->setFocus();
    QVERIFY(edit->hasFocus());
    QCustomPlot* plot = window.contourView()->plot();
    QTest::mouseClick(plot, Qt::LeftButton, {}, plot->rect().center());
    QVERIFY(!edit->hasFocus());
    const QString text = edit->text();
    press(window, {Qt::Key_Right, Qt::Key_Right, Qt::Key_Space});
    QCOMPARE(window.session()->currentStep(), 2);
    QVERIFY(window.session()->isPlaying());
    window.session()->pause();
    QCOMPARE(edit->text(), text);
}

void TestMainWindow::testRaceKeepsRunsIndependent()
{
    MainWindow window;
    QVERIFY(showActive(window));
    Session* session = window.session();
    const int first = session->runs().front().id;
    QComboBox* methods = window.optimizerPanel()->methodBox();
    const int momentumRow = methods->findData(QStringLiteral("momentum"));
    QVERIFY(momentumRow >= 0);
    methods->setCurrentIndex(momentumRow);
    Q_EMIT methods->activated(momentumRow);
    QTest::mouseClick(window.optimizerPanel()->addButton(), Qt::LeftButton);
    QCOMPARE(session->runs().size(), std::size_t(2));
    const int second = session->runs().back().id;
    QCOMPARE(window.selectedRunId(), second);

    window.views()->setFocus();
    press(window, QList<int>(8, Qt::Key_Right));
    QCOMPARE(session->currentStep(), 8);
    const std::vector<StepRecord> firstPath = session->runById(first)->run->records();
    const auto& secondPath = session->runById(second)->run->records();
    QVERIFY(firstPath.size() > 8 && secondPath.size() > 8);
    QVERIFY(firstPath[8].point != secondPath[8].point);

    // Giving the second run other settings, or removing it, leaves the first run's path alone.
    OptimizerSettings changed = session->runById(second)->settings;
    changed.learningRate *= 0.5;
    session->setRunSettings(second, changed);
    session->removeRun(second);
    const auto& after = session->runById(first)->run->records();
    for (std::size_t k = 0; k < firstPath.size(); ++k) {
        QVERIFY(after[k].point == firstPath[k].point);
    }
    QCOMPARE(window.selectedRunId(), first);
}

void TestMainWindow::testSettingsRoundTrip_data()
{
    QTest::addColumn<bool>("byClosing");
    QTest::newRow("saveSettings") << false;
    QTest::newRow("closing the window") << true;
}

void TestMainWindow::testSettingsRoundTrip()
{
    QFETCH(bool, byClosing);
    OptimizerSettings gd = defaultSettings(Method::GradientDescent);
    gd.learningRate = 0.0375;
    gd.maxSteps = 120;
    OptimizerSettings adam = defaultSettings(Method::Adam);
    adam.learningRate = 0.15;
    adam.beta2 = 0.995;
    adam.amsgrad = true;
    const ParameterData parameter{QStringLiteral("a"), 3.25, -1.0, 4.0};
    const Domain domain{-4.0, 4.5, -3.0, 2.5};
    const Domain viewport{-1.0, 2.0, -0.5, 1.5};
    {
        MainWindow window;
        Session* session = window.session();
        QVERIFY(session->setExpressionText(QStringLiteral("a*x^2 + 2*y^2")));
        session->setParameter(parameter);
        session->setDomain(domain);
        session->setViewport(viewport); // the map panned and zoomed: saved beside the domain
        session->setStartPoint(Eigen::Vector2d(1.5, -2.0));
        session->clearRuns();
        session->addRun(gd);
        const int adamId = session->addRun(adam);
        session->setRunVisible(adamId, false);
        window.setSelectedRunId(adamId);
        session->setSpeed(16);
        if (byClosing) {
            window.show();
            QVERIFY(window.close());
        } else {
            window.saveSettings();
        }
    }
    MainWindow restored;
    Session* session = restored.session();
    QCOMPARE(session->expressionText(), QStringLiteral("a*x^2 + 2*y^2"));
    QCOMPARE(session->parameters().size(), std::size_t(1));
    QVERIFY(session->parameters().front() == parameter);
    QVERIFY(session->domain() == domain);
    QVERIFY(session->viewport() == viewport);
    QVERIFY(session->startPoint() == Eigen::Vector2d(1.5, -2.0));
    QCOMPARE(session->runs().size(), std::size_t(2));
    QVERIFY(session->runs()[0].settings == gd);
    QVERIFY(session->runs()[0].visible);
    QVERIFY(session->runs()[1].settings == adam);
    QVERIFY(!session->runs()[1].visible);
    QCOMPARE(restored.selectedRunId(), session->runs()[1].id);
    QVERIFY(restored.optimizerPanel()->settings() == adam);
    QCOMPARE(session->speed(), 16.0);
    // f(1, 0) = a: the restored parameter is the one the function uses.
    QCOMPARE(session->evaluate(Eigen::Vector2d(1.0, 0.0)).f, 3.25);
}

void TestMainWindow::testScenarioRoundTrip()
{
    const QString path = m_outputDirectory.filePath(QStringLiteral("race.gradlab"));
    OptimizerSettings nesterov = defaultSettings(Method::Nesterov);
    nesterov.learningRate = 0.0125;
    nesterov.momentum = 0.8;
    OptimizerSettings rmsprop = defaultSettings(Method::RMSProp);
    rmsprop.centered = true;
    rmsprop.alpha = 0.9;
    const ParameterData parameter{QStringLiteral("k"), -0.5, -2.0, 2.0};
    {
        MainWindow window;
        Session* session = window.session();
        QVERIFY(session->setExpressionText(QStringLiteral("x^2 + 5*y^2 + k*x*y")));
        session->setParameter(parameter);
        session->setStartPoint(Eigen::Vector2d(-2.0, 1.0));
        session->clearRuns();
        session->addRun(nesterov);
        session->addRun(rmsprop);
        session->setCurrentStep(7);
        QVERIFY(window.saveScenario(path));
    }
    MainWindow other;
    QString error;
    QVERIFY2(other.openScenario(path, &error), qPrintable(error));
    Session* session = other.session();
    QCOMPARE(session->expressionText(), QStringLiteral("x^2 + 5*y^2 + k*x*y"));
    QVERIFY(session->parameters().front() == parameter);
    QVERIFY(session->startPoint() == Eigen::Vector2d(-2.0, 1.0));
    QCOMPARE(session->runs().size(), std::size_t(2));
    QVERIFY(session->runs()[0].settings == nesterov);
    QVERIFY(session->runs()[1].settings == rmsprop);
    QCOMPARE(session->currentStep(), 7);
}

void TestMainWindow::testScenarioWritesRaceReport()
{
    const QString path = m_outputDirectory.filePath(QStringLiteral("fair.gradlab"));
    const QString report = raceReportPath(path);
    QCOMPARE(report, m_outputDirectory.filePath(QStringLiteral("fair.race.csv")));
    QByteArray stepAligned;
    {
        MainWindow window;
        Session* session = window.session();
        QVERIFY(session->setExpressionText(QStringLiteral("(1-x)^2 + 10(y-x^2)^2")));
        session->setStartPoint(Eigen::Vector2d(-1.2, 1.0));
        session->clearRuns();
        session->addRun(defaultSettings(Method::Adam));
        session->addRun(defaultSettings(Method::LBFGS));
        session->addRun(defaultSettings(Method::NelderMead));
        session->setCurrentStep(5);
        QVERIFY(window.saveScenario(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        stepAligned = file.readAll();
        // A step-aligned race writes no alignment key: its file is what it was before fair races.
        QVERIFY(!stepAligned.contains("alignment"));
        session->setRaceAlignment(RaceAlignment::Evaluations);
        QVERIFY(window.saveScenario(path));
    }
    QFile csv(report);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QVERIFY(lines.front().startsWith("run,method,lr,schedule,stop,steps,f,grad_norm,"));
    QCOMPARE(lines.size(), 5); // header, three runs, and the final newline
    QVERIFY(lines[1].startsWith("1,adam,"));
    QVERIFY(lines[2].startsWith("2,lbfgs,"));
    QVERIFY(lines[3].startsWith("3,neldermead,"));

    MainWindow other;
    QString error;
    QVERIFY2(other.openScenario(path, &error), qPrintable(error));
    QCOMPARE(other.session()->raceAlignment(), RaceAlignment::Evaluations);
    QVERIFY(other.action(MainWindow::Action::FairRace)->isChecked());

    // A scenario that cannot be written says why and leaves the old file as it was.
    QFile blocker(m_outputDirectory.filePath(QStringLiteral("plain")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString why;
    QVERIFY(
        !other.saveScenario(m_outputDirectory.filePath(QStringLiteral("plain/x.gradlab")), &why));
    QVERIFY2(why.contains(QStringLiteral("plain/x.gradlab")), qPrintable(why));
}

void TestMainWindow::testShippedScenariosOpen()
{
    // The scenarios of README's screenshots open as they were taken.
    const QDir directory(QStringLiteral(GRADLAB_SOURCE_DIR "/docs/scenarios"));
    const QStringList names = directory.entryList({QStringLiteral("*.gradlab")}, QDir::Files);
    QVERIFY(names.size() >= 3);
    for (const QString& name : names) {
        MainWindow window;
        QString error;
        QVERIFY2(window.openScenario(directory.filePath(name), &error), qPrintable(error));
        QVERIFY2(!window.session()->runs().empty(), qPrintable(name));
        QVERIFY2(window.session()->currentStep() > 0, qPrintable(name));
    }
}

void TestMainWindow::testScenarioRejects_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("says");
    QTest::newRow("not JSON") << QByteArray("x^2 + y^2") << "not a scenario";
    QTest::newRow("no function") << QByteArray("{}") << "not a Gradient Lab scenario";
    QTest::newRow("function that does not parse")
        << QByteArray(R"({"function": {"text": "x +* y"}})") << "not a Gradient Lab scenario";
}

void TestMainWindow::testScenarioRejects()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, says);
    const QString path = m_outputDirectory.filePath(QStringLiteral("broken.gradlab"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    MainWindow window;
    const QString text = window.session()->expressionText();
    const std::size_t runs = window.session()->runs().size();
    QString error;
    QVERIFY(!window.openScenario(path, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
    QCOMPARE(window.session()->expressionText(), text);
    QCOMPARE(window.session()->runs().size(), runs);
}

void TestMainWindow::testStatusBar_data()
{
    QTest::addColumn<int>("steps");
    QTest::newRow("at the start") << 0;
    QTest::newRow("after five steps") << 5;
}

void TestMainWindow::testStatusBar()
{
    QFETCH(int, steps);
    MainWindow window;
    Session* session = window.session();
    session->setCurrentStep(steps);
    const StepRecord& record = session->runs().front().recordAt(steps);
    const QString status = window.statusText();
    QVERIFY2(status.contains(QStringLiteral("step %1").arg(steps)), qPrintable(status));
    QVERIFY2(status.contains(QString::number(record.f, 'g', 6)), qPrintable(status));
    QVERIFY2(status.contains(QString::number(record.gradient.norm(), 'g', 6)), qPrintable(status));
}

void TestMainWindow::testDivergenceMessage()
{
    MainWindow window;
    Session* session = window.session();
    QVERIFY(session->setExpressionText(QStringLiteral("x^2 + y^2")));
    session->setStartPoint(Eigen::Vector2d(1.0, 1.0));
    session->clearRuns();
    OptimizerSettings tooFast = defaultSettings(Method::GradientDescent);
    // On f = x² + y² each step multiplies x by 1 − 2η = −9: it can only grow.
    tooFast.learningRate = 5.0;
    tooFast.maxSteps = 2000;
    session->addRun(tooFast);
    QSignalSpy diverged(session, &Session::runDiverged);
    session->setCurrentStep(tooFast.maxSteps);
    QCOMPARE(diverged.count(), 1);
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("diverged")), qPrintable(message));
    // The whole explanation, the bound lr < 2/λmax with its numbers, is read above the map
    // (the status bar cut it off): λmax = 2 for x² + y², so 2/λmax = 1.
    const QString explanation = diverged.at(0).at(1).toString();
    QVERIFY(!window.divergenceBar()->isHidden());
    const QString bar = window.divergenceBar()->text();
    QVERIFY2(bar.contains(explanation), qPrintable(bar));
    QVERIFY2(bar.contains(QStringLiteral("lr 5")), qPrintable(bar));
    QVERIFY2(explanation.contains(QStringLiteral("λmax = 2")), qPrintable(explanation));
    // The bar is above the map and as wide as the centre: no line of it is cut off.
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QLabel* label = window.divergenceBar()->findChild<QLabel*>();
    QVERIFY(label->wordWrap());
    QVERIFY(label->height() >= label->heightForWidth(label->width()));
    QVERIFY(window.divergenceBar()->geometry().bottom() <=
            window.views()->mapTo(window.centralWidget(), QPoint(0, 0)).y());
    // Back before the divergence, it goes away; closed, it stays closed for that divergence.
    session->setCurrentStep(0);
    QVERIFY(window.divergenceBar()->isHidden());
    session->setCurrentStep(tooFast.maxSteps);
    QVERIFY(!window.divergenceBar()->isHidden());
    window.divergenceBar()->findChild<QToolButton*>()->click();
    session->setCurrentStep(tooFast.maxSteps - 1);
    session->setCurrentStep(tooFast.maxSteps);
    QVERIFY(window.divergenceBar()->isHidden());
}

void TestMainWindow::testSendToProbe()
{
    MainWindow window;
    QVERIFY(showActive(window));
    press(window, {Qt::Key_Right, Qt::Key_Right, Qt::Key_Right, Qt::Key_Right, Qt::Key_P});
    const RunEntry& run = window.session()->runs().front();
    QVERIFY(window.session()->probe() == run.recordAt(4).point);
    QVERIFY(window.session()->probe() != run.recordAt(0).point);
}

void TestMainWindow::testPresenterMode()
{
    MainWindow window;
    QVERIFY(showActive(window));
    const auto docks = window.findChildren<QDockWidget*>();
    QVERIFY(docks.size() >= 2);
    const qreal fontSize = window.font().pointSizeF();
    press(window, {Qt::Key_F11});
    QVERIFY(window.isPresenterMode());
    QVERIFY(window.font().pointSizeF() > fontSize);
    QVERIFY(window.functionPanel()->isVisible());
    QVERIFY(!window.optimizerPanel()->isVisible());
    QVERIFY(window.playbackBar()->isVisible());
    // Playback keys keep working in front of the class.
    press(window, {Qt::Key_Right});
    QCOMPARE(window.session()->currentStep(), 1);
    press(window, {Qt::Key_F11});
    QVERIFY(!window.isPresenterMode());
    QCOMPARE(window.font().pointSizeF(), fontSize);
    QVERIFY(window.optimizerPanel()->isVisible());
}

void TestMainWindow::testPresenterModeScalesPlots_data()
{
    QTest::addColumn<QString>("view");
    QTest::addColumn<int>("page");
    QTest::addColumn<bool>("pageFonts");
    QTest::newRow("contour view") << QStringLiteral("contour") << -1 << false;
    QTest::newRow("run charts") << QStringLiteral("charts") << -1 << false;
    QTest::newRow("partials slices") << QStringLiteral("partials") << -1 << false;
    // A lab page may set fonts of its own on its plot: those stay as the page set them.
    QTest::newRow("lab: slope") << QStringLiteral("lab") << int(DerivativesLab::Page::Slope)
                                << true;
    QTest::newRow("lab: tangent") << QStringLiteral("lab") << int(DerivativesLab::Page::Tangent)
                                  << true;
    QTest::newRow("lab: secant") << QStringLiteral("lab") << int(DerivativesLab::Page::Secant)
                                 << true;
    QTest::newRow("lab: exponential")
        << QStringLiteral("lab") << int(DerivativesLab::Page::Exponential) << true;
    QTest::newRow("lab: sigmoid") << QStringLiteral("lab") << int(DerivativesLab::Page::Sigmoid)
                                  << true;
    QTest::newRow("lab: any f(x)")
        << QStringLiteral("lab") << int(DerivativesLab::Page::AnyFunction) << true;
}

void TestMainWindow::testPresenterModeScalesPlots()
{
    QFETCH(QString, view);
    QFETCH(int, page);
    QFETCH(bool, pageFonts);
    MainWindow window;
    QVERIFY(showActive(window));
    const QList<QCustomPlot*> plots = plotsOf(window, view, page);
    QVERIFY(!plots.isEmpty());
    QList<QList<PlotFont>> before;
    for (QCustomPlot* plot : plots) {
        before << fontsOf(plot);
    }
    const qreal normalSize = window.font().pointSizeF();

    press(window, {Qt::Key_F11});
    QVERIFY(window.isPresenterMode());
    const qreal factor = window.font().pointSizeF() / normalSize;
    QVERIFY(factor > 1.2);
    for (qsizetype i = 0; i < plots.size(); ++i) {
        const QList<PlotFont> after = fontsOf(plots[i]);
        QCOMPARE(after.size(), before[i].size());
        for (qsizetype j = 0; j < after.size(); ++j) {
            const PlotFont& was = before[i][j];
            const QFont& is = after[j].font;
            const bool scaled = qFuzzyCompare(is.pointSizeF(), was.font.pointSizeF() * factor);
            // Axes are the plot's own: they always follow.
            const bool axis = was.where.startsWith(QStringLiteral("tick labels of axis")) ||
                              was.where.startsWith(QStringLiteral("label of axis"));
            const bool pageOwn = pageFonts && !axis && is == was.font;
            QVERIFY2(scaled || pageOwn, qPrintable(QStringLiteral("%1: %2 pt, was %3 pt")
                                                       .arg(was.where)
                                                       .arg(is.pointSizeF())
                                                       .arg(was.font.pointSizeF())));
        }
    }

    press(window, {Qt::Key_F11});
    QVERIFY(!window.isPresenterMode());
    for (qsizetype i = 0; i < plots.size(); ++i) {
        compareSame(before[i], fontsOf(plots[i]));
    }
}

void TestMainWindow::testViewToggles_data()
{
    QTest::addColumn<int>("key");
    QTest::newRow("gradient field") << int(Qt::Key_G);
    QTest::newRow("3-D surface beside") << int(Qt::Key_3);
}

void TestMainWindow::testViewToggles()
{
    QFETCH(int, key);
    MainWindow window;
    QVERIFY(showActive(window));
    const auto state = [&window, key] {
        return key == Qt::Key_G ? window.contourView()->showsGradientField()
                                : window.isSurfaceShown();
    };
    const bool before = state();
    press(window, {key});
    QCOMPARE(state(), !before);
    if (key == Qt::Key_3) {
        QCOMPARE(window.views()->tabText(0),
                 state() ? QStringLiteral("Linked 2-D / 3-D") : QStringLiteral("Contour"));
    }
    press(window, {key});
    QCOMPARE(state(), before);
}

void TestMainWindow::testStepTableFollows()
{
    MainWindow window;
    Session* session = window.session();
    const int first = session->runs().front().id;
    QCOMPARE(window.stepTableModel()->runId(), first);
    const int second = session->addRun(defaultSettings(Method::Adam));
    window.setSelectedRunId(second);
    QCOMPARE(window.stepTableModel()->runId(), second);
    session->setCurrentStep(6);
    QCOMPARE(window.stepTableModel()->currentRow(), 6);
    const QModelIndex f =
        window.stepTableModel()->index(6, static_cast<int>(StepTableModel::Column::Value));
    QCOMPARE(f.data(Qt::EditRole).toDouble(), session->runById(second)->recordAt(6).f);
}

void TestMainWindow::testExportImage_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("png") << "view.png";
    QTest::newRow("pdf") << "view.pdf";
}

void TestMainWindow::testExportImage()
{
    QFETCH(QString, name);
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = m_outputDirectory.filePath(name);
    QVERIFY(window.exportImage(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray head = file.read(8);
    if (name.endsWith(QLatin1String(".pdf"))) {
        QVERIFY(head.startsWith("%PDF"));
    } else {
        const QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 100 && image.height() > 100);
    }
}

void TestMainWindow::testRender_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QSize>("size");
    QTest::newRow("contour, default size") << QStringList{} << QSize(1200, 800);
    QTest::newRow("contour, small") << QStringList{"--view", "contour"} << QSize(480, 360);
    QTest::newRow("partials") << QStringList{"--view", "partials"} << QSize(700, 900);
    QTest::newRow("window, default preset") << QStringList{"--view", "window"} << QSize(1280, 800);
    QTest::newRow("window, a race, typed function")
        << QStringList{"--view",  "window", "--optimizer", "gd",   "--optimizer", "adam",
                       "--steps", "25",     "--lr",        "0.05", "--from",      "1.5,-1"}
        << QSize(1400, 900);
}

void TestMainWindow::testRender()
{
    QFETCH(QStringList, options);
    QFETCH(QSize, size);
    const QString out = m_outputDirectory.filePath(
        QStringLiteral("render-%1x%2.png").arg(size.width()).arg(size.height()));
    QFile::remove(out);
    const QString function =
        options.contains(QStringLiteral("--from"))
            ? QStringLiteral("x^2 + 4*y^2")
            : QStringLiteral("preset:") + QString::fromStdString(defaultPreset().name);
    QStringList sizeOption;
    if (!options.isEmpty()) {
        sizeOption =
            QStringList{"--size", QStringLiteral("%1x%2").arg(size.width()).arg(size.height())};
    }
    QProcess process;
    process.start(gradlabProgram(), QStringList{"render", function} + options + sizeOption +
                                        QStringList{"--out", out});
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QImage image(out);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size);
    // Not a blank page: many distinct colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            colours.insert(image.pixel(x, y));
        }
    }
    QVERIFY(colours.size() > 20);
}

void TestMainWindow::testRenderPdf()
{
    const QString out = m_outputDirectory.filePath(QStringLiteral("contour.pdf"));
    QFile::remove(out);
    QProcess process;
    process.start(gradlabProgram(), QStringList{"render", "sin(x)*cos(y)", "--optimizer",
                                                "momentum", "--steps", "30", "--out", out});
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5).startsWith("%PDF"));
    QVERIFY(file.size() > 1000);
}

void TestMainWindow::testRenderSurfaceWithoutOpenGL()
{
    if (qEnvironmentVariable("QT_QPA_PLATFORM") != QLatin1String("offscreen")) {
        QSKIP("needs the offscreen platform, which has no OpenGL");
    }
    const QString out = m_outputDirectory.filePath(QStringLiteral("surface.png"));
    QFile::remove(out);
    QProcess process;
    process.start(gradlabProgram(),
                  QStringList{"render", "x^2 + y^2", "--view", "surface", "--out", out});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("OpenGL")));
    QVERIFY(!QFile::exists(out));
}

void TestMainWindow::testRenderRejects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown preset") << QStringList{"preset:no-such-thing"} << "unknown preset";
    QTest::newRow("bad expression") << QStringList{"x +* y"} << "at 3";
    QTest::newRow("unknown function") << QStringList{"sni(x) + y"} << "did you mean 'sin'";
    QTest::newRow("bad size") << QStringList{"x^2", "--size", "12x"} << "--size";
    QTest::newRow("unknown view") << QStringList{"x^2", "--view", "hologram"} << "unknown view";
    QTest::newRow("unknown optimizer")
        << QStringList{"x^2", "--optimizer", "sgdx"} << "unknown optimizer";
    QTest::newRow("negative rate") << QStringList{"x^2", "--lr", "-1"} << "--lr";
    QTest::newRow("bad start") << QStringList{"x^2", "--from", "1"} << "--from";
}

void TestMainWindow::testRenderRejects()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, says);
    const QString out = m_outputDirectory.filePath(QStringLiteral("rejected.png"));
    QFile::remove(out);
    QProcess process;
    process.start(gradlabProgram(), QStringList{"render"} + arguments + QStringList{"--out", out});
    QVERIFY(process.waitForFinished(60000));
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(error.contains(says), qPrintable(error));
    QVERIFY(!QFile::exists(out));

    // Without --out nothing is drawn either.
    process.start(gradlabProgram(), QStringList{"render", "x^2"});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 2);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
