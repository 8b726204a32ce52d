// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/expressionedit.h"

#include <QImage>
#include <QTest>

using namespace gradlab;

namespace {

/// Pixels that are clearly red: the underline's colour, which nothing else in a line edit uses.
int redPixels(const QImage& image, const QRect& area)
{
    int count = 0;
    const QRect inside = area.intersected(image.rect());
    for (int y = inside.top(); y <= inside.bottom(); ++y) {
        for (int x = inside.left(); x <= inside.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            count += c.red() > 150 && c.green() < 110 && c.blue() < 110 ? 1 : 0;
        }
    }
    return count;
}

} // namespace

class TestExpressionEdit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testUnderline_data();
    void testUnderline();
    void testRangeOrder();
    void testClear();
};

void TestExpressionEdit::testUnderline_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");
    QTest::newRow("function name") << "foo(x) + y" << 0 << 3;
    QTest::newRow("operator in the middle") << "x +* y" << 3 << 1;
    QTest::newRow("end of input") << "2+sin(" << 6 << 0;
    QTest::newRow("last character") << "x + y #" << 6 << 1;
}

void TestExpressionEdit::testUnderline()
{
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(int, length);
    ExpressionEdit edit;
    edit.resize(400, edit.sizeHint().height());
    edit.setText(text);
    edit.setErrorRange(position, length);
    QVERIFY(edit.hasError());
    QCOMPARE(edit.errorPosition(), position);
    QCOMPARE(edit.errorLength(), length);

    const QRect area = edit.errorRect();
    QVERIFY(!area.isEmpty());
    // The mark starts where the erroneous characters start and covers them.
    const QFontMetrics metrics(edit.font());
    edit.setErrorRange(0, 0);
    const int textStart = edit.errorRect().left();
    edit.setErrorRange(position, length);
    QVERIFY(qAbs(area.left() - textStart - metrics.horizontalAdvance(text.left(position))) <= 1);
    QVERIFY(area.width() >= metrics.horizontalAdvance(text.mid(position, length)));

    const QImage image = edit.grab().toImage();
    QVERIFY(redPixels(image, area.adjusted(0, -2, 0, 2)) > area.width() / 2);
    // Nothing red before the range: the underline marks only the wrong part.
    if (position > 0) {
        const QRect before(0, area.top() - 2, area.left() - 1, area.height() + 4);
        QCOMPARE(redPixels(image, before), 0);
    }
}

void TestExpressionEdit::testRangeOrder()
{
    ExpressionEdit edit;
    edit.resize(400, edit.sizeHint().height());
    edit.setText(QStringLiteral("sin(x) + cos(y) + tan(x)"));
    edit.setErrorRange(0, 3);
    const QRect first = edit.errorRect();
    edit.setErrorRange(9, 3);
    const QRect second = edit.errorRect();
    edit.setErrorRange(18, 3);
    const QRect third = edit.errorRect();
    QVERIFY(first.right() < second.left());
    QVERIFY(second.right() < third.left());
}

void TestExpressionEdit::testClear()
{
    ExpressionEdit edit;
    edit.resize(300, edit.sizeHint().height());
    edit.setText(QStringLiteral("foo(x)"));
    edit.setErrorRange(0, 3);
    const QRect area = edit.errorRect().adjusted(0, -2, 0, 2);
    edit.clearError();
    QVERIFY(!edit.hasError());
    QVERIFY(edit.errorRect().isEmpty());
    QCOMPARE(redPixels(edit.grab().toImage(), area), 0);
}

QTEST_MAIN(TestExpressionEdit)
#include "tst_expressionedit.moc"
