// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "animationfiles.h"
#include "export/animationdialog.h"
#include "export/svgexport.h"
#include "functions/presets.h"
#include "mainwindow.h"
#include "session.h"

#include <QAction>
#include <QDir>
#include <QMenuBar>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

using namespace gradlab;
using namespace gradlab::testing;

namespace {

/// A blank window with the elongated bowl and one run of \a steps steps, shown at step 3.
std::unique_ptr<MainWindow> raceWindow(int steps)
{
    auto window = std::make_unique<MainWindow>(MainWindow::Startup::Blank);
    window->resize(1200, 800);
    Session* session = window->session();
    session->loadPreset(*findPreset("elongated"));
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.maxSteps = steps;
    session->addRun(settings);
    session->setCurrentStep(3);
    return window;
}

AnimationRequest smallRequest(const QString& path)
{
    AnimationRequest request;
    request.path = path;
    request.frames.size = kFramePresets[0];
    request.firstStep = 0;
    request.lastStep = 9;
    return request;
}

} // namespace

class TestAnimationDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testMenuAction();
    void testRequestRoundTrip();
    void testExport_data();
    void testExport();
    void testCancel_data();
    void testCancel();
    void testWindowSvg();
};

void TestAnimationDialog::testMenuAction()
{
    const auto window = raceWindow(10);
    QMenu* file = window->menuBar()->findChildren<QMenu*>().value(0);
    QVERIFY(file);
    const QList<QAction*> actions = file->actions();
    const qsizetype image = actions.indexOf(window->action(MainWindow::Action::ExportImage));
    QVERIFY(image >= 0 && image + 1 < actions.size());
    // Right after Export image…
    QCOMPARE(actions[image + 1]->objectName(), QStringLiteral("exportAnimation"));
    QVERIFY(actions[image + 1]->text().contains(QStringLiteral("animation")));
    QCOMPARE(actions[image + 1]->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
}

void TestAnimationDialog::testRequestRoundTrip()
{
    const auto window = raceWindow(20);
    AnimationDialog dialog(window->session(), window->contourView());
    // By default: every step of the race, 960×540 at 15 frames per second.
    const AnimationRequest defaults = dialog.request();
    QCOMPARE(defaults.frames.size, kDefaultFrameSize);
    QCOMPARE(defaults.fps, 15);
    QCOMPARE(defaults.firstStep, 0);
    QCOMPARE(defaults.lastStep, 20);
    QVERIFY(defaults.path.endsWith(QStringLiteral(".gif")));

    AnimationRequest wanted = smallRequest(QDir::temp().filePath(QStringLiteral("race.webp")));
    wanted.lossless = false;
    wanted.fps = 24;
    wanted.frames.overlay = true;
    wanted.frames.charts = true;
    dialog.setRequest(wanted);
    const AnimationRequest read = dialog.request();
    QCOMPARE(read.path, wanted.path);
    QCOMPARE(read.lossless, false);
    QCOMPARE(read.fps, 24);
    QCOMPARE(read.frames.size, wanted.frames.size);
    QCOMPARE(read.frames.overlay, true);
    QCOMPARE(read.frames.charts, true);
    QCOMPARE(read.firstStep, 0);
    QCOMPARE(read.lastStep, 9);
}

void TestAnimationDialog::testExport_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("gif") << "race.gif";
    QTest::newRow("webp") << "race.webp";
}

void TestAnimationDialog::testExport()
{
    QFETCH(QString, file);
    const auto window = raceWindow(20);
    QTemporaryDir dir;
    AnimationDialog dialog(window->session(), window->contourView());
    dialog.setRequest(smallRequest(dir.filePath(file)));

    // The event loop turns between frames: a zero timer keeps firing while frames are drawn.
    int turns = 0;
    QTimer ticker;
    ticker.setInterval(0);
    connect(&ticker, &QTimer::timeout, this, [&turns] { ++turns; });
    ticker.start();
    QSignalSpy finished(&dialog, &AnimationDialog::exportFinished);
    QSignalSpy steps(dialog.progressBar(), &QProgressBar::valueChanged);
    dialog.startExport();
    QVERIFY(dialog.isExporting());
    QVERIFY(finished.wait(120000));
    ticker.stop();
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(dialog.statusText().startsWith(QStringLiteral("Saved")),
             qPrintable(dialog.statusText()));
    QVERIFY(!dialog.isExporting());
    QVERIFY2(turns >= 10, qPrintable(QString::number(turns)));
    QVERIFY(steps.count() >= 10); // one step of the bar per frame
    // The window's own scene did not move.
    QCOMPARE(window->session()->currentStep(), 3);

    const QByteArray bytes = readAll(dir.filePath(file));
    const int frames = file.endsWith(QStringLiteral(".gif"))
                           ? int(parseGif(bytes).frames.size())
                           : int(parseWebP(bytes).durations.size());
    QCOMPARE(frames, 10);
}

void TestAnimationDialog::testCancel_data()
{
    QTest::addColumn<bool>("byClose");
    QTest::newRow("Cancel") << false;
    QTest::newRow("closing the dialog") << true;
}

void TestAnimationDialog::testCancel()
{
    QFETCH(bool, byClose);
    const auto window = raceWindow(200);
    QTemporaryDir dir;
    AnimationDialog dialog(window->session(), window->contourView());
    AnimationRequest request = smallRequest(dir.filePath(QStringLiteral("race.gif")));
    request.lastStep = 200;
    dialog.setRequest(request);
    QSignalSpy finished(&dialog, &AnimationDialog::exportFinished);
    dialog.startExport();
    // A few frames in, the user gives up.
    QTRY_VERIFY_WITH_TIMEOUT(dialog.progressBar()->value() >= 3, 60000);
    if (byClose) {
        dialog.reject();
    } else {
        dialog.cancelExport();
    }
    QVERIFY(finished.count() == 1 || finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(dialog.statusText().startsWith(QStringLiteral("Cancelled")),
             qPrintable(dialog.statusText()));
    QVERIFY2(QDir(dir.path()).isEmpty(QDir::Files | QDir::Hidden),
             qPrintable(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).join(' ')));
}

void TestAnimationDialog::testWindowSvg()
{
    // File → Export image… as SVG writes the current view with writeWidgetSvg.
    const auto window = raceWindow(10);
    window->setAttribute(Qt::WA_DontShowOnScreen);
    window->show();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("view.svg"));
    QVERIFY(writeWidgetSvg(*window->views()->currentWidget(), path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int texts = 0, paths = 0, images = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            texts += xml.name() == QLatin1String("text") ? 1 : 0;
            paths += xml.name() == QLatin1String("path") ? 1 : 0;
            images += xml.name() == QLatin1String("image") ? 1 : 0;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(texts >= 10);
    QVERIFY(paths >= 1);
    QVERIFY(images >= 1); // the heat map
}

QTEST_MAIN(TestAnimationDialog)
#include "tst_animationdialog.moc"
