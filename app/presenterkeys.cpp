// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "presenterkeys.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QWidget>

namespace gradlab {

PresenterKeys::PresenterKeys(QAction* stepForward, QAction* stepBackward, QAction* playPause,
                             QObject* parent)
    : QObject(parent)
    , m_stepForward(stepForward)
    , m_stepBackward(stepBackward)
    , m_playPause(playPause)
{}

bool PresenterKeys::eventFilter(QObject* watched, QEvent* event)
{
    // Key presses reach the focus widget first (a combo box or list takes the arrows) and are
    // announced before that as ShortcutOverride; both are taken here, once, at the window.
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride) {
        return QObject::eventFilter(watched, event);
    }
    if (!watched->isWidgetType() || watched != QApplication::focusWidget()) {
        // Each key event is offered to every object on its way: act on it once, for the focus.
        return QObject::eventFilter(watched, event);
    }
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() & ~Qt::KeypadModifier) {
        return QObject::eventFilter(watched, event);
    }
    QAction* target = nullptr;
    switch (key->key()) {
    case Qt::Key_Right:
        target = m_stepForward;
        break;
    case Qt::Key_Left:
        target = m_stepBackward;
        break;
    case Qt::Key_Space:
        // Space types a space in the function's editor; everywhere else it plays.
        target = qobject_cast<QLineEdit*>(watched) ? nullptr : m_playPause;
        break;
    case Qt::Key_Escape:
        if (event->type() == QEvent::KeyPress) {
            Q_EMIT leaveRequested();
        } else {
            key->accept(); // no shortcut: the press comes here as a KeyPress
        }
        return true;
    default:
        break;
    }
    if (!target) {
        return QObject::eventFilter(watched, event);
    }
    if (event->type() == QEvent::KeyPress) {
        target->trigger();
    } else {
        // Claimed: the window's own shortcut must not fire as well; the press comes here next.
        key->accept();
    }
    return true;
}

} // namespace gradlab
