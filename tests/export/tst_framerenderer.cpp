// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview/contourview.h"
#include "export/framerenderer.h"
#include "functions/presets.h"
#include "session.h"

#include <QTest>
#include <cmath>

using namespace gradlab;

namespace {

/// The elongated bowl with gradient descent and momentum, \a steps steps each.
std::unique_ptr<Session> raceSession(int steps)
{
    auto session = std::make_unique<Session>();
    session->loadPreset(*findPreset("elongated"));
    for (Method method : {Method::GradientDescent, Method::Momentum}) {
        OptimizerSettings settings = defaultSettings(method);
        settings.learningRate = 0.09;
        settings.maxSteps = steps;
        session->addRun(settings);
    }
    return session;
}

int differingPixels(const QImage& a, const QImage& b, const QRect& area)
{
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            count += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
        }
    }
    return count;
}

} // namespace

class TestFrameRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testLayout_data();
    void testLayout();
    void testFramesFollowSteps();
    void testContourFrameIsTheView_data();
    void testContourFrameIsTheView();
    void testOverlay();
    void testOverlayLines();
    void testLastStep();
    void testCopyScene();
};

void TestFrameRenderer::testLayout_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("charts");
    QTest::newRow("default") << kDefaultFrameSize << false;
    QTest::newRow("480p with charts") << kFramePresets[0] << true;
    QTest::newRow("720p") << kFramePresets[1] << false;
}

void TestFrameRenderer::testLayout()
{
    QFETCH(QSize, size);
    QFETCH(bool, charts);
    auto session = raceSession(10);
    FrameRenderer renderer(session.get(),
                           FrameOptions{AnimationView::Contour, charts, false, size});
    const QImage frame = renderer.render(3);
    QCOMPARE(frame.size(), size);
    QCOMPARE(session->currentStep(), 3);
    // The contour map above the charts, together the whole frame.
    const QRect whole(QPoint(0, 0), size);
    QCOMPARE(renderer.contourArea().united(renderer.chartsArea()), whole);
    QVERIFY(!renderer.contourArea().intersects(renderer.chartsArea()));
    QCOMPARE(renderer.chartsArea().isEmpty(), !charts);
    QVERIFY(renderer.surfaceArea().isEmpty());
    if (charts) {
        // The charts are drawn: not one flat colour.
        const QImage part = frame.copy(renderer.chartsArea());
        QVERIFY(part.convertToFormat(QImage::Format_Indexed8).colorCount() > 2);
    }
}

void TestFrameRenderer::testFramesFollowSteps()
{
    auto session = raceSession(10);
    FrameRenderer renderer(session.get(), FrameOptions{});
    const QImage step0 = renderer.render(0);
    const QImage step5 = renderer.render(5);
    const QRect whole(QPoint(0, 0), step0.size());
    QVERIFY(differingPixels(step0, step5, whole) > 100);
    // Drawn again, a step gives the same pixels.
    QCOMPARE(renderer.render(0), step0);
    QCOMPARE(renderer.render(5), step5);
}

void TestFrameRenderer::testContourFrameIsTheView_data()
{
    QTest::addColumn<int>("step");
    QTest::newRow("start") << 0;
    QTest::newRow("step 4") << 4;
    QTest::newRow("end") << 10;
}

void TestFrameRenderer::testContourFrameIsTheView()
{
    // The frames compose the view's buffers after each step; a contour view drawn afresh at that
    // step (ContourView::render, as `gradlab render` draws a still) shows the same pixels.
    QFETCH(int, step);
    auto session = raceSession(10);
    FrameRenderer renderer(session.get(), FrameOptions{});
    for (int k = 0; k <= step; ++k) {
        renderer.render(k); // stepped through, as an animation is
    }
    const QImage frame = renderer.render(step);
    ContourView fresh(session.get());
    fresh.setAttribute(Qt::WA_DontShowOnScreen);
    fresh.resize(kDefaultFrameSize);
    fresh.show();
    QCoreApplication::processEvents();
    const QImage still = fresh.render(kDefaultFrameSize).convertToFormat(QImage::Format_RGB32);
    // Composed layer buffers blend anti-aliased edges a little differently from one direct
    // drawing: a few edge pixels differ, by little; nothing drawn is missing or extra.
    const QRect whole(QPoint(0, 0), frame.size());
    const int differing = differingPixels(frame, still, whole);
    QVERIFY2(differing < whole.width() * whole.height() / 50,
             qPrintable(QString::number(differing)));
    double sum = 0;
    for (int y = 0; y < frame.height(); ++y) {
        for (int x = 0; x < frame.width(); ++x) {
            const QRgb p = frame.pixel(x, y), q = still.pixel(x, y);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) +
                   std::abs(qBlue(p) - qBlue(q));
        }
    }
    const double mean = sum / (3.0 * whole.width() * whole.height());
    QVERIFY2(mean < 0.5, qPrintable(QString::number(mean)));
}

void TestFrameRenderer::testOverlay()
{
    // The elongated bowl's probe and start sit at the map's top left (−2.5, 1.2): the box goes
    // to the bottom right instead of hiding them.
    auto session = raceSession(10);
    FrameRenderer plain(session.get(), FrameOptions{});
    FrameRenderer overlaid(session.get(),
                           FrameOptions{AnimationView::Contour, false, true, kDefaultFrameSize});
    const QImage without = plain.render(4);
    const QImage with = overlaid.render(4);
    const QRect whole(QPoint(0, 0), with.size());
    const int changed = differingPixels(without, with, whole);
    QVERIFY(changed > 1000);
    // Only the bottom right quarter changes, and the probe's pixel is outside the box.
    QCOMPARE(differingPixels(without, with, QRect(0, 0, whole.width(), whole.height() / 2)), 0);
    QCOMPARE(differingPixels(without, with, QRect(0, 0, whole.width() / 2, whole.height())), 0);
    const QRect box = overlaid.overlayBox(QSize(300, 60));
    QVERIFY(box.center().x() > whole.width() / 2 && box.center().y() > whole.height() / 2);
    // The overlay of another step reads differently.
    QVERIFY(differingPixels(overlaid.render(4), overlaid.render(5), whole) > 0);

    // With the probe and the start at the bottom right, the top left holds the box.
    session->setProbe(Eigen::Vector2d(2.0, -1.2));
    session->setStartPoint(Eigen::Vector2d(2.0, -1.2));
    FrameRenderer moved(session.get(),
                        FrameOptions{AnimationView::Contour, false, true, kDefaultFrameSize});
    moved.render(0);
    const QRect topLeft = moved.overlayBox(QSize(300, 60));
    QVERIFY(topLeft.center().x() < whole.width() / 2 && topLeft.center().y() < whole.height() / 2);
}

void TestFrameRenderer::testOverlayLines()
{
    // A cosine schedule over 10 steps: η_k = η_min + (η₀ − η_min)(1 + cos(πk/T))/2, the rate of
    // the step from x_k, read off each frame; Nelder–Mead has no rate and shows none.
    Session session;
    session.loadPreset(*findPreset("elongated"));
    OptimizerSettings cosine = defaultSettings(Method::GradientDescent);
    cosine.learningRate = 0.08;
    cosine.maxSteps = 10;
    cosine.schedule.kind = ScheduleKind::Cosine;
    cosine.schedule.tMax = 10;
    cosine.schedule.etaMin = 0.01;
    session.addRun(cosine);
    OptimizerSettings simplex = defaultSettings(Method::NelderMead);
    simplex.maxSteps = 10;
    session.addRun(simplex);
    FrameRenderer renderer(&session,
                           FrameOptions{AnimationView::Contour, false, true, kDefaultFrameSize});
    for (int k : {0, 3, 5, 9}) {
        renderer.render(k);
        const QStringList lines = renderer.overlayLines();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("step %1").arg(k));
        const double eta = 0.01 + (0.08 - 0.01) * (1 + std::cos(M_PI * k / 10.0)) / 2;
        QVERIFY2(lines[1].endsWith(QStringLiteral("η = %1").arg(eta, 0, 'g', 4)),
                 qPrintable(lines[1]));
        QVERIFY2(!lines[2].contains(QStringLiteral("η")), qPrintable(lines[2]));
    }
}

void TestFrameRenderer::testLastStep()
{
    // Newton's method on a quadratic lands on the minimum in one step and stops (‖∇f‖ = 0 is
    // below any tolerance); gradient descent runs its 30 steps.
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + 3*y^2"));
    session.setStartPoint(Eigen::Vector2d(1, 1));
    OptimizerSettings newton = defaultSettings(Method::Newton);
    newton.maxSteps = 50;
    newton.tolerance = 1e-9;
    session.addRun(newton);
    const int newtonEnd = FrameRenderer::lastStep(session);
    QVERIFY2(newtonEnd >= 1 && newtonEnd < 50, qPrintable(QString::number(newtonEnd)));
    QCOMPARE(newtonEnd, session.runs().front().lastIndex());
    QCOMPARE(session.currentStep(), 0); // the step shown stays

    OptimizerSettings descent = defaultSettings(Method::GradientDescent);
    descent.maxSteps = 30;
    session.addRun(descent);
    QCOMPARE(FrameRenderer::lastStep(session), 30);
}

void TestFrameRenderer::testCopyScene()
{
    Session source;
    source.setExpressionText(QStringLiteral("a*x^2 + y^2"));
    source.setParameter(ParameterData{QStringLiteral("a"), 2.5, -5, 5});
    source.setDomain(Domain{-2, 4, -1, 3});
    source.setStartPoint(Eigen::Vector2d(3, 2));
    source.setProbe(Eigen::Vector2d(0.5, -0.5));
    const int removed = source.addRun(defaultSettings(Method::GradientDescent));
    OptimizerSettings adam = defaultSettings(Method::Adam);
    adam.learningRate = 0.2;
    const int kept = source.addRun(adam);
    source.addRun(defaultSettings(Method::Momentum));
    source.removeRun(removed);
    source.setRunVisible(kept, false);
    source.setCurrentStep(7);

    const auto copy = copyScene(source);
    QCOMPARE(copy->expressionText(), source.expressionText());
    QCOMPARE(copy->parameters(), source.parameters());
    QVERIFY(copy->domain() == source.domain());
    QCOMPARE(copy->startPoint(), source.startPoint());
    QCOMPARE(copy->probe(), source.probe());
    QCOMPARE(copy->currentStep(), 0);
    QCOMPARE(copy->runs().size(), source.runs().size());
    for (std::size_t i = 0; i < source.runs().size(); ++i) {
        const RunEntry& original = source.runs()[i];
        const RunEntry& copied = copy->runs()[i];
        QCOMPARE(copied.id, original.id);
        QCOMPARE(copied.color, original.color);
        QCOMPARE(copied.visible, original.visible);
        QCOMPARE(copied.settings.method, original.settings.method);
        QCOMPARE(copied.settings.learningRate, original.settings.learningRate);
        // The same descent: step 7 lands on the same point.
        copy->setCurrentStep(7);
        QCOMPARE(copied.recordAt(7).point, original.recordAt(7).point);
    }
}

QTEST_MAIN(TestFrameRenderer)
#include "tst_framerenderer.moc"
