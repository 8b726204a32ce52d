// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/contours.h"
#include "common/plotfontprobe.h"
#include "contourview/contourview.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

using namespace gradlab;
using namespace gradlab::testing;

namespace {

// The view in a window of \a size, shown and laid out, over f on \a domain.
struct Scene
{
    Session session;
    ContourView view{&session};

    Scene(const QString& expression, const Domain& domain, QSize size = QSize(720, 540))
    {
        session.setExpressionText(expression);
        session.setDomain(domain);
        view.resize(size);
        view.show();
    }

    bool settle()
    {
        if (!QTest::qWaitForWindowExposed(&view)) {
            return false;
        }
        // The first replots fit the 1:1 aspect to the laid-out axis rect (queued replots).
        for (int i = 0; i < 5; ++i) {
            QCoreApplication::processEvents();
        }
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QCoreApplication::processEvents();
        // Changes in quick succession (expression, then domain) give a coarse heat map first.
        return QTest::qWaitFor(
            [this] { return view.heatMapResolution() == ContourView::kFullResolution; });
    }

    QPoint pixel(const Eigen::Vector2d& point) const { return view.pixelAt(point).toPoint(); }

    // Data units per pixel along x (equal to y's: the view keeps a 1:1 aspect).
    double unitsPerPixel() const
    {
        return view.plot()->xAxis->range().size() / view.plot()->axisRect()->width();
    }
};

const Domain kSquare{-2.0, 2.0, -2.0, 2.0};

OptimizerSettings settingsFor(const QString& method)
{
    return defaultSettings(*methodFromName(method.toStdString()));
}

// The notes shown (text items placed by axis-rect ratio: the arrow caption, the divergence box,
// the undefined-region note) whose box leaves the axis rect, with their boxes.
QStringList notesOutsideAxisRect(QCustomPlot* plot)
{
    QStringList outside;
    const QRectF rect = plot->axisRect()->rect();
    int shown = 0;
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* note = qobject_cast<QCPItemText*>(plot->item(i));
        if (!note || !note->visible() ||
            note->position->type() != QCPItemPosition::ptAxisRectRatio) {
            continue;
        }
        ++shown;
        const QRectF box(note->topLeft->pixelPosition(), note->bottomRight->pixelPosition());
        if (!rect.contains(box)) {
            outside << QStringLiteral("'%1' at (%2, %3, %4 × %5) in (%6, %7, %8 × %9)")
                           .arg(note->text().section(QLatin1Char('\n'), 0, 0))
                           .arg(box.x())
                           .arg(box.y())
                           .arg(box.width())
                           .arg(box.height())
                           .arg(rect.x())
                           .arg(rect.y())
                           .arg(rect.width())
                           .arg(rect.height());
        }
    }
    if (shown == 0) {
        outside << QStringLiteral("no note shown");
    }
    return outside;
}

// Point sizes of the contour levels' labels (the text items that are numbers).
QList<double> levelLabelSizes(QCustomPlot* plot)
{
    QList<double> sizes;
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* text = qobject_cast<QCPItemText*>(plot->item(i));
        bool isNumber = false;
        if (text && (text->text().toDouble(&isNumber), isNumber)) {
            sizes << text->font().pointSizeF();
        }
    }
    return sizes;
}

} // namespace

class TestContourView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void criticalPointsOfATypedFunction_data();
    void criticalPointsOfATypedFunction();
    void clickSetsStart_data();
    void clickSetsStart();
    void dragMovesProbe_data();
    void dragMovesProbe();
    void shiftDragTurnsDirection_data();
    void shiftDragTurnsDirection();
    void dragElsewherePansAndViewportFollows();
    void currentMarkerFollowsSteps_data();
    void currentMarkerFollowsSteps();
    void undefinedRegionIsHatched_data();
    void undefinedRegionIsHatched();
    void raceHasIndependentCurves();
    void legendTogglesRun();
    void gradientIsPerpendicularToContour_data();
    void gradientIsPerpendicularToContour();
    void logColoursFollowContourSpacing_data();
    void logColoursFollowContourSpacing();
    void resolutionAdapts();
    void resetViewReturnsHome();
    void divergenceIsExplained();
    void renderHasRequestedSize();
    void fontsFollowWidget_data();
    void fontsFollowWidget();
    void levelLabelsMadeLaterFollowFont_data();
    void levelLabelsMadeLaterFollowFont();
    void notesFitAxisRect_data();
    void notesFitAxisRect();
    void screenshotWithTwoRunsAndProbe();
};

void TestContourView::clickSetsStart_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::newRow("centre") << 0.0 << 0.0;
    QTest::newRow("upper left") << -1.5 << 1.2;
    QTest::newRow("lower right") << 1.3 << -1.7;
    QTest::newRow("off grid") << 0.123 << -0.456;
}

void TestContourView::clickSetsStart()
{
    QFETCH(double, x);
    QFETCH(double, y);
    Scene scene(QStringLiteral("x^2 + 3*y^2"), kSquare);
    scene.session.setProbe({-1.9, -1.9});
    scene.session.addRun(settingsFor(QStringLiteral("gd")));
    QVERIFY(scene.settle());
    const Eigen::Vector2d target(x, y);
    QSignalSpy runsChanged(&scene.session, &Session::runsChanged);

    QTest::mouseClick(scene.view.plot(), Qt::LeftButton, Qt::NoModifier, scene.pixel(target));

    // Within one pixel: the click lands on an integer pixel.
    const double pixel = scene.unitsPerPixel();
    QVERIFY2((scene.session.startPoint() - target).norm() <= pixel,
             qPrintable(QStringLiteral("start (%1, %2)")
                            .arg(scene.session.startPoint().x())
                            .arg(scene.session.startPoint().y())));
    QVERIFY(runsChanged.count() >= 1); // the runs restarted there
    QCOMPARE(scene.session.runs().front().run->records().front().point, scene.session.startPoint());
}

void TestContourView::dragMovesProbe_data()
{
    QTest::addColumn<QPointF>("fromPoint");
    QTest::addColumn<QPointF>("toPoint");
    QTest::newRow("across the map") << QPointF(1.0, 1.0) << QPointF(-1.2, -0.8);
    QTest::newRow("a small nudge") << QPointF(0.5, -0.5) << QPointF(0.6, -0.35);
}

void TestContourView::dragMovesProbe()
{
    QFETCH(QPointF, fromPoint);
    QFETCH(QPointF, toPoint);
    const Eigen::Vector2d from(fromPoint.x(), fromPoint.y());
    const Eigen::Vector2d to(toPoint.x(), toPoint.y());
    Scene scene(QStringLiteral("x^2 + 3*y^2"), kSquare);
    scene.session.setProbe(from);
    const Eigen::Vector2d start = scene.session.startPoint();
    QVERIFY(scene.settle());
    const QCPRange xRange = scene.view.plot()->xAxis->range();

    // Press a few pixels off the marker's centre: still within the grab radius.
    const QPoint press = scene.pixel(from) + QPoint(3, -2);
    QTest::mousePress(scene.view.plot(), Qt::LeftButton, Qt::NoModifier, press);
    const QPoint end = scene.pixel(to) + QPoint(3, -2);
    QTest::mouseMove(scene.view.plot(), (press + end) / 2);
    QTest::mouseMove(scene.view.plot(), end);
    QTest::mouseRelease(scene.view.plot(), Qt::LeftButton, Qt::NoModifier, end);

    // The probe moved by the drag's displacement; the view did not pan, the start stayed.
    const Eigen::Vector2d moved = from + (scene.view.pointAt(end) - scene.view.pointAt(press));
    QVERIFY((scene.session.probe() - moved).norm() <= 1e-9 + scene.unitsPerPixel());
    QVERIFY((scene.session.probe() - to).norm() <= 2 * scene.unitsPerPixel());
    QCOMPARE(scene.view.plot()->xAxis->range().lower, xRange.lower);
    QCOMPARE(scene.session.startPoint(), start);
    const QPointF marker = scene.view.probeMarker();
    QCOMPARE(marker.x(), scene.session.probe().x());
    QCOMPARE(marker.y(), scene.session.probe().y());
}

void TestContourView::shiftDragTurnsDirection_data()
{
    QTest::addColumn<QPoint>("drag");      // pixels; screen y grows downwards
    QTest::addColumn<QPointF>("expected"); // the direction in data coordinates, y upwards
    QTest::newRow("up and right") << QPoint(40, -40) << QPointF(1, 1);
    QTest::newRow("straight down") << QPoint(0, 50) << QPointF(0, -1);
    QTest::newRow("left, a little up") << QPoint(-60, -20) << QPointF(-3, 1);
}

void TestContourView::shiftDragTurnsDirection()
{
    QFETCH(QPoint, drag);
    QFETCH(QPointF, expected);
    const Eigen::Vector2d direction = Eigen::Vector2d(expected.x(), expected.y()).normalized();
    Scene scene(QStringLiteral("x^2 + y^2"), kSquare);
    scene.session.setProbe({0.5, 0.5});
    QVERIFY(scene.settle());
    const Eigen::Vector2d probe = scene.session.probe();
    const QPoint at = scene.pixel(probe);

    QTest::mousePress(scene.view.plot(), Qt::LeftButton, Qt::ShiftModifier, at);
    QTest::mouseMove(scene.view.plot(), at + drag);
    QTest::mouseRelease(scene.view.plot(), Qt::LeftButton, Qt::ShiftModifier, at + drag);

    QCOMPARE(scene.session.probe(), probe);
    const Eigen::Vector2d u = scene.session.probeDirection();
    // One pixel of rounding at the press over a drag of ≥ 40 pixels: under 2°.
    QVERIFY2(u.dot(direction) > std::cos(2.0 * M_PI / 180.0),
             qPrintable(QStringLiteral("u = (%1, %2)").arg(u.x()).arg(u.y())));
}

void TestContourView::dragElsewherePansAndViewportFollows()
{
    Scene scene(QStringLiteral("x^2 + y^2"), kSquare);
    scene.session.setProbe({1.5, 1.5});
    const Eigen::Vector2d start = scene.session.startPoint();
    QVERIFY(scene.settle());
    const QCPRange before = scene.view.plot()->xAxis->range();
    const QPoint from = scene.pixel({-0.5, -0.5});
    const QPoint to = from + QPoint(-80, 0);

    QTest::mousePress(scene.view.plot(), Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(scene.view.plot(), from + QPoint(-40, 0));
    QTest::mouseMove(scene.view.plot(), to);
    QTest::mouseRelease(scene.view.plot(), Qt::LeftButton, Qt::NoModifier, to);

    const QCPRange after = scene.view.plot()->xAxis->range();
    // Dragging the map left shows what lies to the right.
    QVERIFY(after.lower > before.lower);
    QCOMPARE(scene.session.startPoint(), start);
    QCOMPARE(scene.session.probe(), Eigen::Vector2d(1.5, 1.5));
    // Once the drag has ended the session's viewport follows what is seen, and the heat map with
    // it; the function's domain stays (#13).
    QTRY_VERIFY(std::abs(scene.session.viewport().xMin - after.lower) < 1e-9);
    QCOMPARE(scene.session.viewport().xMax, scene.view.plot()->xAxis->range().upper);
    QCOMPARE(scene.session.domain(), kSquare);
    QTRY_COMPARE(scene.view.heatMapResolution(), ContourView::kFullResolution);
    QVERIFY(scene.view.heatMapDomain() == scene.session.viewport());
}

void TestContourView::currentMarkerFollowsSteps_data()
{
    QTest::addColumn<QString>("method");
    for (const Method method : allMethods()) {
        const std::string_view name = methodName(method);
        QTest::newRow(std::string(name).c_str())
            << QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    }
}

void TestContourView::currentMarkerFollowsSteps()
{
    QFETCH(QString, method);
    Scene scene(QStringLiteral("(x - 1)^2 + 4*(y + 0.5)^2 + 0.5*x*y"), kSquare);
    scene.session.setStartPoint({-1.5, 1.5});
    const int id = scene.session.addRun(settingsFor(method));
    QVERIFY(scene.settle());

    const auto check = [&](int step) {
        const RunEntry* entry = scene.session.runById(id);
        const StepRecord& record = entry->recordAt(step);
        const QPointF marker = scene.view.currentPointMarker(id);
        QCOMPARE(marker.x(), record.point.x());
        QCOMPARE(marker.y(), record.point.y());
        // The path runs x_0 … x_k, exactly the records.
        const std::vector<QPointF> path = scene.view.pathPoints(id);
        const int k = std::min(step, entry->lastIndex());
        QCOMPARE(static_cast<int>(path.size()), k + 1);
        for (int i = 0; i <= k; ++i) {
            QCOMPARE(path[static_cast<std::size_t>(i)].x(),
                     entry->run->records()[static_cast<std::size_t>(i)].point.x());
            QCOMPARE(path[static_cast<std::size_t>(i)].y(),
                     entry->run->records()[static_cast<std::size_t>(i)].point.y());
        }
    };
    check(0);
    for (int i = 0; i < 6; ++i) {
        scene.session.stepForward();
    }
    check(scene.session.currentStep());
    QVERIFY(scene.session.currentStep() > 0);
    scene.session.stepBackward();
    scene.session.stepBackward();
    check(scene.session.currentStep());
    scene.session.setCurrentStep(0);
    check(0);
}

void TestContourView::undefinedRegionIsHatched_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("fraction");   // share of the square where f is undefined
    QTest::addColumn<QPointF>("holePoint"); // a point where f is undefined (if any)
    QTest::newRow("log of x") << QStringLiteral("log(x)") << 0.5 << QPointF(-1.0, -0.5);
    QTest::newRow("root of y") << QStringLiteral("sqrt(y) + x") << 0.5 << QPointF(0.5, -1.0);
    QTest::newRow("log of x times y") << QStringLiteral("log(x*y)") << 0.5 << QPointF(-1.0, 1.0);
    QTest::newRow("defined everywhere") << QStringLiteral("x^2 + y^2") << 0.0 << QPointF(0, 0);
}

void TestContourView::undefinedRegionIsHatched()
{
    QFETCH(QString, expression);
    QFETCH(double, fraction);
    QFETCH(QPointF, holePoint);
    const Eigen::Vector2d hole(holePoint.x(), holePoint.y());
    Scene scene(expression, kSquare);
    scene.view.setShowProbe(false);
    QVERIFY(scene.settle());

    // 513 samples per axis, one of them on the axis x = 0 or y = 0: a half-plane is 256 or 257
    // of 513 columns or rows.
    QVERIFY2(std::abs(scene.view.undefinedFraction() - fraction) <= 2.0 / 513,
             qPrintable(QString::number(scene.view.undefinedFraction())));
    QCOMPARE(scene.view.isUndefinedNoteVisible(), fraction > 0);
    if (fraction == 0) {
        return;
    }
    QVERIFY(!std::isfinite(scene.session.evaluate(hole).f));
    QVERIFY(scene.view.undefinedNote().contains(QStringLiteral("undefined")));
    // The colour range comes from finite values only.
    QVERIFY(std::isfinite(scene.view.colorScaling().lower));
    QVERIFY(std::isfinite(scene.view.colorScaling().upper));

    // The pixels around the hole are hatching: none is a colour of the scale.
    const QImage image = scene.view.plot()->toPixmap().toImage();
    QCPColorGradient gradient = scene.view.colorMap()->gradient();
    const QPoint centre = scene.pixel(hole);
    double nearest = 1e9;
    for (int dy = -4; dy <= 4; ++dy) {
        for (int dx = -4; dx <= 4; ++dx) {
            const QColor pixel = image.pixelColor(centre + QPoint(dx, dy));
            for (int i = 0; i < 256; ++i) {
                const QColor scale = QColor::fromRgb(gradient.color(i / 255.0, QCPRange(0, 1)));
                const double distance =
                    std::hypot(pixel.red() - scale.red(), pixel.green() - scale.green(),
                               pixel.blue() - scale.blue());
                nearest = std::min(nearest, distance);
            }
        }
    }
    QVERIFY2(nearest > 40,
             qPrintable(QStringLiteral("a hatched pixel is %1 from the scale").arg(nearest)));
}

void TestContourView::raceHasIndependentCurves()
{
    Scene scene(QStringLiteral("(1 - x)^2 + 5*(y - x^2)^2"), kSquare);
    scene.session.setStartPoint({-1.2, 1.0});
    const int gd = scene.session.addRun(settingsFor(QStringLiteral("gd")));
    const int adam = scene.session.addRun(settingsFor(QStringLiteral("adam")));
    QVERIFY(scene.settle());
    for (int i = 0; i < 10; ++i) {
        scene.session.stepForward();
    }
    for (const int id : {gd, adam}) {
        const RunEntry* entry = scene.session.runById(id);
        const std::vector<QPointF> path = scene.view.pathPoints(id);
        const int k = std::min(scene.session.currentStep(), entry->lastIndex());
        QCOMPARE(static_cast<int>(path.size()), k + 1);
        QCOMPARE(path.back().x(), entry->recordAt(k).point.x());
        QCOMPARE(path.back().y(), entry->recordAt(k).point.y());
    }
    // Same start, different methods: the paths part after the first step.
    QCOMPARE(scene.view.pathPoints(gd).front(), scene.view.pathPoints(adam).front());
    QVERIFY(scene.view.pathPoints(gd).back() != scene.view.pathPoints(adam).back());
    QVERIFY(scene.view.currentPointMarker(gd) != scene.view.currentPointMarker(adam));

    // Hiding one leaves the other as it was.
    const std::vector<QPointF> adamPath = scene.view.pathPoints(adam);
    scene.session.setRunVisible(gd, false);
    QVERIFY(!scene.view.isRunDrawn(gd));
    QVERIFY(scene.view.isRunDrawn(adam));
    QCOMPARE(scene.view.pathPoints(adam), adamPath);
}

void TestContourView::legendTogglesRun()
{
    Scene scene(QStringLiteral("x^2 + 3*y^2"), kSquare);
    scene.session.setStartPoint({-1.0, 1.0});
    const int gd = scene.session.addRun(settingsFor(QStringLiteral("gd")));
    const int momentum = scene.session.addRun(settingsFor(QStringLiteral("momentum")));
    QVERIFY(scene.settle());
    const Eigen::Vector2d start = scene.session.startPoint();

    const auto clickLegend = [&](int id) {
        scene.view.plot()->replot(QCustomPlot::rpImmediateRefresh); // lays the legend out
        QCPAbstractLegendItem* item = scene.view.legendItem(id);
        QVERIFY(item != nullptr);
        QTest::mouseClick(scene.view.plot(), Qt::LeftButton, Qt::NoModifier, item->rect().center());
    };
    clickLegend(gd);
    QVERIFY(!scene.session.runById(gd)->visible);
    QVERIFY(scene.session.runById(momentum)->visible);
    QVERIFY(!scene.view.isRunDrawn(gd));
    QVERIFY(scene.view.legendItem(gd) != nullptr); // still listed, to be shown again
    clickLegend(gd);
    QVERIFY(scene.session.runById(gd)->visible);
    QVERIFY(scene.view.isRunDrawn(gd));
    // A click on the legend is not a click on the map.
    QCOMPARE(scene.session.startPoint(), start);
}

void TestContourView::gradientIsPerpendicularToContour_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QPointF>("probePoint");
    QTest::newRow("elongated bowl") << QStringLiteral("x^2 + 6*y^2") << QPointF(1.0, 0.4);
    QTest::newRow("tilted plane") << QStringLiteral("x + 3*y") << QPointF(-0.5, 0.2);
    QTest::newRow("saddle") << QStringLiteral("x^2 - y^2 + 0.3*x") << QPointF(0.8, 1.1);
}

void TestContourView::gradientIsPerpendicularToContour()
{
    QFETCH(QString, expression);
    QFETCH(QPointF, probePoint);
    const Eigen::Vector2d probe(probePoint.x(), probePoint.y());
    // A wide window: without the 1:1 aspect the angle on screen would be off.
    Scene scene(expression, {-2.0, 2.0, -1.0, 1.5}, QSize(900, 420));
    scene.session.setProbe(probe);
    QVERIFY(scene.settle());

    const QLineF arrow = scene.view.probeGradientArrow();
    QVERIFY(!arrow.isNull());
    const std::vector<QPointF> contour = scene.view.probeContour();
    QVERIFY(contour.size() >= 2);
    // The contour's segment nearest the probe, on screen.
    const QPointF at = scene.view.pixelAt(probe);
    std::size_t best = 0;
    double bestDistance = 1e300;
    for (std::size_t i = 0; i + 1 < contour.size(); ++i) {
        const QPointF mid = (contour[i] + contour[i + 1]) / 2;
        const double distance = QLineF(scene.view.pixelAt({mid.x(), mid.y()}), at).length();
        if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    QVERIFY2(bestDistance < 3.0, qPrintable(QString::number(bestDistance)));
    const QLineF tangent(scene.view.pixelAt({contour[best].x(), contour[best].y()}),
                         scene.view.pixelAt({contour[best + 1].x(), contour[best + 1].y()}));
    const QLineF arrowOnScreen(scene.view.pixelAt({arrow.p1().x(), arrow.p1().y()}),
                               scene.view.pixelAt({arrow.p2().x(), arrow.p2().y()}));
    const double cosine = (tangent.dx() * arrowOnScreen.dx() + tangent.dy() * arrowOnScreen.dy()) /
                          (tangent.length() * arrowOnScreen.length());
    QVERIFY2(std::abs(cosine) < std::sin(3.0 * M_PI / 180.0),
             qPrintable(QStringLiteral("cos = %1").arg(cosine)));
    // And ∇f points uphill.
    const Eigen::Vector2d tip(arrow.p2().x(), arrow.p2().y());
    QVERIFY(scene.session.evaluate(tip).f > scene.session.evaluate(probe).f);
}

void TestContourView::logColoursFollowContourSpacing_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("rosenbrock") << QStringLiteral("(1 - x)^2 + 100*(y - x^2)^2");
    QTest::newRow("bowl") << QStringLiteral("x^2 + y^2");
    QTest::newRow("shifted steep valley") << QStringLiteral("-1 + (1 - x)^2 + 100*(y - x^2)^2");
}

void TestContourView::logColoursFollowContourSpacing()
{
    QFETCH(QString, expression);
    Scene scene(expression, {-2.0, 2.0, -1.0, 3.0});
    QVERIFY(scene.settle());
    const GridValues& grid =
        scene.session.grid(ContourView::kFullResolution, ContourView::kFullResolution);
    const bool logarithmic = prefersLogLevels(grid);
    QCOMPARE(scene.view.colorScaling().isLogarithmic(), logarithmic);
    QCOMPARE(scene.view.contourLevels(),
             defaultLevels(grid, ContourView::kContourLevels, logarithmic));
    // The bar reads in f, on a log axis when the contours are log-spaced …
    const QCPColorScale* bar = scene.view.colorScale();
    QCOMPARE(bar->dataScaleType() == QCPAxis::stLogarithmic, logarithmic);
    QVERIFY(bar->dataRange().lower < bar->dataRange().upper);
    if (logarithmic) {
        QVERIFY(bar->dataRange().lower > 0);
    }
    // … and the map's colours follow the bar: the same position along the gradient for each level.
    const QCPColorMap* map = scene.view.colorMap();
    const HeatMapScale& scale = scene.view.colorScaling();
    for (const double level : scene.view.contourLevels()) {
        const double shifted =
            scale.kind == HeatMapScale::Kind::ShiftedLogarithmic ? level - scale.shift : level;
        if (!bar->dataRange().contains(shifted)) {
            continue;
        }
        const double onBar = logarithmic
                                 ? std::log(shifted / bar->dataRange().lower) /
                                       std::log(bar->dataRange().upper / bar->dataRange().lower)
                                 : (shifted - bar->dataRange().lower) / bar->dataRange().size();
        const double onMap =
            (scale.stored(level) - map->dataRange().lower) / map->dataRange().size();
        QVERIFY2(std::abs(onBar - onMap) < 1e-9, qPrintable(QString::number(level)));
    }
}

void TestContourView::resolutionAdapts()
{
    Scene scene(QStringLiteral("a*x^2 + y^2"), kSquare);
    QVERIFY(scene.settle());
    QTRY_COMPARE(scene.view.heatMapResolution(), ContourView::kFullResolution);
    QSignalSpy rebuilt(&scene.view, &ContourView::heatMapRebuilt);
    ParameterData a = scene.session.parameters().front();
    // A slider being dragged: changes in quick succession.
    for (const double value : {1.5, 2.0, 2.5}) {
        a.value = value;
        scene.session.setParameter(a);
    }
    QCOMPARE(scene.view.heatMapResolution(), ContourView::kCoarseResolution);
    // Once it rests, full resolution.
    QTRY_COMPARE(scene.view.heatMapResolution(), ContourView::kFullResolution);
    QCOMPARE(rebuilt.last().first().toInt(), ContourView::kFullResolution);

    scene.view.setAdaptiveResolution(false);
    for (const double value : {3.0, 3.5}) {
        a.value = value;
        scene.session.setParameter(a);
        QCOMPARE(scene.view.heatMapResolution(), ContourView::kFullResolution);
    }
}

void TestContourView::resetViewReturnsHome()
{
    Scene scene(QStringLiteral("x^2 + y^2"), kSquare);
    QVERIFY(scene.settle());
    QWheelEvent wheel(QPointF(200, 200), scene.view.plot()->mapToGlobal(QPointF(200, 200)),
                      QPoint(), QPoint(0, 5760), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                      false);
    const double before = scene.view.plot()->xAxis->range().size();
    QCoreApplication::sendEvent(scene.view.plot(), &wheel);
    const QCPRange zoomed = scene.view.plot()->xAxis->range();
    QVERIFY(zoomed.size() < 0.9 * before); // zoomed in
    // and the viewport followed what is seen, not the domain
    QTRY_VERIFY(std::abs(scene.session.viewport().width() - zoomed.size()) < 1e-9);
    QVERIFY(scene.session.viewport().height() < 4.0);
    QCOMPARE(scene.session.domain(), kSquare);

    scene.view.resetView();
    QCOMPARE(scene.session.viewport(), kSquare);
    QCOMPARE(scene.session.domain(), kSquare);
    const QCPRange x = scene.view.plot()->xAxis->range();
    const QCPRange y = scene.view.plot()->yAxis->range();
    // The home square is in sight, the larger side grown to the 1:1 aspect.
    QVERIFY(x.lower <= -2.0 + 1e-9 && x.upper >= 2.0 - 1e-9);
    QVERIFY(y.lower <= -2.0 + 1e-9 && y.upper >= 2.0 - 1e-9);
    QVERIFY(std::abs(std::min(x.size(), y.size()) - 4.0) < 1e-9);
}

void TestContourView::divergenceIsExplained()
{
    Scene scene(QStringLiteral("x^2 + y^2"), kSquare);
    scene.session.setStartPoint({1.0, 1.0});
    OptimizerSettings settings = settingsFor(QStringLiteral("gd"));
    // x_{k+1} = (1 − 2·lr) x_k: |1 − 2·1.5| = 2 doubles the distance each step.
    settings.learningRate = 1.5;
    const int id = scene.session.addRun(settings);
    QVERIFY(scene.settle());
    QVERIFY(scene.view.divergenceText().isEmpty());
    for (int i = 0; i < 2000 && !scene.session.isAtEnd(); ++i) {
        scene.session.stepForward();
    }
    const RunEntry* entry = scene.session.runById(id);
    QCOMPARE(entry->run->stopReason(), StopReason::Diverged);
    const QString text = scene.view.divergenceText();
    // The map shows the headline; the whole explanation is the main window's bar's.
    QVERIFY2(text.simplified().contains(QStringLiteral("diverged at step")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("λmax")), qPrintable(text));
    // Back before the end, the box goes away.
    scene.session.setCurrentStep(0);
    QVERIFY(scene.view.divergenceText().isEmpty());
}

void TestContourView::renderHasRequestedSize()
{
    Scene scene(QStringLiteral("x^2 + y^2"), kSquare);
    QVERIFY(scene.settle());
    const QSize before = scene.view.plot()->size();
    const QImage image = scene.view.render(QSize(500, 380));
    QCOMPARE(image.size(), QSize(500, 380));
    QCOMPARE(scene.view.plot()->size(), before);
}

void TestContourView::fontsFollowWidget_data()
{
    addFontChangeRows();
}

void TestContourView::fontsFollowWidget()
{
    QFETCH(double, factor);
    QFETCH(QString, family);
    Scene scene(QStringLiteral("x^2 + 3*y^2"), kSquare);
    scene.session.addRun(settingsFor(QStringLiteral("gd")));
    QVERIFY(scene.settle());
    QCustomPlot* plot = scene.view.plot();
    const QFont normal = scene.view.font();
    const QList<PlotFont> before = fontsOf(plot);
    // Axes, colour bar, legend with its entries, notes, the probe's labels, the levels' labels.
    for (const QString& where :
         {QStringLiteral("tick labels of axis 'x'"), QStringLiteral("label of axis 'y'"),
          QStringLiteral("legend item"), QStringLiteral("text '∇f'"),
          QStringLiteral("text 'f is undefined")}) {
        QVERIFY2(std::any_of(before.begin(), before.end(),
                             [&](const PlotFont& font) { return font.where.startsWith(where); }),
                 qPrintable(where));
    }
    QVERIFY(!levelLabelSizes(plot).isEmpty());

    scene.view.setFont(changedFont(normal, factor, family));
    compareScaled(before, fontsOf(plot), factor, family);
    if (QTest::currentTestFailed()) {
        return;
    }
    // Leaving presenter mode: the very fonts of before.
    scene.view.setFont(normal);
    compareSame(before, fontsOf(plot));
}

void TestContourView::levelLabelsMadeLaterFollowFont_data()
{
    QTest::addColumn<double>("factor");
    QTest::newRow("presenter mode") << 1.5;
    QTest::newRow("smaller") << 0.8;
}

void TestContourView::levelLabelsMadeLaterFollowFont()
{
    QFETCH(double, factor);
    Scene scene(QStringLiteral("x^2 + 3*y^2"), kSquare);
    scene.view.setAdaptiveResolution(false);
    QVERIFY(scene.settle());
    const QList<double> before = levelLabelSizes(scene.view.plot());
    QVERIFY(!before.isEmpty());

    scene.view.setFont(changedFont(scene.view.font(), factor, QString()));
    // The labels of a new function's levels are made after the change, in the new size.
    QSignalSpy rebuilt(&scene.view, &ContourView::heatMapRebuilt);
    QVERIFY(scene.session.setExpressionText(QStringLiteral("2*x^2 + y^2 + x*y")));
    QVERIFY(rebuilt.count() >= 1);
    const QList<double> after = levelLabelSizes(scene.view.plot());
    QVERIFY(!after.isEmpty());
    for (double size : after) {
        QCOMPARE(size, before.front() * factor);
    }
}

void TestContourView::notesFitAxisRect_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("factor");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("learningRate");
    // x_{k+1} = (1 − 2·lr) x_k: lr 1.5 doubles the distance each step, and the run diverges.
    const QString bowl = QStringLiteral("x^2 + y^2");
    const QString logarithm = QStringLiteral("log(x) + y^2");
    QTest::newRow("caption and divergence, wide") << QSize(900, 600) << 1.0 << bowl << 1.5;
    QTest::newRow("caption and divergence, narrow") << QSize(420, 520) << 1.0 << bowl << 1.5;
    QTest::newRow("caption and divergence, presenter mode")
        << QSize(720, 540) << 1.5 << bowl << 1.5;
    QTest::newRow("undefined region, presenter mode, narrow")
        << QSize(460, 540) << 1.5 << logarithm << 0.1;
}

void TestContourView::notesFitAxisRect()
{
    QFETCH(QSize, size);
    QFETCH(double, factor);
    QFETCH(QString, expression);
    QFETCH(double, learningRate);
    Scene scene(expression, kSquare, size);
    scene.view.setFont(changedFont(scene.view.font(), factor, QString()));
    scene.session.setStartPoint({1.0, 1.0});
    OptimizerSettings settings = settingsFor(QStringLiteral("gd"));
    settings.learningRate = learningRate;
    scene.session.addRun(settings);
    for (int i = 0; i < 2000 && !scene.session.isAtEnd(); ++i) {
        scene.session.stepForward();
    }
    QVERIFY(scene.settle());
    const QStringList outside = notesOutsideAxisRect(scene.view.plot());
    QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QStringLiteral("; "))));
}

void TestContourView::screenshotWithTwoRunsAndProbe()
{
    Scene scene(QStringLiteral("(1 - x)^2 + 5*(y - x^2)^2"), {-2.0, 2.0, -1.0, 3.0},
                QSize(860, 640));
    scene.session.setStartPoint({-1.5, 2.2});
    scene.session.setProbe({0.6, 1.6});
    scene.session.setProbeDirection({1.0, 0.4});
    scene.session.addRun(settingsFor(QStringLiteral("gd")));
    scene.session.addRun(settingsFor(QStringLiteral("momentum")));
    scene.view.setShowGradientField(true);
    QVERIFY(scene.settle());
    for (int i = 0; i < 12; ++i) {
        scene.session.stepForward();
    }
    QCoreApplication::processEvents();
    const QImage shot = scene.view.grab().toImage();
    QCOMPARE(shot.size(), scene.view.size());
    QVERIFY(shot.save(QStringLiteral("/tmp/contour.png")));
}

void TestContourView::criticalPointsOfATypedFunction_data()
{
    // Critical points worked out by hand: ∇f = 0 and the Hessian's signs.
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QList<QPointF>>("points");
    QTest::addColumn<QList<int>>("kinds");
    // x² − y²: ∇f = (2x, −2y), one saddle at the origin.
    QTest::addRow("saddle") << QStringLiteral("x^2 - y^2") << QList<QPointF>{{0, 0}}
                            << QList<int>{int(CriticalKind::Saddle)};
    // x³ − 3x + y²: ∂f/∂x = 3x² − 3 = 0 at x = ±1, ∂f/∂y = 2y; f_xx = 6x: a minimum at (1, 0),
    // a saddle at (−1, 0).
    QTest::addRow("minimum and saddle")
        << QStringLiteral("x^3 - 3x + y^2") << QList<QPointF>{{-1, 0}, {1, 0}}
        << QList<int>{int(CriticalKind::Saddle), int(CriticalKind::Minimum)};
}

void TestContourView::criticalPointsOfATypedFunction()
{
    QFETCH(QString, expression);
    QFETCH(QList<QPointF>, points);
    QFETCH(QList<int>, kinds);
    Session session;
    QVERIFY(session.setExpressionText(expression));
    session.setDomain(Domain{-2, 2, -2, 2});
    ContourView view(&session);
    view.resize(800, 600);
    view.setShowCriticalPoints(true);
    QTRY_VERIFY_WITH_TIMEOUT(!view.criticalPointsPending(), 20000);
    std::vector<KnownPoint> shown = view.criticalPointsShown();
    std::sort(shown.begin(), shown.end(),
              [](const KnownPoint& a, const KnownPoint& b) { return a.point.x() < b.point.x(); });
    QCOMPARE(qsizetype(shown.size()), points.size());
    for (qsizetype i = 0; i < points.size(); ++i) {
        QVERIFY(std::abs(shown[std::size_t(i)].point.x() - points[i].x()) < 1e-6);
        QVERIFY(std::abs(shown[std::size_t(i)].point.y() - points[i].y()) < 1e-6);
        QCOMPARE(int(shown[std::size_t(i)].kind), kinds[i]);
    }
    // And they are drawn: one marker per point.
    int markers = 0;
    for (int i = 0; i < view.plot()->plottableCount(); ++i) {
        QCPAbstractPlottable* plottable = view.plot()->plottable(i);
        const QStringList kindNames{QStringLiteral("minimum"), QStringLiteral("maximum"),
                                    QStringLiteral("saddle point"),
                                    QStringLiteral("degenerate critical point")};
        if (auto* curve = qobject_cast<QCPCurve*>(plottable);
            curve && curve->visible() && kindNames.contains(curve->name())) {
            markers += curve->dataCount();
        }
    }
    QCOMPARE(markers, int(points.size()));
    // A new function drops the old points until its own are found.
    QVERIFY(session.setExpressionText(QStringLiteral("(x - 0.5)^2 + (y + 0.5)^2")));
    QTRY_VERIFY_WITH_TIMEOUT(!view.criticalPointsPending(), 20000);
    shown = view.criticalPointsShown();
    QCOMPARE(shown.size(), std::size_t(1));
    QVERIFY((shown[0].point - Eigen::Vector2d(0.5, -0.5)).norm() < 1e-6);
    QCOMPARE(shown[0].kind, CriticalKind::Minimum);
}

QTEST_MAIN(TestContourView)
#include "tst_contourview.moc"
