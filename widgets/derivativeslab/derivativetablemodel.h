// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QVector>

namespace gradlab {

/// \brief One row of the tutorial's table of derivatives (§11) and the function it loads.
struct DerivativeTableEntry
{
    QString function;   ///< as the tutorial writes it: "eᵏˣ"
    QString derivative; ///< "k·eᵏˣ"
    QString why;        ///< "chain rule"
    QString formula;    ///< the example loaded into the any-f(x) page, in the input grammar
    double x = 1.0;     ///< where the point starts on that page
};

/// \brief The tutorial's small table to memorize (constant, x, xⁿ, eˣ, eᵏˣ, ln x, sin, cos, σ,
/// tanh, ReLU); clicking a row loads its example into the any-f(x) page.
class DerivativeTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Function = 0, Derivative = 1, Why = 2 };
    /// The row's formula (the input text it loads).
    static constexpr int kFormulaRole = Qt::UserRole + 1;

    explicit DerivativeTableModel(QObject* parent = nullptr);

    const DerivativeTableEntry& entry(int row) const { return m_entries.at(row); }
    int entryCount() const { return static_cast<int>(m_entries.size()); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<DerivativeTableEntry> m_entries;
};

} // namespace gradlab
