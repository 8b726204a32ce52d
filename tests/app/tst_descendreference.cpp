// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <algorithm>
#include <cmath>

// The reference trajectories of ../shared/reference/ (torch.optim and SciPy in float64), each
// reproduced through the built `gradlab descend` with the command line the file gives.

namespace {

/// |actual − expected| ≤ tolerance·max(1, |expected|): relative, with an absolute floor near zero
/// where a relative tolerance means nothing.
bool close(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance * std::max(1.0, std::abs(expected));
}

/// The rows of a reference file, one JSON object each.
QList<QJsonObject> referenceRows(const QString& name)
{
    QList<QJsonObject> rows;
    QFile file(QStringLiteral(GRADLAB_REFERENCE_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return rows;
    }
    while (!file.atEnd()) {
        const QByteArray text = file.readLine().trimmed();
        if (!text.isEmpty()) {
            rows.append(QJsonDocument::fromJson(text).object());
        }
    }
    return rows;
}

QString number(double value)
{
    return QString::number(value, 'g', 17);
}

/// \brief What `gradlab descend` printed: its columns by name.
struct Printed
{
    QStringList header;
    QList<QStringList> rows;

    /// The column \a name of row \a k as a number; NaN if it is missing.
    double value(qsizetype k, const QString& name) const
    {
        const qsizetype column = header.indexOf(name);
        bool ok = false;
        const double result = column < 0 || k >= rows.size() || column >= rows[k].size()
                                  ? 0.0
                                  : rows[k][column].toDouble(&ok);
        return ok ? result : std::nan("");
    }
};

} // namespace

class TestDescendReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testTrajectory_data();
    void testTrajectory();
};

void TestDescendReference::testTrajectory_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QJsonArray>("path");
    QTest::addColumn<QJsonArray>("rates");

    // optimizer-variants.jsonl: {"expr", "from", "optimizer", "args", "steps", "path"}; an args
    // value true is a flag.
    const QList<QJsonObject> variants = referenceRows(QStringLiteral("optimizer-variants.jsonl"));
    QVERIFY(variants.size() >= 12);
    int line = 0;
    for (const QJsonObject& reference : variants) {
        ++line;
        const QJsonArray from = reference["from"].toArray();
        QStringList arguments{
            "descend",     reference["expr"].toString(),
            "--from",      number(from[0].toDouble()) + ',' + number(from[1].toDouble()),
            "--optimizer", reference["optimizer"].toString(),
            "--steps",     QString::number(reference["steps"].toInt())};
        const QJsonObject args = reference["args"].toObject();
        for (auto it = args.begin(); it != args.end(); ++it) {
            arguments << "--" + it.key();
            if (!it.value().isBool()) {
                arguments << number(it.value().toDouble());
            }
        }
        QTest::addRow("optimizer-variants %d: %s %s", line,
                      qPrintable(reference["optimizer"].toString()),
                      qPrintable(QStringList(args.keys()).join('+')))
            << arguments << reference["path"].toArray() << QJsonArray();
    }

    // schedules.jsonl and quasinewton.jsonl: {"kind", "cmd", "path", "lr"}; DATA/ in cmd is the
    // reference's data folder. Every step agrees to 1e-9 relative (in fact to a few ulps: the
    // closest case, L-BFGS without line search on (x − 1)⁴ + (y + 0.5)², is 2e-12 off at step 40).
    int cases = 0;
    for (const QString& name :
         {QStringLiteral("schedules.jsonl"), QStringLiteral("quasinewton.jsonl")}) {
        line = 0;
        for (const QJsonObject& reference : referenceRows(name)) {
            ++line;
            ++cases;
            QStringList arguments;
            for (const QJsonValue word : reference["cmd"].toArray()) {
                arguments << word.toString().replace(
                    QStringLiteral("DATA/"), QStringLiteral(GRADLAB_REFERENCE_DIR "/data/"));
            }
            QTest::addRow("%s %d: %s", qPrintable(name), line,
                          qPrintable(arguments.mid(6).join(' ')))
                << arguments << reference["path"].toArray() << reference["lr"].toArray();
        }
    }
    QVERIFY(cases >= 42);
}

void TestDescendReference::testTrajectory()
{
    QFETCH(QStringList, arguments);
    QFETCH(QJsonArray, path);
    QFETCH(QJsonArray, rates);
    QProcess process;
    process.start(QStringLiteral(GRADLAB_BINARY_DIR "/app/gradlab"), arguments);
    QVERIFY2(process.waitForFinished(60000), qPrintable(process.errorString()));
    QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
    QCOMPARE(process.exitCode(), 0);
    Printed printed;
    const QStringList lines =
        QString::fromUtf8(process.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    printed.header = lines.front().split(',');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        printed.rows.append(lines[i].split(','));
    }
    QCOMPARE(printed.rows.size(), path.size());
    for (qsizetype k = 0; k < path.size(); ++k) {
        const QJsonArray expected = path[k].toArray();
        for (int axis = 0; axis < 2; ++axis) {
            const QString column = axis == 0 ? "x" : "y";
            const double actual = printed.value(k, column);
            QVERIFY2(close(actual, expected[axis].toDouble(), 1e-9),
                     qPrintable(QStringLiteral("step %1, %2: %3 against %4")
                                    .arg(k)
                                    .arg(column)
                                    .arg(actual, 0, 'g', 17)
                                    .arg(expected[axis].toDouble(), 0, 'g', 17)));
        }
    }
    // lr[k] is the rate of step k → k+1.
    for (qsizetype k = 0; k < rates.size(); ++k) {
        const double actual = printed.value(k, "lr");
        QVERIFY2(close(actual, rates[k].toDouble(), 1e-9),
                 qPrintable(QStringLiteral("step %1, lr: %2 against %3")
                                .arg(k)
                                .arg(actual, 0, 'g', 17)
                                .arg(rates[k].toDouble(), 0, 'g', 17)));
    }
}

QTEST_GUILESS_MAIN(TestDescendReference)
#include "tst_descendreference.moc"
