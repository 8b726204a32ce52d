// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/racereport.h"

#include <QDialog>
#include <QString>
#include <vector>

class QComboBox;
class QLabel;
class QTableWidget;

namespace gradlab {

class Session;

/// The tolerance for ‖∇f‖ a race report uses unless told otherwise.
inline constexpr double kDefaultRaceTolerance = 1e-6;

/// The race report of every run of \a session, each computed to its end first (a race report
/// compares where the runs stop, whatever step is shown), numbered 1, 2, … in the race's order.
std::vector<RaceReportRow> raceReport(const Session& session, double tolerance);

/// Writes raceReportCsv(raceReport(session, tolerance)) to \a path atomically; false with the
/// reason in \a error when it cannot.
bool writeRaceReport(const Session& session, double tolerance, const QString& path,
                     QString* error = nullptr);

/// \brief The race report: for every run its final f and ‖∇f‖, steps, evaluations of f, ∇f and
/// the Hessian, and the steps and evaluations it took to reach ‖∇f‖ ≤ a tolerance the user
/// picks; exports as CSV. Follows the session while open.
class RaceReportDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column {
        RunColumn,
        StopColumn,
        StepsColumn,
        ValueColumn,
        GradientColumn,
        FunctionEvaluationsColumn,
        GradientEvaluationsColumn,
        HessianEvaluationsColumn,
        CostColumn,
        StepsToToleranceColumn,
        CostToToleranceColumn,
        ColumnCount
    };

    explicit RaceReportDialog(Session* session, QWidget* parent = nullptr);

    double tolerance() const;
    void setTolerance(double tolerance);
    QTableWidget* table() const { return m_table; }
    /// Writes the report as CSV to \a path; false with the reason in \a error.
    bool exportCsv(const QString& path, QString* error = nullptr) const;

private:
    void refresh();
    void askExport();

    Session* m_session = nullptr;
    QComboBox* m_tolerance = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace gradlab
