// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "contourview/heatmapscale.h"

#include <Eigen/Core>
#include <QImage>
#include <QLinearGradient>
#include <QPoint>
#include <QStringList>
#include <QVector3D>
#include <QVector>
#include <QWidget>
#include <utility>
#include <vector>

class Q3DSurface;
class QCustom3DItem;
class QLabel;
class QSurface3DSeries;

namespace gradlab {

class FitSession;

/// \brief The loss over the model's two parameters as a 3-D surface (Qt Data Visualization),
/// with the run's path on it (a ribbon and one marker per step) and the current parameters,
/// following the session as the run steps and the data changes. Heights and colours are those of
/// the heat map: the loss, or log₁₀ of it where the heat map is logarithmic. Clicking the surface
/// moves the start there, as pressing in the heat map does.
class LandscapeSurface : public QWidget
{
    Q_OBJECT

public:
    explicit LandscapeSurface(FitSession* session, QWidget* parent = nullptr);
    ~LandscapeSurface() override;

    /// False when there is no OpenGL context (Q3DSurface would crash): the view shows
    /// fallbackMessage() instead.
    bool isAvailable() const { return m_graph != nullptr; }
    QString fallbackMessage() const;

    /// The scene as an image (Q3DSurface::renderToImage: QWidget::grab does not capture it),
    /// framed for the image's shape.
    QImage renderToImage(const QSize& size);

    /// The colours of the surface, low loss to high.
    static QLinearGradient surfaceGradient();

    /// True when heights are log₁₀ of the loss.
    bool isLogarithmic() const { return m_scale.isLogarithmic(); }
    /// The height the surface gives a loss value, clamped to the landscape's range; an undefined
    /// loss (no rows) lies on the floor.
    double heightOf(double loss) const;

    // For tests: what the view holds now, in data space (p₁, height, p₂).
    int meshColumns() const;
    int meshRows() const;
    QVector3D meshPoint(int column, int row) const;
    /// The markers of the run's path inside the box, one per step up to the current one (every
    /// k-th step of a long run, the current one always last), each lift() above the surface.
    QVector<QVector3D> pathMarkers() const;
    /// The current parameters' marker; NaN vector when it is hidden (outside the box).
    QVector3D currentMarker() const;
    /// How far markers and the ribbon sit above the surface, in height units.
    double lift() const { return m_lift; }
    /// Every series the graph draws: the loss surface first, then the path's ribbons.
    QList<QSurface3DSeries*> seriesForTest() const;
    /// The vertical range of the box (the surface, the ribbons and markers stay inside it).
    std::pair<float, float> heightRange() const;
    /// The tick labels of the vertical axis: losses, at round values.
    QStringList heightLabels() const;

public Q_SLOTS:
    /// Moves the start to the surface's grid point at \a position (row, column), what a click on
    /// the surface selects; an invalid position does nothing.
    void selectPoint(const QPoint& position);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildMesh();
    void rebuildRun();
    void setRibbon(QSurface3DSeries* series, const std::vector<Eigen::Vector2d>& points,
                   double halfWidth);
    QSurface3DSeries* ribbon(std::size_t index);
    QCustom3DItem* makeMarker(const QColor& color, float scale);
    void placeMarker(QCustom3DItem* item, const Eigen::Vector2d& parameters, double loss);
    double surfaceHeight(const Eigen::Vector2d& parameters) const;
    void applyLabelFont();
    /// Zooms the camera so that the box and its labels fit a view of \a size.
    void frame(const QSize& size);

    FitSession* m_session;
    Q3DSurface* m_graph = nullptr;
    QLabel* m_fallback = nullptr;
    QSurface3DSeries* m_surface = nullptr;
    /// The path's parts inside the box, one ribbon each; series are reused (emptied and hidden
    /// when not needed), never deleted while the renderer may hold them.
    QVector<QSurface3DSeries*> m_ribbons;
    /// One marker per shown step; the spares stay hidden in the graph.
    QVector<QCustom3DItem*> m_markers;
    QCustom3DItem* m_current = nullptr;
    HeatMapScale m_scale;
    double m_heightMin = 0;
    double m_heightMax = 1;
    double m_lift = 0;
};

} // namespace gradlab
