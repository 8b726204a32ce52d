// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "contourview/heatmapscale.h"
#include "derivativeslab/labplot.h"
#include "evaluation/grid.h"

#include <Eigen/Core>

namespace gradlab {

class FitSession;

/// \brief The loss over the model's two parameters: heat map and contour lines of the full-data
/// loss, the path of the run, the current parameters with the descent directions of the full
/// loss (white) and of the current mini-batch (orange), and the spread of mini-batch gradients
/// there (the 1σ ellipse of their covariance around the full gradient's arrow tip). Pressing or
/// dragging moves the start, which resets the run there.
class LandscapePlot : public LabPlot
{
    Q_OBJECT

public:
    explicit LandscapePlot(FitSession* session, QWidget* parent = nullptr);

    /// Pixels per unit of the arrows: both arrows and the ellipse share it.
    double arrowScale() const { return m_arrowScale; }
    bool showsSpread() const { return m_spread->visible(); }
    /// The ellipse as drawn (for tests), in parameter coordinates.
    QVector<QPointF> spreadPoints() const;
    /// True when the colours follow log₁₀ of the loss.
    bool isLogarithmic() const { return m_scale.isLogarithmic(); }
    /// The number of contour levels drawn.
    int contourLevelCount() const { return m_levelCount; }

private:
    void rebuildLandscape();
    void rebuildRun();
    void pressOrDrag(QMouseEvent* event);

    FitSession* m_session;
    QCPColorMap* m_heatMap = nullptr;
    QCPColorScale* m_colorScale = nullptr;
    QCPCurve* m_contours = nullptr;
    QCPCurve* m_path = nullptr;
    QCPCurve* m_spread = nullptr;
    QCPItemLine* m_fullArrow = nullptr;
    QCPItemLine* m_batchArrow = nullptr;
    QCPGraph* m_point = nullptr;
    QCPGraph* m_startMarker = nullptr;
    HeatMapScale m_scale;
    double m_arrowScale = 1.0;
    int m_levelCount = 0;
};

} // namespace gradlab
