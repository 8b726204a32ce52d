// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

namespace {

/// What one run of the gradlab executable printed and returned.
struct Outcome
{
    bool finished = false;
    int code = -1;
    QString out;
    QString err;
};

/// Runs the built executable. The wait is a limit on hanging, not a timing: every case here
/// finishes in well under a second on an idle machine.
Outcome run(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(GRADLAB_BINARY_DIR "/app/gradlab"), arguments);
    Outcome outcome;
    outcome.finished = process.waitForFinished(30'000);
    if (!outcome.finished) {
        process.kill();
        process.waitForFinished();
        return outcome;
    }
    outcome.code = process.exitCode();
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

/// (1 + x/1001)(1 + x/1002)…(1 + x/3000): 2 000 distinct factors, finite everywhere near 0.
QString product()
{
    QStringList factors;
    for (int k = 1001; k <= 3000; ++k) {
        factors << QStringLiteral("(1+x/%1)").arg(k);
    }
    return factors.join(QLatin1Char('*'));
}

} // namespace

/// \brief Large inputs through the command line: bounded readers, size messages, numbers at
/// linear cost.
class TestBigInputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pointsFromDevZero();
    void pointsFromSparseGigabyte();
    void pointsFileTooLong();
    void productOf2000Factors();
};

void TestBigInputs::pointsFromDevZero()
{
    const Outcome outcome = run({"eval", "x", "--at", "1,2", "--points", "/dev/zero"});
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.code, 2);
    QCOMPARE(outcome.err,
             QStringLiteral("gradlab: error: /dev/zero:1: line longer than 1024 bytes\n"));
    QCOMPARE(outcome.out, QString());
}

void TestBigInputs::pointsFromSparseGigabyte()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QFile file(directory.filePath("huge.txt"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("1,2\n0 0\n");
    QVERIFY(file.resize(qint64{1} << 30)); // sparse: no disk, a gigabyte of zero bytes to read
    file.close();
    const Outcome outcome = run({"eval", "x*y", "--points", file.fileName()});
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.code, 2);
    QCOMPARE(
        outcome.err,
        QStringLiteral("gradlab: error: %1:3: line longer than 1024 bytes\n").arg(file.fileName()));
}

void TestBigInputs::pointsFileTooLong()
{
    // 65 MiB of short lines: no line is too long, the file is.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QFile file(directory.filePath("long.txt"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray block = QByteArray("1 2\n").repeated(1 << 18); // 1 MiB
    for (int k = 0; k < 65; ++k) {
        file.write(block);
    }
    file.close();
    const Outcome outcome = run({"eval", "x", "--points", file.fileName()});
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.code, 2);
    // The 64 MiB + 1st byte is the first of line 16 Mi + 1.
    QCOMPARE(outcome.err,
             QStringLiteral("gradlab: error: %1:%2: the points file is longer than 64 MiB\n")
                 .arg(file.fileName())
                 .arg((1 << 24) + 1));
}

void TestBigInputs::productOf2000Factors()
{
    const QString f = product();
    const Outcome diff = run({"diff", f});
    QVERIFY(diff.finished);
    QCOMPARE(diff.code, 0);
    QCOMPARE(diff.err, QString());
    const QStringList lines = diff.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith("df/dx: too large to show: ") &&
                 lines[0].endsWith(" nodes after simplification, more than 10000; gradlab eval "
                                   "gives its values"),
             qPrintable(lines[0]));
    QCOMPARE(lines[1], QStringLiteral("df/dy = 0"));

    // At x = 0 every factor is 1: f = 1, f′ = Σ 1/k, f″ = (Σ 1/k)² − Σ 1/k².
    const Outcome eval = run({"eval", f, "--at", "0,0"});
    QVERIFY(eval.finished);
    QCOMPARE(eval.code, 0);
    const QStringList cells = eval.out.split(QLatin1Char('\n')).value(1).split(QLatin1Char(','));
    QCOMPARE(cells.size(), 8);
    double s1 = 0.0;
    double s2 = 0.0;
    for (int k = 1001; k <= 3000; ++k) {
        s1 += 1.0 / k;
        s2 += 1.0 / (double(k) * k);
    }
    QCOMPARE(cells[2].toDouble(), 1.0);
    QVERIFY(std::fabs(cells[3].toDouble() - s1) <= 1e-12 * s1);
    QVERIFY(std::fabs(cells[5].toDouble() - (s1 * s1 - s2)) <= 1e-11 * s1 * s1);
    QCOMPARE(cells[4].toDouble(), 0.0);
}

QTEST_GUILESS_MAIN(TestBigInputs)
#include "tst_biginputs.moc"
