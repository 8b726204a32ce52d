// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "differencetablemodel.h"

#include "differentiation/finitedifferences.h"
#include "labstyle.h"

#include <QBrush>
#include <QFont>
#include <cmath>

namespace gradlab {

DifferenceTableModel::DifferenceTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void DifferenceTableModel::compute(const FunctionOfX& function, double x)
{
    const auto f = [&function](double t) {
        return function.value(t);
    };
    m_exact = function.derivative(x);
    for (std::size_t row = 0; row < kSteps.size(); ++row) {
        // (f(x + h) − f(x)) / h in doubles, exactly as the tutorial writes it: no step
        // adjustment, so the round-off of tiny h shows.
        m_quotients[row] = forwardDifference(f, x, kSteps[row]);
        // error = |quotient − f′(x)|
        m_errors[row] = std::fabs(m_quotients[row] - m_exact);
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int DifferenceTableModel::bestRow() const
{
    int best = -1;
    for (int row = 0; row < rowCount(); ++row) {
        const double candidate = error(row);
        if (std::isfinite(candidate) && (best < 0 || candidate < error(best))) {
            best = row;
        }
    }
    return best;
}

bool DifferenceTableModel::showsRoundOff() const
{
    const int best = bestRow();
    if (best < 0) {
        return false;
    }
    for (int row = best + 1; row < rowCount(); ++row) {
        if (!(error(row) <= error(best))) {
            return true;
        }
    }
    return false;
}

int DifferenceTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(kSteps.size());
}

int DifferenceTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 3;
}

QVariant DifferenceTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const int row = index.row();
    const auto column = static_cast<Column>(index.column());
    const double value = column == Column::Step       ? step(row)
                         : column == Column::Quotient ? quotient(row)
                                                      : error(row);
    switch (role) {
    case kValueRole:
        return value;
    case Qt::DisplayRole:
        switch (column) {
        case Column::Step:
            return labstyle::significant(value, 3);
        case Column::Quotient:
            return labstyle::significant(value, 15);
        case Column::Error:
            return labstyle::significant(value, 3);
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        return row == bestRow() ? QVariant(QBrush(labstyle::kHighlight)) : QVariant();
    case Qt::FontRole:
        if (row == bestRow()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant DifferenceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (static_cast<Column>(section)) {
    case Column::Step:
        return tr("h");
    case Column::Quotient:
        return tr("(f(x+h) − f(x)) / h");
    case Column::Error:
        return tr("error");
    }
    return {};
}

} // namespace gradlab
