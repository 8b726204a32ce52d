// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/clipping.h"
#include "session.h"
#include "surfaceview.h"
#include "surfaceviewparts.h"

#include <QQuaternion>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QCustom3DItem>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace gradlab {

using namespace surfaceparts;

namespace {

QImage solidTexture(const QColor& color)
{
    QImage image(2, 2, QImage::Format_ARGB32);
    image.fill(color);
    return image;
}

} // namespace

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

} // namespace gradlab
