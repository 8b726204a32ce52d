// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "charts/runcharts.h"
#include "common/plotfontprobe.h"
#include "optimization/optimizer.h"
#include "session.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

using namespace gradlab;
using namespace gradlab::testing;

namespace {

OptimizerSettings settingsFor(const QString& method)
{
    return defaultSettings(*methodFromName(method.toStdString()));
}

void addMethodRows()
{
    QTest::addColumn<QString>("method");
    for (const Method method : allMethods()) {
        const std::string_view name = methodName(method);
        QTest::newRow(std::string(name).c_str())
            << QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    }
}

// The graph's points as (k, value) pairs.
QList<QPointF> pointsOf(const QCPGraph* graph)
{
    QList<QPointF> points;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
        points << QPointF(it->key, it->value);
    }
    return points;
}

bool sameValue(double drawn, double expected, bool logarithmic)
{
    if (!std::isfinite(expected) || (logarithmic && expected <= 0)) {
        return std::isnan(drawn); // a gap
    }
    return drawn == expected;
}

// The smallest distance (pixels) between neighbouring tick labels of \a axis, a vertical axis,
// less the height of one label: negative where two labels overlap.
double tickLabelGap(const QCPAxis* axis)
{
    QList<double> pixels;
    for (double tick : axis->tickVector()) {
        if (axis->range().contains(tick)) {
            pixels << axis->coordToPixel(tick);
        }
    }
    std::sort(pixels.begin(), pixels.end());
    double gap = std::numeric_limits<double>::infinity();
    for (qsizetype i = 1; i < pixels.size(); ++i) {
        gap = std::min(gap, pixels[i] - pixels[i - 1]);
    }
    return gap - QFontMetricsF(axis->tickLabelFont()).height();
}

} // namespace

class TestRunCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void curvesMatchRecords_data();
    void curvesMatchRecords();
    void cursorFollowsCurrentStep();
    void hiddenRunHasNoCurve();
    void legendFitsItsWidth();
    void logScaleLeavesOutNonPositive();
    void nonFiniteValuesAreSkipped();
    void clickMovesToStep();
    void fontsFollowWidget_data();
    void fontsFollowWidget();
    void runAddedLaterFollowsFont_data();
    void runAddedLaterFollowsFont();
    void tickLabelsStayApart_data();
    void tickLabelsStayApart();
};

void TestRunCharts::curvesMatchRecords_data()
{
    addMethodRows();
}

void TestRunCharts::curvesMatchRecords()
{
    QFETCH(QString, method);
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("(x - 1)^2 + 3*(y + 0.5)^2 + 0.4*x*y")));
    session.setStartPoint({-1.5, 1.5});
    RunCharts charts(&session);
    const int id = session.addRun(settingsFor(method));
    const int other = session.addRun(settingsFor(QStringLiteral("gd")));
    for (int i = 0; i < 8; ++i) {
        session.stepForward();
    }
    for (const bool logarithmic : {false, true}) {
        charts.setLogScale(logarithmic);
        for (const int run : {id, other}) {
            const auto& records = session.runById(run)->run->records();
            const QList<QPointF> values = pointsOf(charts.graph(run, RunCharts::Chart::Value));
            const QList<QPointF> norms =
                pointsOf(charts.graph(run, RunCharts::Chart::GradientNorm));
            // One point per step reached (8), not the look-ahead record the session keeps.
            const auto shown = static_cast<std::size_t>(session.currentStep()) + 1;
            QVERIFY(records.size() >= shown);
            QCOMPARE(values.size(), static_cast<qsizetype>(shown));
            QCOMPARE(norms.size(), static_cast<qsizetype>(shown));
            for (std::size_t k = 0; k < shown; ++k) {
                const auto i = static_cast<qsizetype>(k);
                QCOMPARE(values[i].x(), static_cast<double>(records[k].index));
                QVERIFY(sameValue(values[i].y(), records[k].f, logarithmic));
                QVERIFY(sameValue(norms[i].y(), records[k].gradient.norm(), logarithmic));
            }
        }
    }
    // The two runs are separate curves in their own colours.
    QVERIFY(charts.graph(id, RunCharts::Chart::Value) !=
            charts.graph(other, RunCharts::Chart::Value));
    QVERIFY(charts.graph(id, RunCharts::Chart::Value)->pen().color() !=
            charts.graph(other, RunCharts::Chart::Value)->pen().color());
}

void TestRunCharts::cursorFollowsCurrentStep()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 4*y^2")));
    session.setStartPoint({1.5, 1.0});
    RunCharts charts(&session);
    session.addRun(settingsFor(QStringLiteral("gd")));
    QCOMPARE(charts.currentStepLine(), 0.0);
    session.setCurrentStep(7);
    QCOMPARE(charts.currentStepLine(), static_cast<double>(session.currentStep()));
    session.stepBackward();
    QCOMPARE(charts.currentStepLine(), static_cast<double>(session.currentStep()));
    // The step axis shows every computed step.
    const QCPRange steps =
        charts.axisRect(RunCharts::Chart::Value)->axis(QCPAxis::atBottom)->range();
    QVERIFY(steps.contains(session.currentStep()));
    QCOMPARE(charts.axisRect(RunCharts::Chart::GradientNorm)->axis(QCPAxis::atBottom)->range(),
             steps);
}

void TestRunCharts::hiddenRunHasNoCurve()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + y^2")));
    RunCharts charts(&session);
    const int first = session.addRun(settingsFor(QStringLiteral("gd")));
    const int second = session.addRun(settingsFor(QStringLiteral("adam")));
    session.setRunVisible(first, false);
    QVERIFY(charts.graph(first, RunCharts::Chart::Value) == nullptr);
    QVERIFY(charts.graph(second, RunCharts::Chart::Value) != nullptr);
    session.setRunVisible(first, true);
    QVERIFY(charts.graph(first, RunCharts::Chart::Value) != nullptr);
}

void TestRunCharts::legendFitsItsWidth()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + y^2")));
    session.clearRuns();
    RunCharts charts(&session);
    OptimizerSettings scheduled = settingsFor(QStringLiteral("momentum"));
    scheduled.schedule.kind = ScheduleKind::Cosine;
    session.addRun(settingsFor(QStringLiteral("momentum")));
    session.addRun(scheduled);
    session.addRun(settingsFor(QStringLiteral("adam")));
    QCPLegend* legend = charts.plot()->legend;
    // Every entry lies inside the plot, however narrow it is; wide, three stand side by side.
    for (const int width : {320, 480, 900, 1400}) {
        charts.resize(width, 420);
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        charts.plot()->replot(QCustomPlot::rpImmediateRefresh);
        for (int i = 0; i < legend->itemCount(); ++i) {
            const QRect item = legend->item(i)->outerRect();
            QVERIFY2(item.left() >= 0 && item.right() <= charts.plot()->width(),
                     qPrintable(QStringLiteral("width %1: entry %2 at %3..%4 in %5")
                                    .arg(width)
                                    .arg(i)
                                    .arg(item.left())
                                    .arg(item.right())
                                    .arg(charts.plot()->width())));
        }
        if (width >= 1400) {
            QCOMPARE(legend->wrap(), 3);
        }
    }
    QVERIFY(legend->itemCount() == 3);
}

void TestRunCharts::logScaleLeavesOutNonPositive()
{
    Session session;
    // f < 0 near the minimum: those values cannot be drawn on a log axis.
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + y^2 - 1")));
    session.setStartPoint({1.5, 1.5});
    RunCharts charts(&session);
    QSignalSpy toggled(&charts, &RunCharts::logScaleChanged);
    const int id = session.addRun(settingsFor(QStringLiteral("gd")));
    session.setCurrentStep(60);
    charts.setLogScale(true);
    QCOMPARE(toggled.count(), 1);
    for (const RunCharts::Chart chart : {RunCharts::Chart::Value, RunCharts::Chart::GradientNorm}) {
        QCPAxis* axis = charts.axisRect(chart)->axis(QCPAxis::atLeft);
        QCOMPARE(axis->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(axis->range().lower > 0);
    }
    const auto& records = session.runById(id)->run->records();
    QVERIFY(
        std::any_of(records.begin(), records.end(), [](const StepRecord& r) { return r.f < 0; }));
    const QCPRange range = charts.axisRect(RunCharts::Chart::Value)->axis(QCPAxis::atLeft)->range();
    for (const QPointF& point : pointsOf(charts.graph(id, RunCharts::Chart::Value))) {
        QVERIFY(std::isnan(point.y()) || range.contains(point.y()));
    }
    charts.setLogScale(false);
    QCOMPARE(charts.axisRect(RunCharts::Chart::Value)->axis(QCPAxis::atLeft)->scaleType(),
             QCPAxis::stLinear);
    QVERIFY(charts.axisRect(RunCharts::Chart::Value)->axis(QCPAxis::atLeft)->range().lower < 0);
}

void TestRunCharts::nonFiniteValuesAreSkipped()
{
    Session session;
    // From x = 0.05, ∂f/∂x = 1/x = 20: one step of lr 0.5 lands at x < 0, where log is undefined.
    QVERIFY(session.setExpressionText(QStringLiteral("log(x) + y^2")));
    session.setStartPoint({0.05, 1.0});
    RunCharts charts(&session);
    OptimizerSettings settings = settingsFor(QStringLiteral("gd"));
    settings.learningRate = 0.5;
    const int id = session.addRun(settings);
    for (int i = 0; i < 20 && !session.isAtEnd(); ++i) {
        session.stepForward();
    }
    const auto& records = session.runById(id)->run->records();
    QVERIFY(std::any_of(records.begin(), records.end(),
                        [](const StepRecord& r) { return !std::isfinite(r.f); }));
    for (const RunCharts::Chart chart : {RunCharts::Chart::Value, RunCharts::Chart::GradientNorm}) {
        const QCPRange range = charts.axisRect(chart)->axis(QCPAxis::atLeft)->range();
        QVERIFY(std::isfinite(range.lower) && std::isfinite(range.upper));
        QVERIFY(range.lower < range.upper);
        for (const QPointF& point : pointsOf(charts.graph(id, chart))) {
            QVERIFY(std::isnan(point.y()) || range.contains(point.y()));
        }
    }
}

void TestRunCharts::clickMovesToStep()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 4*y^2")));
    session.setStartPoint({1.5, 1.0});
    RunCharts charts(&session);
    session.addRun(settingsFor(QStringLiteral("gd")));
    session.setCurrentStep(10);
    charts.resize(600, 400);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    charts.plot()->replot(QCustomPlot::rpImmediateRefresh);
    for (const int target : {3, 8}) {
        QCPAxisRect* rect = charts.axisRect(RunCharts::Chart::GradientNorm);
        const QPoint at(
            static_cast<int>(std::lround(rect->axis(QCPAxis::atBottom)->coordToPixel(target))),
            rect->center().y());
        QTest::mouseClick(charts.plot(), Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(session.currentStep(), target);
        QCOMPARE(charts.currentStepLine(), static_cast<double>(target));
    }
}

void TestRunCharts::fontsFollowWidget_data()
{
    addFontChangeRows();
}

void TestRunCharts::fontsFollowWidget()
{
    QFETCH(double, factor);
    QFETCH(QString, family);
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 4*y^2")));
    RunCharts charts(&session);
    session.addRun(settingsFor(QStringLiteral("gd")));
    session.addRun(settingsFor(QStringLiteral("adam")));
    const QFont normal = charts.font();
    const QList<PlotFont> before = fontsOf(charts.plot());
    // Both charts' axes, the legend and its two entries.
    const auto entries = std::count_if(before.begin(), before.end(), [](const PlotFont& font) {
        return font.where == QStringLiteral("legend item");
    });
    QCOMPARE(entries, 2);
    QVERIFY(std::any_of(before.begin(), before.end(), [](const PlotFont& font) {
        return font.where == QStringLiteral("label of axis '‖∇f(x_k)‖'");
    }));

    charts.setFont(changedFont(normal, factor, family));
    compareScaled(before, fontsOf(charts.plot()), factor, family);
    if (QTest::currentTestFailed()) {
        return;
    }
    charts.setFont(normal);
    compareSame(before, fontsOf(charts.plot()));
}

void TestRunCharts::runAddedLaterFollowsFont_data()
{
    QTest::addColumn<double>("factor");
    QTest::newRow("presenter mode") << 1.5;
    QTest::newRow("smaller") << 0.8;
}

void TestRunCharts::runAddedLaterFollowsFont()
{
    QFETCH(double, factor);
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 4*y^2")));
    RunCharts charts(&session);
    session.addRun(settingsFor(QStringLiteral("gd")));
    const double legendSize = charts.plot()->legend->font().pointSizeF();

    charts.setFont(changedFont(charts.font(), factor, QString()));
    session.addRun(settingsFor(QStringLiteral("rmsprop")));
    QCPLegend* legend = charts.plot()->legend;
    QCOMPARE(legend->itemCount(), 2);
    for (int i = 0; i < legend->itemCount(); ++i) {
        QCOMPARE(legend->item(i)->font().pointSizeF(), legendSize * factor);
    }
}

void TestRunCharts::tickLabelsStayApart_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<int>("height");
    QTest::addColumn<bool>("logarithmic");
    QTest::newRow("normal font, tall") << 1.0 << 600 << false;
    QTest::newRow("normal font, short") << 1.0 << 200 << false;
    QTest::newRow("presenter mode") << 1.5 << 260 << false;
    QTest::newRow("presenter mode, log scale") << 1.5 << 260 << true;
    QTest::newRow("twice as large") << 2.0 << 400 << false;
}

void TestRunCharts::tickLabelsStayApart()
{
    QFETCH(double, factor);
    QFETCH(int, height);
    QFETCH(bool, logarithmic);
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 4*y^2")));
    session.setStartPoint({1.5, 1.0});
    RunCharts charts(&session);
    session.addRun(settingsFor(QStringLiteral("gd")));
    session.setCurrentStep(12);
    charts.setLogScale(logarithmic);
    charts.setFont(changedFont(charts.font(), factor, QString()));
    charts.resize(600, height);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    // The tick count follows the laid-out height at the replot after.
    charts.plot()->replot(QCustomPlot::rpImmediateRefresh);
    charts.plot()->replot(QCustomPlot::rpImmediateRefresh);
    for (const RunCharts::Chart chart : {RunCharts::Chart::Value, RunCharts::Chart::GradientNorm}) {
        const QCPAxis* axis = charts.axisRect(chart)->axis(QCPAxis::atLeft);
        QVERIFY(!axis->tickVector().isEmpty());
        const double gap = tickLabelGap(axis);
        QVERIFY2(
            gap >= 0,
            qPrintable(QStringLiteral("%1: labels overlap by %2 px").arg(axis->label()).arg(-gap)));
    }
}

QTEST_MAIN(TestRunCharts)
#include "tst_runcharts.moc"
