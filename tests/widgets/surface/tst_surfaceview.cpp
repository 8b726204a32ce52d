// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview/contourview.h"
#include "functions/presets.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

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
    void panningTheContourViewKeepsTheMesh();
    void probeOnSurface();
    void adaptiveResolution();
    void expensiveMeshInBackground();
    void rendersImage();
    void wholeSceneInsideTheImage_data();
    void wholeSceneInsideTheImage();
    void labelsFollowTheFont_data();
    void labelsFollowTheFont();
    void coloursOfTheHeatMap_data();
    void coloursOfTheHeatMap();
    void undefinedRegionsAreHoles_data();
    void undefinedRegionsAreHoles();
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

void TestSurfaceView::panningTheContourViewKeepsTheMesh()
{
    // The viewport (what the contour view shows) is not the function's domain (#13): panning and
    // zooming the map redraw the map, never the 3-D mesh.
    Session session;
    setUpBowl(session);
    ContourView map(&session);
    map.resize(640, 480);
    map.show();
    SurfaceView surface(&session);
    surface.resize(640, 480);
    surface.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    const int rebuilds = surface.meshRebuildCount();
    const Domain domain = session.domain();
    QSignalSpy functionChanges(&session, &Session::functionChanged);
    QSignalSpy viewportChanges(&session, &Session::viewportChanged);

    QCustomPlot* plot = map.plot();
    const QPoint from = plot->axisRect()->center();
    QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(plot, from + QPoint(-40, 10));
    QTest::mouseMove(plot, from + QPoint(-90, 25));
    QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, from + QPoint(-90, 25));
    QTRY_COMPARE(viewportChanges.count(), 1);
    QVERIFY(session.viewport().xMin > domain.xMin); // the map shows what lies to the right
    QWheelEvent wheel(QPointF(from), plot->mapToGlobal(QPointF(from)), QPoint(), QPoint(0, 480),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(plot, &wheel);
    QTRY_COMPARE(viewportChanges.count(), 2);
    QVERIFY(session.viewport().width() < domain.width()); // zoomed in
    // the map is drawn over the new viewport; the function, its domain and the mesh stay
    QTRY_VERIFY(map.heatMapDomain() == session.viewport());
    QCOMPARE(session.domain(), domain);
    QCOMPARE(functionChanges.count(), 0);
    QCOMPARE(surface.meshRebuildCount(), rebuilds);

    // Home brings the domain back into view, still without a new mesh.
    map.resetView();
    QCOMPARE(session.viewport(), domain);
    QCOMPARE(surface.meshRebuildCount(), rebuilds);
    // A new domain is another matter: the mesh follows it, and the viewport is reset to it.
    session.setDomain(Domain{-1, 1, -1, 1});
    QCOMPARE(session.viewport(), session.domain());
    QTRY_VERIFY(surface.meshRebuildCount() > rebuilds);
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

void TestSurfaceView::expensiveMeshInBackground()
{
    // A sum of 520 sines (over 2 000 instructions): its 128² grid is too costly for the event
    // loop (#18), its 48² one is not. The coarse mesh is drawn at once, the fine one arrives.
    QStringList terms;
    for (int k = 1; k <= 520; ++k) {
        terms.append(QStringLiteral("sin(%1x + y/%2)/%1").arg(k).arg(k + 1));
    }
    const QString expression = terms.join(QStringLiteral(" + "));
    Session session;
    setUpBowl(session);
    SurfaceView view(&session);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.meshRows(), view.fineResolution());
    QVERIFY(session.setExpressionText(expression));
    QVERIFY(session.isGridExpensive(view.fineResolution(), view.fineResolution()));
    QVERIFY(!session.isGridExpensive(view.coarseResolution(), view.coarseResolution()));
    QVERIFY(view.isComputingMesh());
    QCOMPARE(view.meshRows(), view.coarseResolution());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isComputingMesh(), 20000);
    QCOMPARE(view.meshRows(), view.fineResolution());
    QCOMPARE(view.meshColumns(), view.fineResolution());

    // the mesh is the function's: compare a height with the one drawn at once
    Session other;
    setUpBowl(other);
    SurfaceView atOnce(&other);
    atOnce.setDrawsAtOnce(true);
    atOnce.show();
    QVERIFY(QTest::qWaitForWindowExposed(&atOnce));
    QVERIFY(other.setExpressionText(expression));
    QVERIFY(!atOnce.isComputingMesh());
    QCOMPARE(atOnce.meshRows(), atOnce.fineResolution());
    QCOMPARE(view.surfaceTexture(), atOnce.surfaceTexture());
    QCOMPARE(view.colorScale().storedLower(), atOnce.colorScale().storedLower());
    QCOMPARE(view.colorScale().storedUpper(), atOnce.colorScale().storedUpper());
    QCOMPARE(view.probeMarker(), atOnce.probeMarker());

    // a cheap function afterwards is drawn at once again, and the old job never lands
    QVERIFY(session.setExpressionText(expression + QStringLiteral(" + x")));
    QVERIFY(view.isComputingMesh());
    QTest::qWait(400); // (past the adaptive window: the next change is not a drag)
    const int rebuilds = view.meshRebuildCount();
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + y^2")));
    QVERIFY(!view.isComputingMesh());
    QCOMPARE(view.meshRebuildCount(), rebuilds + 1);
    QTest::qWait(500);
    QCOMPARE(view.meshRebuildCount(), rebuilds + 1);
    QCOMPARE(view.meshRows(), view.fineResolution());
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

void TestSurfaceView::coloursOfTheHeatMap_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("logarithmic");
    QTest::addRow("bowl, linear colours") << QStringLiteral("bowl") << false;
    QTest::addRow("Rosenbrock, log colours") << QStringLiteral("rosenbrock") << true;
}

void TestSurfaceView::coloursOfTheHeatMap()
{
    // The surface is coloured as the heat map colours the same point: with 129 samples per
    // side, sample i of the surface is cell 4i of the heat map's 513.
    QFETCH(QString, preset);
    QFETCH(bool, logarithmic);
    Session session;
    session.loadPreset(*findPreset(preset.toStdString()));
    ContourView contour(&session);
    contour.resize(800, 600);
    SurfaceView view(&session);
    view.resize(640, 480);
    view.show();
    view.setFineResolution(129);
    QCOMPARE(contour.heatMapResolution(), 513);
    QCOMPARE(view.colorScale().isLogarithmic(), logarithmic);
    const QImage texture = view.surfaceTexture();
    QCOMPARE(texture.size(), QSize(129, 129));
    QCPColorMap* map = contour.colorMap();
    QCPColorGradient gradient = map->gradient();
    for (int j = 0; j < 129; j += 8) {
        for (int i = 0; i < 129; i += 8) {
            const QRgb expected = gradient.color(map->data()->cell(4 * i, 4 * j), map->dataRange());
            QCOMPARE(texture.pixel(i, 128 - j), expected);
        }
    }
}

void TestSurfaceView::undefinedRegionsAreHoles_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("patches");
    QTest::addRow("half plane: sqrt(x) + y^2") << QStringLiteral("sqrt(x) + y^2") << 1;
    QTest::addRow("disc: log(x^2 + y^2 - 1)") << QStringLiteral("log(x^2 + y^2 - 1)") << -1;
    QTest::addRow("defined everywhere") << QStringLiteral("x^2 + y^2") << 1;
}

void TestSurfaceView::undefinedRegionsAreHoles()
{
    // No vertex of the surface stands for an undefined sample: each lies on f, inside the
    // vertical range; the old mesh pushed them below the floor, as walls.
    QFETCH(QString, expression);
    QFETCH(int, patches);
    Session session;
    QVERIFY(session.setExpressionText(expression));
    session.setDomain(Domain{-3, 3, -2, 2});
    SurfaceView view(&session);
    view.resize(640, 480);
    view.show();
    if (patches > 0) {
        QCOMPARE(int(view.meshPatches().size()), patches);
    } else {
        QVERIFY(view.meshPatches().size() > 1);
    }
    int vertices = 0;
    for (QSurface3DSeries* series : view.seriesForTest()) {
        if (!series->objectName().startsWith(QStringLiteral("surface")) || !series->isVisible()) {
            continue;
        }
        const QSurfaceDataArray& array = *series->dataProxy()->array();
        for (const QSurfaceDataRow* row : array) {
            for (const QSurfaceDataItem& item : *row) {
                const double x = item.x();
                const double y = item.z();
                const double expected = session.evaluate(Eigen::Vector2d(x, y)).f;
                QVERIFY2(std::isfinite(expected),
                         qPrintable(QStringLiteral("(%1, %2)").arg(x).arg(y)));
                // x and y were rounded to float in the vertex: f agrees to that rounding.
                QVERIFY(std::abs(item.y() - expected) <= 1e-3 * std::max(1.0, std::abs(expected)));
                ++vertices;
            }
        }
    }
    int expectedVertices = 0;
    for (const SamplePatch& patch : view.meshPatches()) {
        expectedVertices += patch.columns * patch.rows;
    }
    QCOMPARE(vertices, expectedVertices);
    QVERIFY(vertices > 0);
}

QTEST_MAIN(TestSurfaceView)
#include "tst_surfaceview.moc"
