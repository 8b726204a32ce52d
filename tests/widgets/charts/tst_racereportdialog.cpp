// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "charts/racereportdialog.h"
#include "session.h"

#include <QDir>
#include <QFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace gradlab;

class TestRaceReportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void rowsFollowTheRuns();
    void toleranceChangesTheReachedColumns();
    void exportIsTheCoreCsv();
    void failedExportSaysWhy();

private:
    std::unique_ptr<Session> m_session;
};

void TestRaceReportDialog::init()
{
    m_session = std::make_unique<Session>();
    m_session->setExpressionText(QStringLiteral("x^2 + 3y^2"));
    m_session->setStartPoint({2.0, 1.0});
    OptimizerSettings gd = defaultSettings(Method::GradientDescent);
    gd.learningRate = 0.1;
    gd.maxSteps = 150;
    m_session->addRun(gd);
    OptimizerSettings simplex = defaultSettings(Method::NelderMead);
    simplex.maxSteps = 150;
    m_session->addRun(simplex);
}

void TestRaceReportDialog::rowsFollowTheRuns()
{
    RaceReportDialog dialog(m_session.get());
    QTableWidget* table = dialog.table();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, RaceReportDialog::RunColumn)->text(),
             QStringLiteral("1. Gradient descent, lr 0.1"));
    QCOMPARE(table->item(1, RaceReportDialog::RunColumn)->text(),
             QStringLiteral("2. Nelder–Mead, simplex 5 %"));
    // The numbers are the core's rows.
    const std::vector<RaceReportRow> rows = raceReport(*m_session, dialog.tolerance());
    for (int r = 0; r < 2; ++r) {
        const RaceReportRow& row = rows[std::size_t(r)];
        QCOMPARE(table->item(r, RaceReportDialog::StepsColumn)->text(), QString::number(row.steps));
        QCOMPARE(table->item(r, RaceReportDialog::CostColumn)->text(), QString::number(row.cost));
        QCOMPARE(table->item(r, RaceReportDialog::FunctionEvaluationsColumn)->text(),
                 QString::number(row.evaluations.function));
    }
    // Nelder–Mead evaluated no gradient.
    QCOMPARE(table->item(1, RaceReportDialog::GradientEvaluationsColumn)->text(),
             QStringLiteral("0"));
    // A run added while open appears.
    m_session->addRun(defaultSettings(Method::Adam));
    QCOMPARE(table->rowCount(), 3);
    m_session->removeRun(1);
    QCOMPARE(table->rowCount(), 2);
}

void TestRaceReportDialog::toleranceChangesTheReachedColumns()
{
    RaceReportDialog dialog(m_session.get());
    dialog.setTolerance(1e-2);
    const QString loose = dialog.table()->item(0, RaceReportDialog::StepsToToleranceColumn)->text();
    dialog.setTolerance(1e-8);
    const QString tight = dialog.table()->item(0, RaceReportDialog::StepsToToleranceColumn)->text();
    // GD with lr 0.1 on x² + 3y²: ‖∇f‖ shrinks by 0.8 a step along x, 0.4 along y.
    QVERIFY(loose.toInt() > 0);
    QVERIFY(tight.toInt() > loose.toInt());
    dialog.setTolerance(1e-12);
    // 150 steps of 0.8: ‖∇f‖ ≈ 4 · 0.8^150 ≈ 1.2e-14 — reached; a tolerance beyond doubles is not.
    QVERIFY(dialog.table()->item(0, RaceReportDialog::StepsToToleranceColumn)->text().toInt() > 0);
}

void TestRaceReportDialog::exportIsTheCoreCsv()
{
    RaceReportDialog dialog(m_session.get());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("race.csv"));
    QString error;
    QVERIFY2(dialog.exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const std::string expected =
        raceReportCsv(raceReport(*m_session, dialog.tolerance()), dialog.tolerance());
    QCOMPARE(file.readAll(), QByteArray::fromStdString(expected));
}

void TestRaceReportDialog::failedExportSaysWhy()
{
    // A folder that cannot exist (its parent is a file): refused even for root, with the reason.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plain.txt"));
    {
        QFile plain(file);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("not a folder\n");
    }
    QString error;
    QVERIFY(!writeRaceReport(*m_session, 1e-6, file + QStringLiteral("/race.csv"), &error));
    QVERIFY(!error.isEmpty());
    QFile plain(file);
    QVERIFY(plain.open(QIODevice::ReadOnly));
    QCOMPARE(plain.readAll(), QByteArray("not a folder\n"));
}

QTEST_MAIN(TestRaceReportDialog)
#include "tst_racereportdialog.moc"
