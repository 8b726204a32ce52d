// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// The 3-D view's items against values computed here: the start set by a click, the −∇f arrow,
// the tangent-plane patch, the slice curves, and `gradlab render --view surface`. Needs OpenGL
// (label "display": run under xvfb-run with Mesa).
#include "optimization/optimizer.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtDataVisualization/QCustom3DItem>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtTest>
#include <cmath>

using namespace gradlab;

namespace {

// f = x² + 3y² + ½xy, written out by hand, on [−3, 3] × [−2, 2].
const QString kExpression = QStringLiteral("x^2 + 3y^2 + 0.5*x*y");
const Domain kDomain{-3, 3, -2, 2};
double f(double x, double y)
{
    return x * x + 3 * y * y + 0.5 * x * y;
}

// ∇f by a central difference of the hand-written f: O(h²) ≈ 10⁻¹⁰ off.
Eigen::Vector2d centralGradient(double x, double y)
{
    const double h = 1e-5;
    return {(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)};
}

QSurface3DSeries* seriesNamed(const SurfaceView& view, const QString& name)
{
    for (QSurface3DSeries* series : view.seriesForTest()) {
        if (series->objectName() == name) {
            return series;
        }
    }
    return nullptr;
}

// Every vertex of a series, as (x, y, height): the scene's axes are (x, f, y).
std::vector<Eigen::Vector3d> verticesOf(const QSurface3DSeries* series)
{
    std::vector<Eigen::Vector3d> vertices;
    const QSurfaceDataArray* array = series->dataProxy()->array();
    for (const QSurfaceDataRow* row : *array) {
        for (const QSurfaceDataItem& item : *row) {
            vertices.emplace_back(item.x(), item.z(), item.y());
        }
    }
    return vertices;
}

struct Scene
{
    Session session;
    SurfaceView view{&session};

    Scene()
    {
        session.setExpressionText(kExpression);
        session.setDomain(kDomain);
        view.resize(640, 480);
        view.show();
    }
};

} // namespace

class TestSurfaceItems : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!SurfaceView::isOpenGLAvailable()) {
            QFAIL("no OpenGL context: run this test under xvfb-run with Mesa");
        }
    }
    void clickSetsStart_data();
    void clickSetsStart();
    void descentArrowAtCurrentPoint();
    void tangentPlanePatch_data();
    void tangentPlanePatch();
    void sliceCurves();
    void renderCommandLine_data();
    void renderCommandLine();
};

void TestSurfaceItems::clickSetsStart_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::newRow("corner") << 0 << 0;
    QTest::newRow("inside") << 37 << 90;
    QTest::newRow("far corner") << 127 << 127;
}

void TestSurfaceItems::clickSetsStart()
{
    QFETCH(int, row);
    QFETCH(int, column);
    Scene scene;
    QVERIFY(scene.view.isAvailable());
    QCOMPARE(scene.view.meshRows(), 128);
    QSurface3DSeries* surface = seriesNamed(scene.view, QStringLiteral("surface"));
    QVERIFY(surface);
    // A click selects a mesh point (row: y, column: x); the view takes it for the start.
    surface->setSelectedPoint(QPoint(row, column));
    const double x = kDomain.xMin + column * kDomain.width() / 127;
    const double y = kDomain.yMin + row * kDomain.height() / 127;
    // The mesh holds floats.
    QVERIFY(std::fabs(scene.session.startPoint().x() - x) < 1e-6);
    QVERIFY(std::fabs(scene.session.startPoint().y() - y) < 1e-6);
    // The selection is cleared once handled, so its label does not stay behind.
    QTRY_COMPARE(surface->selectedPoint(), QSurface3DSeries::invalidSelectionPosition());
    QVERIFY(std::fabs(scene.session.startPoint().x() - x) < 1e-6);
}

void TestSurfaceItems::descentArrowAtCurrentPoint()
{
    Scene scene;
    scene.session.setStartPoint({-2.5, 1.5});
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.learningRate = 0.05;
    const int id = scene.session.addRun(settings);
    QCoreApplication::processEvents();
    QCustom3DItem* arrow = scene.view.descentArrowForTest(id);
    QVERIFY(arrow);
    for (int k : {0, 2, 5}) {
        scene.session.setCurrentStep(k);
        QCoreApplication::processEvents();
        // It starts at the current point's marker …
        const QVector3D marker = scene.view.currentMarker(id);
        QVERIFY(arrow->isVisible());
        QCOMPARE(arrow->position(), marker);
        const Eigen::Vector2d point = scene.session.runById(id)->recordAt(k).point;
        QVERIFY(std::fabs(marker.x() - point.x()) < 1e-6 &&
                std::fabs(marker.z() - point.y()) < 1e-6);
        // … and the mesh's +y, turned by its rotation, points downhill along −∇f. The scene
        // normalises each axis to the box, so undo that for the horizontal part: x by the
        // domain's width, y by its height.
        const QVector3D pointing = arrow->rotation().rotatedVector(QVector3D(0, 1, 0));
        const Eigen::Vector2d horizontal(pointing.x() * kDomain.width(),
                                         pointing.z() * kDomain.height());
        const Eigen::Vector2d downhill = -centralGradient(point.x(), point.y()).normalized();
        QVERIFY2(horizontal.normalized().dot(downhill) > 1 - 1e-5,
                 qPrintable(QStringLiteral("step %1: (%2, %3) vs (%4, %5)")
                                .arg(k)
                                .arg(horizontal.normalized().x())
                                .arg(horizontal.normalized().y())
                                .arg(downhill.x())
                                .arg(downhill.y())));
        QVERIFY(pointing.y() < 0);
    }
}

void TestSurfaceItems::tangentPlanePatch_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::newRow("inside") << 1.2 << -0.7;
    QTest::newRow("near the minimum") << 0.1 << 0.05;
    QTest::newRow("by the edge") << -2.9 << 1.9;
}

void TestSurfaceItems::tangentPlanePatch()
{
    QFETCH(double, x);
    QFETCH(double, y);
    Scene scene;
    scene.session.setProbe({x, y});
    QCoreApplication::processEvents();
    QSurface3DSeries* plane = seriesNamed(scene.view, QStringLiteral("tangent plane"));
    QVERIFY(plane);
    const std::vector<Eigen::Vector3d> vertices = verticesOf(plane);
    QCOMPARE(vertices.size(), std::size_t(9));
    const Eigen::Vector2d gradient = centralGradient(x, y);
    double widest = 0;
    for (const Eigen::Vector3d& q : vertices) {
        QVERIFY(kDomain.contains(q.x(), q.y()));
        // z = f(p) + ∇f(p)·(q − p), to the floats the mesh holds
        const double expected = f(x, y) + gradient.x() * (q.x() - x) + gradient.y() * (q.y() - y);
        QVERIFY2(std::fabs(q.z() - expected) < 1e-5 * std::max(1.0, std::fabs(expected)),
                 qPrintable(QStringLiteral("at (%1, %2): %3 vs %4")
                                .arg(q.x())
                                .arg(q.y())
                                .arg(q.z())
                                .arg(expected)));
        widest = std::max(widest, std::fabs(q.x() - x));
    }
    // A patch around the probe, not a point.
    QVERIFY(widest > 0.01);
}

void TestSurfaceItems::sliceCurves()
{
    Scene scene;
    const double x0 = 0.8;
    const double y0 = -1.1;
    scene.session.setProbe({x0, y0});
    QCoreApplication::processEvents();
    // Each slice is a thin ribbon (half width 0.3 % of the domain's larger side) just above the
    // surface (by lift()), across the whole domain.
    const double halfWidth = 0.003 * 6.0;
    for (const bool alongX : {true, false}) {
        QSurface3DSeries* slice = seriesNamed(scene.view, alongX ? QStringLiteral("slice along x")
                                                                 : QStringLiteral("slice along y"));
        QVERIFY(slice);
        const std::vector<Eigen::Vector3d> vertices = verticesOf(slice);
        QCOMPARE(vertices.size(), std::size_t(2 * 96));
        double low = std::numeric_limits<double>::infinity();
        double high = -low;
        for (const Eigen::Vector3d& q : vertices) {
            // Off the line y = y₀ (x = x₀) by at most the half width …
            const double off = alongX ? q.y() - y0 : q.x() - x0;
            QVERIFY(std::fabs(off) <= halfWidth * (1 + 1e-5));
            // … on f there, lifted: f(x, y₀ ± w) + lift
            const double expected = f(q.x(), q.y()) + scene.view.lift();
            QVERIFY2(std::fabs(q.z() - expected) < 1e-5 * std::max(1.0, std::fabs(expected)),
                     qPrintable(QStringLiteral("at (%1, %2): %3 vs %4")
                                    .arg(q.x())
                                    .arg(q.y())
                                    .arg(q.z())
                                    .arg(expected)));
            // … and within w of f(x, y₀) (f(x₀, y)): the slice's curve, |∂f| · w at most apart.
            const double onSlice = alongX ? f(q.x(), y0) : f(x0, q.y());
            const double slope = alongX ? 6 * std::fabs(y0) + 0.5 * 3 + 6 * halfWidth
                                        : 2 * std::fabs(x0) + 0.5 * 2 + 2 * halfWidth;
            QVERIFY(std::fabs(q.z() - scene.view.lift() - onSlice) <= slope * halfWidth * 1.01);
            const double along = alongX ? q.x() : q.y();
            low = std::min(low, along);
            high = std::max(high, along);
        }
        QCOMPARE(low, alongX ? kDomain.xMin : kDomain.yMin);
        QCOMPARE(high, alongX ? kDomain.xMax : kDomain.yMax);
    }
}

void TestSurfaceItems::renderCommandLine_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QSize>("size");
    QTest::newRow("bowl") << "preset:bowl" << QSize(640, 360);
    QTest::newRow("rosenbrock, log scale") << "preset:rosenbrock" << QSize(800, 600);
    QTest::newRow("typed, undefined region") << "sqrt(x*y) + y" << QSize(500, 500);
}

void TestSurfaceItems::renderCommandLine()
{
    QFETCH(QString, function);
    QFETCH(QSize, size);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("surface.png"));
    QProcess process;
    process.start(QStringLiteral(GRADLAB_BINARY_DIR "/app/gradlab"),
                  QStringList{"render", function, "--view", "surface", "--size",
                              QStringLiteral("%1x%2").arg(size.width()).arg(size.height()), "--out",
                              out});
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QImage image(out);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size);
    // Not blank: the grey levels vary (a blank or single-colour image has variance 0).
    image = image.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0;
    double squares = 0;
    for (int y = 0; y < image.height(); ++y) {
        const uchar* line = image.constScanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            sum += line[x];
            squares += double(line[x]) * line[x];
        }
    }
    const double n = double(image.width()) * image.height();
    const double variance = squares / n - (sum / n) * (sum / n);
    QVERIFY2(variance > 100, qPrintable(QString::number(variance)));
}

QTEST_MAIN(TestSurfaceItems)
#include "tst_surfaceitems.moc"
