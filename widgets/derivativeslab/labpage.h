// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace gradlab {

class LabPlot;

/// \brief A page of the Derivatives lab: its plot beside a side panel of text and controls.
class LabPage : public QWidget
{
    Q_OBJECT

public:
    LabPlot* plot() const { return m_plot; }
    /// The heading of the usual side panel; null on a page without one.
    QLabel* title() const { return m_title; }

protected:
    explicit LabPage(QWidget* parent = nullptr);

    /// Lays \a content (the plot, or a widget that holds it) out beside a side panel between
    /// \a minimumWidth and \a maximumWidth pixels wide at the application's font (wider in
    /// proportion to a larger font); returns the panel's layout to fill, top to bottom. The panel
    /// scrolls when the page is too short for it.
    QVBoxLayout* addSidePanel(QWidget* content, int minimumWidth, int maximumWidth);
    /// The usual side panel: beside the plot, opening with \a title and \a introduction.
    QVBoxLayout* addSidePanel(const QString& title, const QString& introduction,
                              int minimumWidth = 340, int maximumWidth = 420);
    /// Shows the plot's legend in its top left corner, in the plot's label font.
    void showLegend();
    /// On a font change (presenter mode), the side panel's width follows the font.
    void changeEvent(QEvent* event) override;

private:
    void sizeSidePanel();

    LabPlot* m_plot;
    QLabel* m_title = nullptr;
    QScrollArea* m_sideArea = nullptr;
    int m_sideMinimumWidth = 0;
    int m_sideMaximumWidth = 0;
};

} // namespace gradlab
