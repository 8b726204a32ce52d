// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>
#include <span>

class QAction;
class QHBoxLayout;
class QLabel;
class QSlider;

namespace gradlab {

class Session;

/// \brief Playback of the race: buttons for the window's playback actions, a timeline over the
/// steps, the current step, and the speed in steps per second.
class PlaybackBar : public QWidget
{
    Q_OBJECT

public:
    explicit PlaybackBar(Session* session, QWidget* parent = nullptr);

    /// Shows a button for each action, in order, before the timeline. The actions stay owned by
    /// whoever created them (the main window creates all of its actions in one place).
    void setActions(std::span<QAction* const> actions);

    QSlider* timeline() const { return m_timeline; }
    QSlider* speedSlider() const { return m_speedSlider; }
    QLabel* stepLabel() const { return m_stepLabel; }

    /// The speeds the slider offers, in steps per second.
    static std::span<const double> speeds();
    /// The slider position whose speed is nearest to \a stepsPerSecond.
    static int positionOfSpeed(double stepsPerSecond);

private:
    void syncStep();
    void syncSpeed();

    Session* m_session = nullptr;
    QHBoxLayout* m_buttonLayout = nullptr;
    QSlider* m_timeline = nullptr;
    QLabel* m_stepLabel = nullptr;
    QSlider* m_speedSlider = nullptr;
    QLabel* m_speedLabel = nullptr;
};

} // namespace gradlab
