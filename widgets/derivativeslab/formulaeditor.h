// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QTimer;

namespace gradlab {

class ExpressionEdit;
struct FunctionInput;

/// \brief "f(x) = [editor]" above a line for what is wrong with it: the function of a lab page,
/// typed. The text is handed on a moment after the last keystroke (at once on Return), as the
/// main window's editor does; the page says whether it took it.
class FormulaEditor : public QWidget
{
    Q_OBJECT

public:
    explicit FormulaEditor(const QString& formula, QWidget* parent = nullptr);

    ExpressionEdit* editor() const { return m_editor; }
    /// The line under the editor: why the text was rejected, or empty and hidden.
    QLabel* message() const { return m_message; }

    /// Milliseconds between the last keystroke and formulaTyped().
    static constexpr int kParseDelay = 150;

public Q_SLOTS:
    /// Marks the rejected part of the text and says why, and that \a stillShown is still plotted.
    void showRejection(const gradlab::FunctionInput& input, const QString& stillShown);
    /// Clears a shown rejection.
    void showAccepted();

Q_SIGNALS:
    /// The user typed \a text (and paused, or pressed Return).
    void formulaTyped(const QString& text);

private:
    ExpressionEdit* m_editor;
    QLabel* m_message;
    QTimer* m_parseTimer;
};

} // namespace gradlab
