// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// What the window keeps: its geometry and docks across a close and a reopen, and a parameter's
// range edited in the function panel.
#include "mainwindow.h"
#include "panels/functionpanel.h"
#include "session.h"

#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

using namespace gradlab;

namespace {

QDockWidget* dockNamed(const MainWindow& window, const QString& name)
{
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        if (dock->objectName() == name) {
            return dock;
        }
    }
    return nullptr;
}

// The panel's "from" or "to" box of parameter \a name (found by its tool tip).
QDoubleSpinBox* rangeBox(const FunctionPanel& panel, const QString& name, bool minimum)
{
    const QString tip = minimum ? QStringLiteral("Left end of %1's slider").arg(name)
                                : QStringLiteral("Right end of %1's slider").arg(name);
    for (QDoubleSpinBox* box : panel.findChildren<QDoubleSpinBox*>()) {
        if (box->toolTip() == tip) {
            return box;
        }
    }
    return nullptr;
}

ParameterData parameterNamed(const Session& session, const QString& name)
{
    for (const ParameterData& parameter : session.parameters()) {
        if (parameter.name == name) {
            return parameter;
        }
    }
    return {};
}

} // namespace

class TestWindowState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void geometryAndDocksRestore();
    void parameterRange_data();
    void parameterRange();

private:
    QTemporaryDir m_settingsDirectory;
};

void TestWindowState::initTestCase()
{
    QVERIFY(m_settingsDirectory.isValid());
    applyApplicationIdentity();
    // A test organisation in a temporary directory: the user's own settings stay untouched.
    QCoreApplication::setOrganizationName(QStringLiteral("Gradient Lab tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDirectory.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDirectory.path());
    QVERIFY(QSettings().fileName().startsWith(m_settingsDirectory.path()));
}

void TestWindowState::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

void TestWindowState::geometryAndDocksRestore()
{
    QSize size;
    QString hiddenName;
    QString movedName;
    Qt::DockWidgetArea movedArea = Qt::NoDockWidgetArea;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QList<QDockWidget*> docks = window.findChildren<QDockWidget*>();
        QVERIFY(docks.size() >= 2);
        for (QDockWidget* dock : docks) {
            QVERIFY2(!dock->objectName().isEmpty(), "saveState() needs every dock named");
        }
        // A size of our own, one dock closed and another moved to the other side.
        const QSize opened = window.size();
        window.resize(opened + QSize(37, 23));
        size = window.size();
        QVERIFY(size != opened);
        QDockWidget* hidden = docks[0];
        QDockWidget* moved = docks[1];
        QVERIFY(hidden->isVisible());
        hidden->hide();
        hiddenName = hidden->objectName();
        movedName = moved->objectName();
        movedArea = window.dockWidgetArea(moved) == Qt::LeftDockWidgetArea ? Qt::RightDockWidgetArea
                                                                           : Qt::LeftDockWidgetArea;
        window.addDockWidget(movedArea, moved);
        QCOMPARE(window.dockWidgetArea(moved), movedArea);
        QVERIFY(window.close());
    }
    QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
    QVERIFY(QSettings().contains(QStringLiteral("window/state")));

    MainWindow reopened;
    reopened.show();
    QVERIFY(QTest::qWaitForWindowExposed(&reopened));
    QCOMPARE(reopened.size(), size);
    QDockWidget* hidden = dockNamed(reopened, hiddenName);
    QDockWidget* moved = dockNamed(reopened, movedName);
    QVERIFY(hidden && moved);
    QVERIFY(!hidden->isVisible());
    QVERIFY(moved->isVisible());
    QCOMPARE(reopened.dockWidgetArea(moved), movedArea);

    // A blank window (the command line's renders) neither reads nor writes them.
    {
        MainWindow blank(MainWindow::Startup::Blank);
        blank.show();
        QVERIFY(QTest::qWaitForWindowExposed(&blank));
        QVERIFY(dockNamed(blank, hiddenName)->isVisible());
        blank.close();
    }
    QVERIFY(reopened.close());
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), size);
    QVERIFY(!dockNamed(again, hiddenName)->isVisible());
}

void TestWindowState::parameterRange_data()
{
    // a starts at value 1.5 on [−2, 2] (set below); then its range becomes [from, to].
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<double>("value");
    QTest::newRow("wider: kept") << -5.0 << 5.0 << 1.5;
    QTest::newRow("narrower around it: kept") << 1.0 << 2.0 << 1.5;
    QTest::newRow("below it: clamped to the top") << -3.0 << 0.5 << 0.5;
    QTest::newRow("above it: clamped to the bottom") << 3.0 << 4.0 << 3.0;
}

void TestWindowState::parameterRange()
{
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(double, value);
    MainWindow window(MainWindow::Startup::Blank);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Session* session = window.session();
    QVERIFY(session->setExpressionText(QStringLiteral("a*x^2 + y^2")));
    ParameterData a = parameterNamed(*session, QStringLiteral("a"));
    QCOMPARE(a.name, QStringLiteral("a"));
    a.minimum = -2;
    a.maximum = 2;
    a.value = 1.5;
    session->setParameter(a);

    FunctionPanel* panel = window.functionPanel();
    QSlider* slider = panel->parameterSlider(QStringLiteral("a"));
    QDoubleSpinBox* minimum = rangeBox(*panel, QStringLiteral("a"), true);
    QDoubleSpinBox* maximum = rangeBox(*panel, QStringLiteral("a"), false);
    QVERIFY(slider && minimum && maximum);
    QCOMPARE(minimum->value(), -2.0);
    QCOMPARE(maximum->value(), 2.0);
    // 1.5 on [−2, 2]: 3.5/4 of the way, position 875 of 1000
    QCOMPARE(slider->value(), 875);

    // Typed into the boxes as a user does; the box nearer the old range first so that from < to
    // holds after each edit (the panel ignores an empty range).
    const bool upward = from >= 2;
    QDoubleSpinBox* first = upward ? maximum : minimum;
    QDoubleSpinBox* second = upward ? minimum : maximum;
    for (QDoubleSpinBox* box : {first, second}) {
        box->selectAll();
        QTest::keyClicks(box, QString::number(box == minimum ? from : to));
        QTest::keyClick(box, Qt::Key_Enter);
    }
    const ParameterData edited = parameterNamed(*session, QStringLiteral("a"));
    QCOMPARE(edited.minimum, from);
    QCOMPARE(edited.maximum, to);
    QCOMPARE(edited.value, value);
    // The slider follows: its position is the value's share of the new range …
    QCOMPARE(slider->value(), static_cast<int>(std::lround((value - from) / (to - from) * 1000)));
    // … and its ends are the new ends.
    slider->setValue(slider->maximum());
    QCOMPARE(parameterNamed(*session, QStringLiteral("a")).value, to);
    slider->setValue(slider->minimum());
    QCOMPARE(parameterNamed(*session, QStringLiteral("a")).value, from);

    // The scene saves the edited range.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scene.json"));
    QVERIFY(window.saveScenario(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject saved = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray parameters = saved.value("function").toObject().value("parameters").toArray();
    QCOMPARE(parameters.size(), 1);
    const QJsonObject parameter = parameters.at(0).toObject();
    QCOMPARE(parameter.value("name").toString(), QStringLiteral("a"));
    QCOMPARE(parameter.value("minimum").toDouble(), from);
    QCOMPARE(parameter.value("maximum").toDouble(), to);
    QCOMPARE(parameter.value("value").toDouble(), from);
}

QTEST_MAIN(TestWindowState)
#include "tst_windowstate.moc"
