// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "analysis/definedpatches.h"
#include "contourview/heatmapscale.h"

#include <Eigen/Core>
#include <QFont>
#include <QImage>
#include <QMap>
#include <QPointer>
#include <QTimer>
#include <QVector3D>
#include <QVector>
#include <QWidget>
#include <optional>
#include <vector>

class Q3DSurface;
class QSurface3DSeries;
class QCustom3DItem;
class QLabel;
class QToolButton;

namespace gradlab {

class Session;
struct RunEntry;

/// \brief The 3-D landscape of f with the runs and the probe on it, linked with the contour view
/// through the session. The only class that knows Qt Data Visualization, which Qt deprecates from
/// 6.10 on: replacing the backend touches this class alone.
class SurfaceView : public QWidget
{
    Q_OBJECT

public:
    enum class CameraPreset { Top, Front, Iso };

    explicit SurfaceView(Session* session, QWidget* parent = nullptr);
    ~SurfaceView() override;

    /// True when an OpenGL context can be made here. Q3DSurface crashes without one (for example
    /// under QT_QPA_PLATFORM=offscreen), so the view checks before creating it.
    static bool isOpenGLAvailable();
    /// False when the view shows its fallback message instead of the surface.
    bool isAvailable() const { return m_graph != nullptr; }
    QString fallbackMessage() const;

    /// The scene as an image (Q3DSurface::renderToImage: QWidget::grab does not capture it).
    QImage renderToImage(const QSize& size);
    void setCameraPreset(CameraPreset preset);
    /// The preset the camera is at; none once the user has turned the view by hand.
    std::optional<CameraPreset> cameraPreset() const;
    /// The view's Top / Front / Iso buttons.
    const QList<QToolButton*>& cameraButtons() const { return m_cameraButtons; }

    /// Samples per side of the mesh when idle, and while the function or domain keep changing.
    int fineResolution() const { return m_fineResolution; }
    int coarseResolution() const { return m_coarseResolution; }
    void setFineResolution(int samples);
    /// On (default): changes in quick succession get the coarse mesh, the fine one follows when
    /// they pause. Off: always the fine mesh (the benchmark's function change).
    void setAdaptiveResolution(bool adaptive) { m_adaptiveResolution = adaptive; }
    /// Computes an expensive mesh (Session::isGridExpensive) before drawing instead of in the
    /// background: for pictures drawn off-screen (`gradlab render`, animation frames).
    void setDrawsAtOnce(bool atOnce);
    /// Whether the mesh of the current function is being computed in the background (the one
    /// shown is coarser or older).
    bool isComputingMesh() const { return m_pendingMeshSamples != 0; }

    // For tests: what the view holds now.
    int meshColumns() const;
    int meshRows() const;
    /// The surface's colours, one pixel per mesh sample (row 0 at y = yMax), and their scale.
    QImage surfaceTexture() const { return m_texture; }
    /// The rectangles of defined cells the mesh is drawn as, one surface each (one, the whole
    /// grid, unless f is undefined somewhere).
    const std::vector<SamplePatch>& meshPatches() const { return m_meshPatches; }
    const HeatMapScale& colorScale() const { return m_colorScale; }
    /// How many times the function's mesh has been rebuilt.
    int meshRebuildCount() const { return m_meshRebuilds; }
    /// The markers of a run's path in data space (x, f, y) — one per step up to the current one.
    QVector<QVector3D> pathMarkers(int runId) const;
    /// The current point's marker of a run in data space (x, f, y); NaN vector if none.
    QVector3D currentMarker(int runId) const;
    QVector3D probeMarker() const;
    /// Every series the graph draws (the surface, the overlays, the runs' ribbons).
    QList<QSurface3DSeries*> seriesForTest() const;
    /// Run \a runId's −∇f arrow at its current point (nullptr if the run has none).
    QCustom3DItem* descentArrowForTest(int runId) const
    {
        const auto it = m_runItems.constFind(runId);
        return it == m_runItems.constEnd() ? nullptr : it->descent;
    }
    /// How far markers sit above the surface, in units of f (so they are not hidden in it).
    double lift() const { return m_lift; }
    /// The font of the axis labels and titles in the scene: the view's font scaled by
    /// kLabelScale (a label texture is drawn at that size, then shrunk into the scene).
    QFont labelFont() const;
    static constexpr double kLabelScale = 28.0 / 9.0;

protected:
    void changeEvent(QEvent* event) override;

public Q_SLOTS:
    void showTop() { setCameraPreset(CameraPreset::Top); }
    void showFront() { setCameraPreset(CameraPreset::Front); }
    void showIso() { setCameraPreset(CameraPreset::Iso); }

private:
    struct RunItems
    {
        /// One ribbon per part of the path inside the box (a path may leave it and come back).
        QVector<QSurface3DSeries*> ribbons;
        QVector<QCustom3DItem*> markers;
        QCustom3DItem* current = nullptr;
        QCustom3DItem* descent = nullptr; ///< −∇f at the current point
    };

    void applyLabelFont();
    void functionChanged();
    void rebuildMesh(int samples);
    void buildMesh(int samples);
    void onGridReady(int columns, int rows);
    void rebuildRuns();
    void updateRunsToStep();
    void updateProbe();
    void updateVerticalRange();
    QVector3D toScene(double x, double y, double f) const;
    double heightAt(double x, double y) const;
    double drawableHeight(double f) const;
    QCustom3DItem* makeItem(const QString& mesh, const QColor& color, float scale);
    void setRibbon(QSurface3DSeries* series, const std::vector<Eigen::Vector2d>& points,
                   double halfWidth);
    void setRunPath(RunItems& items, const RunEntry& entry, int last, double halfWidth);
    QSurface3DSeries* takeRibbon(const QColor& color);
    void releaseRibbon(QSurface3DSeries* series);
    void placeMarker(QCustom3DItem* item, double x, double y, double f, bool visible);
    void orientArrow(QCustom3DItem* arrow, const QVector3D& from, const QVector3D& direction,
                     float length);
    QSurface3DSeries* addMeshPatch();
    void startPointSelected(QSurface3DSeries* series, const QPoint& position);

    Session* m_session;
    Q3DSurface* m_graph = nullptr;
    QLabel* m_fallback = nullptr;
    QList<QToolButton*> m_cameraButtons;
    QSurface3DSeries* m_surface = nullptr; ///< the first of m_patchSeries
    /// One surface per rectangle of defined cells; those not needed now are empty and hidden.
    QVector<QSurface3DSeries*> m_patchSeries;
    std::vector<SamplePatch> m_meshPatches;
    QImage m_texture;
    int m_meshColumns = 0;
    int m_meshRows = 0;
    QSurface3DSeries* m_tangentPlane = nullptr;
    QSurface3DSeries* m_sliceX = nullptr;
    QSurface3DSeries* m_sliceY = nullptr;
    QCustom3DItem* m_probe = nullptr;
    QMap<int, RunItems> m_runItems;
    /// Ribbons not in use, kept (empty, hidden) in the graph: series are reused, never deleted
    /// while the renderer may still hold them.
    QVector<QSurface3DSeries*> m_freeRibbons;
    HeatMapScale m_colorScale; ///< the heat map's scale of f, which colours the surface

    int m_fineResolution = 128;
    int m_coarseResolution = 48;
    int m_meshRebuilds = 0;
    int m_meshSamples = 0;
    int m_pendingMeshSamples = 0; ///< the mesh size asked of Session::requestGrid (0: none)
    bool m_drawsAtOnce = false;
    double m_fMin = 0;
    double m_fMax = 1;
    double m_lift = 0;
    qint64 m_lastChange = 0;
    bool m_adaptiveResolution = true;
    QTimer m_refine;
};

} // namespace gradlab
