// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/builtindatasets.h"
#include "fit/fitrun.h"
#include "fitlab/dataplot.h"
#include "fitlab/fitlab.h"
#include "fitlab/fitsession.h"
#include "fitlab/landscapeplot.h"
#include "fitlab/landscapesurface.h"

#include <Eigen/LU>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <qcustomplot.h>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::DataSet)

namespace {

/// The pixel of parameter point \a p in the landscape.
QPoint landscapePixel(LandscapePlot* plot, const Eigen::Vector2d& p)
{
    return QPoint(qRound(plot->xAxis->coordToPixel(p.x())),
                  qRound(plot->yAxis->coordToPixel(p.y())));
}

QPoint dataPixel(DataPlot* plot, double x, double y)
{
    return QPoint(qRound(plot->xAxis->coordToPixel(x)), qRound(plot->yAxis->coordToPixel(y)));
}

/// Shows \a lab at a fixed size and lays its plots out, so pixels map to coordinates.
bool present(FitLab& lab)
{
    lab.resize(1500, 820);
    lab.show();
    if (!QTest::qWaitForWindowExposed(&lab)) {
        return false;
    }
    lab.dataPlot()->replot();
    lab.landscapePlot()->replot();
    return true;
}

/// With GRADLAB_SCREENSHOT_DIR set to a folder, the page as it is now, saved there.
void screenshot(FitLab& lab, const QString& name)
{
    const QString folder = qEnvironmentVariable("GRADLAB_SCREENSHOT_DIR");
    if (folder.isEmpty()) {
        return;
    }
    lab.dataPlot()->replot();
    lab.landscapePlot()->replot();
    lab.lossChart()->replot();
    QVERIFY(lab.grab().save(QDir(folder).filePath(name)));
}

void selectMethod(FitLab& lab, Method method, double learningRate, int batch)
{
    FitSettings settings = lab.session()->settings();
    settings.optimizer = defaultSettings(method);
    settings.optimizer.tolerance = 0;
    settings.optimizer.learningRate = learningRate;
    settings.batchSize = static_cast<std::size_t>(batch);
    lab.session()->setSettings(settings);
}

} // namespace

class TestFitLab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testStepsFollowTheCore_data();
    void testStepsFollowTheCore();
    void testDragInLandscapeMovesTheModel();
    void testMiniBatchShowsSpread();
    void testClickAddsDragMovesRightClickDeletes();
    void testBuiltinDataSetsSwitchModel();
    void testImportKeepsGoodRows();
    void testImportRejectsWithoutLoss();
    void testExportRoundTrip();
    void testDecisionBoundaryMoves();
    void testSurfaceSwitchWithoutOpenGL();
    void testHeatMapColoursTheLoss_data();
    void testHeatMapColoursTheLoss();
};

void TestFitLab::testStepsFollowTheCore_data()
{
    QTest::addColumn<QString>("dataSet");
    QTest::addColumn<int>("method");
    QTest::addColumn<double>("learningRate");
    QTest::addColumn<int>("batch");
    QTest::newRow("line, gradient descent")
        << "noisy-line" << int(Method::GradientDescent) << 0.05 << 0;
    QTest::newRow("line, mini-batch 4")
        << "noisy-line" << int(Method::GradientDescent) << 0.05 << 4;
    QTest::newRow("logistic, adam") << "overlapping-classes" << int(Method::Adam) << 0.1 << 8;
    QTest::newRow("logistic2, momentum") << "two-blobs" << int(Method::Momentum) << 0.02 << 0;
}

void TestFitLab::testStepsFollowTheCore()
{
    QFETCH(QString, dataSet);
    QFETCH(int, method);
    QFETCH(double, learningRate);
    QFETCH(int, batch);
    FitLab lab;
    const DataSet data = generate(*findBuiltinDataSet(dataSet.toStdString()));
    lab.session()->setData(data);
    selectMethod(lab, static_cast<Method>(method), learningRate, batch);
    auto* step = lab.findChild<QPushButton*>(QStringLiteral("fitStep"));
    QVERIFY(step);
    for (int k = 0; k < 25; ++k) {
        step->click();
    }
    QCOMPARE(lab.session()->stepIndex(), 25);
    FitRun run(lab.session()->model(), data, {0, 0}, lab.session()->settings());
    run.advanceTo(25);
    QCOMPARE(lab.session()->current().parameters, run.steps().back().parameters);
    // the loss chart holds both losses of every step
    auto* full = lab.lossChart()->graph(0);
    QCOMPARE(full->data()->size(), 26);
    QCOMPARE(full->data()->at(25)->value, run.steps().back().loss);
    QCOMPARE(lab.lossChart()->graph(1)->data()->at(25)->value, run.steps().back().batchLoss);
    lab.findChild<QPushButton*>(QStringLiteral("fitReset"))->click();
    QCOMPARE(lab.session()->stepIndex(), 0);
}

void TestFitLab::testDragInLandscapeMovesTheModel()
{
    FitLab lab;
    QVERIFY(present(lab));
    LandscapePlot* landscape = lab.landscapePlot();
    const Eigen::Vector2d target(1.5, -0.5);
    QTest::mousePress(landscape, Qt::LeftButton, {}, landscapePixel(landscape, {0.5, 0.5}));
    QTest::mouseMove(landscape, landscapePixel(landscape, target));
    QTest::mouseRelease(landscape, Qt::LeftButton, {}, landscapePixel(landscape, target));
    // within a pixel of the target
    const Eigen::Vector2d start = lab.session()->start();
    const double pixel = lab.session()->parameterDomain().width() / landscape->axisRect()->width();
    QVERIFY2((start - target).norm() < 2 * pixel, qPrintable(QString::number(start.x())));
    // the data plot draws ŷ = w·x + b with the new parameters
    const QVector<QPointF> line = lab.dataPlot()->modelPoints();
    QCOMPARE(line.size(), 2);
    for (const QPointF& point : line) {
        QVERIFY(std::abs(point.y() - (start.x() * point.x() + start.y())) < 1e-12);
    }
}

void TestFitLab::testMiniBatchShowsSpread()
{
    FitLab lab;
    QVERIFY(present(lab));
    lab.session()->setStart({3.0, 1.5});
    selectMethod(lab, Method::GradientDescent, 0.05, 0);
    QVERIFY(!lab.landscapePlot()->showsSpread());
    for (int k = 0; k < 30; ++k) {
        lab.stepOnce();
    }
    screenshot(lab, QStringLiteral("fit-line-gd.png"));
    selectMethod(lab, Method::GradientDescent, 0.05, 4);
    for (int k = 0; k < 40; ++k) {
        lab.stepOnce();
        if (k == 13) {
            screenshot(lab, QStringLiteral("fit-minibatch.png"));
        }
    }
    QVERIFY(lab.landscapePlot()->showsSpread());
    // every point of the ellipse lies at Mahalanobis distance 1 of the full arrow's tip, in the
    // covariance of the batch gradients scaled to the arrows
    const FitStep& step = lab.session()->current();
    const GradientSpread spread =
        gradientSpread(lab.session()->model(), lab.session()->data(), step.parameters, 4);
    const double s = lab.landscapePlot()->arrowScale();
    const Eigen::Vector2d tip = step.parameters - s * step.gradient;
    const Eigen::Matrix2d inverse = (s * s * spread.covariance).inverse();
    const QVector<QPointF> ellipse = lab.landscapePlot()->spreadPoints();
    QVERIFY(ellipse.size() > 20);
    for (const QPointF& point : ellipse) {
        const Eigen::Vector2d d = Eigen::Vector2d(point.x(), point.y()) - tip;
        QVERIFY(std::abs(d.dot(inverse * d) - 1) < 1e-9);
    }
    // mini-batch losses scatter around the full loss: they are not all equal to it
    const std::span<const FitStep> steps = lab.session()->steps();
    int differing = 0;
    for (const FitStep& s2 : steps) {
        differing += std::abs(s2.batchLoss - s2.loss) > 1e-6 ? 1 : 0;
    }
    QVERIFY(differing > 20);
}

void TestFitLab::testClickAddsDragMovesRightClickDeletes()
{
    FitLab lab;
    QVERIFY(present(lab));
    DataPlot* plot = lab.dataPlot();
    FitSession* session = lab.session();
    const std::size_t before = session->data().size();
    // an empty spot: top left corner of the visible range, away from the noisy line's points
    const double x = plot->xAxis->range().lower + 0.05 * plot->xAxis->range().size();
    const double y = plot->yAxis->range().upper - 0.05 * plot->yAxis->range().size();
    QVERIFY(!plot->rowAt(dataPixel(plot, x, y)));
    QTest::mouseClick(plot, Qt::LeftButton, {}, dataPixel(plot, x, y));
    QCOMPARE(session->data().size(), before + 1);
    const double pixelX = plot->xAxis->range().size() / plot->axisRect()->width();
    QVERIFY(std::abs(session->data().x1.back() - x) < 2 * pixelX);
    // drag it down a little
    const double y2 = y - 0.1 * plot->yAxis->range().size();
    QTest::mousePress(plot, Qt::LeftButton, {}, dataPixel(plot, x, y));
    QTest::mouseMove(plot, dataPixel(plot, x, y2));
    QTest::mouseRelease(plot, Qt::LeftButton, {}, dataPixel(plot, x, y2));
    QCOMPARE(session->data().size(), before + 1);
    const double pixelY = plot->yAxis->range().size() / plot->axisRect()->height();
    QVERIFY(std::abs(session->data().y.back() - y2) < 2 * pixelY);
    // right-click deletes it
    QTest::mouseClick(plot, Qt::RightButton, {}, dataPixel(plot, x, y2));
    QCOMPARE(session->data().size(), before);
    QCOMPARE(session->data(), generate(*findBuiltinDataSet("noisy-line")));
}

void TestFitLab::testBuiltinDataSetsSwitchModel()
{
    FitLab lab;
    auto* model = lab.findChild<QComboBox*>();
    QVERIFY(model);
    for (const BuiltinDataSet& set : builtinDataSets()) {
        lab.session()->setData(generate(set));
        QCOMPARE(dataKind(lab.session()->model()), set.kind);
        QCOMPARE(lab.session()->stepIndex(), 0);
        QCOMPARE(lab.landscapePlot()->xAxis->label(),
                 QString::fromUtf8(parameterNames(lab.session()->model())[0].data()));
        QVERIFY(lab.landscapePlot()->contourLevelCount() > 5);
    }
    lab.session()->setModel(FitModel::Logistic);
    QCOMPARE(lab.session()->data().kind, DataKind::Classification);
}

void TestFitLab::testImportKeepsGoodRows()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("labels.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x,label\n-1,0\n2,yes\n1,1\n0.5,3\n");
    file.close();
    FitLab lab;
    const QStringList messages = lab.importData(path);
    QCOMPARE(
        messages,
        QStringList({QStringLiteral("line 3, field 2: “yes” is not a number"),
                     QStringLiteral("line 5, field 2: the label “3” is not between 0 and 1")}));
    QCOMPARE(lab.session()->model(), FitModel::Logistic);
    QCOMPARE(lab.session()->data().x1, (std::vector<double>{-1, 1}));
    QCOMPARE(lab.session()->data().y, (std::vector<double>{0, 1}));
}

void TestFitLab::testImportRejectsWithoutLoss()
{
    FitLab lab;
    const DataSet before = lab.session()->data();
    const QStringList messages = lab.importData(QStringLiteral("/dev/zero"));
    QCOMPARE(messages, QStringList(QStringLiteral(
                           "line 1 is longer than 4096 bytes: this is not a data file")));
    QCOMPARE(lab.session()->data(), before);
    QVERIFY(lab.importData(QStringLiteral("/nonexistent/data.csv")).front().startsWith("cannot"));
    QCOMPARE(lab.session()->data(), before);
}

void TestFitLab::testExportRoundTrip()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("blobs.csv"));
    FitLab lab;
    const DataSet blobs = generate(*findBuiltinDataSet("two-blobs"));
    lab.session()->setData(blobs);
    QCOMPARE(lab.exportData(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readLine().startsWith("x1,x2,label"));
    FitLab other;
    QCOMPARE(other.importData(path), QStringList());
    QCOMPARE(other.session()->data(), blobs);
    QVERIFY(!lab.exportData(QStringLiteral("/nonexistent/folder/data.csv")).isEmpty());
}

void TestFitLab::testDecisionBoundaryMoves()
{
    FitLab lab;
    QVERIFY(present(lab));
    lab.session()->setData(generate(*findBuiltinDataSet("two-blobs")));
    lab.session()->setStart({-2.0, 1.0});
    selectMethod(lab, Method::GradientDescent, 0.5, 0);
    const auto boundaryAngle = [&lab] {
        const QVector<QPointF> points = lab.dataPlot()->modelPoints();
        return std::atan2(points[1].y() - points[0].y(), points[1].x() - points[0].x());
    };
    // the boundary is w₁x₁ + w₂x₂ = 0: perpendicular to (w₁, w₂)
    const auto perpendicular = [&lab](const QVector<QPointF>& points) {
        const Eigen::Vector2d w = lab.session()->current().parameters;
        const Eigen::Vector2d along(points[1].x() - points[0].x(), points[1].y() - points[0].y());
        return std::abs(w.dot(along)) < 1e-9 * w.norm() * along.norm();
    };
    QVERIFY(perpendicular(lab.dataPlot()->modelPoints()));
    const double before = boundaryAngle();
    for (int k = 0; k < 12; ++k) {
        lab.stepOnce();
    }
    QVERIFY(perpendicular(lab.dataPlot()->modelPoints()));
    QVERIFY(std::abs(boundaryAngle() - before) > 0.3);
    // the blobs sit at (±1, ±1): the fitted w points along (1, 1)
    const Eigen::Vector2d w = lab.session()->current().parameters;
    QVERIFY(w.x() > 0 && w.y() > 0);
    screenshot(lab, QStringLiteral("fit-logistic2.png"));
}

void TestFitLab::testSurfaceSwitchWithoutOpenGL()
{
    // this test runs with QT_QPA_PLATFORM=offscreen: no OpenGL, so no Q3DSurface (it would crash)
    FitLab lab;
    QVERIFY(present(lab));
    QVERIFY(!lab.isSurfaceShown());
    auto* views = lab.findChild<QTabWidget*>(QStringLiteral("landscapeViews"));
    QVERIFY(views);
    QCOMPARE(views->count(), 2);
    QCOMPARE(views->currentWidget(), lab.landscapePlot());
    lab.setSurfaceShown(true);
    QCOMPARE(views->currentWidget(), lab.landscapeSurface());
    LandscapeSurface* surface = lab.landscapeSurface();
    QVERIFY(!surface->isAvailable());
    auto* message = surface->findChild<QLabel*>();
    QVERIFY(message && message->isVisible());
    QCOMPARE(message->text(), surface->fallbackMessage());
    QVERIFY(message->text().contains(QStringLiteral("OpenGL")));
    // the rest of the page goes on: steps, the heat map, the readout
    lab.stepOnce();
    QCOMPARE(lab.session()->stepIndex(), 1);
    QVERIFY(surface->pathMarkers().isEmpty());
    QVERIFY(std::isnan(surface->currentMarker().x()));
    QVERIFY(!surface->renderToImage(QSize(64, 48)).isNull());
    lab.setSurfaceShown(false);
    QCOMPARE(views->currentWidget(), lab.landscapePlot());
}

void TestFitLab::testHeatMapColoursTheLoss_data()
{
    QTest::addColumn<DataSet>("data");
    QTest::addColumn<bool>("logarithmic");
    QTest::newRow("noisy line, linear") << generate(*findBuiltinDataSet("noisy-line")) << false;
    QTest::newRow("two blobs, linear") << generate(*findBuiltinDataSet("two-blobs")) << false;
    // labels 0 at x ≤ −3, 1 at x ≥ 3: the loss falls like e^(−3w) and spans decades
    DataSet gap;
    gap.kind = DataKind::Classification;
    for (int k = 0; k < 5; ++k) {
        gap.append(-3 - 0.5 * k, 0, 0);
        gap.append(3 + 0.5 * k, 0, 1);
    }
    QTest::newRow("wide gap, log") << gap << true;
}

void TestFitLab::testHeatMapColoursTheLoss()
{
    QFETCH(DataSet, data);
    QFETCH(bool, logarithmic);
    FitLab lab;
    lab.session()->setData(data);
    LandscapePlot* plot = lab.landscapePlot();
    QCOMPARE(plot->isLogarithmic(), logarithmic);
    auto* map = qobject_cast<QCPColorMap*>(plot->plottable(0));
    auto* scale = qobject_cast<QCPColorScale*>(plot->plotLayout()->element(0, 1));
    QVERIFY(map && scale);
    // each cell is painted in the colour the colour bar gives its loss
    const GridValues& grid = lab.session()->landscape();
    const int last = grid.spec.columns - 1;
    for (const auto& [i, j] : {std::pair(0, 0), std::pair(last / 2, last / 2),
                               std::pair(3 * last / 4, last / 3), std::pair(last, last)}) {
        const double loss =
            lossValue(lab.session()->model(), data, {grid.spec.x(i), grid.spec.y(j)});
        const QRgb painted = map->gradient().color(map->data()->cell(i, j), map->dataRange(),
                                                   map->dataScaleType() == QCPAxis::stLogarithmic);
        const QRgb read = scale->gradient().color(loss, scale->dataRange(),
                                                  scale->dataScaleType() == QCPAxis::stLogarithmic);
        QCOMPARE(QColor(painted), QColor(read));
    }
}

QTEST_MAIN(TestFitLab)
#include "tst_fitlab.moc"
