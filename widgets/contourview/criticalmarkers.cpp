// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// ContourView's critical-point markers: a preset's known points, or for a typed function the
// points found on the worker pool (or at once, for pictures drawn off-screen).
#include "analysis/criticalpoints.h"
#include "concurrency/workerpool.h"
#include "contourview/contourview.h"
#include "session.h"

#include <QCoreApplication>
#include <QPointer>
#include <memory>
#include <qcustomplot.h>

namespace gradlab {

void ContourView::setDrawsAtOnce(bool atOnce)
{
    m_drawsAtOnce = atOnce;
    if (atOnce) {
        finishHeatMap();
    }
    if (atOnce && m_criticalPending) {
        // A search was queued in the background: it is skipped (superseded), and the points
        // are found here, now.
        ++*m_criticalGeneration;
        m_criticalKey.clear();
        m_criticalPending = false;
        rebuildCriticalPoints();
    }
}

QString ContourView::criticalPointsKey() const
{
    // What the critical points depend on: the function and its parameters, over the home
    // domain (panning moves the view, not the points).
    QString key = m_session->expressionText();
    for (const ParameterData& parameter : m_session->parameters()) {
        key += QStringLiteral("|%1=%2").arg(parameter.name).arg(parameter.value, 0, 'g', 17);
    }
    const Domain& d = m_homeDomain;
    return key + QStringLiteral("|%1,%2,%3,%4").arg(d.xMin).arg(d.xMax).arg(d.yMin).arg(d.yMax);
}

void ContourView::findCriticalPointsInBackground()
{
    // A typed function has no known points: they are found (Newton from a grid of seeds, as
    // `gradlab critical` does) on the worker pool over a copy of the function, and drawn when
    // they arrive, unless the function has changed since.
    const QString key = criticalPointsKey();
    if (key == m_criticalKey) {
        return;
    }
    m_criticalKey = key;
    m_foundCritical.clear();
    if (m_drawsAtOnce) {
        m_foundCritical = findCriticalSet(m_session->function().objective(), m_homeDomain).points;
        return;
    }
    m_criticalPending = true;
    auto function = std::make_shared<const CompiledFunction>(m_session->function());
    const Domain domain = m_homeDomain;
    QPointer<ContourView> self(this);
    // Typing launches one search per valid function: a search that a newer one has replaced
    // before it started is skipped.
    const quint64 generation = ++*m_criticalGeneration;
    WorkerPool::shared().submit([function, domain, key, self, generation,
                                 latest = m_criticalGeneration] {
        if (latest->load() != generation) {
            return;
        }
        std::vector<CriticalPoint> points = findCriticalSet(function->objective(), domain).points;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, key, points = std::move(points)] {
                if (self && self->m_criticalKey == key) {
                    self->m_foundCritical = points;
                    self->m_criticalPending = false;
                    self->rebuildCriticalPoints();
                    self->m_plot->replot(QCustomPlot::rpQueuedReplot);
                }
            },
            Qt::QueuedConnection);
    });
}

std::vector<KnownPoint> ContourView::criticalPointsShown() const
{
    std::vector<KnownPoint> shown;
    if (!m_showCriticalPoints) {
        return shown;
    }
    if (const Preset* preset = m_session->preset()) {
        return preset->knownPoints;
    }
    for (const CriticalPoint& found : m_foundCritical) {
        shown.push_back(KnownPoint{found.point, found.kind});
    }
    return shown;
}

void ContourView::rebuildCriticalPoints()
{
    for (QCPCurve* curve : m_criticalCurves) {
        curve->data()->clear();
        curve->removeFromLegend();
        curve->setVisible(false);
    }
    if (!m_showCriticalPoints) {
        return;
    }
    if (!m_session->preset()) {
        findCriticalPointsInBackground();
    }
    for (const KnownPoint& known : criticalPointsShown()) {
        m_criticalCurves[static_cast<std::size_t>(known.kind)]->addData(known.point.x(),
                                                                        known.point.y());
    }
    for (QCPCurve* curve : m_criticalCurves) {
        if (!curve->data()->isEmpty()) {
            curve->setVisible(true);
            curve->addToLegend();
        }
    }
}

} // namespace gradlab
