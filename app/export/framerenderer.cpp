// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/framerenderer.h"

#include "charts/runcharts.h"
#include "contourview/contourview.h"
#include "functions/presets.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace gradlab {

namespace {

/// Share of the frame's height the charts take when they are shown.
constexpr double kChartsShare = 0.32;

/// Lays \a widget out at \a size without showing it on a screen.
void layOutOffScreen(QWidget& widget, const QSize& size)
{
    widget.setAttribute(Qt::WA_DontShowOnScreen);
    widget.resize(size);
    widget.show();
    QCoreApplication::processEvents();
}

} // namespace

std::unique_ptr<Session> copyScene(const Session& source)
{
    auto copy = std::make_unique<Session>();
    if (source.preset()) {
        copy->loadPreset(*source.preset());
    }
    copy->setExpressionText(source.expressionText());
    copy->setDomain(source.domain());
    copy->setViewport(source.viewport());
    for (const ParameterData& parameter : source.parameters()) {
        copy->setParameter(parameter);
    }
    copy->setProbe(source.probe());
    copy->setProbeDirection(source.probeDirection());
    copy->setStartPoint(source.startPoint());
    copy->clearRuns();
    for (const RunEntry& entry : source.runs()) {
        // Ids below the run's were runs since removed: taken and given back, so that the copy's
        // run gets the same id, and so the same colour.
        int id = copy->addRun(entry.settings);
        while (id < entry.id) {
            copy->removeRun(id);
            id = copy->addRun(entry.settings);
        }
        copy->setRunVisible(id, entry.visible);
    }
    copy->setCurrentStep(0);
    return copy;
}

int FrameRenderer::lastStep(Session& session)
{
    // lastStep() counts an unfinished run to its maxSteps; run them all to learn where they stop.
    const int shown = session.currentStep();
    session.setCurrentStep(std::numeric_limits<int>::max());
    const int last = session.lastStep();
    session.setCurrentStep(shown);
    return last;
}

FrameRenderer::FrameRenderer(Session* session, const FrameOptions& options)
    : m_session(session)
    , m_options(options)
{
    const QSize size = options.size;
    const int chartsHeight = options.charts ? int(size.height() * kChartsShare) : 0;
    const QRect views(0, 0, size.width(), size.height() - chartsHeight);
    if (options.charts) {
        m_chartsArea = QRect(0, views.height(), size.width(), chartsHeight);
    }
    switch (options.view) {
    case AnimationView::Contour:
        m_contourArea = views;
        break;
    case AnimationView::Surface:
        m_surfaceArea = views;
        break;
    case AnimationView::Linked:
        m_contourArea = QRect(0, 0, views.width() / 2, views.height());
        m_surfaceArea = QRect(m_contourArea.right() + 1, 0, views.width() - m_contourArea.width(),
                              views.height());
        break;
    }
    if (!m_contourArea.isEmpty()) {
        m_contour = std::make_unique<ContourView>(session);
        m_contour->setDrawsAtOnce(true);
        layOutOffScreen(*m_contour, m_contourArea.size());
        m_contour->plot()->replot();
    }
    if (!m_surfaceArea.isEmpty()) {
        m_surface = std::make_unique<SurfaceView>(session);
        m_surface->setDrawsAtOnce(true);
        layOutOffScreen(*m_surface, m_surfaceArea.size());
    }
    if (!m_chartsArea.isEmpty()) {
        m_charts = std::make_unique<RunCharts>(session);
        layOutOffScreen(*m_charts, m_chartsArea.size());
    }
}

FrameRenderer::~FrameRenderer() = default;

void FrameRenderer::matchContourView(const ContourView& view)
{
    if (!m_contour) {
        return;
    }
    m_contour->setShowContours(view.showsContours());
    m_contour->setShowContourLabels(view.showsContourLabels());
    m_contour->setShowGradientField(view.showsGradientField());
    m_contour->setShowCriticalPoints(view.showsCriticalPoints());
    m_contour->setShowProbe(view.showsProbe());
}

QImage FrameRenderer::render(int step)
{
    m_session->setCurrentStep(step);
    QImage frame(m_options.size, QImage::Format_RGB32);
    frame.fill(QApplication::palette().color(QPalette::Window));
    QPainter painter(&frame);
    if (m_contour) {
        painter.drawImage(m_contourArea.topLeft(), contourImage());
    }
    if (m_surface) {
        painter.drawImage(m_surfaceArea, m_surface->renderToImage(m_surfaceArea.size()));
    }
    if (m_charts) {
        painter.drawImage(m_chartsArea.topLeft(), m_charts->render(m_chartsArea.size()));
    }
    painter.end();
    if (m_options.overlay) {
        drawOverlay(frame);
    }
    return frame;
}

QImage FrameRenderer::contourImage()
{
    QCustomPlot* plot = m_contour->plot();
    if (plot->size() != m_contourArea.size() || !qFuzzyCompare(plot->devicePixelRatioF(), 1.0)) {
        // Laid out at another size (the view's minimum is larger): drawn afresh at this one.
        return m_contour->render(m_contourArea.size());
    }
    // A step replots only the runs layer of the view's buffers (as on screen); painting the
    // plot composes the buffers, instead of drawing the 513² heat map again for every frame.
    return plot->grab().toImage();
}

QFont FrameRenderer::overlayFont() const
{
    QFont font = QApplication::font();
    // Readable on a slide without hiding much: a 40th of the frame's height, at least 11 pixels.
    font.setPixelSize(std::max(11, m_options.size.height() / 40));
    return font;
}

QStringList FrameRenderer::overlayLines() const
{
    QStringList lines{tr("step %1").arg(m_session->currentStep())};
    for (const RunEntry& entry : m_session->runs()) {
        if (!entry.visible) {
            continue;
        }
        const StepRecord& record = entry.recordAt(m_session->currentStep());
        const std::string_view label = methodLabel(entry.settings.method);
        const QString name = QString::fromUtf8(label.data(), qsizetype(label.size()));
        // The rate of the step from here: with a schedule it changes from frame to frame.
        lines.append(std::isfinite(record.learningRate)
                         ? tr("%1: f = %2, η = %3")
                               .arg(name)
                               .arg(record.f, 0, 'g', 5)
                               .arg(record.learningRate, 0, 'g', 4)
                         : tr("%1: f = %2").arg(name).arg(record.f, 0, 'g', 5));
    }
    return lines;
}

QRect FrameRenderer::overlayBox(const QSize& size) const
{
    const int lineHeight = QFontMetrics(overlayFont()).height();
    const int margin = lineHeight / 3;
    if (m_surface) {
        // Above the surface, at the top left of the 3-D view.
        return QRect(m_surfaceArea.topLeft() + QPoint(margin, margin), size);
    }
    const QCustomPlot* plot = m_contour->plot();
    const QRect axes = plot->axisRect()->rect().translated(m_contourArea.topLeft());
    const QRect topLeft(axes.topLeft() + QPoint(margin, margin), size);
    // The points a reader follows; the legend holds the top right, the notes the bottom left.
    std::vector<Eigen::Vector2d> points{m_session->probe(), m_session->startPoint()};
    for (const RunEntry& entry : m_session->runs()) {
        if (entry.visible) {
            points.push_back(entry.recordAt(m_session->currentStep()).point);
        }
    }
    // The probe's arrows and labels reach a few lines' height around it.
    const int reach = 3 * lineHeight;
    const QRect keepClear = topLeft.adjusted(-reach, -reach, reach, reach);
    const bool covers = std::any_of(points.begin(), points.end(), [&](const Eigen::Vector2d& p) {
        const QPointF pixel(plot->xAxis->coordToPixel(p.x()), plot->yAxis->coordToPixel(p.y()));
        return keepClear.contains((pixel + QPointF(m_contourArea.topLeft())).toPoint());
    });
    if (!covers) {
        return topLeft;
    }
    return QRect(axes.bottomRight() - QPoint(margin + size.width(), margin + size.height()), size);
}

void FrameRenderer::drawOverlay(QImage& frame) const
{
    const QFont font = overlayFont();
    const QFontMetrics metrics(font);
    const QStringList lines = overlayLines();
    std::vector<QColor> colors{QColor(Qt::black)};
    for (const RunEntry& entry : m_session->runs()) {
        if (entry.visible) {
            colors.push_back(entry.color);
        }
    }
    const int padding = metrics.height() / 3;
    const int swatch = metrics.ascent();
    int width = 0;
    for (int i = 0; i < lines.size(); ++i) {
        width =
            std::max(width, metrics.horizontalAdvance(lines[i]) + (i > 0 ? swatch + padding : 0));
    }
    const QRect box =
        overlayBox(QSize(width + 2 * padding, int(lines.size()) * metrics.height() + 2 * padding));
    QPainter painter(&frame);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0, 0, 0, 90), 1));
    painter.setBrush(QColor(255, 255, 255, 225));
    painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), padding, padding);
    painter.setFont(font);
    for (int i = 0; i < lines.size(); ++i) {
        const int baseline = box.top() + padding + i * metrics.height() + metrics.ascent();
        int x = box.left() + padding;
        if (i > 0) {
            // The run's colour, as in the legend.
            painter.fillRect(QRect(x, baseline - swatch + metrics.descent() / 2, swatch, swatch),
                             colors[std::size_t(i)]);
            x += swatch + padding;
        }
        painter.setPen(Qt::black);
        painter.drawText(x, baseline, lines[i]);
    }
}

} // namespace gradlab
