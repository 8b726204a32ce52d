// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "plotfonts.h"

#include <QPointF>
#include <QPointer>
#include <QRectF>
#include <QVector>
#include <qcustomplot.h>
#include <vector>

namespace gradlab {

/// \brief A QCustomPlot styled for the Derivatives lab (light grid, readable fonts that follow the
/// widget's font, axes through zero drawn darker) that reports left-button presses and drags in
/// pixels, so each page can move its model's point under the mouse.
class LabPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit LabPlot(QWidget* parent = nullptr);

    /// Styles the axes of \a rect like the default one (the sigmoid page adds a second rect);
    /// on a LabPlot, their fonts follow the plot's font from then on.
    static void styleAxisRect(QCPAxisRect* rect);
    /// A graph on \a rect's axes drawn with \a pen.
    QCPGraph* addCurve(QCPAxisRect* rect, const QPen& pen);
    /// A graph that shows single points as discs of \a diameter pixels.
    QCPGraph* addMarker(QCPAxisRect* rect, const QColor& color, double diameter = 11.0,
                        bool filled = true);
    /// The font of the plot's labels, relative to the plot's font (11 pt beside the default 9).
    static constexpr PlotFontRole kLabelFont{11.0 / 9.0};

    /// A text label in plot coordinates of \a rect; its font follows the plot's font in \a role.
    /// At each replot it is kept inside \a rect and off the legend and the labels added before
    /// it: moved in from an edge it would cross, then below (or above) what it would cover.
    QCPItemText* addLabel(QCPAxisRect* rect, const QColor& color, Qt::Alignment alignment,
                          PlotFontRole role = kLabelFont);

    /// Sets \a graph's data, turning infinities into gaps (NaN) so poles do not draw wild lines.
    static void setCurveData(QCPGraph* graph, const QVector<double>& x, const QVector<double>& y);
    /// The plot coordinates of \a pixel on \a rect's axes, clamped to their visible ranges.
    static QPointF coordinatesAt(QCPAxisRect* rect, const QPointF& pixel);
    /// Distance in pixels between \a pixel and the point (x, y) of \a rect's axes.
    static double pixelDistance(QCPAxisRect* rect, const QPointF& pixel, double x, double y);
    /// The box \a label is drawn in (its text and padding, unrotated), in pixels, as
    /// QCPItemText::draw places it; empty where its position is not finite.
    static QRectF labelBox(const QCPItemText* label);

Q_SIGNALS:
    /// The left button went down at \a pixel (widget coordinates).
    void pressedAt(const QPointF& pixel);
    /// The mouse moved to \a pixel with the left button held.
    void draggedTo(const QPointF& pixel);
    /// The left button was released.
    void released();

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    /// On a font change (presenter mode), axes, legend and labels follow the plot's font.
    void changeEvent(QEvent* event) override;

private:
    void placeLabels();

    /// A label of addLabel, with the position its page gave it and the one it was moved to.
    struct PlacedLabel
    {
        QPointer<QCPItemText> label;
        QPointF wanted;
        QPointF shown;
        bool moved = false;
    };

    PlotFonts m_plotFonts{this};
    std::vector<PlacedLabel> m_labels;
    bool m_dragging = false;
};

} // namespace gradlab
