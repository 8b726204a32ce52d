// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "messages/messagebar.h"

namespace gradlab {

class Session;

/// \brief Says in full why each shown run diverged (the curvature bound lr < 2/λmax and what to
/// try), above the map, while the session's step is at or past the divergence. Closing it hides
/// the explanations shown at the time; a new divergence brings it back.
class DivergenceBar : public MessageBar
{
    Q_OBJECT

public:
    explicit DivergenceBar(Session* session, QWidget* parent = nullptr);

    /// The explanations of the runs that diverged at or before the current step, one a
    /// paragraph (empty when there are none).
    QString explanations() const;

private:
    void update();

    Session* m_session;
    QString m_dismissed;
};

} // namespace gradlab
