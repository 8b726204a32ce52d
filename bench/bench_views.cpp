// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The contour view's costs, each as a ratio to a bare QCustomPlot replot (one 513² colour map,
// same widget size) measured in the same run:
//   animation step → repaint      (target ≤ 8 ms)
//   probe move → repaint          (target ≤ 8 ms)
//   function change → heat map + contours → repaint (target ≤ 33 ms)
//   function change → heat map + contours + 3-D mesh (128²) → repaint (targets ≤ 16 ms and
//     ≤ 12× the bare replot; needs OpenGL: run under xvfb-run with Mesa, without it the row is
//     left out)
// and a typing test: keystrokes into the function field while the map is 2049² (computed on the
// worker pool), with a 1 ms timer whose longest gap is the longest the event loop was blocked
// (target ≤ 16 ms). Runs offscreen unless a display is there or QT_QPA_PLATFORM says otherwise.
// Prints a table.

#include "analysis/contours.h"
#include "contourview/contourview.h"
#include "optimization/optimizer.h"
#include "panels/expressionedit.h"
#include "panels/functionpanel.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
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

struct Stall
{
    double longest = 0; ///< ms
    double median = 0;  ///< ms, of the timer's gaps
    int keystrokes = 0;
    int heatMaps = 0;    ///< heat maps that arrived while typing and after
    double finished = 0; ///< ms from the last keystroke until the last heat map arrived
};

// Types \a text into the function field, one key every \a keyIntervalMs, while a 1 ms timer
// records the gaps between its ticks; ends once the last heat map is drawn.
Stall typingStall(FunctionPanel& panel, ContourView& view, const QString& text, int keyIntervalMs)
{
    Stall stall;
    QLineEdit* edit = panel.expressionEdit();
    edit->setFocus();
    edit->selectAll();
    QKeyEvent erase(QEvent::KeyPress, Qt::Key_Backspace, Qt::NoModifier);
    QApplication::sendEvent(edit, &erase);

    QElapsedTimer clock;
    clock.start();
    std::vector<double> gaps;
    qint64 last = clock.nsecsElapsed();
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back(double(now - last) / 1e6);
        last = now;
    });
    const QMetaObject::Connection counted =
        QObject::connect(&view, &ContourView::heatMapRebuilt, [&] { ++stall.heatMaps; });
    double lastKey = 0;
    QTimer typist;
    typist.setInterval(keyIntervalMs);
    QObject::connect(&typist, &QTimer::timeout, [&] {
        if (stall.keystrokes == text.size()) {
            typist.stop();
            return;
        }
        const QChar c = text.at(stall.keystrokes++);
        QKeyEvent press(QEvent::KeyPress, 0, Qt::NoModifier, QString(c));
        QApplication::sendEvent(edit, &press);
        lastKey = double(clock.nsecsElapsed()) / 1e6;
    });
    double arrived = 0;
    QObject::connect(&view, &ContourView::heatMapRebuilt,
                     [&] { arrived = double(clock.nsecsElapsed()) / 1e6; });
    tick.start();
    typist.start();
    // until everything is typed, parsed (150 ms later) and the last map is drawn
    while (typist.isActive() || clock.elapsed() < lastKey + 2 * FunctionPanel::parseDelay ||
           view.isComputingHeatMap()) {
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    QObject::disconnect(counted);
    std::sort(gaps.begin(), gaps.end());
    stall.longest = gaps.empty() ? 0 : gaps.back();
    stall.median = gaps.empty() ? 0 : gaps[gaps.size() / 2];
    stall.finished = std::max(0.0, arrived - lastKey);
    return stall;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")) {
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

    // The same with the 3-D view beside it (its 128² mesh rebuilt at every change).
    std::unique_ptr<SurfaceView> surface;
    Timing withSurface;
    Timing meshGrid;
    Timing panWithSurface;
    int panMeshRebuilds = 0;
    if (SurfaceView::isOpenGLAvailable()) {
        surface = std::make_unique<SurfaceView>(&session);
        surface->setAdaptiveResolution(false);
        surface->resize(640, 480);
        surface->show();
        QApplication::processEvents();
        withSurface = measure(
            [&](int i) {
                a.value = 1.0 + 0.01 * ((i + 3) % 50);
                session.setParameter(a);
                QApplication::processEvents();
                view.plot()->repaint();
            },
            kRepetitions / 2);
        const GridSpec meshSpec{session.domain(), surface->fineResolution(),
                                surface->fineResolution()};
        meshGrid = measure([&](int) { (void)session.function().evaluateGrid(meshSpec); },
                           kRepetitions / 2);
        // A pan of the map (the viewport moves, #13): the map redraws, the mesh must not.
        const Domain home = session.domain();
        const int meshesBefore = surface->meshRebuildCount();
        panWithSurface = measure(
            [&](int i) {
                const double dx = 0.01 * ((i + 3) % 50);
                session.setViewport(
                    {home.xMin + dx, home.xMax + dx, home.yMin + dx / 2, home.yMax + dx / 2});
                QApplication::processEvents();
                view.plot()->repaint();
            },
            kRepetitions / 2);
        panMeshRebuilds = surface->meshRebuildCount() - meshesBefore;
        session.setViewport(home);
    }

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

    // Typing while the map is 2049² (each grid is computed on the worker pool).
    session.clearRuns();
    view.setFullResolution(ContourView::kFinestResolution);
    FunctionPanel panel(&session);
    panel.show();
    QApplication::processEvents();
    const QString typed = QStringLiteral("sin(3x)*cos(2y) + x^2/5 - y^2/7");
    const Stall stall = typingStall(panel, view, typed, 180);

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
    if (surface) {
        printRow("function change -> map + contours + 3-D mesh", withSurface, reference,
                 "<= 16 ms, <= 12x");
        printRow("  of which: 128² mesh grid evaluation", meshGrid, reference, "");
    } else {
        std::printf("function change with the 3-D mesh: no OpenGL here (run under xvfb-run)\n");
    }
    printRow("  of which: 513² grid evaluation", gridOnly, reference, "");
    printRow("  of which: contour lines, all levels", contours, reference, "");
    printRow("  one contour level on the 513² grid", probeContour, reference, "");
    if (surface) {
        printRow("pan -> map + contours (3-D view open)", panWithSurface, reference,
                 "no mesh rebuild");
        std::printf("  3-D mesh rebuilds during %d pans: %d\n", kRepetitions / 2, panMeshRebuilds);
    }
    std::printf("typing %d keys (one per 180 ms) at 2049²: longest event-loop stall %.1f ms "
                "(median gap %.2f ms, target <= 16 ms); %d heat maps drawn, the last %.0f ms "
                "after the last key\n",
                stall.keystrokes, stall.longest, stall.median, stall.heatMaps, stall.finished);
    const bool met =
        step.median <= 8.0 && probe.median <= 8.0 && function.median <= 33.0 &&
        (!surface || (withSurface.median <= 16.0 && withSurface.median <= 12.0 * reference.median &&
                      panMeshRebuilds == 0)) &&
        stall.longest <= 16.0;
    std::printf("targets %s\n", met ? "met" : "NOT met");
    return 0;
}
