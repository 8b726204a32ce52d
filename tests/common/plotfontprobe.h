// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QList>
#include <QString>
#include <QTest>
#include <qcustomplot.h>

// The fonts a QCustomPlot draws text with, for the tests of font changes (presenter mode, the
// desktop's font): collect them, change a widget's font, compare. The comparisons are QCOMPARE /
// QVERIFY2 checks that return from the helper on failure: callers test
// QTest::currentTestFailed() before going on where a later step needs them to have passed.
namespace gradlab::testing {

/// \brief A font a plot draws text with, and where.
struct PlotFont
{
    QString where;
    QFont font;
};

// Every font \a plot draws text with: tick labels and label of each axis (the colour bar's too),
// legends and their items, titles and text items, in the plot's own order.
inline QList<PlotFont> fontsOf(QCustomPlot* plot)
{
    QList<PlotFont> fonts;
    const auto addAxis = [&fonts](const QCPAxis* axis) {
        fonts.append(
            {QStringLiteral("tick labels of axis '%1'").arg(axis->label()), axis->tickLabelFont()});
        fonts.append({QStringLiteral("label of axis '%1'").arg(axis->label()), axis->labelFont()});
    };
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (auto* rect = qobject_cast<QCPAxisRect*>(element)) {
            for (const QCPAxis* axis : rect->axes()) {
                addAxis(axis);
            }
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            addAxis(scale->axis());
        } else if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            fonts.append({QStringLiteral("legend"), legend->font()});
        } else if (auto* entry = qobject_cast<QCPAbstractLegendItem*>(element)) {
            fonts.append({QStringLiteral("legend item"), entry->font()});
        } else if (auto* title = qobject_cast<QCPTextElement*>(element)) {
            fonts.append({QStringLiteral("title '%1'").arg(title->text()), title->font()});
        }
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) {
            fonts.append({QStringLiteral("text '%1'").arg(text->text()), text->font()});
        }
    }
    return fonts;
}

// Checks that each font of \a after is its font in \a before, \a factor times as large, as bold
// as it was, in \a family (empty: the family it had).
inline void compareScaled(const QList<PlotFont>& before, const QList<PlotFont>& after,
                          double factor, const QString& family)
{
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const QFont& was = before[i].font;
        const QFont& is = after[i].font;
        QCOMPARE(after[i].where, before[i].where);
        QVERIFY2(qFuzzyCompare(is.pointSizeF(), was.pointSizeF() * factor),
                 qPrintable(QStringLiteral("%1: %2 pt, was %3 pt")
                                .arg(before[i].where)
                                .arg(is.pointSizeF())
                                .arg(was.pointSizeF())));
        QCOMPARE(is.bold(), was.bold());
        QCOMPARE(is.family(), family.isEmpty() ? was.family() : family);
    }
}

// Checks that \a after holds exactly the fonts of \a before.
inline void compareSame(const QList<PlotFont>& before, const QList<PlotFont>& after)
{
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        QCOMPARE(after[i].where, before[i].where);
        QCOMPARE(after[i].font.toString(), before[i].font.toString());
    }
}

// \a font, \a factor times as large, in \a family (empty: its own).
inline QFont changedFont(QFont font, double factor, const QString& family)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    if (!family.isEmpty()) {
        font.setFamily(family);
    }
    return font;
}

// Rows: how the widget's font changes (columns "factor" and "family", for changedFont()).
inline void addFontChangeRows()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<QString>("family");
    QTest::newRow("presenter mode") << 1.5 << QString();
    QTest::newRow("twice as large") << 2.0 << QString();
    QTest::newRow("smaller") << 0.8 << QString();
    QTest::newRow("another family") << 1.0 << QStringLiteral("DejaVu Serif");
}

} // namespace gradlab::testing
