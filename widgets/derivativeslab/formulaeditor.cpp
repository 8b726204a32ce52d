// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "formulaeditor.h"

#include "functionofx.h"
#include "labstyle.h"
#include "panels/expressionedit.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace gradlab {

FormulaEditor::FormulaEditor(const QString& formula, QWidget* parent)
    : QWidget(parent)
    , m_editor(new ExpressionEdit(this))
    , m_message(labstyle::paragraph(QString(), this))
    , m_parseTimer(new QTimer(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("f(x) ="), this));
    m_editor->setText(formula);
    m_editor->setPlaceholderText(tr("a function of x, e.g. x^3 - 2x"));
    m_editor->setToolTip(tr("Type any f(x): the page follows as you type"));
    row->addWidget(m_editor, 1);
    layout->addLayout(row);
    m_message->hide();
    layout->addWidget(m_message);

    m_parseTimer->setSingleShot(true);
    m_parseTimer->setInterval(kParseDelay);
    connect(m_parseTimer, &QTimer::timeout, this,
            [this] { Q_EMIT formulaTyped(m_editor->text()); });
    connect(m_editor, &QLineEdit::textEdited, m_parseTimer, qOverload<>(&QTimer::start));
    connect(m_editor, &QLineEdit::returnPressed, this, [this] {
        m_parseTimer->stop();
        Q_EMIT formulaTyped(m_editor->text());
    });
}

void FormulaEditor::showRejection(const FunctionInput& input, const QString& stillShown)
{
    m_editor->setErrorRange(input.position, input.length);
    m_message->setText(tr("<span style=\"color:#b4232d\">%1</span> Still showing f(x) = %2.")
                           .arg(input.message.toHtmlEscaped(), stillShown.toHtmlEscaped()));
    m_message->show();
}

void FormulaEditor::showAccepted()
{
    m_editor->clearError();
    m_message->hide();
}

} // namespace gradlab
