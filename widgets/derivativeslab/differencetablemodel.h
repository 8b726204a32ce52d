// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "functionofx.h"

#include <QAbstractTableModel>
#include <array>

namespace gradlab {

/// \brief The forward difference quotients (f(x+h) − f(x))/h for h = 1, 0.1, …, 1e-12 and their
/// error |quotient − f′(x)|: the error shrinks with h until round-off in f(x+h) − f(x) takes over.
class DifferenceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Step = 0, Quotient = 1, Error = 2 };
    /// The raw double behind a cell (DisplayRole is formatted text).
    static constexpr int kValueRole = Qt::UserRole + 1;
    /// h = 10⁰ … 10⁻¹²: thirteen rows.
    static constexpr std::array<double, 13> kSteps{1.0,  1e-1, 1e-2, 1e-3,  1e-4,  1e-5, 1e-6,
                                                   1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12};

    explicit DifferenceTableModel(QObject* parent = nullptr);

    /// Recomputes every row for \a function at \a x.
    void compute(const FunctionOfX& function, double x);

    double step(int row) const { return kSteps.at(static_cast<std::size_t>(row)); }
    double quotient(int row) const { return m_quotients.at(static_cast<std::size_t>(row)); }
    double error(int row) const { return m_errors.at(static_cast<std::size_t>(row)); }
    /// f′(x) from the engine, which the errors are measured against.
    double exactDerivative() const { return m_exact; }
    /// The row with the smallest error (the first of equals); −1 if no error is finite.
    int bestRow() const;
    /// True when some smaller h than the best row's has a larger error: round-off is visible.
    bool showsRoundOff() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::array<double, kSteps.size()> m_quotients{};
    std::array<double, kSteps.size()> m_errors{};
    double m_exact = 0.0;
};

} // namespace gradlab
