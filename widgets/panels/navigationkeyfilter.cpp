// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/navigationkeyfilter.h"

#include <QEvent>
#include <QKeyEvent>
#include <QWidget>

namespace gradlab {

NavigationKeyFilter::NavigationKeyFilter(QObject* parent)
    : QObject(parent)
{}

void NavigationKeyFilter::install(QWidget* widget)
{
    widget->installEventFilter(new NavigationKeyFilter(widget));
}

bool NavigationKeyFilter::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Left:
        case Qt::Key_Right:
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_Home:
        case Qt::Key_End:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
                // Accepting the override delivers the key as an ordinary key press instead.
                event->accept();
                return true;
            }
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace gradlab
