// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The 3-D view's camera presets: the View menu's actions, their keys (T, F, I) and the view's
// own buttons move the camera. Needs OpenGL: runs under xvfb-run with Mesa.
#include "mainwindow.h"
#include "surface/surfaceview.h"

#include <QApplication>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace gradlab;

class TestCameraPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void actionsAndKeys_data();
    void actionsAndKeys();
    void buttons_data();
    void buttons();
    void inTheViewMenu();

private:
    QTemporaryDir m_home;
};

Q_DECLARE_METATYPE(SurfaceView::CameraPreset)

void TestCameraPresets::initTestCase()
{
    QVERIFY(m_home.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
    if (!SurfaceView::isOpenGLAvailable()) {
        QFAIL("no OpenGL context: run this test under xvfb-run with Mesa");
    }
}

void TestCameraPresets::actionsAndKeys_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<SurfaceView::CameraPreset>("preset");
    QTest::addRow("T: top") << int(Qt::Key_T) << SurfaceView::CameraPreset::Top;
    QTest::addRow("F: front") << int(Qt::Key_F) << SurfaceView::CameraPreset::Front;
    QTest::addRow("I: iso") << int(Qt::Key_I) << SurfaceView::CameraPreset::Iso;
}

void TestCameraPresets::actionsAndKeys()
{
    QFETCH(int, key);
    QFETCH(SurfaceView::CameraPreset, preset);
    MainWindow window(MainWindow::Startup::Blank);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.action(MainWindow::Action::ToggleSurface)->setChecked(true);
    SurfaceView* view = window.surfaceView();
    QVERIFY(view->isAvailable());
    // Away from the preset first (top, or front when top is the one under test).
    view->setCameraPreset(preset == SurfaceView::CameraPreset::Top
                              ? SurfaceView::CameraPreset::Front
                              : SurfaceView::CameraPreset::Top);
    QVERIFY(view->cameraPreset() != preset);
    // The action of that key (inTheViewMenu checks the keys are the actions' shortcuts; a key
    // event needs an active window, which Xvfb without a window manager does not promise).
    QAction* triggered = nullptr;
    for (QAction* candidate : window.findChildren<QAction*>()) {
        if (candidate->shortcut() == QKeySequence(key)) {
            triggered = candidate;
        }
    }
    QVERIFY(triggered != nullptr);
    triggered->trigger();
    QCOMPARE(view->cameraPreset(), std::optional(preset));
}

void TestCameraPresets::buttons_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<SurfaceView::CameraPreset>("preset");
    QTest::addRow("Top") << QStringLiteral("camera-top") << SurfaceView::CameraPreset::Top;
    QTest::addRow("Front") << QStringLiteral("camera-front") << SurfaceView::CameraPreset::Front;
    QTest::addRow("Iso") << QStringLiteral("camera-iso") << SurfaceView::CameraPreset::Iso;
}

void TestCameraPresets::buttons()
{
    QFETCH(QString, button);
    QFETCH(SurfaceView::CameraPreset, preset);
    MainWindow window(MainWindow::Startup::Blank);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.action(MainWindow::Action::ToggleSurface)->setChecked(true);
    SurfaceView* view = window.surfaceView();
    QCOMPARE(view->cameraButtons().size(), 3);
    QToolButton* target = view->findChild<QToolButton*>(button);
    QVERIFY(target != nullptr);
    QVERIFY(target->isVisible());
    view->setCameraPreset(preset == SurfaceView::CameraPreset::Iso
                              ? SurfaceView::CameraPreset::Top
                              : SurfaceView::CameraPreset::Iso);
    QTest::mouseClick(target, Qt::LeftButton);
    QCOMPARE(view->cameraPreset(), std::optional(preset));
}

void TestCameraPresets::inTheViewMenu()
{
    MainWindow window(MainWindow::Startup::Blank);
    QMenu* viewMenu = nullptr;
    for (QAction* menu : window.menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&View")) {
            viewMenu = menu->menu();
        }
    }
    QVERIFY(viewMenu != nullptr);
    for (MainWindow::Action id : {MainWindow::Action::CameraTop, MainWindow::Action::CameraFront,
                                  MainWindow::Action::CameraIso}) {
        QVERIFY(viewMenu->actions().contains(window.action(id)));
        QVERIFY(window.action(id)->isEnabled());
    }
    QCOMPARE(window.action(MainWindow::Action::CameraTop)->shortcut(), QKeySequence(Qt::Key_T));
    QCOMPARE(window.action(MainWindow::Action::CameraFront)->shortcut(), QKeySequence(Qt::Key_F));
    QCOMPARE(window.action(MainWindow::Action::CameraIso)->shortcut(), QKeySequence(Qt::Key_I));
}

QTEST_MAIN(TestCameraPresets)
#include "tst_camerapresets.moc"
