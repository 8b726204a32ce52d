// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "steptablemodel.h"

#include "optimization/optimizer.h"
#include "session.h"

#include <QBrush>
#include <QColor>
#include <algorithm>
#include <cmath>

namespace gradlab {

namespace {

constexpr int kColumnCount = static_cast<int>(StepTableModel::Column::Count);

// Highlight of the current step's row: a light amber, readable with the default text colour.
const QColor kCurrentRowColor(255, 232, 150);

} // namespace

StepTableModel::StepTableModel(Session* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    connect(m_session, &Session::runsChanged, this, &StepTableModel::resetRows);
    connect(m_session, &Session::currentStepChanged, this, &StepTableModel::syncRows);
    connect(m_session, &Session::runDiverged, this, &StepTableModel::syncRows);
}

void StepTableModel::setRunId(int id)
{
    if (id == m_runId) {
        return;
    }
    m_runId = id;
    resetRows();
}

const RunEntry* StepTableModel::entry() const
{
    return m_runId == 0 ? nullptr : m_session->runById(m_runId);
}

int StepTableModel::computeCurrentRow() const
{
    const RunEntry* run = entry();
    if (!run || run->run->records().empty()) {
        return -1;
    }
    return run->indexAt(m_session->currentStep());
}

void StepTableModel::resetRows()
{
    beginResetModel();
    const RunEntry* run = entry();
    m_rowCount = run ? run->shownRecordCount() : 0;
    endResetModel();
    const int row = computeCurrentRow();
    if (row != m_currentRow) {
        m_currentRow = row;
        Q_EMIT currentRowChanged(m_currentRow);
    }
}

void StepTableModel::syncRows()
{
    const RunEntry* run = entry();
    const int count = run ? run->shownRecordCount() : 0;
    if (count < m_rowCount) {
        resetRows(); // records never shrink within a run; a smaller count is another run
        return;
    }
    if (count > m_rowCount) {
        const int previousLast = m_rowCount - 1;
        beginInsertRows(QModelIndex(), m_rowCount, count - 1);
        m_rowCount = count;
        endInsertRows();
        if (previousLast >= 0) {
            // The former last row now has a next point: its step length is known.
            const QModelIndex cell = index(previousLast, static_cast<int>(Column::StepLength));
            Q_EMIT dataChanged(cell, cell);
        }
    }
    const int row = computeCurrentRow();
    if (row == m_currentRow) {
        return;
    }
    const int previous = m_currentRow;
    m_currentRow = row;
    for (const int changed : {previous, row}) {
        if (changed >= 0 && changed < m_rowCount) {
            Q_EMIT dataChanged(index(changed, 0), index(changed, kColumnCount - 1),
                               {Qt::BackgroundRole});
        }
    }
    Q_EMIT currentRowChanged(m_currentRow);
}

int StepTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int StepTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant StepTableModel::value(const StepRecord& record, int row, Column column) const
{
    switch (column) {
    case Column::Step:
        return record.index;
    case Column::X:
        return record.point.x();
    case Column::Y:
        return record.point.y();
    case Column::Value:
        return record.f;
    case Column::PartialX:
        return record.gradient.x();
    case Column::PartialY:
        return record.gradient.y();
    case Column::GradientNorm:
        // ‖∇f‖ = √((∂f/∂x)² + (∂f/∂y)²)
        return record.gradient.norm();
    case Column::StepLength: {
        // ‖x_{k+1} − x_k‖, known once x_{k+1} is.
        const auto& records = entry()->run->records();
        const auto next = static_cast<std::size_t>(row) + 1;
        if (next >= records.size()) {
            return {};
        }
        return (records[next].point - record.point).norm();
    }
    case Column::Count:
        break;
    }
    return {};
}

QVariant StepTableModel::data(const QModelIndex& index, int role) const
{
    const RunEntry* run = entry();
    if (!index.isValid() || !run || index.row() >= m_rowCount ||
        static_cast<std::size_t>(index.row()) >= run->run->records().size()) {
        return {};
    }
    const StepRecord& record = run->run->records()[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole: {
        const QVariant number = value(record, index.row(), column);
        if (!number.isValid()) {
            return QString();
        }
        if (column == Column::Step) {
            return QString::number(number.toInt());
        }
        const double x = number.toDouble();
        return std::isfinite(x) ? QString::number(x, 'g', kDisplayDigits) : tr("undefined");
    }
    case Qt::EditRole:
    case Qt::UserRole:
        return value(record, index.row(), column);
    case Qt::BackgroundRole:
        return index.row() == m_currentRow ? QVariant(QBrush(kCurrentRowColor)) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return record.note.empty() ? QVariant() : QString::fromStdString(record.note);
    default:
        return {};
    }
}

QVariant StepTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        return {}; // the k column numbers the rows (from 0, as the steps)
    }
    if (role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (static_cast<Column>(section)) {
    case Column::Step:
        return tr("k");
    case Column::X:
        return tr("x");
    case Column::Y:
        return tr("y");
    case Column::Value:
        return tr("f");
    case Column::PartialX:
        return tr("∂f/∂x");
    case Column::PartialY:
        return tr("∂f/∂y");
    case Column::GradientNorm:
        return tr("‖∇f‖");
    case Column::StepLength:
        return tr("step length");
    case Column::Count:
        break;
    }
    return {};
}

Qt::ItemFlags StepTableModel::flags(const QModelIndex& index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

} // namespace gradlab
