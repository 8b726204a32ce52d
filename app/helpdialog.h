// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTabWidget;
class QTextBrowser;
class QTableWidget;

namespace gradlab {

/// \brief Help → Function syntax, Keyboard shortcuts and About: the README's syntax section (the
/// one reference, compiled into the program), every action with its key, and the version with
/// the licences of the libraries the program is built on.
class HelpDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Page { Syntax, Shortcuts, About };

    /// \a actions are listed on the shortcuts page, in order, with their keys.
    HelpDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);

    void showPage(Page page);
    Page currentPage() const;

    /// The "## Function syntax" section of the README (Markdown), up to the next "## " heading.
    static QString syntaxReference();
    QTextBrowser* syntaxBrowser() const { return m_syntax; }
    QTableWidget* shortcutTable() const { return m_shortcuts; }
    QTextBrowser* aboutBrowser() const { return m_about; }

private:
    QTabWidget* m_tabs = nullptr;
    QTextBrowser* m_syntax = nullptr;
    QTableWidget* m_shortcuts = nullptr;
    QTextBrowser* m_about = nullptr;
};

} // namespace gradlab
