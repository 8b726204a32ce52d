// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "charts/racereportdialog.h"

#include "charts/runlabel.h"
#include "session.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>
#include <array>
#include <cmath>

namespace gradlab {

namespace {

// The tolerances offered for ‖∇f‖, loosest first.
constexpr std::array<double, 7> kTolerances{1e-2, 1e-3, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12};

QString number(double value)
{
    return std::isfinite(value) ? QString::number(value, 'g', 6)
                                : RaceReportDialog::tr("undefined");
}

QString stopText(StopReason reason)
{
    switch (reason) {
    case StopReason::Running:
        return RaceReportDialog::tr("running");
    case StopReason::MaxSteps:
        return RaceReportDialog::tr("step limit");
    case StopReason::Converged:
        return RaceReportDialog::tr("converged");
    case StopReason::Diverged:
        return RaceReportDialog::tr("diverged");
    }
    return {};
}

} // namespace

std::vector<RaceReportRow> raceReport(const Session& session, double tolerance)
{
    std::vector<RaceReportRow> rows;
    int number = 0;
    for (const RunEntry& entry : session.runs()) {
        // Computing the rest of a run changes nothing shown: views draw up to the step reached.
        entry.run->runToEnd();
        rows.push_back(raceReportRow(++number, entry.settings, entry.run->stopReason(),
                                     entry.run->records(), tolerance));
    }
    return rows;
}

bool writeRaceReport(const Session& session, double tolerance, const QString& path, QString* error)
{
    const std::string csv = raceReportCsv(raceReport(session, tolerance), tolerance);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(csv.data(), static_cast<qint64>(csv.size())) !=
            static_cast<qint64>(csv.size()) ||
        !file.commit()) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}

RaceReportDialog::RaceReportDialog(Session* session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Race report"));
    auto* layout = new QVBoxLayout(this);

    auto* toleranceRow = new QHBoxLayout;
    auto* caption = new QLabel(tr("Reached when ‖∇f‖ ≤"), this);
    m_tolerance = new QComboBox(this);
    for (const double tolerance : kTolerances) {
        m_tolerance->addItem(QString::number(tolerance, 'g', 3), tolerance);
    }
    m_tolerance->setCurrentIndex(m_tolerance->findData(kDefaultRaceTolerance));
    caption->setBuddy(m_tolerance);
    toleranceRow->addWidget(caption);
    toleranceRow->addWidget(m_tolerance);
    toleranceRow->addStretch(1);
    layout->addLayout(toleranceRow);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Run"), tr("Stopped"), tr("Steps"), tr("f"), tr("‖∇f‖"),
                                        tr("f evals"), tr("∇f evals"), tr("H evals"), tr("Cost"),
                                        tr("Steps to tol"), tr("Cost to tol")});
    m_table->horizontalHeaderItem(CostColumn)
        ->setToolTip(tr("Gradient evaluations, a Hessian counting as one more; for Nelder–Mead, "
                        "which uses no gradient, function evaluations. A fair race gives every "
                        "run the same cost."));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    layout->addWidget(m_note);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* exportButton = buttons->addButton(tr("Export CSV…"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, &RaceReportDialog::askExport);
    connect(m_tolerance, &QComboBox::currentIndexChanged, this, &RaceReportDialog::refresh);
    connect(m_session, &Session::runsChanged, this, &RaceReportDialog::refresh);
    connect(m_session, &Session::functionChanged, this, &RaceReportDialog::refresh);
    connect(m_session, &Session::startPointChanged, this, &RaceReportDialog::refresh);
    resize(860, 320);
    refresh();
}

double RaceReportDialog::tolerance() const
{
    return m_tolerance->currentData().toDouble();
}

void RaceReportDialog::setTolerance(double tolerance)
{
    int index = m_tolerance->findData(tolerance);
    if (index < 0) {
        m_tolerance->addItem(QString::number(tolerance, 'g', 3), tolerance);
        index = m_tolerance->count() - 1;
    }
    m_tolerance->setCurrentIndex(index);
}

bool RaceReportDialog::exportCsv(const QString& path, QString* error) const
{
    return writeRaceReport(*m_session, tolerance(), path, error);
}

void RaceReportDialog::refresh()
{
    const std::vector<RaceReportRow> rows = raceReport(*m_session, tolerance());
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const RaceReportRow& row = rows[static_cast<std::size_t>(r)];
        const auto set = [this, r](int column, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            if (column != RunColumn && column != StopColumn) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            m_table->setItem(r, column, item);
        };
        set(RunColumn, tr("%1. %2").arg(row.run).arg(runLabel(row.settings)));
        if (r < static_cast<int>(m_session->runs().size())) {
            QPixmap swatch(12, 12);
            swatch.fill(m_session->runs()[static_cast<std::size_t>(r)].color);
            m_table->item(r, RunColumn)->setIcon(QIcon(swatch));
        }
        set(StopColumn, stopText(row.stop));
        set(StepsColumn, QString::number(row.steps));
        set(ValueColumn, number(row.finalValue));
        set(GradientColumn, number(row.finalGradientNorm));
        set(FunctionEvaluationsColumn, QString::number(row.evaluations.function));
        set(GradientEvaluationsColumn, QString::number(row.evaluations.gradient));
        set(HessianEvaluationsColumn, QString::number(row.evaluations.hessian));
        set(CostColumn, QString::number(row.cost));
        set(StepsToToleranceColumn,
            row.stepsToTolerance ? QString::number(*row.stepsToTolerance) : tr("—"));
        set(CostToToleranceColumn,
            row.costToTolerance ? QString::number(*row.costToTolerance) : tr("—"));
    }
    m_note->setText(rows.empty() ? tr("No runs yet: add one in the Descent panel.")
                                 : tr("Every run computed to its end. “—”: ‖∇f‖ never came down "
                                      "to the tolerance."));
}

void RaceReportDialog::askExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export race report"), QStringLiteral("race.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!exportCsv(path, &error)) {
        QMessageBox::warning(this, tr("Export race report"),
                             tr("Could not write %1: %2").arg(path, error));
    }
}

} // namespace gradlab
