// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "surfaceview.h"

#include "analysis/clipping.h"
#include "analysis/definedpatches.h"
#include "colormap/colormap.h"
#include "plotfonts.h"
#include "session.h"
#include "surface/surfacepick.h"

#include <QDateTime>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QQuaternion>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtDataVisualization/Q3DCamera>
#include <QtDataVisualization/Q3DScene>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QCustom3DItem>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtDataVisualization/QValue3DAxis>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

namespace gradlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QString kSphere = QStringLiteral(":/gradlab/meshes/sphere.obj");
const QString kArrow = QStringLiteral(":/gradlab/meshes/arrow.obj");
const QColor kProbeColor(200, 30, 45);
const QColor kPlaneColor(230, 126, 34);
const QColor kSliceColor(0, 128, 128);
// The camera's zoom, in percent of Qt's default framing, at which the box, its tick labels and
// titles fit inside a 16:9 image from every preset.
constexpr float kFramingZoom = 68.0f;
/// The largest |f| the mesh shows; drawableHeight() keeps every height within 21 times that.
constexpr double kMaxHeight = 1e36;

QImage solidTexture(const QColor& color)
{
    QImage image(2, 2, QImage::Format_ARGB32);
    image.fill(color);
    return image;
}

/// At most this many surfaces make up the mesh of a function with undefined regions: a speckled
/// region would otherwise need thousands (the smallest patches are left out with it).
constexpr std::size_t kMaxMeshPatches = 256;

} // namespace

bool SurfaceView::isOpenGLAvailable()
{
    const QString platform = QGuiApplication::platformName();
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal")) {
        return false;
    }
    QOpenGLContext context;
    if (!context.create()) {
        return false;
    }
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!surface.isValid() || !context.makeCurrent(&surface)) {
        return false;
    }
    context.doneCurrent();
    return true;
}

SurfaceView::SurfaceView(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (!isOpenGLAvailable()) {
        m_fallback = new QLabel(fallbackMessage(), this);
        m_fallback->setAlignment(Qt::AlignCenter);
        m_fallback->setWordWrap(true);
        m_fallback->setMargin(24);
        m_fallback->setStyleSheet(
            QStringLiteral("QLabel { color: palette(mid); font-size: 13pt; }"));
        layout->addWidget(m_fallback);
        return;
    }

    m_graph = new Q3DSurface;
    // The camera presets, one click each (and T, F, I through the window's View menu).
    auto* cameraRow = new QHBoxLayout;
    cameraRow->setContentsMargins(4, 2, 4, 0);
    cameraRow->addWidget(new QLabel(tr("Camera:"), this));
    const std::array<std::pair<QString, CameraPreset>, 3> presets{
        {{tr("Top"), CameraPreset::Top},
         {tr("Front"), CameraPreset::Front},
         {tr("Iso"), CameraPreset::Iso}}};
    for (const auto& [label, preset] : presets) {
        auto* button = new QToolButton(this);
        button->setText(label);
        button->setAutoRaise(true);
        button->setObjectName(QStringLiteral("camera-") + label.toLower());
        connect(button, &QToolButton::clicked, this, [this, preset] { setCameraPreset(preset); });
        cameraRow->addWidget(button);
        m_cameraButtons.append(button);
    }
    cameraRow->addStretch(1);
    layout->addLayout(cameraRow);

    QWidget* container = QWidget::createWindowContainer(m_graph, this);
    container->setMinimumSize(240, 200);
    container->setFocusPolicy(Qt::StrongFocus);
    layout->addWidget(container, 1);

    m_graph->activeTheme()->setType(Q3DTheme::ThemeQt);
    m_graph->activeTheme()->setLabelBackgroundEnabled(false);
    applyLabelFont();
    m_graph->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
    m_graph->setSelectionMode(QAbstract3DGraph::SelectionItem);
    m_graph->axisX()->setTitle(QStringLiteral("x"));
    m_graph->axisY()->setTitle(QStringLiteral("f"));
    m_graph->axisZ()->setTitle(QStringLiteral("y"));
    for (QValue3DAxis* axis : {m_graph->axisX(), m_graph->axisY(), m_graph->axisZ()}) {
        axis->setTitleVisible(true);
        axis->setLabelFormat(QStringLiteral("%.3g"));
    }

    m_surface = addMeshPatch();

    auto overlaySeries = [this](const QColor& color, const QString& name) {
        auto* series = new QSurface3DSeries;
        series->setObjectName(name);
        series->setDrawMode(QSurface3DSeries::DrawSurface);
        series->setColorStyle(Q3DTheme::ColorStyleUniform);
        series->setBaseColor(color);
        series->setFlatShadingEnabled(true);
        series->setItemLabelVisible(false);
        m_graph->addSeries(series);
        return series;
    };
    m_tangentPlane = overlaySeries(kPlaneColor, QStringLiteral("tangent plane"));
    m_sliceX = overlaySeries(kSliceColor, QStringLiteral("slice along x"));
    m_sliceY = overlaySeries(kSliceColor, QStringLiteral("slice along y"));
    m_probe = makeItem(kSphere, kProbeColor, 0.045f);

    m_refine.setSingleShot(true);
    m_refine.setInterval(250);
    connect(&m_refine, &QTimer::timeout, this, [this] {
        rebuildMesh(m_fineResolution);
        rebuildRuns();
        updateProbe();
    });

    connect(m_session, &Session::functionChanged, this, &SurfaceView::functionChanged);
    connect(m_session, &Session::gridReady, this, &SurfaceView::onGridReady);
    connect(m_session, &Session::runsChanged, this, &SurfaceView::rebuildRuns);
    connect(m_session, &Session::currentStepChanged, this, &SurfaceView::updateRunsToStep);
    connect(m_session, &Session::probeChanged, this, &SurfaceView::updateProbe);

    rebuildMesh(m_fineResolution);
    rebuildRuns();
    updateProbe();
    setCameraPreset(CameraPreset::Iso);
}

SurfaceView::~SurfaceView() = default;

QFont SurfaceView::labelFont() const
{
    return m_graph ? m_graph->activeTheme()->font() : QFont();
}

void SurfaceView::applyLabelFont()
{
    // derived from the view's current font, never from the previous label font, so that
    // presenter mode's larger font grows the labels and the normal font gives them back exactly
    m_graph->activeTheme()->setFont(PlotFonts::derive(font(), {kLabelScale}));
}

void SurfaceView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_graph) {
        applyLabelFont();
    }
}

QString SurfaceView::fallbackMessage() const
{
    return tr("3-D view unavailable: no OpenGL context here (for example when running with "
              "QT_QPA_PLATFORM=offscreen). Everything else works; run under a display or Xvfb "
              "with Mesa to see the surface.");
}

void SurfaceView::setFineResolution(int samples)
{
    m_fineResolution = std::clamp(samples, 8, 1024);
    if (m_graph) {
        rebuildMesh(m_fineResolution);
        rebuildRuns();
        updateProbe();
    }
}

void SurfaceView::functionChanged()
{
    // Adaptive resolution: a change soon after another (a slider or a pan in progress) gets the
    // coarse mesh at once and the fine one when the changes pause.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool busy = m_adaptiveResolution && now - m_lastChange < 300;
    m_lastChange = now;
    if (busy) {
        rebuildMesh(m_coarseResolution);
        m_refine.start();
    } else {
        rebuildMesh(m_fineResolution);
    }
    rebuildRuns();
    updateProbe();
}

void SurfaceView::setDrawsAtOnce(bool atOnce)
{
    m_drawsAtOnce = atOnce;
    if (atOnce && m_pendingMeshSamples != 0 && m_graph) {
        buildMesh(m_pendingMeshSamples);
        rebuildRuns();
        updateProbe();
    }
}

void SurfaceView::rebuildMesh(int samples)
{
    // A grid too costly for the event loop (#18) is computed on the worker pool; meanwhile the
    // coarse mesh is shown if it is cheap, the last mesh otherwise.
    if (!m_drawsAtOnce && m_session->isGridExpensive(samples, samples) &&
        !m_session->readyGrid(samples, samples)) {
        m_pendingMeshSamples = samples;
        m_session->requestGrid(samples, samples);
        if (samples != m_coarseResolution &&
            !m_session->isGridExpensive(m_coarseResolution, m_coarseResolution)) {
            buildMesh(m_coarseResolution);
            m_pendingMeshSamples = samples; // (buildMesh clears it)
        }
        return;
    }
    buildMesh(samples);
}

void SurfaceView::onGridReady(int columns, int rows)
{
    if (m_pendingMeshSamples == 0 || columns != m_pendingMeshSamples || rows != columns) {
        return;
    }
    buildMesh(columns);
    rebuildRuns();
    updateProbe();
}

void SurfaceView::buildMesh(int samples)
{
    m_pendingMeshSamples = 0;
    // Qt Data Visualization works in float (it ends at 3.4e38, and the vertical axis needs room
    // above the highest vertex): heights beyond ±kMaxHeight are left out as holes, as undefined
    // ones are (exp(exp(10x)) is finite but no float).
    const GridValues& sampled = m_session->grid(samples, samples);
    const auto tooHigh = [](double v) {
        return !(std::fabs(v) <= kMaxHeight);
    };
    GridValues bounded;
    if (std::any_of(sampled.f.begin(), sampled.f.end(),
                    [&](double v) { return std::isfinite(v) && tooHigh(v); })) {
        bounded = sampled;
        std::replace_if(bounded.f.begin(), bounded.f.end(), tooHigh,
                        std::numeric_limits<double>::quiet_NaN());
    }
    const GridValues& grid = bounded.f.empty() ? sampled : bounded;
    const Domain domain = grid.spec.domain;
    m_meshSamples = samples;
    ++m_meshRebuilds;

    m_fMin = std::numeric_limits<double>::infinity();
    m_fMax = -m_fMin;
    for (double v : grid.f) {
        if (std::isfinite(v)) {
            m_fMin = std::min(m_fMin, v);
            m_fMax = std::max(m_fMax, v);
        }
    }
    if (!(m_fMin <= m_fMax)) {
        m_fMin = 0;
        m_fMax = 1;
    } else if (static_cast<float>(m_fMin) == static_cast<float>(m_fMax)) {
        // Flat, as far as the float axis can tell: one unit around it (more where a unit is
        // below a float's resolution).
        const double middle = 0.5 * (m_fMin + m_fMax);
        const double half = std::max(0.5, 1e-5 * std::fabs(middle));
        m_fMin = middle - half;
        m_fMax = middle + half;
    }
    m_lift = 0.012 * (m_fMax - m_fMin);

    // Q3DSurface cannot leave a vertex out, and a NaN would break the mesh: the function is drawn
    // as one surface per rectangle of defined cells, so undefined regions show as holes, as on
    // the heat map. Without undefined samples that is one surface, the whole grid.
    m_colorScale = functionColorScale(grid, m_session->preset());
    m_texture = functionColorImage(grid, m_colorScale);
    m_meshColumns = grid.spec.columns;
    m_meshRows = grid.spec.rows;
    m_meshPatches = definedPatches(grid, kMaxMeshPatches);
    while (m_patchSeries.size() < qsizetype(m_meshPatches.size())) {
        addMeshPatch();
    }
    for (qsizetype k = 0; k < m_patchSeries.size(); ++k) {
        QSurface3DSeries* series = m_patchSeries[k];
        // A selection label names a point of the old mesh: it would stay behind, stale.
        series->setSelectedPoint(QSurface3DSeries::invalidSelectionPosition());
        auto* array = new QSurfaceDataArray;
        if (k >= qsizetype(m_meshPatches.size())) {
            // Not needed now: kept, empty and hidden (never deleted under the renderer).
            series->setVisible(false);
            series->dataProxy()->resetArray(array);
            continue;
        }
        const SamplePatch& patch = m_meshPatches[std::size_t(k)];
        array->reserve(patch.rows);
        for (int j = patch.row; j < patch.row + patch.rows; ++j) {
            auto* row = new QSurfaceDataRow(patch.columns);
            const float z = static_cast<float>(grid.spec.y(j));
            for (int i = 0; i < patch.columns; ++i) {
                const int column = patch.column + i;
                (*row)[i].setPosition(QVector3D(static_cast<float>(grid.spec.x(column)),
                                                static_cast<float>(grid.at(column, j)), z));
            }
            array->append(row);
        }
        series->dataProxy()->resetArray(array);
        // The texture's row 0 is the grid's last row.
        series->setTexture(m_texture.copy(patch.column, m_meshRows - patch.row - patch.rows,
                                          patch.columns, patch.rows));
        series->setVisible(true);
    }
    m_graph->axisX()->setRange(static_cast<float>(domain.xMin), static_cast<float>(domain.xMax));
    m_graph->axisZ()->setRange(static_cast<float>(domain.yMin), static_cast<float>(domain.yMax));
    updateVerticalRange();
}

void SurfaceView::updateVerticalRange()
{
    m_graph->axisY()->setRange(static_cast<float>(m_fMin), static_cast<float>(m_fMax + 2 * m_lift));
}

int SurfaceView::meshColumns() const
{
    return m_meshColumns;
}

QSurface3DSeries* SurfaceView::addMeshPatch()
{
    auto* series = new QSurface3DSeries;
    series->setObjectName(m_patchSeries.isEmpty() ? QStringLiteral("surface")
                                                  : QStringLiteral("surface patch"));
    series->setDrawMode(QSurface3DSeries::DrawSurface);
    series->setFlatShadingEnabled(false);
    // Coloured by a texture: the heat map's colours under the heat map's scale.
    series->setItemLabelFormat(QStringLiteral("(@xLabel, @zLabel): f = @yLabel"));
    m_graph->addSeries(series);
    connect(series, &QSurface3DSeries::selectedPointChanged, this,
            [this, series](const QPoint& position) { startPointSelected(series, position); });
    m_patchSeries.append(series);
    return series;
}

int SurfaceView::meshRows() const
{
    return m_meshRows;
}

double SurfaceView::drawableHeight(double f) const
{
    // Heights the renderer can take: finite, and an undefined one (NaN) or a pole (±inf) far
    // below the axis floor, where the vertical range clips it.
    if (std::isnan(f) || f == -std::numeric_limits<double>::infinity()) {
        return m_fMin - 10.0 * (m_fMax - m_fMin);
    }
    if (f == std::numeric_limits<double>::infinity()) {
        return m_fMax + 10.0 * (m_fMax - m_fMin);
    }
    return std::clamp(f, m_fMin - 10.0 * (m_fMax - m_fMin), m_fMax + 10.0 * (m_fMax - m_fMin));
}

double SurfaceView::heightAt(double x, double y) const
{
    return m_session->function().value(x, y);
}

QVector3D SurfaceView::toScene(double x, double y, double f) const
{
    return QVector3D(static_cast<float>(x), static_cast<float>(f), static_cast<float>(y));
}

QCustom3DItem* SurfaceView::makeItem(const QString& mesh, const QColor& color, float scale)
{
    auto* item = new QCustom3DItem;
    item->setMeshFile(mesh);
    item->setTextureImage(solidTexture(color));
    item->setScaling(QVector3D(scale, scale, scale));
    item->setScalingAbsolute(true);
    item->setPositionAbsolute(false);
    item->setShadowCasting(false);
    m_graph->addCustomItem(item);
    return item;
}

void SurfaceView::setRibbon(QSurface3DSeries* series, const std::vector<Eigen::Vector2d>& points,
                            double halfWidth)
{
    // A thin strip two samples wide that hugs the surface just above it: Q3DSurface draws only
    // surfaces, so a path is a ribbon. Each point is widened perpendicular to the path.
    //
    // What Q3DSurface's renderer needs (it crashed in Surface3DRenderer::updateObjects when given
    // otherwise): every vertex finite and inside the axis ranges — it cuts the visible part of a
    // series out of its rows by scanning them against the ranges, which goes wrong for data that
    // leaves them and doubles back — and x varying along a row, z along a column (a row of
    // constant x crashes it too). The callers hand in only points inside the domain (the axis
    // ranges); the widened sides are clamped to it, and a path that runs mostly along y becomes
    // N rows of 2, otherwise 2 rows of N.
    auto* array = new QSurfaceDataArray;
    const Domain box = m_session->domain();
    Eigen::Vector2d lower = Eigen::Vector2d::Constant(std::numeric_limits<double>::infinity());
    Eigen::Vector2d upper = -lower;
    for (const Eigen::Vector2d& p : points) {
        lower = lower.cwiseMin(p);
        upper = upper.cwiseMax(p);
    }
    if (points.size() >= 2 && (upper - lower).maxCoeff() > 0) {
        const bool alongRows = upper.x() - lower.x() >= upper.y() - lower.y();
        const std::size_t n = points.size();
        QVector<QSurfaceDataItem> sides[2] = {QVector<QSurfaceDataItem>(qsizetype(n)),
                                              QVector<QSurfaceDataItem>(qsizetype(n))};
        for (std::size_t k = 0; k < n; ++k) {
            const Eigen::Vector2d& previous = points[k == 0 ? 0 : k - 1];
            const Eigen::Vector2d& next = points[std::min(n - 1, k + 1)];
            Eigen::Vector2d along = next - previous;
            if (!(along.squaredNorm() > 0)) {
                along = alongRows ? Eigen::Vector2d(1, 0) : Eigen::Vector2d(0, 1);
            }
            along.normalize();
            // The side offset points to +z for a ribbon along rows and to +x for one along columns.
            Eigen::Vector2d across(-along.y() * halfWidth, along.x() * halfWidth);
            if ((alongRows && across.y() < 0) || (!alongRows && across.x() < 0)) {
                across = -across;
            }
            for (int side = 0; side < 2; ++side) {
                const Eigen::Vector2d p =
                    clampToBox(points[k] + (side == 0 ? -1.0 : 1.0) * across, box);
                // Inside the vertical range too: a steep side next to a pole must not hang
                // below the floor (the path is cut where f itself leaves the range).
                const double f = drawableHeight(heightAt(p.x(), p.y()) + m_lift);
                sides[side][qsizetype(k)].setPosition(
                    toScene(p.x(), p.y(), std::clamp(f, m_fMin, m_fMax + 2 * m_lift)));
            }
        }
        if (alongRows) {
            for (const auto& side : sides) {
                array->append(new QSurfaceDataRow(side));
            }
        } else {
            for (std::size_t k = 0; k < n; ++k) {
                array->append(new QSurfaceDataRow{sides[0][qsizetype(k)], sides[1][qsizetype(k)]});
            }
        }
    }
    series->dataProxy()->resetArray(array);
}

void SurfaceView::orientArrow(QCustom3DItem* arrow, const QVector3D& from,
                              const QVector3D& direction, float length)
{
    // The arrow mesh points along +y. Rotate it to the direction as it appears in the scene, where
    // each axis range is normalised to the plot box (the vertical one to half the width).
    const Domain domain = m_session->domain();
    const QVector3D scene(direction.x() / static_cast<float>(domain.width()),
                          direction.y() / static_cast<float>(m_fMax - m_fMin) * 0.5f,
                          direction.z() / static_cast<float>(domain.height()));
    if (scene.lengthSquared() == 0 || !std::isfinite(scene.lengthSquared())) {
        arrow->setVisible(false);
        return;
    }
    arrow->setVisible(true);
    arrow->setPosition(from);
    arrow->setRotation(QQuaternion::rotationTo(QVector3D(0, 1, 0), scene.normalized()));
    arrow->setScaling(QVector3D(length, length, length));
}

QSurface3DSeries* SurfaceView::takeRibbon(const QColor& color)
{
    QSurface3DSeries* series = nullptr;
    if (!m_freeRibbons.isEmpty()) {
        series = m_freeRibbons.takeLast();
    } else {
        series = new QSurface3DSeries;
        series->setObjectName(QStringLiteral("ribbon"));
        series->setDrawMode(QSurface3DSeries::DrawSurface);
        series->setColorStyle(Q3DTheme::ColorStyleUniform);
        series->setFlatShadingEnabled(true);
        series->setItemLabelVisible(false);
        m_graph->addSeries(series);
    }
    series->setBaseColor(color);
    return series;
}

void SurfaceView::releaseRibbon(QSurface3DSeries* series)
{
    series->dataProxy()->resetArray(new QSurfaceDataArray);
    series->setVisible(false);
    m_freeRibbons.append(series);
}

void SurfaceView::placeMarker(QCustom3DItem* item, double x, double y, double f, bool visible)
{
    // Never a position that is not finite, nor one outside the axis ranges.
    const bool drawable =
        visible && std::isfinite(f) && std::isfinite(m_lift) && m_session->domain().contains(x, y);
    item->setVisible(drawable);
    if (drawable) {
        item->setPosition(toScene(x, y, drawableHeight(f + m_lift)));
    }
}

void SurfaceView::rebuildRuns()
{
    if (!m_graph) {
        return;
    }
    for (RunItems& items : m_runItems) {
        for (QSurface3DSeries* ribbon : std::as_const(items.ribbons)) {
            releaseRibbon(ribbon);
        }
        for (QCustom3DItem* marker : std::as_const(items.markers)) {
            m_graph->removeCustomItem(marker);
        }
        m_graph->removeCustomItem(items.current);
        m_graph->removeCustomItem(items.descent);
    }
    m_runItems.clear();
    for (const RunEntry& entry : m_session->runs()) {
        RunItems items;
        const QColor color = entry.color;
        items.current = makeItem(kSphere, color, 0.05f);
        items.descent = makeItem(kArrow, color.darker(130), 0.15f);
        m_runItems.insert(entry.id, items);
    }
    updateRunsToStep();
}

void SurfaceView::setRunPath(RunItems& items, const RunEntry& entry, int last, double halfWidth)
{
    const auto& records = entry.run->records();
    std::vector<Eigen::Vector2d> path;
    path.reserve(static_cast<std::size_t>(last) + 1);
    for (int k = 0; k <= last; ++k) {
        path.push_back(records[static_cast<std::size_t>(k)].point);
    }
    // The parts inside the axis box; a run that diverged ends at the box's edge. A handful of
    // parts at most: a path that keeps leaving and coming back shows its first ones.
    constexpr std::size_t kMaxParts = 16;
    std::vector<std::vector<Eigen::Vector2d>> parts;
    for (const auto& inside : clipPolyline(path, m_session->domain())) {
        // Cut again where f is undefined or outside the vertical range (a hole, a pole): a
        // ribbon there would be a wall down to the floor.
        std::vector<Eigen::Vector2d> part;
        for (const Eigen::Vector2d& p : inside) {
            const double f = heightAt(p.x(), p.y());
            if (std::isfinite(f) && f >= m_fMin && f <= m_fMax + 2 * m_lift) {
                part.push_back(p);
            } else if (!part.empty()) {
                parts.push_back(std::exchange(part, {}));
            }
        }
        if (!part.empty()) {
            parts.push_back(std::move(part));
        }
    }
    std::erase_if(parts, [](const auto& part) { return part.size() < 2; });
    parts.resize(std::min(parts.size(), kMaxParts));
    while (items.ribbons.size() > qsizetype(parts.size())) {
        releaseRibbon(items.ribbons.takeLast());
    }
    while (items.ribbons.size() < qsizetype(parts.size())) {
        items.ribbons.append(takeRibbon(entry.color));
    }
    for (std::size_t p = 0; p < parts.size(); ++p) {
        QSurface3DSeries* ribbon = items.ribbons[qsizetype(p)];
        setRibbon(ribbon, parts[p], halfWidth);
        ribbon->setVisible(entry.visible);
    }
}

void SurfaceView::updateRunsToStep()
{
    if (!m_graph) {
        return;
    }
    const int step = m_session->currentStep();
    const Domain domain = m_session->domain();
    const double halfWidth = 0.004 * std::max(domain.width(), domain.height());
    for (const RunEntry& entry : m_session->runs()) {
        auto it = m_runItems.find(entry.id);
        if (it == m_runItems.end()) {
            continue;
        }
        RunItems& items = *it;
        const auto& records = entry.run->records();
        const int last = entry.indexAt(step);
        setRunPath(items, entry, last, halfWidth);
        // One small marker per step, added or removed as the step moves: the mesh stays.
        const QColor color = entry.color;
        while (items.markers.size() > last + 1) {
            m_graph->removeCustomItem(items.markers.takeLast());
        }
        while (items.markers.size() < last + 1) {
            items.markers.append(makeItem(kSphere, color, 0.018f));
        }
        for (int k = 0; k <= last; ++k) {
            const StepRecord& record = records[static_cast<std::size_t>(k)];
            placeMarker(items.markers[k], record.point.x(), record.point.y(), record.f,
                        entry.visible);
        }
        const StepRecord& current = entry.recordAt(step);
        placeMarker(items.current, current.point.x(), current.point.y(), current.f, entry.visible);
        // −∇f, drawn along the surface: moving by d = −∇f/‖∇f‖ changes f at the rate ∇f·d = −‖∇f‖.
        const double norm = current.gradient.norm();
        if (items.current->isVisible() && norm > 0 && std::isfinite(norm)) {
            const Eigen::Vector2d d = -current.gradient / norm;
            orientArrow(items.descent, items.current->position(),
                        QVector3D(static_cast<float>(d.x()), static_cast<float>(-norm),
                                  static_cast<float>(d.y())),
                        0.15f);
        } else {
            items.descent->setVisible(false);
        }
    }
}

void SurfaceView::updateProbe()
{
    if (!m_graph) {
        return;
    }
    const Eigen::Vector2d p = m_session->probe();
    const PointValue value = m_session->evaluate(p);
    const Domain domain = m_session->domain();
    const bool defined = std::isfinite(value.f) && value.gradient.allFinite();
    placeMarker(m_probe, p.x(), p.y(), value.f, defined);

    // The tangent plane z = f₀ + f_x (x − x₀) + f_y (y − y₀) as a small patch around the probe,
    // cut to the axis box (the renderer needs every vertex inside it).
    auto* plane = new QSurfaceDataArray;
    const Eigen::Vector2d half(0.08 * domain.width(), 0.08 * domain.height());
    const Eigen::Vector2d low = clampToBox(p - half, domain);
    const Eigen::Vector2d high = clampToBox(p + half, domain);
    if (defined && low.x() < high.x() && low.y() < high.y()) {
        for (int j = 0; j <= 2; ++j) {
            auto* row = new QSurfaceDataRow(3);
            for (int i = 0; i <= 2; ++i) {
                const double x = low.x() + 0.5 * i * (high.x() - low.x());
                const double y = low.y() + 0.5 * j * (high.y() - low.y());
                const double z =
                    value.f + value.gradient.x() * (x - p.x()) + value.gradient.y() * (y - p.y());
                (*row)[i].setPosition(toScene(x, y, drawableHeight(z)));
            }
            plane->append(row);
        }
    }
    m_tangentPlane->dataProxy()->resetArray(plane);

    // The two slices through the probe: f(x, y₀) and f(x₀, y), while the probe is in the box.
    constexpr int kSamples = 96;
    std::vector<Eigen::Vector2d> alongX;
    std::vector<Eigen::Vector2d> alongY;
    if (domain.contains(p.x(), p.y())) {
        for (int k = 0; k < kSamples; ++k) {
            const double t = static_cast<double>(k) / (kSamples - 1);
            alongX.emplace_back(domain.xMin + t * domain.width(), p.y());
            alongY.emplace_back(p.x(), domain.yMin + t * domain.height());
        }
    }
    const double halfWidth = 0.003 * std::max(domain.width(), domain.height());
    setRibbon(m_sliceX, alongX, halfWidth);
    setRibbon(m_sliceY, alongY, halfWidth);
}

void SurfaceView::startPointSelected(QSurface3DSeries* series, const QPoint& position)
{
    // Clicking the surface sets the runs' start, as a click on the map does; the start marker
    // shows where the click landed.
    if (const auto point = takeSelectedPoint(series, position)) {
        m_session->setStartPoint(*point);
    }
}

QImage SurfaceView::renderToImage(const QSize& size)
{
    if (!m_graph) {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        return image;
    }
    return m_graph->renderToImage(4, size);
}

std::optional<SurfaceView::CameraPreset> SurfaceView::cameraPreset() const
{
    if (m_graph) {
        switch (m_graph->scene()->activeCamera()->cameraPreset()) {
        case Q3DCamera::CameraPresetDirectlyAbove:
            return CameraPreset::Top;
        case Q3DCamera::CameraPresetFront:
            return CameraPreset::Front;
        case Q3DCamera::CameraPresetIsometricRightHigh:
            return CameraPreset::Iso;
        default:
            break;
        }
    }
    return std::nullopt;
}

void SurfaceView::setCameraPreset(CameraPreset preset)
{
    if (!m_graph) {
        return;
    }
    Q3DCamera* camera = m_graph->scene()->activeCamera();
    switch (preset) {
    case CameraPreset::Top:
        camera->setCameraPreset(Q3DCamera::CameraPresetDirectlyAbove);
        break;
    case CameraPreset::Front:
        camera->setCameraPreset(Q3DCamera::CameraPresetFront);
        break;
    case CameraPreset::Iso:
        camera->setCameraPreset(Q3DCamera::CameraPresetIsometricRightHigh);
        break;
    }
    // Qt's presets frame the plot box so tightly that the axis labels and the near corner run
    // off a wide image (854 × 480 … 1920 × 1080): stand back far enough that all of it shows.
    camera->setZoomLevel(kFramingZoom);
}

QVector<QVector3D> SurfaceView::pathMarkers(int runId) const
{
    QVector<QVector3D> positions;
    auto it = m_runItems.find(runId);
    if (it != m_runItems.end()) {
        for (const QCustom3DItem* marker : it->markers) {
            positions.append(marker->position());
        }
    }
    return positions;
}

QVector3D SurfaceView::currentMarker(int runId) const
{
    auto it = m_runItems.find(runId);
    if (it == m_runItems.end()) {
        return QVector3D(kNaN, kNaN, kNaN);
    }
    return it->current->position();
}

QList<QSurface3DSeries*> SurfaceView::seriesForTest() const
{
    return m_graph ? m_graph->seriesList() : QList<QSurface3DSeries*>();
}

QVector3D SurfaceView::probeMarker() const
{
    return m_probe ? m_probe->position() : QVector3D(kNaN, kNaN, kNaN);
}

} // namespace gradlab
