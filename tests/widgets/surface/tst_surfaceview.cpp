// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "session.h"
#include "surface/surfaceview.h"

#include <QtTest>
#include <cmath>

using namespace gradlab;

class TestSurfaceView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!SurfaceView::isOpenGLAvailable()) {
            QFAIL("no OpenGL context: run this test under xvfb-run with Mesa");
        }
    }
    void meshAtFineResolution();
    void pathsAtSurfaceHeight();
    void followsCurrentStepWithoutRebuildingMesh();
    void probeOnSurface();
    void adaptiveResolution();
    void rendersImage();
    void wholeSceneInsideTheImage_data();
    void wholeSceneInsideTheImage();
    void labelsFollowTheFont_data();
    void labelsFollowTheFont();
};

namespace {

void setUpBowl(Session& session)
{
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 10y^2")));
    session.setDomain(Domain{-3, 3, -2, 2});
    session.setStartPoint(Eigen::Vector2d(-2.5, 1.2));
}

} // namespace

void TestSurfaceView::meshAtFineResolution()
{
    Session session;
    setUpBowl(session);
    SurfaceView view(&session);
    view.resize(640, 480);
    view.show();
    QVERIFY(view.isAvailable());
    QCOMPARE(view.meshRows(), view.fineResolution());
    QCOMPARE(view.meshColumns(), view.fineResolution());
    view.setFineResolution(64);
    QCOMPARE(view.meshRows(), 64);
    QCOMPARE(view.meshColumns(), 64);
}

void TestSurfaceView::pathsAtSurfaceHeight()
{
    Session session;
    setUpBowl(session);
    SurfaceView view(&session);
    view.show();
    OptimizerSettings gd = defaultSettings(Method::GradientDescent);
    gd.learningRate = 0.09;
    const int id = session.addRun(gd);
    const int other = session.addRun(defaultSettings(Method::Adam));
    session.setCurrentStep(12);
    const QVector<QVector3D> markers = view.pathMarkers(id);
    QCOMPARE(markers.size(), 13);
    const RunEntry* run = session.runById(id);
    for (int k = 0; k < markers.size(); ++k) {
        const StepRecord& record = run->run->records()[static_cast<std::size_t>(k)];
        QCOMPARE(markers[k].x(), static_cast<float>(record.point.x()));
        QCOMPARE(markers[k].z(), static_cast<float>(record.point.y()));
        // On the surface, lifted by the view's small offset so it is not hidden in it.
        const double surface = session.function().value(record.point.x(), record.point.y());
        QVERIFY(std::fabs(markers[k].y() - (surface + view.lift())) <
                1e-4 * (1 + std::fabs(surface)));
    }
    QCOMPARE(view.pathMarkers(other).size(), 13);
    QVERIFY(view.pathMarkers(other)[5] != markers[5]);
}

void TestSurfaceView::followsCurrentStepWithoutRebuildingMesh()
{
    Session session;
    setUpBowl(session);
    SurfaceView view(&session);
    view.show();
    const int id = session.addRun(defaultSettings(Method::Momentum));
    const int rebuilds = view.meshRebuildCount();
    for (int k = 1; k <= 5; ++k) {
        session.stepForward();
        const StepRecord& record = session.runById(id)->recordAt(session.currentStep());
        const QVector3D marker = view.currentMarker(id);
        QCOMPARE(marker.x(), static_cast<float>(record.point.x()));
        QCOMPARE(marker.z(), static_cast<float>(record.point.y()));
        QCOMPARE(view.pathMarkers(id).size(), k + 1);
    }
    session.stepBackward();
    QCOMPARE(view.pathMarkers(id).size(), 5);
    QCOMPARE(view.meshRebuildCount(), rebuilds);
}

void TestSurfaceView::probeOnSurface()
{
    Session session;
    setUpBowl(session);
    SurfaceView view(&session);
    view.show();
    session.setProbe(Eigen::Vector2d(1.0, -0.5));
    const QVector3D probe = view.probeMarker();
    QCOMPARE(probe.x(), 1.0f);
    QCOMPARE(probe.z(), -0.5f);
    QVERIFY(std::fabs(probe.y() - (3.5 + view.lift())) < 1e-4);
}

void TestSurfaceView::adaptiveResolution()
{
    Session session;
    setUpBowl(session);
    SurfaceView view(&session);
    view.show();
    // Changes in quick succession (a slider being dragged) get the coarse mesh, then the fine one.
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 9y^2")));
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 8y^2")));
    QCOMPARE(view.meshRows(), view.coarseResolution());
    QTRY_COMPARE_WITH_TIMEOUT(view.meshRows(), view.fineResolution(), 3000);
}

void TestSurfaceView::rendersImage()
{
    Session session;
    setUpBowl(session);
    SurfaceView view(&session);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    session.addRun(defaultSettings(Method::GradientDescent));
    session.setCurrentStep(20);
    const QImage image = view.renderToImage(QSize(640, 480));
    QCOMPARE(image.size(), QSize(640, 480));
    // Not a blank image: the surface has many colours.
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 8) {
        for (int x = 0; x < image.width(); x += 8) {
            colors.insert(image.pixel(x, y));
        }
    }
    QVERIFY2(colors.size() > 50, qPrintable(QString::number(colors.size())));
    const QByteArray directory = qgetenv("GRADLAB_SCREENSHOT_DIR");
    if (!directory.isEmpty()) {
        QVERIFY(view.renderToImage(QSize(1200, 900))
                    .save(QString::fromLocal8Bit(directory) + QStringLiteral("/surface.png")));
    }
}

void TestSurfaceView::wholeSceneInsideTheImage_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("854 x 480") << QSize(854, 480);
    QTest::newRow("1280 x 720") << QSize(1280, 720);
    QTest::newRow("1920 x 1080") << QSize(1920, 1080);
    QTest::newRow("960 x 540, the slides' default") << QSize(960, 540);
}

void TestSurfaceView::wholeSceneInsideTheImage()
{
    // Every label and the whole surface inside the image: its outer frame is background only
    // (the labels of f and the surface's near corner ran off the edges before).
    QFETCH(QSize, size);
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("(1 - x)^2 + 100(y - x^2)^2")));
    session.setDomain(Domain{-2, 2, -1, 3});
    SurfaceView view(&session);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.renderToImage(size).convertToFormat(QImage::Format_RGB32);
    const QRgb background = image.pixel(0, 0);
    constexpr int kFrame = 4;
    int drawn = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const bool inFrame = x < kFrame || y < kFrame || x >= image.width() - kFrame ||
                                 y >= image.height() - kFrame;
            if (inFrame && image.pixel(x, y) != background) {
                ++drawn;
            }
        }
    }
    QVERIFY2(drawn == 0, qPrintable(QStringLiteral("%1 pixels drawn at the edge").arg(drawn)));
}

void TestSurfaceView::labelsFollowTheFont_data()
{
    QTest::addColumn<double>("factor");
    QTest::newRow("presenter, half as big again") << 1.5;
    QTest::newRow("twice") << 2.0;
    QTest::newRow("smaller") << 0.8;
}

void TestSurfaceView::labelsFollowTheFont()
{
    QFETCH(double, factor);
    Session session;
    setUpBowl(session);
    QWidget parent;
    auto* view = new SurfaceView(&session, &parent);
    parent.show();
    const QFont before = parent.font();
    const double labels = view->labelFont().pointSizeF();
    QCOMPARE(labels, SurfaceView::kLabelScale * before.pointSizeF());

    // as presenter mode does: a larger font on an ancestor, handed down by Qt
    QFont larger = before;
    larger.setPointSizeF(before.pointSizeF() * factor);
    parent.setFont(larger);
    QCOMPARE(view->labelFont().pointSizeF(), labels * factor);

    parent.setFont(before);
    QCOMPARE(view->labelFont().pointSizeF(), labels);
}

QTEST_MAIN(TestSurfaceView)
#include "tst_surfaceview.moc"
