// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

namespace {

/// \brief What one run of the built gradlab printed and returned.
struct Outcome
{
    int code = -1;
    QString out;
    QString err;
};

/// Runs the built program with no display at all (the command line must not need one).
Outcome runGradlab(const QStringList& arguments, const QByteArray& input = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("QT_QPA_PLATFORM");
    environment.remove("DISPLAY");
    environment.remove("WAYLAND_DISPLAY");
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(GRADLAB_BINARY_DIR "/app/gradlab"), arguments);
    process.write(input);
    process.closeWriteChannel();
    Outcome outcome;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        return outcome;
    }
    outcome.code = process.exitCode();
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

QList<QStringList> csvRows(const QString& text)
{
    QList<QStringList> rows;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        rows.append(line.split(QLatin1Char(',')));
    }
    return rows;
}

double toNumber(const QString& text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? value : std::numeric_limits<double>::quiet_NaN();
}

/// |actual − expected| ≤ tolerance·max(1, |expected|)
bool close(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance * std::max(1.0, std::abs(expected));
}

} // namespace

class TestCliFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testReferenceFits_data();
    void testReferenceFits();
    void testLossColumns();
    void testBadRowsAreReportedAndSkipped();
    void testRejectedInput_data();
    void testRejectedInput();
    void testShuffleIsDeterministic();
};

void TestCliFit::testReferenceFits_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QJsonArray>("path");
    QFile file(QStringLiteral(GRADLAB_REFERENCE_DIR "/fits.jsonl"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    int line = 0;
    while (!file.atEnd()) {
        const QByteArray text = file.readLine().trimmed();
        ++line;
        if (text.isEmpty()) {
            continue;
        }
        const QJsonObject reference = QJsonDocument::fromJson(text).object();
        QStringList arguments;
        for (const QJsonValue word : reference["cmd"].toArray()) {
            arguments << word.toString().replace(QStringLiteral("DATA/"),
                                                 QStringLiteral(GRADLAB_REFERENCE_DIR "/data/"));
        }
        QTest::addRow("line %d: %s", line, qPrintable(arguments.mid(1).join(' ')))
            << arguments << reference["path"].toArray();
    }
    QCOMPARE(line, 16);
}

void TestCliFit::testReferenceFits()
{
    QFETCH(QStringList, arguments);
    QFETCH(QJsonArray, path);
    const Outcome outcome = runGradlab(arguments);
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    const QList<QStringList> rows = csvRows(outcome.out);
    QCOMPARE(rows.size(), path.size() + 1);
    const bool twoInputs = arguments.contains(QStringLiteral("logistic2"));
    QCOMPARE(rows[0].join(','), twoInputs ? QStringLiteral("step,w1,w2,loss,batch_loss")
                                          : QStringLiteral("step,w,b,loss,batch_loss"));
    for (qsizetype k = 0; k < path.size(); ++k) {
        const QStringList& row = rows[k + 1];
        QCOMPARE(row.size(), 5);
        QCOMPARE(row[0].toLongLong(), k);
        const QJsonArray expected = path[k].toArray();
        for (int axis = 0; axis < 2; ++axis) {
            QVERIFY2(close(toNumber(row[1 + axis]), expected[axis].toDouble(), 1e-9),
                     qPrintable(QStringLiteral("step %1, parameter %2: %3 against %4")
                                    .arg(k)
                                    .arg(axis + 1)
                                    .arg(row[1 + axis])
                                    .arg(expected[axis].toDouble(), 0, 'g', 17)));
        }
    }
}

void TestCliFit::testLossColumns()
{
    // rows (0, 1), (1, 1), (2, 4): at w = 1, b = 0 the residuals are −1, 0, −2, so the loss is
    // 5/3; batch 2 of step 0 is rows 0 and 1 (1/2), of step 1 rows 2 and 0 (5/2)
    const QByteArray data = "x,y\n0,1\n1,1\n2,4\n";
    const Outcome outcome = runGradlab({"fit", "-", "--optimizer", "gd", "--lr", "0", "--steps",
                                        "1", "--from", "1,0", "--batch", "2"},
                                       data);
    QCOMPARE(outcome.code, 0);
    const QList<QStringList> rows = csvRows(outcome.out);
    QCOMPARE(rows.size(), 3);
    QVERIFY(close(toNumber(rows[1][3]), 5.0 / 3.0, 1e-15));
    QVERIFY(close(toNumber(rows[1][4]), 0.5, 1e-15));
    QVERIFY(close(toNumber(rows[2][3]), 5.0 / 3.0, 1e-15));
    QVERIFY(close(toNumber(rows[2][4]), 2.5, 1e-15));
}

void TestCliFit::testBadRowsAreReportedAndSkipped()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString name = directory.filePath(QStringLiteral("labels.csv"));
    QFile file(name);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x,label\n-1,0\n2,one\n1,1\n3,4\n\n0.5,1,2\n-2,0\n");
    file.close();
    const Outcome outcome =
        runGradlab({"fit", name, "--optimizer", "gd", "--steps", "0", "--from", "0,0"});
    QCOMPARE(outcome.code, 0);
    QCOMPARE(outcome.err,
             QStringLiteral("gradlab: %1:3: field 2 'one' is not a number; row skipped\n"
                            "gradlab: %1:5: field 2 '4' is not a label between 0 and 1; row "
                            "skipped\n"
                            "gradlab: %1:7: expected one value per header column, found "
                            "'0.5,1,2'; row skipped\n")
                 .arg(name));
    // three good rows, all σ(0) = ½: the loss is log 2
    QVERIFY(close(toNumber(csvRows(outcome.out)[1][3]), std::log(2.0), 1e-15));
}

void TestCliFit::testRejectedInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    const QStringList run{"--optimizer", "gd", "--steps", "3", "--from", "0,0"};
    QTest::newRow("/dev/zero") << (QStringList{"fit", "/dev/zero"} + run) << QByteArray()
                               << "gradlab: error: /dev/zero:1: line longer than 4096 bytes";
    QTest::newRow("no header") << (QStringList{"fit", "-"} + run) << QByteArray("1,2\n3,4\n")
                               << "gradlab: error: <stdin>:1: expected a header line";
    QTest::newRow("no rows") << (QStringList{"fit", "-"} + run) << QByteArray("x,y\n")
                             << "gradlab: error: <stdin>: no data rows";
    QTest::newRow("missing file") << (QStringList{"fit", "/nonexistent/data.csv"} + run)
                                  << QByteArray() << "gradlab: error: cannot open";
    QTest::newRow("model against data")
        << (QStringList{"fit", "-", "--model", "logistic2"} + run) << QByteArray("x,y\n1,2\n")
        << "gradlab: error: --model logistic2 needs x1,x2,label data; <stdin> has x,y";
    QTest::newRow("unknown model")
        << (QStringList{"fit", "-", "--model", "lines"} + run) << QByteArray("x,y\n1,2\n")
        << "gradlab: error: unknown model 'lines'; did you mean 'line'?";
    QTest::newRow("batch above n")
        << (QStringList{"fit", "-", "--batch", "3"} + run) << QByteArray("x,y\n1,2\n3,4\n")
        << "gradlab: error: --batch (2 rows in the data): '3'";
    QTest::newRow("option of another method")
        << (QStringList{"fit", "-", "--beta1", "0.5"} + run) << QByteArray("x,y\n1,2\n")
        << "gradlab: error: --beta1 does not apply to 'gd'";
    QTest::newRow("no start") << QStringList{"fit", "-", "--optimizer", "gd", "--steps", "3"}
                              << QByteArray("x,y\n1,2\n") << "gradlab: error: fit needs a start";
}

void TestCliFit::testRejectedInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    const Outcome outcome = runGradlab(arguments, input);
    QCOMPARE(outcome.code, 2);
    QCOMPARE(outcome.out, QString());
    QVERIFY2(outcome.err.startsWith(message), qPrintable(outcome.err));
}

void TestCliFit::testShuffleIsDeterministic()
{
    QByteArray data = "x,y\n";
    for (int i = 0; i < 20; ++i) {
        data += QByteArray::number(i * 0.1) + ',' + QByteArray::number(i * i * 0.01) + '\n';
    }
    const QStringList arguments{"fit",    "-",   "--optimizer", "gd", "--steps",   "30",
                                "--from", "0,0", "--batch",     "3",  "--shuffle", "7"};
    const Outcome first = runGradlab(arguments, data);
    QCOMPARE(first.code, 0);
    QCOMPARE(runGradlab(arguments, data).out, first.out);
    QStringList unshuffled = arguments;
    unshuffled.replace(unshuffled.indexOf(QStringLiteral("7")), QStringLiteral("8"));
    QVERIFY(runGradlab(unshuffled, data).out != first.out);
}

QTEST_GUILESS_MAIN(TestCliFit)
#include "tst_clifit.moc"
