// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

namespace gradlab {

/// \brief Keeps the arrow, Home/End and Page keys with a focused slider or combo box, so that the
/// window's playback shortcuts (← → step backward and forward) do not steal them there. Line
/// edits and spin boxes already claim the keys they use.
class NavigationKeyFilter : public QObject
{
    Q_OBJECT

public:
    explicit NavigationKeyFilter(QObject* parent = nullptr);

    /// Installs a filter, owned by \a widget, on \a widget.
    static void install(QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace gradlab
