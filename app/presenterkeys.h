// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QAction;

namespace gradlab {

/// \brief In presenter mode, → and ← step and Space plays whatever has the focus (the preset
/// list, a slider, the function's editor), and Esc leaves presenter mode: a lecturer at the
/// front of the room must not have to click somewhere first. Installed on the application
/// while presenter mode is on.
class PresenterKeys : public QObject
{
    Q_OBJECT

public:
    PresenterKeys(QAction* stepForward, QAction* stepBackward, QAction* playPause,
                  QObject* parent = nullptr);

Q_SIGNALS:
    void leaveRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAction* m_stepForward;
    QAction* m_stepBackward;
    QAction* m_playPause;
};

} // namespace gradlab
