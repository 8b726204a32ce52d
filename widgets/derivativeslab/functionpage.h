// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "curvepage.h"

class QCPGraph;
class QCPItemStraightLine;
class QLabel;
class QModelIndex;
class QTableView;
class QTimer;

namespace gradlab {

class DerivativeTableModel;
class ExpressionEdit;
class FunctionModel;

/// \brief Any f(x): type a function, see f and f′ plotted together, the simplified symbolic f′
/// with its rule-by-rule derivation, and the tutorial's table of derivatives to load from.
class FunctionPage : public CurvePage
{
    Q_OBJECT

public:
    explicit FunctionPage(QWidget* parent = nullptr);

    FunctionModel* model() const { return m_model; }
    DerivativeTableModel* table() const { return m_table; }
    ExpressionEdit* editor() const { return m_editor; }
    QTableView* tableView() const { return m_tableView; }
    /// The line under the editor: the error in words, or what the plot shows.
    QLabel* status() const { return m_status; }
    /// The derivative found, above its rule-by-rule derivation.
    QLabel* result() const { return m_result; }

    /// Loads row \a row of the table of derivatives, as a click on it does.
    void loadTableRow(int row);

    /// Milliseconds between the last keystroke and parsing, as in the main window's editor.
    static constexpr int kParseDelay = 150;

protected:
    /// On a font change (presenter mode), the legend's names are cut to the new font.
    void changeEvent(QEvent* event) override;

private:
    void nameCurves();
    void commitText();
    void showRejection();
    void updateFunction();
    void updatePoint() override;

    FunctionModel* m_model;
    DerivativeTableModel* m_table;
    ExpressionEdit* m_editor = nullptr;
    QLabel* m_status = nullptr;
    QCPGraph* m_curve = nullptr;
    QCPGraph* m_derivative = nullptr;
    QCPGraph* m_kinks = nullptr;
    QCPGraph* m_kinkSlopes = nullptr;
    QCPGraph* m_point = nullptr;
    QCPItemStraightLine* m_tangent = nullptr;
    QLabel* m_result = nullptr;
    QLabel* m_steps = nullptr;
    QLabel* m_kinkNote = nullptr;
    QLabel* m_readout = nullptr;
    QTableView* m_tableView = nullptr;
    QTimer* m_parseTimer = nullptr;
};

} // namespace gradlab
