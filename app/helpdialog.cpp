// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "helpdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtGlobal>

namespace gradlab {

QString HelpDialog::syntaxReference()
{
    QFile file(QStringLiteral(":/help/README.md"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QString readme = QString::fromUtf8(file.readAll());
    const QString heading = QStringLiteral("## Function syntax");
    const qsizetype begin = readme.indexOf(heading);
    if (begin < 0) {
        return {};
    }
    qsizetype end = readme.indexOf(QStringLiteral("\n## "), begin + heading.size());
    if (end < 0) {
        end = readme.size();
    }
    return readme.mid(begin, end - begin).trimmed();
}

HelpDialog::HelpDialog(const QList<QAction*>& actions, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Gradient Lab help"));
    resize(760, 640);
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs, 1);

    m_syntax = new QTextBrowser(m_tabs);
    m_syntax->setOpenExternalLinks(false);
    m_syntax->setMarkdown(syntaxReference());
    m_tabs->addTab(m_syntax, tr("Function syntax"));

    m_shortcuts = new QTableWidget(0, 2, m_tabs);
    m_shortcuts->setHorizontalHeaderLabels({tr("Key"), tr("What it does")});
    m_shortcuts->verticalHeader()->hide();
    m_shortcuts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_shortcuts->setSelectionMode(QAbstractItemView::NoSelection);
    m_shortcuts->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_shortcuts->horizontalHeader()->setStretchLastSection(true);
    for (const QAction* action : actions) {
        if (action->shortcut().isEmpty()) {
            continue;
        }
        const int row = m_shortcuts->rowCount();
        m_shortcuts->insertRow(row);
        m_shortcuts->setItem(
            row, 0, new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        m_shortcuts->setItem(
            row, 1, new QTableWidgetItem(QStringLiteral("%1 — %2").arg(text, action->statusTip())));
    }
    const int row = m_shortcuts->rowCount();
    m_shortcuts->insertRow(row);
    m_shortcuts->setItem(row, 0, new QTableWidgetItem(tr("Esc")));
    m_shortcuts->setItem(row, 1, new QTableWidgetItem(tr("Leave presenter mode")));
    m_tabs->addTab(m_shortcuts, tr("Keyboard shortcuts"));

    m_about = new QTextBrowser(m_tabs);
    m_about->setOpenExternalLinks(true);
    m_about->setHtml(
        tr("<h2>Gradient Lab %1</h2>"
           "<p>Derivatives and gradient descent, made visible: any function f(x, y), its partial "
           "derivatives derived rule by rule, and descent methods you can race, step and "
           "rewind.</p>"
           "<p>Gradient Lab's own code is under the MIT licence. It is built on:</p>"
           "<ul>"
           "<li><b>Qt %2</b> (Widgets, Data Visualization, SVG, Print Support) — GNU LGPL "
           "version 3 (Data Visualization: GNU GPL version 3)</li>"
           "<li><b>QCustomPlot 2.1</b> — GNU GPL version 3</li>"
           "<li><b>Eigen 3.4</b> — Mozilla Public License 2.0</li>"
           "</ul>"
           "<p>Because QCustomPlot and Qt Data Visualization are GPL, the program as a whole "
           "is distributed under the GNU GPL version 3.</p>")
            .arg(QStringLiteral(GRADLAB_VERSION), QString::fromLatin1(qVersion())));
    m_tabs->addTab(m_about, tr("About"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void HelpDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(static_cast<int>(page));
}

HelpDialog::Page HelpDialog::currentPage() const
{
    return static_cast<Page>(m_tabs->currentIndex());
}

} // namespace gradlab
