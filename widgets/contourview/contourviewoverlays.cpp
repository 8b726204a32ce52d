// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// ContourView: what is drawn over the heat map — the runs (paths, arrows, notes of divergence)
// and the probe with its gradient arrows and contour.
#include "contourview.h"
#include "contourviewparts.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>
#include <utility>

namespace gradlab {

using namespace contourparts;

void ContourView::rebuildRuns()
{
    for (const RunGraphics& graphics : m_runGraphics) {
        m_plot->removePlottable(graphics.outline);
        m_plot->removePlottable(graphics.path);
        m_plot->removePlottable(graphics.trials);
        m_plot->removePlottable(graphics.current);
        m_plot->removeItem(graphics.gradientArrow);
        m_plot->removeItem(graphics.stepArrow);
        graphics.overlay->remove();
    }
    m_runGraphics.clear();

    for (const RunEntry& entry : m_session->runs()) {
        RunGraphics graphics;
        graphics.id = entry.id;
        const auto newCurve = [this] {
            auto* curve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
            curve->setLayer(m_runsLayer);
            return curve;
        };
        // Creation order is drawing order: outline, path, trials, arrows, current point on top.
        graphics.outline = newCurve();
        graphics.outline->setPen(QPen(QColor(0, 0, 0, 140), 4.5));
        graphics.path = newCurve();
        graphics.path->setPen(QPen(entry.color, 2.0));
        graphics.path->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDisc, entry.color, entry.color, 5));
        graphics.path->setName(entry.visible ? runLabel(entry)
                                             : tr("%1 (hidden)").arg(runLabel(entry)));
        graphics.path->addToLegend();
        if (QCPAbstractLegendItem* item = m_plot->legend->itemWithPlottable(graphics.path)) {
            item->setTextColor(entry.visible ? QColor(240, 240, 240) : QColor(140, 140, 140));
        }
        graphics.trials = newCurve();
        graphics.trials->setLineStyle(QCPCurve::lsNone);
        graphics.trials->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(entry.color, 1.5), Qt::NoBrush, 7));
        graphics.overlay = std::make_shared<OptimizerOverlay>(m_plot, m_runsLayer, entry.color);
        m_plotFonts.addText(graphics.overlay->captionItem(), kNoteFont);
        graphics.gradientArrow = makeArrow(m_plot, m_runsLayer, QPen(QColor(225, 225, 225), 2.0));
        graphics.stepArrow = makeArrow(m_plot, m_runsLayer, QPen(entry.color, 2.5));
        graphics.current = newCurve();
        graphics.current->setLineStyle(QCPCurve::lsNone);
        graphics.current->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.0), entry.color, 13));
        m_runGraphics.push_back(graphics);
    }
    updateRuns();
    updateArrowCaption();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double ContourView::unitsPerPixel() const
{
    const int width = m_plot->axisRect()->width();
    return width > 1 ? m_plot->xAxis->range().size() / width : m_session->viewport().width() / 1000;
}

double ContourView::arrowLength() const
{
    const double width = m_plot->xAxis->range().size();
    const double height = m_plot->yAxis->range().size();
    return kProbeArrowShare * std::min(width, height);
}

void ContourView::updateRuns()
{
    const Domain domain = m_session->viewport();
    const Eigen::Vector2d start = m_session->startPoint();
    m_startMarker->setData(QVector<double>{start.x()}, QVector<double>{start.y()});
    const double cap = kArrowCap * m_plot->xAxis->range().size();
    const int step = m_session->currentStep();

    for (const RunGraphics& graphics : m_runGraphics) {
        const RunEntry* entry = m_session->runById(graphics.id);
        const bool visible = entry != nullptr && entry->visible && !entry->run->records().empty();
        for (QCPLayerable* part : {static_cast<QCPLayerable*>(graphics.outline),
                                   static_cast<QCPLayerable*>(graphics.path),
                                   static_cast<QCPLayerable*>(graphics.trials),
                                   static_cast<QCPLayerable*>(graphics.current)}) {
            part->setVisible(visible);
        }
        graphics.gradientArrow->setVisible(false);
        graphics.stepArrow->setVisible(false);
        if (!visible) {
            graphics.overlay->update(StepRecord{}, false, {});
            continue;
        }
        const int k = entry->indexAt(step);
        const std::vector<StepRecord>& records = entry->run->records();

        // The path x_0 … x_k; points beyond any sane range break the line.
        std::vector<QPointF> path;
        path.reserve(static_cast<std::size_t>(k) + 1);
        for (int i = 0; i <= k; ++i) {
            const Eigen::Vector2d& point = records[static_cast<std::size_t>(i)].point;
            if (isSane(point, domain)) {
                path.emplace_back(point.x(), point.y());
            } else if (!path.empty() && !std::isnan(path.back().x())) {
                path.emplace_back(kNaN, kNaN);
            }
        }
        setCurvePoints(graphics.path, path);
        setCurvePoints(graphics.outline, path);

        const StepRecord& record = records[static_cast<std::size_t>(k)];
        const Eigen::Vector2d x = record.point;
        graphics.overlay->update(record, true, [&domain](const Eigen::Vector2d& point) {
            return isSane(point, domain);
        });
        if (!isSane(x, domain)) {
            graphics.current->data()->clear();
            graphics.trials->data()->clear();
            continue;
        }
        setCurvePoints(graphics.current, {QPointF(x.x(), x.y())});
        std::vector<QPointF> trials;
        for (const Eigen::Vector2d& trial : record.trials) {
            if (isSane(trial, domain)) {
                trials.emplace_back(trial.x(), trial.y());
            }
        }
        setCurvePoints(graphics.trials, trials);

        // −η·∇f: where plain gradient descent would go from here with this step's rate (a
        // schedule's); capped so it stays readable.
        const double rate =
            std::isfinite(record.learningRate) ? record.learningRate : entry->settings.learningRate;
        Eigen::Vector2d descent = -rate * record.gradient;
        if (descent.allFinite() && descent.norm() > 0) {
            if (descent.norm() > cap) {
                descent *= cap / descent.norm();
            }
            placeArrow(graphics.gradientArrow, x, x + descent);
            graphics.gradientArrow->setVisible(true);
        }
        // The step the method takes: x_{k+1} − x_k.
        const auto next = static_cast<std::size_t>(k) + 1;
        const Eigen::Vector2d taken =
            next < records.size() ? Eigen::Vector2d(records[next].point - x) : record.step;
        if (taken.allFinite() && taken.norm() > 0 && isSane(x + taken, domain)) {
            placeArrow(graphics.stepArrow, x, x + taken);
            graphics.stepArrow->setVisible(true);
        }
    }
    updateDivergence();
}

void ContourView::updateDivergence()
{
    QStringList messages;
    const int step = m_session->currentStep();
    for (const RunEntry& entry : m_session->runs()) {
        if (entry.visible && entry.run->stopReason() == StopReason::Diverged &&
            entry.hasStoppedAt(step)) {
            // The headline only ("Diverged at step 2: the steps kept growing"): the whole
            // explanation is read above the map, where the legend does not cover it.
            QString headline = QString::fromStdString(entry.run->explanation());
            for (const QString& end : {QStringLiteral(" ("), QStringLiteral(". ")}) {
                const qsizetype at = headline.indexOf(end);
                if (at > 0) {
                    headline.truncate(at);
                }
            }
            if (!headline.isEmpty()) {
                headline[0] = headline[0].toLower();
            }
            messages << tr("%1 %2").arg(runLabel(entry), headline);
        }
    }
    m_divergenceText = messages.join(QStringLiteral("\n\n"));
    m_divergenceBox->setVisible(!messages.isEmpty());
    wrapNotes();
}

void ContourView::wrapNotes()
{
    // The notes stand 1 % of the axis rect in from its edges, so they fit within 98 % of it.
    const double width = 0.98 * m_plot->axisRect()->width() - kNoteChrome;
    const std::array<std::pair<QCPItemText*, const QString*>, 3> notes{{
        {m_undefinedNote, &m_undefinedText},
        {m_arrowCaption, &m_arrowCaptionText},
        {m_divergenceBox, &m_divergenceText},
    }};
    for (const auto& [note, text] : notes) {
        // The divergence note stands at the top left, beside the legend at the top right.
        const double legend = note == m_divergenceBox && m_plot->legend->visible()
                                  ? m_plot->legend->outerRect().width() + 8.0
                                  : 0.0;
        note->setText(
            wrapText(*text, QFontMetricsF(note->font()), std::max(width - legend, 0.4 * width)));
    }
    // A contour level's label under a note would be drawn over by it, half legible: left out.
    for (QCPItemText* label : m_contourLabels) {
        const QRectF at = pixelRect(label);
        label->setVisible(std::none_of(notes.begin(), notes.end(), [&](const auto& note) {
            return note.first->visible() && pixelRect(note.first).intersects(at);
        }));
    }
}

void ContourView::updateArrowCaption()
{
    const auto& runs = m_session->runs();
    m_arrowCaption->setVisible(
        std::any_of(runs.begin(), runs.end(), [](const RunEntry& entry) { return entry.visible; }));
}

void ContourView::updateProbe()
{
    const Eigen::Vector2d probe = m_session->probe();
    setCurvePoints(m_probeMarker, {QPointF(probe.x(), probe.y())});
    m_sliceX->point1->setCoords(0.0, probe.y());
    m_sliceX->point2->setCoords(1.0, probe.y());
    m_sliceY->point1->setCoords(probe.x(), 0.0);
    m_sliceY->point2->setCoords(probe.x(), 1.0);

    // The arrows show directions only (their magnitude is in the partials panel): a fixed share
    // of the view. The plot keeps a 1:1 aspect, so ∇f is drawn perpendicular to the contour line.
    const double length = arrowLength();
    const PointValue value = m_session->evaluate(probe);
    const Eigen::Vector2d gradient = value.gradient;
    const bool hasDirection = gradient.allFinite() && gradient.norm() > 0;
    for (QCPAbstractItem* item : {static_cast<QCPAbstractItem*>(m_gradientArrow),
                                  static_cast<QCPAbstractItem*>(m_descentArrow),
                                  static_cast<QCPAbstractItem*>(m_gradientLabel),
                                  static_cast<QCPAbstractItem*>(m_descentLabel)}) {
        item->setVisible(hasDirection);
    }
    if (hasDirection) {
        const Eigen::Vector2d unit = gradient / gradient.norm();
        placeArrow(m_gradientArrow, probe, probe + length * unit);
        placeArrow(m_descentArrow, probe, probe - length * unit);
        const Eigen::Vector2d up = probe + 1.25 * length * unit;
        const Eigen::Vector2d down = probe - 1.25 * length * unit;
        m_gradientLabel->position->setCoords(up.x(), up.y());
        m_descentLabel->position->setCoords(down.x(), down.y());
    }
    const Eigen::Vector2d u = m_session->probeDirection();
    placeArrow(m_directionArrow, probe, probe + 0.8 * length * u);
    m_directionArrow->setVisible(true);
    const Eigen::Vector2d uLabel = probe + 0.95 * length * u;
    m_directionLabel->position->setCoords(uLabel.x(), uLabel.y());
    m_directionLabel->setVisible(true);

    // The contour line through the probe: level f(x₀, y₀), the polyline nearest the probe, from
    // the half-resolution grid (a quarter of the cells: the probe is dragged).
    std::vector<QPointF> contour;
    // (while a new heat map is under way the old grid's contour would be another function's)
    if (std::isfinite(value.f) && !m_probeGrid.f.empty() &&
        m_heatMapRevision == m_session->revision()) {
        const std::vector<ContourLine> lines = contourLines(m_probeGrid, {value.f});
        const ContourLine* nearest = nullptr;
        double best = std::numeric_limits<double>::infinity();
        for (const ContourLine& line : lines) {
            for (const Eigen::Vector2d& point : line.points) {
                const double distance = (point - probe).squaredNorm();
                if (distance < best) {
                    best = distance;
                    nearest = &line;
                }
            }
        }
        if (nearest) {
            for (const Eigen::Vector2d& point : nearest->points) {
                contour.emplace_back(point.x(), point.y());
            }
        }
        // White over the dark part of the palette, black over the light part.
        m_probeContour->setPen(QPen(isOnDark(value.f) ? Qt::white : Qt::black, 2.0));
    }
    setCurvePoints(m_probeContour, contour);
}

} // namespace gradlab
