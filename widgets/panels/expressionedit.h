// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLineEdit>

namespace gradlab {

/// \brief A one-line expression editor that draws a red wavy underline under an error range.
class ExpressionEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit ExpressionEdit(QWidget* parent = nullptr);

    /// Underlines \a length characters from \a position (a zero length marks the gap at the
    /// position, as for an unexpected end).
    void setErrorRange(int position, int length);
    void clearError();
    bool hasError() const { return m_errorPosition >= 0; }
    int errorPosition() const { return m_errorPosition; }
    int errorLength() const { return m_errorLength; }
    /// The underline's horizontal extent in widget coordinates; empty without an error.
    QRect errorRect() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int xForIndex(int index) const;

    int m_errorPosition = -1;
    int m_errorLength = 0;
};

} // namespace gradlab
