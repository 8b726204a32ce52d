// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/builtindatasets.h"
#include "fitlab/dataplot.h"
#include "fitlab/fitlab.h"
#include "fitlab/fitsession.h"
#include "fitlab/fitstyle.h"
#include "fitlab/landscapeplot.h"
#include "fitlab/landscapesurface.h"
#include "surface/surfaceview.h"

#include <QDir>
#include <QPainter>
#include <QTest>
#include <QtDataVisualization/QSurface3DSeries>
#include <QtDataVisualization/QSurfaceDataProxy>
#include <algorithm>
#include <cmath>
#include <limits>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::DataSet)

namespace {

/// The height of \a loss as the heat map colours it, computed here from the loss alone.
double expectedHeight(const LandscapeSurface& view, double loss)
{
    return view.isLogarithmic() ? std::log10(loss) : loss;
}

/// Single-precision positions: equal to about 1e-6 of the value's size.
bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= 2e-6 * std::max(1.0, std::abs(expected));
}

void selectMethod(FitSession& session, Method method, double learningRate, int batch = 0)
{
    FitSettings settings = session.settings();
    settings.optimizer = defaultSettings(method);
    settings.optimizer.tolerance = 0;
    settings.optimizer.learningRate = learningRate;
    settings.batchSize = static_cast<std::size_t>(batch);
    session.setSettings(settings);
}

/// Every vertex of every series finite and inside the axis box, every shown marker finite.
void verifyDrawable(const LandscapeSurface& view, const Domain& box)
{
    const auto [low, high] = view.heightRange();
    for (const QSurface3DSeries* series : view.seriesForTest()) {
        const QSurfaceDataArray* array = series->dataProxy()->array();
        for (const QSurfaceDataRow* row : *array) {
            for (const QSurfaceDataItem& item : *row) {
                const QVector3D p = item.position();
                QVERIFY2(std::isfinite(p.x()) && std::isfinite(p.y()) && std::isfinite(p.z()),
                         qPrintable(series->objectName()));
                QVERIFY(box.contains(p.x(), p.z()));
                QVERIFY(p.y() >= low && p.y() <= high);
            }
        }
    }
    for (const QVector3D& marker : view.pathMarkers()) {
        QVERIFY(std::isfinite(marker.x()) && std::isfinite(marker.y()) &&
                std::isfinite(marker.z()));
        QVERIFY(marker.y() >= low && marker.y() <= high);
    }
}

/// With GRADLAB_SCREENSHOT_DIR set to a folder, the page as it is now with the 3-D scene drawn
/// where it stands (grab() leaves the OpenGL window out), saved there.
void screenshot(FitLab& lab, const QString& name)
{
    const QString folder = qEnvironmentVariable("GRADLAB_SCREENSHOT_DIR");
    if (folder.isEmpty()) {
        return;
    }
    lab.dataPlot()->replot();
    lab.lossChart()->replot();
    QImage page = lab.grab().toImage();
    LandscapeSurface* surface = lab.landscapeSurface();
    const QImage scene = surface->renderToImage(surface->size());
    QPainter painter(&page);
    painter.drawImage(surface->mapTo(&lab, QPoint(0, 0)), scene);
    painter.end();
    QVERIFY(page.save(QDir(folder).filePath(name)));
}

/// Labels 0 at x ≤ −3 and 1 at x ≥ 3: the classes are separated by a wide gap, the loss falls
/// like e^(−3w) towards 0 as w grows and spans decades, and the heat map colours it on a log
/// scale.
DataSet wideGap()
{
    DataSet data;
    data.kind = DataKind::Classification;
    for (int k = 0; k < 5; ++k) {
        data.append(-3 - 0.5 * k, 0, 0);
        data.append(3 + 0.5 * k, 0, 1);
    }
    return data;
}

} // namespace

class TestLandscapeSurface : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!SurfaceView::isOpenGLAvailable()) {
            QFAIL("no OpenGL context: run this test under xvfb-run with Mesa");
        }
    }
    void testMeshMatchesLandscape_data();
    void testMeshMatchesLandscape();
    void testColoursAsTheHeatMap_data();
    void testColoursAsTheHeatMap();
    void testMarkersFollowTheSteps();
    void testLongRunThinsMarkers();
    void testClickSetsStart();
    void testDivergingRunStaysFinite();
    void testWholeBoxInsideTheImage_data();
    void testWholeBoxInsideTheImage();
    void testScreenshots();
};

void TestLandscapeSurface::testMeshMatchesLandscape_data()
{
    QTest::addColumn<QString>("dataSet");
    QTest::newRow("line") << "noisy-line";
    QTest::newRow("steep line") << "steep-line";
    QTest::newRow("logistic") << "overlapping-classes";
    QTest::newRow("logistic2") << "two-blobs";
    QTest::newRow("wide gap, log heights") << "";
}

void TestLandscapeSurface::testMeshMatchesLandscape()
{
    QFETCH(QString, dataSet);
    FitSession session;
    LandscapeSurface view(&session);
    QVERIFY(view.isAvailable());
    session.setData(dataSet.isEmpty() ? wideGap()
                                      : generate(*findBuiltinDataSet(dataSet.toStdString())));
    QCOMPARE(view.isLogarithmic(), dataSet.isEmpty());
    const auto check = [&] {
        const GridValues& grid = session.landscape();
        QCOMPARE(view.meshColumns(), grid.spec.columns);
        QCOMPARE(view.meshRows(), grid.spec.rows);
        const int last = grid.spec.columns - 1;
        for (const auto& [i, j] : {std::pair(0, 0), std::pair(last, 0), std::pair(0, last),
                                   std::pair(last / 3, last / 2), std::pair(last, last)}) {
            const QVector3D point = view.meshPoint(i, j);
            QVERIFY(near(point.x(), grid.spec.x(i)));
            QVERIFY(near(point.z(), grid.spec.y(j)));
            // the loss recomputed at the vertex's parameters, not read from the grid
            const double loss =
                lossValue(session.model(), session.data(), {grid.spec.x(i), grid.spec.y(j)});
            QVERIFY2(near(point.y(), expectedHeight(view, loss)),
                     qPrintable(QStringLiteral("(%1, %2): %3 against %4")
                                    .arg(i)
                                    .arg(j)
                                    .arg(point.y())
                                    .arg(expectedHeight(view, loss))));
        }
    };
    check();
    // the mesh follows the data: a point far off moves the landscape
    const double before = view.meshPoint(0, 0).y();
    session.addRow(2.5, 0.0, session.model() == FitModel::Line ? 30.0 : 0.0);
    check();
    QVERIFY(view.meshPoint(0, 0).y() != before);
    verifyDrawable(view, session.parameterDomain());
}

void TestLandscapeSurface::testColoursAsTheHeatMap_data()
{
    QTest::addColumn<DataSet>("data");
    for (const BuiltinDataSet& set : builtinDataSets()) {
        QTest::newRow(set.name.c_str()) << generate(set);
    }
    QTest::newRow("wide gap") << wideGap();
}

void TestLandscapeSurface::testColoursAsTheHeatMap()
{
    QFETCH(DataSet, data);
    FitLab lab;
    lab.session()->setData(data);
    LandscapeSurface* view = lab.landscapeSurface();
    QVERIFY(view->isAvailable());
    // the heat map's scale, the heat map's colours
    QCOMPARE(view->isLogarithmic(), lab.landscapePlot()->isLogarithmic());
    const QGradientStops stops = view->seriesForTest().front()->baseGradient().stops();
    const auto colors = fitstyle::landscapeColors();
    QCOMPARE(stops.size(), qsizetype(colors.size()));
    QCOMPARE(stops.front().second, colors.front());
    QCOMPARE(stops.back().second, colors.back());
    QCOMPARE(stops.back().first, 1.0);
    // the height labels are losses at round values inside the box's vertical range
    const QStringList labels = view->heightLabels();
    QVERIFY2(labels.size() >= 3, qPrintable(labels.join(' ')));
    const auto [low, high] = view->heightRange();
    std::vector<double> values;
    for (const QString& label : labels) {
        bool ok = false;
        values.push_back(label.toDouble(&ok));
        QVERIFY2(ok, qPrintable(label));
        const double height = view->isLogarithmic() ? std::log10(values.back()) : values.back();
        QVERIFY(height >= low - 1e-6 && height <= high + 1e-6);
        // one significant digit: 1, 2 or 5 times a power of ten, or a multiple of the step
        QVERIFY2(std::abs(values.back() -
                          std::stod(QString::number(values.back(), 'g', 2).toStdString())) <=
                     1e-9 * std::abs(values.back()),
                 qPrintable(label));
    }
    QVERIFY(std::is_sorted(values.begin(), values.end()));
}

void TestLandscapeSurface::testMarkersFollowTheSteps()
{
    FitSession session;
    LandscapeSurface view(&session);
    view.resize(640, 480);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    session.setStart({3.0, 1.5});
    selectMethod(session, Method::GradientDescent, 0.05, 4);
    const auto verifyMarkers = [&] {
        const QVector<QVector3D> markers = view.pathMarkers();
        const std::span<const FitStep> steps = session.steps();
        QCOMPARE(markers.size(), qsizetype(steps.size()));
        for (std::size_t k = 0; k < steps.size(); ++k) {
            const QVector3D& marker = markers[qsizetype(k)];
            QVERIFY(near(marker.x(), steps[k].parameters.x()));
            QVERIFY(near(marker.z(), steps[k].parameters.y()));
            QVERIFY(near(marker.y(), expectedHeight(view, steps[k].loss) + view.lift()));
        }
        const QVector3D current = view.currentMarker();
        QVERIFY(near(current.x(), session.current().parameters.x()));
        QVERIFY(near(current.z(), session.current().parameters.y()));
    };
    verifyMarkers();
    QCOMPARE(view.pathMarkers().size(), 1);
    for (int k = 0; k < 20; ++k) {
        session.stepOnce();
    }
    verifyMarkers();
    QCOMPARE(view.pathMarkers().size(), 21);
    // one more step moves the current marker along
    const QVector3D before = view.currentMarker();
    session.stepOnce();
    verifyMarkers();
    QVERIFY((view.currentMarker() - before).length() > 1e-3f);
    // the ribbon runs along the path: one series beside the surface, not empty
    const QList<QSurface3DSeries*> series = view.seriesForTest();
    QCOMPARE(series.front()->objectName(), QStringLiteral("loss surface"));
    QVERIFY(series.size() >= 2 && series[1]->isVisible());
    QVERIFY(series[1]->dataProxy()->rowCount() * series[1]->dataProxy()->columnCount() == 44);
    // a reset leaves the start alone
    session.reset();
    verifyMarkers();
    QCOMPARE(view.pathMarkers().size(), 1);
    QVERIFY(!series[1]->isVisible());
}

void TestLandscapeSurface::testLongRunThinsMarkers()
{
    FitSession session;
    LandscapeSurface view(&session);
    session.setStart({3.0, 1.5});
    selectMethod(session, Method::GradientDescent, 0.01);
    for (int k = 0; k < 1000; ++k) {
        session.stepOnce();
    }
    // 1 001 steps, at most 400 markers: every third step, and the current one
    const QVector<QVector3D> markers = view.pathMarkers();
    QCOMPARE(markers.size(), 335);
    const std::span<const FitStep> steps = session.steps();
    QVERIFY(near(markers[1].x(), steps[3].parameters.x()));
    QVERIFY(near(markers.back().x(), steps[1000].parameters.x()));
    QVERIFY(near(markers.back().z(), steps[1000].parameters.y()));
}

void TestLandscapeSurface::testClickSetsStart()
{
    FitLab lab;
    lab.resize(1500, 820);
    lab.setSurfaceShown(true);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    QVERIFY(lab.isSurfaceShown());
    LandscapeSurface* view = lab.landscapeSurface();
    FitSession* session = lab.session();
    selectMethod(*session, Method::GradientDescent, 0.05);
    for (int k = 0; k < 5; ++k) {
        session->stepOnce();
    }
    const GridValues& grid = session->landscape();
    QSurface3DSeries* surface = view->seriesForTest().front();
    // what a click on the surface does: the graph selects the grid point (row, column) under it
    const int column = grid.spec.columns / 4;
    const int row = (3 * grid.spec.rows) / 4;
    surface->setSelectedPoint(QPoint(row, column));
    QCOMPARE(session->stepIndex(), 0);
    QVERIFY(near(session->start().x(), grid.spec.x(column)));
    QVERIFY(near(session->start().y(), grid.spec.y(row)));
    // the data plot's line is ŷ = w·x + b with the new start
    for (const QPointF& point : lab.dataPlot()->modelPoints()) {
        QVERIFY(std::abs(point.y() - (session->start().x() * point.x() + session->start().y())) <
                1e-9);
    }
    QVERIFY(near(view->currentMarker().x(), grid.spec.x(column)));
    QVERIFY(near(view->currentMarker().z(), grid.spec.y(row)));
    // the selection is cleared once the click is handled: the next click on the same point counts
    QTRY_COMPARE(surface->selectedPoint(), QSurface3DSeries::invalidSelectionPosition());
    // the slot itself, and an invalid position that changes nothing
    view->selectPoint(QPoint(0, grid.spec.columns - 1));
    QVERIFY(near(session->start().x(), grid.spec.x(grid.spec.columns - 1)));
    QVERIFY(near(session->start().y(), grid.spec.y(0)));
    const Eigen::Vector2d start = session->start();
    view->selectPoint(QSurface3DSeries::invalidSelectionPosition());
    QCOMPARE(session->start(), start);
}

void TestLandscapeSurface::testDivergingRunStaysFinite()
{
    FitSession session;
    LandscapeSurface view(&session);
    view.resize(640, 480);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    session.setData(generate(*findBuiltinDataSet("steep-line")));
    session.setStart({1.0, 0.5});
    selectMethod(session, Method::GradientDescent, 5.0);
    // the renderer draws between steps, as while playing
    for (int k = 0; k < 400 && !session.hasDiverged(); ++k) {
        session.stepOnce();
        if (k % 10 == 0) {
            QVERIFY(!view.renderToImage(QSize(320, 240)).isNull());
        }
        verifyDrawable(view, session.parameterDomain());
    }
    QVERIFY(session.hasDiverged());
    QVERIFY(!session.current().parameters.allFinite() || !std::isfinite(session.current().loss));
    verifyDrawable(view, session.parameterDomain());
    // the run left the box: its current marker is hidden, the start's is shown
    QVERIFY(std::isnan(view.currentMarker().x()));
    QVERIFY(!view.pathMarkers().isEmpty());
    QVERIFY(!view.renderToImage(QSize(320, 240)).isNull());
}

void TestLandscapeSurface::testWholeBoxInsideTheImage_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("square") << QSize(600, 600);
    QTest::newRow("the page's panel") << QSize(580, 590);
    QTest::newRow("wide") << QSize(1000, 500);
    QTest::newRow("16:9") << QSize(1600, 900);
    QTest::newRow("tall") << QSize(500, 800);
}

void TestLandscapeSurface::testWholeBoxInsideTheImage()
{
    QFETCH(QSize, size);
    FitSession session;
    LandscapeSurface view(&session);
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.renderToImage(size).convertToFormat(QImage::Format_RGB32);
    const QString folder = qEnvironmentVariable("GRADLAB_SCREENSHOT_DIR");
    if (!folder.isEmpty()) {
        image.save(QDir(folder).filePath(
            QStringLiteral("surface-%1x%2.png").arg(size.width()).arg(size.height())));
    }
    // the border is background only: the box, its labels and titles stay inside the image
    const QRgb background = image.pixel(0, 0);
    int drawn = 0;
    for (int x = 0; x < image.width(); ++x) {
        drawn += image.pixel(x, 1) != background;
        drawn += image.pixel(x, image.height() - 2) != background;
    }
    for (int y = 0; y < image.height(); ++y) {
        drawn += image.pixel(1, y) != background;
        drawn += image.pixel(image.width() - 2, y) != background;
    }
    QCOMPARE(drawn, 0);
    // and it fills the image across its narrower side: drawn pixels within a quarter of the
    // middle of the left edge (of a tall image) or of the top edge (of a wide one)
    const auto marginAlong = [&](QPoint from, QPoint step) {
        for (QPoint p = from; image.rect().contains(p); p += step) {
            if (image.pixel(p) != background) {
                return (p - from).manhattanLength();
            }
        }
        return std::numeric_limits<int>::max();
    };
    const double left = marginAlong({0, image.height() / 2}, {1, 0}) / double(image.width());
    const double top = marginAlong({image.width() / 2, 0}, {0, 1}) / double(image.height());
    QVERIFY2(std::min(left, top) < 0.25, qPrintable(QStringLiteral("%1 %2").arg(left).arg(top)));
    QVERIFY(left < 0.45 && top < 0.45);
}

void TestLandscapeSurface::testScreenshots()
{
    FitLab lab;
    lab.resize(1500, 820);
    lab.setSurfaceShown(true);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    FitSession* session = lab.session();
    session->setStart({3.0, 1.5});
    selectMethod(*session, Method::GradientDescent, 0.05);
    for (int k = 0; k < 30; ++k) {
        lab.stepOnce();
    }
    QCOMPARE(lab.landscapeSurface()->pathMarkers().size(), 31);
    screenshot(lab, QStringLiteral("fit-line-gd-3d.png"));
    session->setData(generate(*findBuiltinDataSet("two-blobs")));
    session->setStart({-2.0, 1.0});
    selectMethod(*session, Method::GradientDescent, 0.5);
    for (int k = 0; k < 12; ++k) {
        lab.stepOnce();
    }
    QCOMPARE(lab.landscapeSurface()->pathMarkers().size(), 13);
    screenshot(lab, QStringLiteral("fit-logistic2-3d.png"));
}

QTEST_MAIN(TestLandscapeSurface)
#include "tst_landscapesurface.moc"
