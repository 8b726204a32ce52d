// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace gradlab {

class Session;
struct RunEntry;

/// \brief The runs of the race, one a row: visibility and colour swatch with the method, learning
/// rate, f at the current step, and a remove button. One row is selected; the panels follow it.
class RaceList : public QWidget
{
    Q_OBJECT

public:
    explicit RaceList(Session* session, QWidget* parent = nullptr);

    /// The id of the selected run; 0 when there is none.
    int selectedRunId() const { return m_selectedRunId; }
    void setSelectedRunId(int id);
    QTreeWidget* tree() const { return m_tree; }

Q_SIGNALS:
    void selectedRunChanged(int id);

private:
    void rebuild();
    void fillRow(QTreeWidgetItem* item, const RunEntry& entry);
    void refreshValues();
    QTreeWidgetItem* itemFor(int id) const;

    Session* m_session = nullptr;
    QTreeWidget* m_tree = nullptr;
    int m_selectedRunId = 0;
    bool m_rebuilding = false;
};

} // namespace gradlab
