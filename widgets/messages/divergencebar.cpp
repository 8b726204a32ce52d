// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "divergencebar.h"

#include "charts/runlabel.h"
#include "session.h"

#include <QStringList>

namespace gradlab {

DivergenceBar::DivergenceBar(Session* session, QWidget* parent)
    : MessageBar(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("messageBar"));
    connect(m_session, &Session::runDiverged, this, &DivergenceBar::update);
    connect(m_session, &Session::currentStepChanged, this, &DivergenceBar::update);
    connect(m_session, &Session::runsChanged, this, &DivergenceBar::update);
    connect(this, &MessageBar::dismissed, this, [this] { m_dismissed = explanations(); });
    update();
}

QString DivergenceBar::explanations() const
{
    QStringList paragraphs;
    const int step = m_session->currentStep();
    for (const RunEntry& entry : m_session->runs()) {
        if (entry.visible && entry.run->stopReason() == StopReason::Diverged &&
            entry.hasStoppedAt(step)) {
            paragraphs << tr("Run %1 (%2) diverged: %3")
                              .arg(entry.id)
                              .arg(runLabel(entry.settings))
                              .arg(QString::fromStdString(entry.run->explanation()));
        }
    }
    return paragraphs.join(QStringLiteral("\n"));
}

void DivergenceBar::update()
{
    const QString text = explanations();
    if (text.isEmpty()) {
        m_dismissed.clear();
        hide();
        return;
    }
    if (text != m_dismissed) {
        showMessage(text, Kind::Warning);
    }
}

} // namespace gradlab
