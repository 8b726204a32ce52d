// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "plotfonts.h"

#include <QImage>
#include <QPointF>
#include <QWidget>
#include <vector>

class QCheckBox;
class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemTracer;
class QEvent;
class QMouseEvent;

namespace gradlab {

class Session;

/// \brief f(x_k) and ‖∇f(x_k)‖ against the step k, one curve per visible run in its colour, with
/// a vertical line at the session's current step. A click on a chart moves to that step. When a
/// run follows a learning-rate schedule, a third chart below shows η(k), the rate of each step.
/// When the race is aligned by evaluations, the charts' horizontal axis counts them instead of
/// steps, so that the runs are compared at equal cost.
class RunCharts : public QWidget
{
    Q_OBJECT

public:
    /// Which chart: f(x_k) on top, ‖∇f(x_k)‖ below, η(k) at the bottom (with a schedule).
    enum class Chart { Value, GradientNorm, LearningRate };

    explicit RunCharts(Session* session, QWidget* parent = nullptr);
    ~RunCharts() override;

    Session* session() const { return m_session; }
    QCustomPlot* plot() const { return m_plot; }
    QCPAxisRect* axisRect(Chart chart) const;

    /// A logarithmic y axis for \a chart (by default ‖∇f‖ is logarithmic, f linear). Values ≤ 0
    /// cannot be drawn there and are left out. The check boxes above the charts follow.
    void setLogScale(Chart chart, bool logarithmic);
    bool isLogScale(Chart chart) const;
    /// Both charts at once.
    void setLogScale(bool logarithmic);

    /// The curve of run \a runId in \a chart: every step the run has computed, k = 0, 1, …;
    /// nullptr while the run is hidden or absent.
    QCPGraph* graph(int runId, Chart chart) const;
    /// The step where the vertical line stands.
    double currentStepLine() const;
    /// True while the η(k) chart is shown: some visible run has a schedule.
    bool isLearningRateChartShown() const { return m_rateShown; }

    /// The charts drawn at \a size (for exports and the CLI).
    QImage render(const QSize& size);

Q_SIGNALS:
    void logScaleChanged(gradlab::RunCharts::Chart chart, bool logarithmic);

protected:
    /// On a font change (presenter mode), the charts' fonts follow the widget's.
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct RunCurves
    {
        int id = 0;
        QCPGraph* value = nullptr;
        QCPGraph* gradientNorm = nullptr;
        QCPGraph* learningRate = nullptr;
        QCPItemTracer* valueTracer = nullptr;
        QCPItemTracer* gradientTracer = nullptr;
    };

    void rebuild();
    /// Puts at most three legend entries side by side, fewer where \a width would clip them.
    void fitLegend(int width);
    void updateData();
    void updateCursor();
    void rescale();
    void showLearningRateChart(bool show);
    void updateStepAxes();
    void applyScale(Chart chart);
    void onMouseRelease(QMouseEvent* event);

    Session* m_session = nullptr;
    QCustomPlot* m_plot = nullptr;
    PlotFonts m_plotFonts{this};
    QCPAxisRect* m_valueRect = nullptr;
    QCPAxisRect* m_gradientRect = nullptr;
    QCPAxisRect* m_rateRect = nullptr;
    bool m_rateShown = true;
    QCPItemStraightLine* m_valueCursor = nullptr;
    QCPItemStraightLine* m_gradientCursor = nullptr;
    QCPItemStraightLine* m_rateCursor = nullptr;
    std::vector<RunCurves> m_curves;
    bool m_logValue = false;
    bool m_logGradient = true;
    QCheckBox* m_logValueBox = nullptr;
    QCheckBox* m_logGradientBox = nullptr;
    QPointF m_pressPixel;
};

} // namespace gradlab
