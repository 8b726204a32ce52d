// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "charts/steptablemodel.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

using namespace gradlab;
using Column = StepTableModel::Column;

namespace {

OptimizerSettings settingsFor(const QString& method)
{
    return defaultSettings(*methodFromName(method.toStdString()));
}

QVariant cell(const StepTableModel& model, int row, Column column, int role)
{
    return model.data(model.index(row, static_cast<int>(column)), role);
}

} // namespace

class TestStepTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsMatchRecords_data();
    void rowsMatchRecords();
    void currentRowIsHighlighted();
    void rowsGrowWithSteps();
    void undefinedValuesSayUndefined();
    void unknownOrRemovedRunHasNoRows();
    void headers();
};

void TestStepTableModel::rowsMatchRecords_data()
{
    QTest::addColumn<QString>("method");
    for (const Method method : allMethods()) {
        const std::string_view name = methodName(method);
        QTest::newRow(std::string(name).c_str())
            << QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    }
}

void TestStepTableModel::rowsMatchRecords()
{
    QFETCH(QString, method);
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("(x - 1)^2 + 3*(y + 0.5)^2 + 0.4*x*y")));
    session.setStartPoint({-1.5, 1.5});
    StepTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int id = session.addRun(settingsFor(method));
    model.setRunId(id);
    for (int i = 0; i < 9; ++i) {
        session.stepForward();
    }
    const auto& records = session.runById(id)->run->records();
    // One row per step shown so far (the session computes one more, ahead, to draw the next step).
    QCOMPARE(model.rowCount(), session.currentStep() + 1);
    QVERIFY(records.size() >= static_cast<std::size_t>(model.rowCount()));
    for (int row = 0; row < model.rowCount(); ++row) {
        const StepRecord& record = records[static_cast<std::size_t>(row)];
        QCOMPARE(cell(model, row, Column::Step, Qt::EditRole).toInt(), record.index);
        const std::array<std::pair<Column, double>, 6> numbers{{
            {Column::X, record.point.x()},
            {Column::Y, record.point.y()},
            {Column::Value, record.f},
            {Column::PartialX, record.gradient.x()},
            {Column::PartialY, record.gradient.y()},
            {Column::GradientNorm, std::hypot(record.gradient.x(), record.gradient.y())},
        }};
        for (const auto& [column, expected] : numbers) {
            const double full = cell(model, row, column, Qt::EditRole).toDouble();
            if (column == Column::GradientNorm) {
                QVERIFY(std::abs(full - expected) <= 1e-15 * std::max(1.0, expected));
            } else {
                // The full double, bit for bit (QCOMPARE on doubles would be fuzzy).
                QVERIFY(full == expected || (std::isnan(full) && std::isnan(expected)));
            }
            QCOMPARE(cell(model, row, column, Qt::UserRole).toDouble(), full);
            QCOMPARE(cell(model, row, column, Qt::DisplayRole).toString(),
                     QString::number(full, 'g', StepTableModel::kDisplayDigits));
        }
        // ‖x_{k+1} − x_k‖, known while a next point exists (the last row shown has one: the
        // session computes a step ahead).
        const QVariant length = cell(model, row, Column::StepLength, Qt::EditRole);
        if (static_cast<std::size_t>(row) + 1 < records.size()) {
            const Eigen::Vector2d next = records[static_cast<std::size_t>(row) + 1].point;
            QVERIFY(length.toDouble() == (next - record.point).norm());
        } else {
            QVERIFY(!length.isValid());
            QVERIFY(cell(model, row, Column::StepLength, Qt::DisplayRole).toString().isEmpty());
        }
    }
}

void TestStepTableModel::currentRowIsHighlighted()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 4*y^2")));
    session.setStartPoint({1.5, 1.0});
    StepTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRunId(session.addRun(settingsFor(QStringLiteral("momentum"))));
    QSignalSpy moved(&model, &StepTableModel::currentRowChanged);
    session.setCurrentStep(6);
    session.stepBackward();
    session.stepBackward();
    QCOMPARE(model.currentRow(), session.currentStep());
    QCOMPARE(moved.count(), 3);
    QCOMPARE(moved.last().first().toInt(), session.currentStep());
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            const QVariant background = model.data(model.index(row, column), Qt::BackgroundRole);
            QCOMPARE(background.isValid(), row == session.currentStep());
        }
    }
    // Stepping back keeps the rows computed ahead.
    QCOMPARE(model.rowCount(), 7);
}

void TestStepTableModel::rowsGrowWithSteps()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 4*y^2")));
    session.setStartPoint({1.5, 1.0});
    StepTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRunId(session.addRun(settingsFor(QStringLiteral("adam"))));
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    session.stepForward();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    // Row 0 learnt its step length.
    QVERIFY(cell(model, 0, Column::StepLength, Qt::EditRole).isValid());
    QVERIFY(changed.count() >= 1);
    session.setCurrentStep(5);
    QCOMPARE(model.rowCount(), 6);
    // A restart (new start point) starts the table over.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    session.setStartPoint({-1.0, 0.5});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, Column::X, Qt::EditRole).toDouble(), -1.0);
}

void TestStepTableModel::undefinedValuesSayUndefined()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("log(x) + y^2")));
    session.setStartPoint({-1.0, 0.5}); // log of a negative: f is NaN at the start
    StepTableModel model(&session);
    model.setRunId(session.addRun(settingsFor(QStringLiteral("gd"))));
    QVERIFY(model.rowCount() >= 1);
    QVERIFY(std::isnan(cell(model, 0, Column::Value, Qt::EditRole).toDouble()));
    QCOMPARE(cell(model, 0, Column::Value, Qt::DisplayRole).toString(),
             QStringLiteral("undefined"));
    QCOMPARE(cell(model, 0, Column::X, Qt::DisplayRole).toString(), QStringLiteral("-1"));
}

void TestStepTableModel::unknownOrRemovedRunHasNoRows()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + y^2")));
    StepTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.currentRow(), -1);
    model.setRunId(999);
    QCOMPARE(model.rowCount(), 0);
    const int id = session.addRun(settingsFor(QStringLiteral("gd")));
    model.setRunId(id);
    session.setCurrentStep(3);
    QCOMPARE(model.rowCount(), 4);
    session.removeRun(id);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.currentRow(), -1);
}

void TestStepTableModel::headers()
{
    Session session;
    StepTableModel model(&session);
    QCOMPARE(model.columnCount(), static_cast<int>(Column::Count));
    const QStringList expected{QStringLiteral("k"),     QStringLiteral("x"),
                               QStringLiteral("y"),     QStringLiteral("f"),
                               QStringLiteral("∂f/∂x"), QStringLiteral("∂f/∂y"),
                               QStringLiteral("‖∇f‖"),  QStringLiteral("step length")};
    for (int column = 0; column < model.columnCount(); ++column) {
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), expected[column]);
    }
}

QTEST_MAIN(TestStepTableModel)
#include "tst_steptablemodel.moc"
