// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

namespace gradlab {

class Session;
struct RunEntry;
struct StepRecord;

/// \brief The steps of one run as a table: k, x, y, f, ∂f/∂x, ∂f/∂y, ‖∇f‖ and the length of the
/// step taken from there. Rows are every record the run has computed (x_0 … x_n: a run is
/// computed up to the furthest step the session has shown, so stepping back keeps the rows);
/// the row of the session's current step is highlighted.
///
/// Qt::DisplayRole: numbers with kDisplayDigits significant digits, "undefined" for NaN/inf.
/// Qt::EditRole and Qt::UserRole: the full double (k as int); the step length of the last row,
/// which has no next point, is an invalid QVariant.
class StepTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Step, X, Y, Value, PartialX, PartialY, GradientNorm, StepLength, Count };
    static constexpr int kDisplayDigits = 6;

    explicit StepTableModel(Session* session, QObject* parent = nullptr);

    Session* session() const { return m_session; }
    /// The run shown; 0 or an unknown id shows no rows.
    void setRunId(int id);
    int runId() const { return m_runId; }
    /// The row of the session's current step (the last row if the run stopped earlier); −1 when
    /// there are no rows. The main window scrolls its table there.
    int currentRow() const { return m_currentRow; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

Q_SIGNALS:
    void currentRowChanged(int row);

private:
    const RunEntry* entry() const;
    /// Full reset: another run, or the run was restarted, changed or removed.
    void resetRows();
    /// The run computed more steps or the current step moved: insert rows, refresh highlights.
    void syncRows();
    int computeCurrentRow() const;
    QVariant value(const StepRecord& record, int row, Column column) const;

    Session* m_session = nullptr;
    int m_runId = 0;
    int m_rowCount = 0;
    int m_currentRow = -1;
};

} // namespace gradlab
