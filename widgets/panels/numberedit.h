// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLineEdit>

namespace gradlab {

/// \brief A line edit for one real number in plain or scientific notation (1e-6), within a range;
/// unlike QDoubleSpinBox it keeps every significant digit of small values.
class NumberEdit : public QLineEdit
{
    Q_OBJECT

public:
    /// Which values are accepted: any real, only those ≥ 0, or only those > 0.
    enum class Sign { Any, NonNegative, Positive };

    explicit NumberEdit(Sign sign = Sign::Any, QWidget* parent = nullptr);

    double value() const { return m_value; }
    /// Shows \a value without emitting valueEdited; ignored if outside the accepted range.
    void setValue(double value);
    bool accepts(double value) const;

Q_SIGNALS:
    /// The user committed a new accepted value (Return or focus out).
    void valueEdited(double value);

private:
    void commit();

    Sign m_sign = Sign::Any;
    double m_value = 0.0;
};

} // namespace gradlab
