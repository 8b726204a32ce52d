// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace gradlab {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_label, 1);
    m_buttons = new QHBoxLayout;
    layout->addLayout(m_buttons);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this message"));
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT dismissed();
    });
    hide();
}

void MessageBar::showMessage(const QString& text, Kind kind)
{
    m_kind = kind;
    // Pale backgrounds that keep the palette's text readable: amber for a warning, blue for a note.
    setStyleSheet(kind == Kind::Warning
                      ? QStringLiteral("QFrame#messageBar { background: #fff1dc; border: 1px solid "
                                       "#d9822b; } QLabel { color: #5c2b00; }")
                      : QStringLiteral("QFrame#messageBar { background: #e8f1fb; border: 1px solid "
                                       "#5b8fc7; } QLabel { color: #0f2d4d; }"));
    m_label->setText(text);
    show();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_label->text();
}

QPushButton* MessageBar::addButton(const QString& label, int id)
{
    auto* button = new QPushButton(label, this);
    m_buttons->addWidget(button, 0, Qt::AlignTop);
    connect(button, &QPushButton::clicked, this, [this, id] {
        hide();
        Q_EMIT buttonClicked(id);
    });
    return button;
}

void MessageBar::clearButtons()
{
    while (QLayoutItem* item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

} // namespace gradlab
