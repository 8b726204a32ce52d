// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "surfaceview.h"

#include "plotfonts.h"
#include "session.h"
#include "surfaceviewparts.h"

#include <QDateTime>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtDataVisualization/Q3DCamera>
#include <QtDataVisualization/Q3DScene>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QCustom3DItem>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QValue3DAxis>
#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace gradlab {

using namespace surfaceparts;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kProbeColor(200, 30, 45);
const QColor kPlaneColor(230, 126, 34);
const QColor kSliceColor(0, 128, 128);
// The camera's zoom, in percent of Qt's default framing, at which the box, its tick labels and
// titles fit inside a 16:9 image from every preset.
constexpr float kFramingZoom = 68.0f;

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

int SurfaceView::meshColumns() const
{
    return m_meshColumns;
}

int SurfaceView::meshRows() const
{
    return m_meshRows;
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
