// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The contour view's costs, each as a ratio to a bare QCustomPlot replot (one 513² colour map,
// same widget size) measured in the same run:
//   animation step → repaint      (target ≤ 8 ms)
//   probe move → repaint          (target ≤ 8 ms)
//   function change → heat map + contours → repaint (target ≤ 33 ms)
// Runs offscreen unless QT_QPA_PLATFORM says otherwise. Prints a table.

#include "analysis/contours.h"
#include "contourview/contourview.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QApplication>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <qcustomplot.h>
#include <vector>

using namespace gradlab;

namespace {

constexpr int kRepetitions = 60;
const QSize kWidgetSize(900, 700);

struct Timing
{
    double median = 0;
    double p90 = 0;
};

// Median and 90th percentile (ms) of \a repetitions calls of \a work, after two warm-up calls.
Timing measure(const std::function<void(int)>& work, int repetitions = kRepetitions)
{
    work(-2);
    work(-1);
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(repetitions));
    for (int i = 0; i < repetitions; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work(i);
        const auto end = std::chrono::steady_clock::now();
        samples.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples[samples.size() * 9 / 10]};
}

void printRow(const char* name, const Timing& timing, const Timing& reference, const char* target)
{
    std::printf("%-44s %9.3f %9.3f %8.2f   %s\n", name, timing.median, timing.p90,
                timing.median / reference.median, target);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication application(argc, argv);

    Session session;
    session.setExpressionText(QStringLiteral("(a - x)^2 + 100*(y - x^2)^2"));
    session.setDomain({-2.0, 2.0, -1.0, 3.0});
    session.setStartPoint({-1.5, 2.0});
    session.setProbe({0.5, 1.5});
    OptimizerSettings momentum = defaultSettings(Method::Momentum);
    momentum.maxSteps = 1000;
    OptimizerSettings adam = defaultSettings(Method::Adam);
    adam.maxSteps = 1000;
    session.addRun(momentum);
    session.addRun(adam);

    ContourView view(&session);
    view.setAdaptiveResolution(false); // every function change at full resolution
    view.resize(kWidgetSize);
    view.show();
    QApplication::processEvents();
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    QApplication::processEvents();

    // The reference: a bare QCustomPlot of the same size with one colour map of the same size and
    // f.
    QCustomPlot bare;
    bare.resize(view.plot()->size());
    auto* map = new QCPColorMap(bare.xAxis, bare.yAxis);
    const GridValues& grid =
        session.grid(ContourView::kFullResolution, ContourView::kFullResolution);
    map->data()->setSize(grid.spec.columns, grid.spec.rows);
    map->data()->setRange(QCPRange(grid.spec.domain.xMin, grid.spec.domain.xMax),
                          QCPRange(grid.spec.domain.yMin, grid.spec.domain.yMax));
    for (int j = 0; j < grid.spec.rows; ++j) {
        for (int i = 0; i < grid.spec.columns; ++i) {
            map->data()->setCell(i, j, grid.at(i, j));
        }
    }
    map->setGradient(QCPColorGradient(QCPColorGradient::gpSpectrum));
    map->rescaleDataRange(true);
    bare.rescaleAxes();
    bare.show();
    QApplication::processEvents();

    const Timing reference = measure([&](int) { bare.replot(QCustomPlot::rpImmediateRefresh); });

    // One animation step: runs advance (computed lazily), the runs layer redraws, the widget
    // repaints. Forward to step 100, then back: both directions are animation steps.
    session.setCurrentStep(0);
    const Timing step = measure([&](int i) {
        if (i < kRepetitions / 2) {
            session.stepForward();
        } else {
            session.stepBackward();
        }
        view.plot()->repaint();
    });

    // One probe move along a circle: f, ∇f and the contour through the probe, probe layer only.
    const Timing probe = measure([&](int i) {
        const double angle = 0.1 * (i + 3);
        session.setProbe({0.8 * std::cos(angle), 1.0 + 0.8 * std::sin(angle)});
        view.plot()->repaint();
    });

    // One function change (a parameter slider): 513² grid, colour map, contours, full replot.
    ParameterData a = session.parameters().front();
    const Timing function = measure(
        [&](int i) {
            a.value = 1.0 + 0.01 * ((i + 3) % 50);
            session.setParameter(a);
            QApplication::processEvents(); // the view's one queued full replot
            view.plot()->repaint();
        },
        kRepetitions / 2);

    // Parts of the function change, for orientation.
    const GridSpec spec{session.domain(), ContourView::kFullResolution,
                        ContourView::kFullResolution};
    const Timing gridOnly =
        measure([&](int) { (void)session.function().evaluateGrid(spec); }, kRepetitions / 2);
    const GridValues& current =
        session.grid(ContourView::kFullResolution, ContourView::kFullResolution);
    const std::vector<double> levels = view.contourLevels();
    const Timing contours =
        measure([&](int) { (void)contourLines(current, levels); }, kRepetitions / 2);
    const Timing probeContour = measure(
        [&](int i) {
            (void)contourLines(current, {levels[static_cast<std::size_t>(i + 2) % levels.size()]});
        },
        kRepetitions / 2);

    std::printf("Contour view, %d×%d widget, heat map %d², %d contour levels (%s), %d runs\n",
                view.plot()->width(), view.plot()->height(), ContourView::kFullResolution,
                static_cast<int>(levels.size()),
                view.colorScaling().isLogarithmic() ? "log colours" : "linear colours",
                static_cast<int>(session.runs().size()));
    std::printf("%-44s %9s %9s %8s   %s\n", "case", "median ms", "p90 ms", "ratio", "target");
    printRow("bare QCustomPlot replot (513² colour map)", reference, reference, "reference");
    printRow("animation step -> repaint", step, reference, "<= 8 ms");
    printRow("probe move -> repaint", probe, reference, "<= 8 ms");
    printRow("function change -> heat map + contours", function, reference, "<= 33 ms");
    printRow("  of which: 513² grid evaluation", gridOnly, reference, "");
    printRow("  of which: contour lines, all levels", contours, reference, "");
    printRow("  one contour level on the 513² grid", probeContour, reference, "");
    const bool met = step.median <= 8.0 && probe.median <= 8.0 && function.median <= 33.0;
    std::printf("targets %s\n", met ? "met" : "NOT met");
    return 0;
}
