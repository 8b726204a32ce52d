// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/definedpatches.h"
#include "colormap/colormap.h"
#include "session.h"
#include "surface/surfacepick.h"
#include "surfaceview.h"

#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtDataVisualization/QValue3DAxis>
#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {
namespace {

/// The largest |f| the mesh shows; drawableHeight() keeps every height within 21 times that.
constexpr double kMaxHeight = 1e36;

/// At most this many surfaces make up the mesh of a function with undefined regions: a speckled
/// region would otherwise need thousands (the smallest patches are left out with it).
constexpr std::size_t kMaxMeshPatches = 256;

} // namespace

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

void SurfaceView::startPointSelected(QSurface3DSeries* series, const QPoint& position)
{
    // Clicking the surface sets the runs' start, as a click on the map does; the start marker
    // shows where the click landed.
    if (const auto point = takeSelectedPoint(series, position)) {
        m_session->setStartPoint(*point);
    }
}

} // namespace gradlab
