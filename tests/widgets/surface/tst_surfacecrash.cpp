// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// The 3-D view driven as a newcomer drives it (issue "The first minute in the window"): presets
// switched, functions typed, runs played until they diverge, with the surface shown and its
// renderer given time to draw between changes. Qt Data Visualization's renderer used to crash
// (SIGSEGV in Surface3DRenderer::updateObjects) on the second update after a run left the domain.
#include "functions/presets.h"
#include "session.h"
#include "surface/surfaceview.h"
#include "surfacechecks.h"

#include <QtTest>
#include <cmath>

using namespace gradlab;

class TestSurfaceCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!SurfaceView::isOpenGLAvailable()) {
            QFAIL("no OpenGL context: run this test under xvfb-run with Mesa");
        }
    }
    void rosenbrockPlay();
    void typedQuarticStepTwice();
    void everyMethodDivergesOnEveryPreset();
    void seriesHoldOnlyDrawableData();
};

namespace {

/// Lets the 3-D renderer synchronise with the data and draw a frame, as the event loop of the
/// window does between two steps of playback.
void letRendererDraw()
{
    QTest::qWait(20);
}

struct Window
{
    Session session;
    SurfaceView view{&session};

    Window()
    {
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }
};

} // namespace

void TestSurfaceCrash::rosenbrockPlay()
{
    // Recipe A: the default scene's gradient descent (η = 0.09), then the Rosenbrock preset and
    // Play: the run leaves the domain at once and stops as diverged.
    Window window;
    // The rate is kept, as before presets brought their own: the run must diverge here.
    window.session.setKeepLearningRates(true);
    OptimizerSettings gd = defaultSettings(Method::GradientDescent);
    gd.learningRate = 0.09;
    window.session.addRun(gd);
    letRendererDraw();
    const Preset* rosenbrock = findPreset("rosenbrock");
    QVERIFY(rosenbrock);
    window.session.loadPreset(*rosenbrock);
    letRendererDraw();
    for (int k = 0; k < 12; ++k) {
        window.session.stepForward();
        letRendererDraw();
        verifyDrawable(window.view, window.session.domain());
    }
    QVERIFY(window.session.runs().front().run->stopReason() == StopReason::Diverged);
}

void TestSurfaceCrash::typedQuarticStepTwice()
{
    // Recipe B: type x⁴ − x + y², step forward twice, then once more and move the probe.
    Window window;
    OptimizerSettings gd = defaultSettings(Method::GradientDescent);
    gd.learningRate = 0.09;
    window.session.addRun(gd);
    letRendererDraw();
    QVERIFY(window.session.setExpressionText(QStringLiteral("x^4 - x + y^2")));
    letRendererDraw();
    window.session.stepForward();
    letRendererDraw();
    window.session.stepForward();
    letRendererDraw();
    window.session.stepForward();
    window.session.setProbe(Eigen::Vector2d(0.4, -0.3));
    letRendererDraw();
    verifyDrawable(window.view, window.session.domain());
}

void TestSurfaceCrash::everyMethodDivergesOnEveryPreset()
{
    // Every method with a learning rate far too large, on every preset, stepped with the
    // renderer drawing in between; then a typed function with an undefined region.
    Window window;
    window.session.setKeepLearningRates(true);
    for (const Method method : allMethods()) {
        OptimizerSettings settings = defaultSettings(method);
        settings.learningRate = 40.0;
        window.session.addRun(settings);
    }
    for (const Preset& preset : presets()) {
        window.session.loadPreset(preset);
        letRendererDraw();
        for (int k = 0; k < 6; ++k) {
            window.session.stepForward();
            letRendererDraw();
        }
        verifyDrawable(window.view, window.session.domain());
    }
    QVERIFY(window.session.setExpressionText(QStringLiteral("log(x) + sqrt(y) + 1/(x - y)")));
    for (int k = 0; k < 6; ++k) {
        window.session.stepForward();
        letRendererDraw();
    }
    verifyDrawable(window.view, window.session.domain());
}

void TestSurfaceCrash::seriesHoldOnlyDrawableData()
{
    // Paths that double back along y, and a probe far outside the domain.
    Window window;
    QVERIFY(window.session.setExpressionText(QStringLiteral("x^2 + 10y^2")));
    window.session.setDomain(Domain{-3, 3, -2, 2});
    window.session.setStartPoint(Eigen::Vector2d(0.01, 1.8));
    OptimizerSettings gd = defaultSettings(Method::GradientDescent);
    gd.learningRate = 0.19; // zig-zags across y = 0, |1 − 20η| = 2.8: diverges along y
    window.session.addRun(gd);
    for (int k = 0; k < 10; ++k) {
        window.session.stepForward();
        letRendererDraw();
        verifyDrawable(window.view, window.session.domain());
    }
    window.session.setProbe(Eigen::Vector2d(1e7, -1e7));
    letRendererDraw();
    verifyDrawable(window.view, window.session.domain());
}

QTEST_MAIN(TestSurfaceCrash)
#include "tst_surfacecrash.moc"
