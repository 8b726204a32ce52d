// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fitlab/landscapesurface.h"

#include "analysis/clipping.h"
#include "analysis/contours.h"
#include "fitlab/fitsession.h"
#include "fitlab/fitstyle.h"
#include "plotfonts.h"
#include "surface/surfacepick.h"
#include "surface/surfaceview.h"

#include <QEvent>
#include <QLabel>
#include <QResizeEvent>
#include <QTimer>
#include <QVBoxLayout>
#include <QtDataVisualization/Q3DCamera>
#include <QtDataVisualization/Q3DScene>
#include <QtDataVisualization/Q3DSurface>
#include <QtDataVisualization/Q3DTheme>
#include <QtDataVisualization/QCustom3DItem>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtDataVisualization/QValue3DAxis>
#include <QtDataVisualization/QValue3DAxisFormatter>
#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QString kSphere = QStringLiteral(":/gradlab/meshes/sphere.obj");
// At most this many step markers: a longer run shows every k-th step (the ribbon shows all).
constexpr int kMarkerLimit = 400;
// At most this many ribbons: a path that keeps leaving the box and coming back shows its first
// parts.
constexpr std::size_t kRibbonLimit = 16;
// Markers and the ribbon float this share of the height range above the surface, so that the
// surface does not hide them.
constexpr double kLiftShare = 0.015;
// The ribbon's half width, as a share of the longer side of the parameter rectangle.
constexpr double kRibbonShare = 0.005;
// The camera's zoom (percent of Qt's framing) at which the box with its labels fills a square
// view; the box's height on screen grows with the view's width/height, so a wider view stands
// back to kWideZoom / aspect.
constexpr double kSquareZoom = 110.0;
constexpr double kWideZoom = 135.0;

QImage solidTexture(const QColor& color)
{
    QImage image(2, 2, QImage::Format_ARGB32);
    image.fill(color);
    return image;
}

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QVector3D toScene(const Eigen::Vector2d& parameters, double height)
{
    // p₁ across (x), the height up (y), p₂ in depth (z), as the heat map has p₁ across, p₂ up
    return QVector3D(static_cast<float>(parameters.x()), static_cast<float>(height),
                     static_cast<float>(parameters.y()));
}

/// \brief Ticks at round values (1, 2 or 5 times a power of ten apart) instead of Qt's even split
/// of the axis range; on a log₁₀ axis, labelled with the loss itself at 1, 2, 5 or whole decades.
class RoundTicksFormatter : public QValue3DAxisFormatter
{
public:
    /// Labels show 10^v + shift for a height v on a log axis, v itself otherwise.
    void setLogarithmic(bool logarithmic, double shift)
    {
        m_logarithmic = logarithmic;
        m_shift = shift;
        markDirty(true);
    }

protected:
    QValue3DAxisFormatter* createNewInstance() const override { return new RoundTicksFormatter; }

    void populateCopy(QValue3DAxisFormatter& copy) const override
    {
        QValue3DAxisFormatter::populateCopy(copy);
        auto& round = static_cast<RoundTicksFormatter&>(copy);
        round.m_logarithmic = m_logarithmic;
        round.m_shift = m_shift;
    }

    void recalculate() override
    {
        const double low = axis()->min();
        const double high = axis()->max();
        if (!(high > low)) {
            return;
        }
        std::vector<double> ticks = m_logarithmic ? logTicks(low, high) : roundTicks(low, high);
        gridPositions().clear();
        subGridPositions().clear();
        labelPositions().clear();
        labelStrings().clear();
        for (const double tick : ticks) {
            const auto position = static_cast<float>((tick - low) / (high - low));
            gridPositions().append(position);
            labelPositions().append(position);
            labelStrings().append(stringForValue(tick, axis()->labelFormat()));
        }
    }

    QString stringForValue(qreal value, const QString& format) const override
    {
        if (!m_logarithmic) {
            return QValue3DAxisFormatter::stringForValue(value, format);
        }
        return QString::number(std::pow(10.0, value) + m_shift, 'g', 3);
    }

private:
    // k·step for the integers k with k·step in [low, high], the step 1, 2 or 5 × 10ⁿ that gives
    // the count nearest to six
    static std::vector<double> roundTicks(double low, double high)
    {
        const double power = std::pow(10.0, std::floor(std::log10((high - low) / 6)));
        double step = power;
        for (const double factor : {2.0, 5.0, 10.0}) {
            if (std::abs((high - low) / (factor * power) - 6) < std::abs((high - low) / step - 6)) {
                step = factor * power;
            }
        }
        std::vector<double> ticks;
        for (double k = std::ceil(low / step); k * step <= high * (1 + 1e-12); ++k) {
            ticks.push_back(k * step);
        }
        return ticks;
    }

    // log₁₀ of 1, 2 and 5 × 10ⁿ over fewer than three decades, of every n-th power of ten over
    // more
    static std::vector<double> logTicks(double low, double high)
    {
        std::vector<double> ticks;
        const double decades = high - low;
        if (decades >= 3) {
            const double every = std::ceil(decades / 6);
            for (double n = std::ceil(low / every) * every; n <= high; n += every) {
                ticks.push_back(n);
            }
            return ticks;
        }
        for (double n = std::floor(low); n <= high; ++n) {
            for (const double mantissa : {1.0, 2.0, 5.0}) {
                const double tick = n + std::log10(mantissa);
                if (tick >= low && tick <= high) {
                    ticks.push_back(tick);
                }
            }
        }
        return ticks.size() >= 3 ? ticks : roundTicks(low, high);
    }

    bool m_logarithmic = false;
    double m_shift = 0;
};

} // namespace

QLinearGradient LandscapeSurface::surfaceGradient()
{
    // Q3DSurface spreads a gradient's stops (0 … 1) over the vertical axis range, low to high.
    QLinearGradient gradient(0, 0, 1, 100);
    const auto stops = fitstyle::landscapeColors();
    for (std::size_t i = 0; i < stops.size(); ++i) {
        gradient.setColorAt(static_cast<double>(i) / (stops.size() - 1), stops[i]);
    }
    return gradient;
}

LandscapeSurface::LandscapeSurface(FitSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Q3DSurface crashes without an OpenGL context (QT_QPA_PLATFORM=offscreen): say so instead.
    if (!SurfaceView::isOpenGLAvailable()) {
        m_fallback = new QLabel(fallbackMessage(), this);
        m_fallback->setAlignment(Qt::AlignCenter);
        m_fallback->setWordWrap(true);
        m_fallback->setMargin(24);
        layout->addWidget(m_fallback);
        return;
    }

    m_graph = new Q3DSurface;
    QWidget* container = QWidget::createWindowContainer(m_graph, this);
    container->setMinimumSize(240, 200);
    container->setFocusPolicy(Qt::StrongFocus);
    layout->addWidget(container);

    m_graph->activeTheme()->setType(Q3DTheme::ThemeQt);
    m_graph->activeTheme()->setLabelBackgroundEnabled(false);
    applyLabelFont();
    m_graph->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
    m_graph->setSelectionMode(QAbstract3DGraph::SelectionItem);
    for (QValue3DAxis* axis : {m_graph->axisX(), m_graph->axisY(), m_graph->axisZ()}) {
        axis->setTitleVisible(true);
        axis->setLabelFormat(QStringLiteral("%.3g"));
        axis->setFormatter(new RoundTicksFormatter);
    }

    m_surface = new QSurface3DSeries;
    m_surface->setObjectName(QStringLiteral("loss surface"));
    m_surface->setDrawMode(QSurface3DSeries::DrawSurface);
    m_surface->setFlatShadingEnabled(false);
    m_surface->setColorStyle(Q3DTheme::ColorStyleRangeGradient);
    m_surface->setBaseGradient(surfaceGradient());
    m_surface->setItemLabelVisible(false);
    m_graph->addSeries(m_surface);
    connect(m_surface, &QSurface3DSeries::selectedPointChanged, this,
            &LandscapeSurface::selectPoint);

    m_current = makeMarker(fitstyle::kParameter, 0.07f);

    m_graph->scene()->activeCamera()->setCameraPreset(Q3DCamera::CameraPresetIsometricRightHigh);
    frame(size());

    connect(session, &FitSession::dataChanged, this, &LandscapeSurface::rebuildMesh);
    connect(session, &FitSession::runChanged, this, &LandscapeSurface::rebuildRun);
    rebuildMesh();
}

LandscapeSurface::~LandscapeSurface() = default;

QString LandscapeSurface::fallbackMessage() const
{
    return tr("3-D surface unavailable: no OpenGL context here (for example when running with "
              "QT_QPA_PLATFORM=offscreen). The heat map shows the same landscape.");
}

void LandscapeSurface::frame(const QSize& size)
{
    const double aspect =
        size.height() > 0 ? static_cast<double>(size.width()) / size.height() : 1.0;
    m_graph->scene()->activeCamera()->setZoomLevel(
        static_cast<float>(std::min(kSquareZoom, kWideZoom / aspect)));
}

void LandscapeSurface::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_graph) {
        frame(event->size());
    }
}

void LandscapeSurface::applyLabelFont()
{
    m_graph->activeTheme()->setFont(PlotFonts::derive(font(), {SurfaceView::kLabelScale}));
}

void LandscapeSurface::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_graph) {
        applyLabelFont();
    }
}

double LandscapeSurface::heightOf(double loss) const
{
    const double stored = m_scale.stored(loss);
    // what the renderer can take: finite and inside the box; an undefined loss lies on its floor
    if (!std::isfinite(stored)) {
        return m_heightMin;
    }
    return std::clamp(stored, m_heightMin, m_heightMax);
}

double LandscapeSurface::surfaceHeight(const Eigen::Vector2d& parameters) const
{
    return heightOf(lossValue(m_session->model(), m_session->data(), parameters));
}

void LandscapeSurface::rebuildMesh()
{
    const GridValues& grid = m_session->landscape();
    const Domain& domain = grid.spec.domain;
    // the heat map's scale: log₁₀ of the loss where its contours are log-spaced
    m_scale = HeatMapScale::fromGrid(grid, prefersLogLevels(grid));
    m_heightMin = m_scale.storedLower();
    m_heightMax = m_scale.storedUpper();
    m_lift = kLiftShare * (m_heightMax - m_heightMin);

    const auto names = parameterNames(m_session->model());
    m_graph->axisX()->setTitle(fromView(names[0]));
    m_graph->axisZ()->setTitle(fromView(names[1]));
    m_graph->axisY()->setTitle(m_scale.isLogarithmic() ? tr("full loss (log scale)")
                                                       : tr("full loss"));
    static_cast<RoundTicksFormatter*>(m_graph->axisY()->formatter())
        ->setLogarithmic(m_scale.isLogarithmic(), m_scale.shift);

    auto* array = new QSurfaceDataArray;
    array->reserve(grid.spec.rows);
    bool anyDefined = false;
    for (int j = 0; j < grid.spec.rows; ++j) {
        auto* row = new QSurfaceDataRow(grid.spec.columns);
        for (int i = 0; i < grid.spec.columns; ++i) {
            const double loss = grid.at(i, j);
            anyDefined = anyDefined || std::isfinite(loss);
            (*row)[i].setPosition(
                toScene(Eigen::Vector2d(grid.spec.x(i), grid.spec.y(j)), heightOf(loss)));
        }
        array->append(row);
    }
    // a selection names a point of the old mesh
    m_surface->setSelectedPoint(QSurface3DSeries::invalidSelectionPosition());
    m_surface->dataProxy()->resetArray(array);
    // no rows, no loss: a flat floor would be a made-up landscape
    m_surface->setVisible(anyDefined);
    m_graph->axisX()->setRange(static_cast<float>(domain.xMin), static_cast<float>(domain.xMax));
    m_graph->axisZ()->setRange(static_cast<float>(domain.yMin), static_cast<float>(domain.yMax));
    m_graph->axisY()->setRange(static_cast<float>(m_heightMin),
                               static_cast<float>(m_heightMax + 2 * m_lift));
    rebuildRun();
}

QCustom3DItem* LandscapeSurface::makeMarker(const QColor& color, float scale)
{
    auto* item = new QCustom3DItem;
    item->setMeshFile(kSphere);
    item->setTextureImage(solidTexture(color));
    item->setScaling(QVector3D(scale, scale, scale));
    item->setScalingAbsolute(true);
    item->setPositionAbsolute(false);
    item->setShadowCasting(false);
    m_graph->addCustomItem(item);
    return item;
}

void LandscapeSurface::placeMarker(QCustom3DItem* item, const Eigen::Vector2d& parameters,
                                   double loss)
{
    // never a position that is not finite, nor one outside the box
    const bool drawable = parameters.allFinite() && std::isfinite(loss) &&
                          m_session->parameterDomain().contains(parameters.x(), parameters.y());
    item->setVisible(drawable);
    if (drawable) {
        item->setPosition(toScene(parameters, heightOf(loss) + m_lift));
    }
}

QSurface3DSeries* LandscapeSurface::ribbon(std::size_t index)
{
    while (m_ribbons.size() <= qsizetype(index)) {
        auto* series = new QSurface3DSeries;
        series->setObjectName(QStringLiteral("path"));
        series->setDrawMode(QSurface3DSeries::DrawSurface);
        series->setColorStyle(Q3DTheme::ColorStyleUniform);
        series->setBaseColor(fitstyle::kPath);
        series->setFlatShadingEnabled(true);
        series->setItemLabelVisible(false);
        m_graph->addSeries(series);
        m_ribbons.append(series);
    }
    return m_ribbons[qsizetype(index)];
}

void LandscapeSurface::setRibbon(QSurface3DSeries* series,
                                 const std::vector<Eigen::Vector2d>& points, double halfWidth)
{
    // Q3DSurface draws only surfaces, so a path is a strip two samples wide just above the
    // surface, each point widened perpendicular to the path. The renderer needs every vertex
    // finite and inside the axis ranges, x varying along a row and z along a column: the
    // callers hand in points inside the box, the widened sides are clamped to it, and a path
    // that runs mostly along p₂ becomes N rows of 2, otherwise 2 rows of N.
    const Domain& box = m_session->parameterDomain();
    auto* array = new QSurfaceDataArray;
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
            Eigen::Vector2d along = points[std::min(n - 1, k + 1)] - points[k == 0 ? 0 : k - 1];
            if (!(along.squaredNorm() > 0)) {
                along = alongRows ? Eigen::Vector2d(1, 0) : Eigen::Vector2d(0, 1);
            }
            along.normalize();
            // the side offset points to +p₂ for a ribbon along rows, to +p₁ along columns
            Eigen::Vector2d across(-along.y() * halfWidth, along.x() * halfWidth);
            if ((alongRows && across.y() < 0) || (!alongRows && across.x() < 0)) {
                across = -across;
            }
            for (int side = 0; side < 2; ++side) {
                const Eigen::Vector2d p =
                    clampToBox(points[k] + (side == 0 ? -1.0 : 1.0) * across, box);
                sides[side][qsizetype(k)].setPosition(toScene(p, surfaceHeight(p) + m_lift));
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

void LandscapeSurface::rebuildRun()
{
    if (!m_graph) {
        return;
    }
    const std::span<const FitStep> steps = m_session->steps();
    const Domain& box = m_session->parameterDomain();

    // The ribbon: the parts of the path inside the box (a diverging run ends at its edge).
    std::vector<Eigen::Vector2d> path;
    path.reserve(steps.size());
    for (const FitStep& step : steps) {
        path.push_back(step.parameters);
    }
    std::vector<std::vector<Eigen::Vector2d>> parts = clipPolyline(path, box);
    std::erase_if(parts, [](const auto& part) { return part.size() < 2; });
    parts.resize(std::min(parts.size(), kRibbonLimit));
    const double halfWidth = kRibbonShare * std::max(box.width(), box.height());
    for (std::size_t p = 0; p < parts.size(); ++p) {
        QSurface3DSeries* series = ribbon(p);
        setRibbon(series, parts[p], halfWidth);
        series->setVisible(true);
    }
    for (qsizetype p = qsizetype(parts.size()); p < m_ribbons.size(); ++p) {
        m_ribbons[p]->dataProxy()->resetArray(new QSurfaceDataArray);
        m_ribbons[p]->setVisible(false);
    }

    // One marker per step, every stride-th of a long run; markers are added as needed and the
    // spares hidden, so the graph keeps its items while the run steps.
    const std::size_t count = steps.size();
    const std::size_t stride = (count + kMarkerLimit - 1) / kMarkerLimit;
    std::vector<std::size_t> shown;
    for (std::size_t k = 0; k < count; k += stride) {
        shown.push_back(k);
    }
    if (shown.back() != count - 1) {
        shown.push_back(count - 1);
    }
    while (m_markers.size() < qsizetype(shown.size())) {
        m_markers.append(makeMarker(fitstyle::kPath, 0.025f));
    }
    for (qsizetype m = 0; m < m_markers.size(); ++m) {
        if (m < qsizetype(shown.size())) {
            const FitStep& step = steps[shown[std::size_t(m)]];
            placeMarker(m_markers[m], step.parameters, step.loss);
        } else {
            m_markers[m]->setVisible(false);
        }
    }
    placeMarker(m_current, steps.back().parameters, steps.back().loss);
}

void LandscapeSurface::selectPoint(const QPoint& position)
{
    // The start marker shows where the click landed.
    if (const auto point = takeSelectedPoint(m_surface, position)) {
        m_session->setStart(*point);
    }
}

QImage LandscapeSurface::renderToImage(const QSize& size)
{
    if (!m_graph) {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        return image;
    }
    // framed for the image's shape, then for the view's again
    frame(size);
    QImage image = m_graph->renderToImage(4, size);
    frame(this->size());
    return image;
}

int LandscapeSurface::meshColumns() const
{
    return m_surface ? m_surface->dataProxy()->columnCount() : 0;
}

int LandscapeSurface::meshRows() const
{
    return m_surface ? m_surface->dataProxy()->rowCount() : 0;
}

QVector3D LandscapeSurface::meshPoint(int column, int row) const
{
    const QSurfaceDataItem* item =
        m_surface ? m_surface->dataProxy()->itemAt(row, column) : nullptr;
    return item ? item->position() : QVector3D(kNaN, kNaN, kNaN);
}

QVector<QVector3D> LandscapeSurface::pathMarkers() const
{
    QVector<QVector3D> positions;
    for (const QCustom3DItem* marker : m_markers) {
        if (marker->isVisible()) {
            positions.append(marker->position());
        }
    }
    return positions;
}

QVector3D LandscapeSurface::currentMarker() const
{
    return m_current && m_current->isVisible() ? m_current->position()
                                               : QVector3D(kNaN, kNaN, kNaN);
}

QList<QSurface3DSeries*> LandscapeSurface::seriesForTest() const
{
    return m_graph ? m_graph->seriesList() : QList<QSurface3DSeries*>();
}

QStringList LandscapeSurface::heightLabels() const
{
    return m_graph ? m_graph->axisY()->labels() : QStringList();
}

std::pair<float, float> LandscapeSurface::heightRange() const
{
    return m_graph ? std::pair(m_graph->axisY()->min(), m_graph->axisY()->max())
                   : std::pair(0.0f, 0.0f);
}

} // namespace gradlab
