// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "derivativetablemodel.h"

namespace gradlab {

DerivativeTableModel::DerivativeTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    m_entries = {
        {tr("c (constant), e.g. 7"), tr("0"), tr("doesn't change"), QStringLiteral("7"), 1.0},
        {tr("x"), tr("1"), tr("slope of y = x is 1"), QStringLiteral("x"), 1.0},
        {tr("xⁿ, e.g. x³"), tr("n·xⁿ⁻¹"), tr("power rule"), QStringLiteral("x^3"), 1.0},
        {tr("eˣ"), tr("eˣ"), tr("self-similar"), QStringLiteral("exp(x)"), 1.0},
        {tr("eᵏˣ, e.g. e²ˣ"), tr("k·eᵏˣ"), tr("chain rule"), QStringLiteral("exp(2x)"), 0.5},
        {tr("ln(x)"), tr("1/x"), tr("inverse of eˣ"), QStringLiteral("ln(x)"), 1.0},
        {tr("sin(x)"), tr("cos(x)"), QString(), QStringLiteral("sin(x)"), 1.0},
        {tr("cos(x)"), tr("−sin(x)"), QString(), QStringLiteral("cos(x)"), 1.0},
        {tr("σ(x)"), tr("σ(x)(1 − σ(x))"), tr("see §10"), QStringLiteral("sigmoid(x)"), 1.0},
        {tr("tanh(x)"), tr("1 − tanh²(x)"), tr("same trick"), QStringLiteral("tanh(x)"), 1.0},
        {tr("max(0, x) (ReLU)"), tr("1 if x > 0, else 0"), tr("piecewise; relu′(0) = 0"),
         QStringLiteral("relu(x)"), 1.0},
    };
}

int DerivativeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : entryCount();
}

int DerivativeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 3;
}

QVariant DerivativeTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= entryCount()) {
        return {};
    }
    const DerivativeTableEntry& row = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Column>(index.column())) {
        case Column::Function:
            return row.function;
        case Column::Derivative:
            return row.derivative;
        case Column::Why:
            return row.why;
        }
        return {};
    case Qt::ToolTipRole:
        return tr("Click to plot f(x) = %1").arg(row.formula);
    case kFormulaRole:
        return row.formula;
    default:
        return {};
    }
}

QVariant DerivativeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (static_cast<Column>(section)) {
    case Column::Function:
        return tr("Function");
    case Column::Derivative:
        return tr("Derivative");
    case Column::Why:
        return tr("Why");
    }
    return {};
}

} // namespace gradlab
