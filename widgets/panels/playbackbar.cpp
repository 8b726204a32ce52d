// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/playbackbar.h"

#include "panels/navigationkeyfilter.h"
#include "session.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <algorithm>
#include <array>
#include <cmath>

namespace gradlab {

namespace {

// Slow enough to talk over each step, fast enough to watch a thousand steps go by.
constexpr std::array<double, 14> speedList{0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 30, 45, 60, 120};

} // namespace

PlaybackBar::PlaybackBar(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    m_buttonLayout = new QHBoxLayout;
    m_buttonLayout->setSpacing(2);
    layout->addLayout(m_buttonLayout);

    m_timeline = new QSlider(Qt::Horizontal, this);
    m_timeline->setToolTip(tr("Drag through the steps of the race"));
    m_timeline->setPageStep(10);
    NavigationKeyFilter::install(m_timeline);
    layout->addWidget(m_timeline, 1);

    m_stepLabel = new QLabel(this);
    m_stepLabel->setMinimumWidth(
        m_stepLabel->fontMetrics().horizontalAdvance(tr("step 00000 / 00000")));
    m_stepLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_stepLabel);

    auto* speedCaption = new QLabel(tr("Speed"), this);
    layout->addSpacing(12);
    layout->addWidget(speedCaption);
    m_speedSlider = new QSlider(Qt::Horizontal, this);
    m_speedSlider->setRange(0, static_cast<int>(speedList.size()) - 1);
    m_speedSlider->setPageStep(2);
    m_speedSlider->setMaximumWidth(160);
    m_speedSlider->setToolTip(tr("Steps per second while playing"));
    NavigationKeyFilter::install(m_speedSlider);
    speedCaption->setBuddy(m_speedSlider);
    layout->addWidget(m_speedSlider);
    m_speedLabel = new QLabel(this);
    m_speedLabel->setMinimumWidth(m_speedLabel->fontMetrics().horizontalAdvance(tr("120 steps/s")));
    layout->addWidget(m_speedLabel);

    connect(m_timeline, &QSlider::valueChanged, m_session, &Session::setCurrentStep);
    connect(m_speedSlider, &QSlider::valueChanged, this, [this](int position) {
        m_session->setSpeed(speedList[static_cast<std::size_t>(position)]);
        syncSpeed();
    });
    connect(m_session, &Session::currentStepChanged, this, &PlaybackBar::syncStep);
    connect(m_session, &Session::runsChanged, this, &PlaybackBar::syncStep);
    connect(m_session, &Session::raceAlignmentChanged, this, &PlaybackBar::syncStep);
    syncStep();
    syncSpeed();
}

void PlaybackBar::setActions(std::span<QAction* const> actions)
{
    for (QAction* action : actions) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setIconSize(QSize(28, 28));
        m_buttonLayout->addWidget(button);
    }
}

std::span<const double> PlaybackBar::speeds()
{
    return speedList;
}

int PlaybackBar::positionOfSpeed(double stepsPerSecond)
{
    int best = 0;
    for (int i = 1; i < static_cast<int>(speedList.size()); ++i) {
        // nearest on a log scale: |log s_i − log s|
        if (std::abs(std::log(speedList[static_cast<std::size_t>(i)] / stepsPerSecond)) <
            std::abs(std::log(speedList[static_cast<std::size_t>(best)] / stepsPerSecond))) {
            best = i;
        }
    }
    return best;
}

void PlaybackBar::syncStep()
{
    const QSignalBlocker blocker(m_timeline);
    m_timeline->setRange(0, std::max(0, m_session->lastStep()));
    m_timeline->setValue(m_session->currentStep());
    m_timeline->setEnabled(!m_session->runs().empty());
    const bool byCost = m_session->raceAlignment() == RaceAlignment::Evaluations;
    m_stepLabel->setText((byCost ? tr("evaluation %1 / %2") : tr("step %1 / %2"))
                             .arg(m_session->currentStep())
                             .arg(m_session->lastStep()));
    m_timeline->setToolTip(byCost ? tr("Drag through the race by evaluations: every run has "
                                       "spent the same number of gradient evaluations")
                                  : tr("Drag through the steps of the race"));
}

void PlaybackBar::syncSpeed()
{
    const QSignalBlocker blocker(m_speedSlider);
    m_speedSlider->setValue(positionOfSpeed(m_session->speed()));
    m_speedLabel->setText(tr("%1 steps/s").arg(m_session->speed()));
}

} // namespace gradlab
