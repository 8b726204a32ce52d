// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>
#include <QString>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace gradlab {

/// \brief A strip above a view that says something whole: word-wrapped, as tall as its text
/// needs, with optional buttons and a close button. Used where a sentence must be read in full
/// (why a run diverged, an autosaved scene to restore) instead of a status bar that cuts it off
/// or a note on the map that the legend covers.
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Warning };

    explicit MessageBar(QWidget* parent = nullptr);

    /// Shows \a text (plain text; line breaks kept) and makes the bar visible.
    void showMessage(const QString& text, Kind kind = Kind::Information);
    QString text() const;
    Kind kind() const { return m_kind; }
    /// Adds a button that emits buttonClicked(\a id) and hides the bar when pressed.
    QPushButton* addButton(const QString& label, int id);
    void clearButtons();

Q_SIGNALS:
    void buttonClicked(int id);
    /// The close button was pressed.
    void dismissed();

private:
    QLabel* m_label = nullptr;
    QHBoxLayout* m_buttons = nullptr;
    QToolButton* m_close = nullptr;
    Kind m_kind = Kind::Information;
};

} // namespace gradlab
