// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "functions/presets.h"
#include "panels/expressionedit.h"
#include "panels/functionpanel.h"
#include "session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <cmath>
#include <memory>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::ParseErrorCode)

namespace {

/// \a panel in a scroll area \a height pixels tall, as in the main window's dock.
std::unique_ptr<QScrollArea> inScrollArea(QWidget* panel, int height)
{
    auto area = std::make_unique<QScrollArea>();
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    area->resize(panel->minimumSizeHint().width() + 30, height);
    return area;
}

/// Turns the mouse wheel one notch toward the user over the middle of \a widget, as from the
/// window system (only such wheel events travel on to the parents a widget leaves them to).
void turnWheel(QWidget* widget)
{
    const QPointF at = QRectF(widget->rect()).center();
    QWheelEvent wheel(at, widget->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    // As QTest sends its key events: sendEvent() would mark it synthesized.
    QSpontaneKeyEvent::setSpontaneous(&wheel);
    QCoreApplication::instance()->notify(widget, &wheel);
}

/// Replaces the editor's text the way a user does: select all, delete, type.
void typeInto(ExpressionEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

} // namespace

class TestFunctionPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testRejected_data();
    void testRejected();
    void testAccepted_data();
    void testAccepted();
    void testParsesAfterPause();
    void testRecovers();
    void testKeepsTypingWhileSliding();
    void testPresets_data();
    void testPresets();
    void testParameterSlider_data();
    void testParameterSlider();
    void testParameterRows();
    void testParametersScrollIntoView();
    void testWheelPassesOverControls_data();
    void testWheelPassesOverControls();
    void testDomain_data();
    void testDomain();
    void testDescribe_data();
    void testDescribe();

private:
    Session* m_session = nullptr;
    FunctionPanel* m_panel = nullptr;
};

void TestFunctionPanel::init()
{
    m_session = new Session;
    m_panel = new FunctionPanel(m_session);
    m_panel->resize(420, 600);
    m_panel->show();
    QVERIFY(m_session->setExpressionText(QStringLiteral("x^2 + y^2")));
    QCOMPARE(m_panel->expressionEdit()->text(), QStringLiteral("x^2 + y^2"));
}

void TestFunctionPanel::cleanup()
{
    delete m_panel;
    delete m_session;
}

void TestFunctionPanel::testRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ParseErrorCode>("code");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length"); // -1: the contract does not fix it
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown function")
        << "foo(x)" << ParseErrorCode::UnknownFunction << 0 << 3 << "foo";
    QTest::newRow("two operators") << "x +* y" << ParseErrorCode::UnexpectedToken << 3 << 1 << "*";
    QTest::newRow("unclosed parenthesis")
        << "(x+1" << ParseErrorCode::MissingCloseParen << 0 << -1 << "(";
    QTest::newRow("stray close") << "x+1)" << ParseErrorCode::UnmatchedCloseParen << 3 << 1 << ")";
    QTest::newRow("ends too early")
        << "2+sin(" << ParseErrorCode::UnexpectedEnd << 6 << -1 << "too early";
    QTest::newRow("hash sign") << "x # y" << ParseErrorCode::InvalidCharacter << 2 << 1 << "#";
    QTest::newRow("times sign") << "x × y" << ParseErrorCode::InvalidCharacter << 2 << 1 << "*";
    QTest::newRow("bad number") << "1.2.3" << ParseErrorCode::InvalidNumber << 0 << -1 << "number";
    QTest::newRow("two arguments")
        << "sin(x, y)" << ParseErrorCode::WrongArgumentCount << 0 << -1 << "sin";
    QTest::newRow("empty") << "" << ParseErrorCode::EmptyExpression << 0 << -1 << "Type";
}

void TestFunctionPanel::testRejected()
{
    QFETCH(QString, text);
    QFETCH(ParseErrorCode, code);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(QString, mentions);
    QSignalSpy changed(m_session, &Session::functionChanged);
    QSignalSpy rejected(m_session, &Session::expressionRejected);

    typeInto(m_panel->expressionEdit(), text);
    QTRY_COMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(1).value<ParseError>().code, code);
    ExpressionEdit* edit = m_panel->expressionEdit();
    QVERIFY(edit->hasError());
    QCOMPARE(edit->errorPosition(), position);
    if (length >= 0) {
        QCOMPARE(edit->errorLength(), length);
    }
    QVERIFY2(m_panel->errorMessage().contains(mentions), qPrintable(m_panel->errorMessage()));
    // The last good function stays, and the typed text stays for the user to fix.
    QCOMPARE(m_session->expressionText(), QStringLiteral("x^2 + y^2"));
    QCOMPARE(edit->text(), text);
    QCOMPARE(changed.count(), 0);
}

void TestFunctionPanel::testAccepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("expected"); // f(0.5, −1.5)
    const double x = 0.5;
    const double y = -1.5;
    QTest::newRow("sum of squares") << "3*x^2 + y^2" << 3 * x * x + y * y;
    QTest::newRow("trigonometry") << "sin(x)*cos(y)" << std::sin(x) * std::cos(y);
    QTest::newRow("exponential valley") << "exp(-x^2) + y^2/4" << std::exp(-x * x) + y * y / 4;
    QTest::newRow("parameter starts at 1") << "a*x^2 + y^2" << x * x + y * y;
}

void TestFunctionPanel::testAccepted()
{
    QFETCH(QString, text);
    QFETCH(double, expected);
    QSignalSpy changed(m_session, &Session::functionChanged);
    typeInto(m_panel->expressionEdit(), text);
    QTRY_COMPARE(m_session->expressionText(), text);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!m_panel->expressionEdit()->hasError());
    QVERIFY(m_panel->errorMessage().isEmpty());
    const double f = m_session->evaluate(Eigen::Vector2d(0.5, -1.5)).f;
    QVERIFY2(std::abs(f - expected) <= 1e-12 * (1 + std::abs(expected)),
             qPrintable(QStringLiteral("%1 vs %2").arg(f).arg(expected)));
}

void TestFunctionPanel::testParsesAfterPause()
{
    QSignalSpy changed(m_session, &Session::functionChanged);
    QSignalSpy rejected(m_session, &Session::expressionRejected);
    typeInto(m_panel->expressionEdit(), QStringLiteral("x^2+3*y^2"));
    // Key events are delivered without running the event loop, so the parse timer cannot have
    // fired yet: nothing was parsed on the keystrokes themselves.
    QCOMPARE(m_session->expressionText(), QStringLiteral("x^2 + y^2"));
    QTRY_COMPARE(m_session->expressionText(), QStringLiteral("x^2+3*y^2"));
    // "x^" and "x^2+" were never parsed: one parse of the finished text.
    QCOMPARE(rejected.count(), 0);
    QCOMPARE(changed.count(), 1);
}

void TestFunctionPanel::testRecovers()
{
    ExpressionEdit* edit = m_panel->expressionEdit();
    typeInto(edit, QStringLiteral("x^2 +"));
    QTRY_VERIFY(edit->hasError());
    QVERIFY(!m_panel->errorMessage().isEmpty());
    QTest::keyClicks(edit, QStringLiteral(" 2*y^2"));
    QTRY_COMPARE(m_session->expressionText(), QStringLiteral("x^2 + 2*y^2"));
    QVERIFY(!edit->hasError());
    QVERIFY(m_panel->errorMessage().isEmpty());
}

void TestFunctionPanel::testKeepsTypingWhileSliding()
{
    QVERIFY(m_session->setExpressionText(QStringLiteral("a*x^2 + y^2")));
    ExpressionEdit* edit = m_panel->expressionEdit();
    typeInto(edit, QStringLiteral("a*x^2 + y^"));
    QTRY_VERIFY(edit->hasError());
    QSlider* slider = m_panel->parameterSlider(QStringLiteral("a"));
    QVERIFY(slider);
    slider->setValue(slider->value() + 100);
    // The function redraws with the new a, but the half-typed text is not thrown away.
    QCOMPARE(edit->text(), QStringLiteral("a*x^2 + y^"));
    QVERIFY(edit->hasError());
    QCOMPARE(m_session->expressionText(), QStringLiteral("a*x^2 + y^2"));
}

void TestFunctionPanel::testPresets_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < presets().size(); ++i) {
        QTest::newRow(presets()[i].name.c_str()) << static_cast<int>(i);
    }
}

void TestFunctionPanel::testPresets()
{
    QFETCH(int, index);
    const Preset& preset = presets()[static_cast<std::size_t>(index)];
    QComboBox* box = m_panel->presetBox();
    const int row = box->findData(QString::fromStdString(preset.name));
    QVERIFY(row >= 0);
    QCOMPARE(box->itemData(row, Qt::ToolTipRole).toString(),
             QString::fromStdString(preset.description));
    Q_EMIT box->activated(row);
    QCOMPARE(m_session->preset(), &preset);
    QCOMPARE(box->currentIndex(), row);
    QCOMPARE(m_panel->expressionEdit()->text(), QString::fromStdString(preset.formula));
    const double bounds[4] = {preset.domain.xMin, preset.domain.xMax, preset.domain.yMin,
                              preset.domain.yMax};
    for (int i = 0; i < 4; ++i) {
        QVERIFY(std::abs(m_panel->domainBox(i)->value() - bounds[i]) <= 0.0005);
    }
    // Typing one's own function leaves the preset.
    typeInto(m_panel->expressionEdit(), QStringLiteral("x^4 + y^4"));
    QTRY_COMPARE(m_session->expressionText(), QStringLiteral("x^4 + y^4"));
    QCOMPARE(box->currentIndex(), -1);
}

void TestFunctionPanel::testParameterSlider_data()
{
    QTest::addColumn<int>("position");
    QTest::newRow("left end") << 0;
    QTest::newRow("a quarter") << 250;
    QTest::newRow("right end") << 1000;
}

void TestFunctionPanel::testParameterSlider()
{
    QFETCH(int, position);
    QVERIFY(m_session->setExpressionText(QStringLiteral("a*x^2 + y^2")));
    QSlider* slider = m_panel->parameterSlider(QStringLiteral("a"));
    QVERIFY(slider);
    const ParameterData before = m_session->parameters().front();
    QSignalSpy changed(m_session, &Session::functionChanged);
    QVERIFY(slider->value() != position);
    slider->setValue(position);
    QCOMPARE(changed.count(), 1);
    const ParameterData& after = m_session->parameters().front();
    const double expected =
        before.minimum + (before.maximum - before.minimum) * position / slider->maximum();
    QVERIFY(std::abs(after.value - expected) < 1e-12);
    // f(1, 0) = a: the redrawn function uses the new value.
    QVERIFY(std::abs(m_session->evaluate(Eigen::Vector2d(1.0, 0.0)).f - expected) < 1e-12);
}

void TestFunctionPanel::testParameterRows()
{
    QVERIFY(m_session->setExpressionText(QStringLiteral("a*x + b*y^2")));
    QVERIFY(m_panel->parameterSlider(QStringLiteral("a")));
    QVERIFY(m_panel->parameterSlider(QStringLiteral("b")));
    QVERIFY(m_panel->parameterSlider(QStringLiteral("a"))->isVisible());
    QVERIFY(m_session->setExpressionText(QStringLiteral("x + y^2")));
    QVERIFY(!m_panel->parameterSlider(QStringLiteral("a")));
    QVERIFY(!m_panel->parameterSlider(QStringLiteral("b")));
}

void TestFunctionPanel::testParametersScrollIntoView()
{
    Session session;
    auto* panel = new FunctionPanel(&session);
    // Shorter than the panel: the parameters, at its foot, start out of sight.
    const std::unique_ptr<QScrollArea> area = inScrollArea(panel, 160);
    area->show();
    QVERIFY(QTest::qWaitForWindowExposed(area.get()));
    QCOMPARE(area->verticalScrollBar()->value(), 0);
    QVERIFY(session.setExpressionText(QStringLiteral("a*x^2 + b*y^2")));
    QSlider* slider = panel->parameterSlider(QStringLiteral("a"));
    QVERIFY(slider);
    QTRY_VERIFY(area->verticalScrollBar()->value() > 0);
    // Inside the viewport: the part of it that is shown is all of it.
    const QRect shown(slider->mapTo(area->viewport(), QPoint(0, 0)), slider->size());
    QVERIFY2(area->viewport()->rect().contains(shown),
             qPrintable(QStringLiteral("slider at y %1..%2, viewport 0..%3")
                            .arg(shown.top())
                            .arg(shown.bottom())
                            .arg(area->viewport()->height())));
}

void TestFunctionPanel::testWheelPassesOverControls_data()
{
    QTest::addColumn<QString>("control");
    QTest::newRow("parameter slider") << QStringLiteral("slider");
    QTest::newRow("parameter value") << QStringLiteral("value");
    QTest::newRow("domain box") << QStringLiteral("domain");
}

void TestFunctionPanel::testWheelPassesOverControls()
{
    QFETCH(QString, control);
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("a*x^2 + b*y^2")));
    session.setParameter({QStringLiteral("a"), 1.0, -5.0, 5.0});
    auto* panel = new FunctionPanel(&session);
    const std::unique_ptr<QScrollArea> area = inScrollArea(panel, 160);
    area->show();
    QVERIFY(QTest::qWaitForWindowActive(area.get()));
    QSlider* slider = panel->parameterSlider(QStringLiteral("a"));
    QVERIFY(slider);
    QWidget* target = slider;
    if (control == QStringLiteral("value")) {
        target = panel->parameterValueBox(QStringLiteral("a"));
    } else if (control == QStringLiteral("domain")) {
        target = panel->domainBox(0);
    }
    QVERIFY(target);
    QCoreApplication::processEvents();
    area->verticalScrollBar()->setValue(area->verticalScrollBar()->maximum() / 2);
    const int scrolled = area->verticalScrollBar()->value();
    const double a = session.parameters().front().value;
    const double xMin = session.domain().xMin;
    // Passing over it, unfocused: the panel scrolls and nothing changes.
    QVERIFY(!target->hasFocus());
    turnWheel(target);
    QCOMPARE(session.parameters().front().value, a);
    QCOMPARE(session.domain().xMin, xMin);
    QVERIFY2(area->verticalScrollBar()->value() != scrolled,
             qPrintable(QStringLiteral("still at %1").arg(scrolled)));
    // Clicked into (focused), the wheel turns it.
    target->setFocus(Qt::MouseFocusReason);
    QVERIFY(target->hasFocus());
    turnWheel(target);
    QVERIFY(session.parameters().front().value != a || session.domain().xMin != xMin);
}

void TestFunctionPanel::testDomain_data()
{
    QTest::addColumn<int>("box");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("wider x") << 0 << -7.5 << true;
    QTest::newRow("taller y") << 3 << 9.0 << true;
    QTest::newRow("x from past x to") << 0 << 50.0 << false;
    QTest::newRow("y to below y from") << 3 << -50.0 << false;
}

void TestFunctionPanel::testDomain()
{
    QFETCH(int, box);
    QFETCH(double, value);
    QFETCH(bool, accepted);
    const Domain before = m_session->domain();
    m_panel->domainBox(box)->setValue(value);
    const Domain after = m_session->domain();
    const double bounds[4] = {after.xMin, after.xMax, after.yMin, after.yMax};
    if (accepted) {
        QCOMPARE(bounds[box], value);
        QVERIFY(m_panel->errorMessage().isEmpty());
    } else {
        QVERIFY(after == before);
        QVERIFY(!m_panel->errorMessage().isEmpty());
    }
}

void TestFunctionPanel::testDescribe_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ParseErrorCode>("code");
    QTest::addColumn<int>("position"); // bytes, as the parser counts
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<QString>("avoids");
    QTest::newRow("swapped letters")
        << "sni(x)" << ParseErrorCode::UnknownFunction << 0 << 3 << "did you mean 'sin'"
        << "";
    QTest::newRow("missing letter")
        << "sqr(x)" << ParseErrorCode::UnknownFunction << 0 << 3 << "did you mean 'sqrt'"
        << "";
    QTest::newRow("nothing close")
        << "foo(x)" << ParseErrorCode::UnknownFunction << 0 << 3 << "'foo' at 0"
        << "did you mean";
    QTest::newRow("times sign") << "x × y" << ParseErrorCode::InvalidCharacter << 2 << 2 << "'*'"
                                << "";
    QTest::newRow("superscript two") << "x²+y" << ParseErrorCode::InvalidCharacter << 1 << 2 << "^"
                                     << "";
    QTest::newRow("after a superscript")
        << "x²+y)" << ParseErrorCode::UnmatchedCloseParen << 5 << 1 << "at 4"
        << "";
}

void TestFunctionPanel::testDescribe()
{
    QFETCH(QString, text);
    QFETCH(ParseErrorCode, code);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(QString, mentions);
    QFETCH(QString, avoids);
    ParseError error;
    error.code = code;
    error.position = static_cast<std::size_t>(position);
    error.length = static_cast<std::size_t>(length);
    const QString message = FunctionPanel::describe(text, error);
    QVERIFY2(message.contains(mentions), qPrintable(message));
    if (!avoids.isEmpty()) {
        QVERIFY2(!message.contains(avoids), qPrintable(message));
    }
}

QTEST_MAIN(TestFunctionPanel)
#include "tst_functionpanel.moc"
