// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// Hundreds of functions nobody chose (random trees of the grammar from a fixed seed, and a list
// of poles, logs of negatives and overflows) typed into the session while the contour view and
// the 3-D view are both shown, with runs that diverge, the renderer drawing in between. Neither
// view may crash; every number handed to QCustomPlot is finite, except the NaN it documents as
// a gap between polylines and the NaN cells of the colour map, which are exactly where f is not
// finite and are drawn hatched; every vertex handed to Qt Data Visualization is finite and
// inside its axis box.
#include "common/randomexpression.h"
#include "contourview/contourview.h"
#include "expression/printer.h"
#include "session.h"
#include "surface/surfaceview.h"
#include "surfacechecks.h"

#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

using namespace gradlab;

namespace {

constexpr int kRandomExpressions = 300;
constexpr std::uint64_t kSeed = 20261204;

/// Functions with something to get wrong: poles, logs and roots of negatives, overflow, NaN
/// everywhere, infinities everywhere, huge and tiny values.
const char* const kHandPicked[] = {
    "1/x",
    "1/(x - y)",
    "x^-2 + y^-2",
    "log(-1 - x^2 - y^2)",
    "log(x) + log(y)",
    "sqrt(x) * sqrt(-y)",
    "0/0",
    "1/0",
    "-1/0 + x",
    "exp(exp(10x))",
    "exp(1000) * y",
    "x^1000 + y",
    "tan(x*y)",
    "(-8)^(x/3)",
    "1e300 * x * 1e300",
    "1e-300 * x * 1e-300",
    "asin(x) + acos(y)",
    "log(x^2 + y^2)",
    "1/(x^2 + y^2)^3",
    "sigmoid(1000x) + y",
};

bool isGap(double key, double value)
{
    return std::isnan(key) && std::isnan(value);
}

/// Everything the contour view hands QCustomPlot, checked as described at the top.
void verifyPlot(ContourView& view, const Session& session)
{
    QCustomPlot* plot = view.plot();
    for (const QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        QVERIFY(std::isfinite(axis->range().lower) && std::isfinite(axis->range().upper));
    }
    for (int p = 0; p < plot->plottableCount(); ++p) {
        QCPAbstractPlottable* plottable = plot->plottable(p);
        // The legend's name, else the layer and the index (the contours, the gradient field).
        const QString name =
            plottable->name().isEmpty()
                ? QStringLiteral("#%1 on layer %2").arg(p).arg(plottable->layer()->name())
                : plottable->name();
        if (const auto* curve = qobject_cast<QCPCurve*>(plottable)) {
            for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it) {
                if (!isGap(it->key, it->value) &&
                    !(std::isfinite(it->t) && std::isfinite(it->key) && std::isfinite(it->value))) {
                    QFAIL(qPrintable(QStringLiteral("curve %1: (%2, %3)")
                                         .arg(name)
                                         .arg(it->key)
                                         .arg(it->value)));
                }
            }
        } else if (const auto* graph = qobject_cast<QCPGraph*>(plottable)) {
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
                if (!isGap(it->key, it->value) &&
                    !(std::isfinite(it->key) && std::isfinite(it->value))) {
                    QFAIL(qPrintable(QStringLiteral("graph %1: (%2, %3)")
                                         .arg(name)
                                         .arg(it->key)
                                         .arg(it->value)));
                }
            }
        } else if (auto* map = qobject_cast<QCPColorMap*>(plottable)) {
            const QCPRange range = map->dataRange();
            QVERIFY(std::isfinite(range.lower) && std::isfinite(range.upper));
            QVERIFY(range.lower < range.upper);
            QCPColorMapData* data = map->data();
            // The cells are the session's grid at the map's resolution: NaN exactly where f is
            // NaN or infinite (drawn transparent over the hatching), finite elsewhere.
            const GridValues& grid = session.grid(data->keySize(), data->valueSize());
            bool undefined = false;
            for (int j = 0; j < data->valueSize(); ++j) {
                for (int i = 0; i < data->keySize(); ++i) {
                    const double cell = data->cell(i, j);
                    const bool defined = std::isfinite(grid.at(i, j));
                    undefined = undefined || !defined;
                    if (defined ? !std::isfinite(cell) : !std::isnan(cell)) {
                        QFAIL(qPrintable(QStringLiteral("cell (%1, %2): f = %3, drawn %4")
                                             .arg(i)
                                             .arg(j)
                                             .arg(grid.at(i, j))
                                             .arg(cell)));
                    }
                }
            }
            QCOMPARE(view.isUndefinedNoteVisible(), undefined);
            QCOMPARE(view.undefinedFraction() > 0, undefined);
        }
    }
    for (int k = 0; k < plot->itemCount(); ++k) {
        const QCPAbstractItem* item = plot->item(k);
        if (!item->visible()) {
            continue;
        }
        for (const QCPItemPosition* position : item->positions()) {
            QVERIFY2(std::isfinite(position->coords().x()) && std::isfinite(position->coords().y()),
                     qPrintable(QStringLiteral("%1 of %2: (%3, %4)")
                                    .arg(position->name(), item->metaObject()->className())
                                    .arg(position->coords().x())
                                    .arg(position->coords().y())));
        }
    }
}

} // namespace

class TestRandomRender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!SurfaceView::isOpenGLAvailable()) {
            QFAIL("no OpenGL context: run this test under xvfb-run with Mesa");
        }
    }
    void randomFunctionsWithDivergingRuns();
};

void TestRandomRender::randomFunctionsWithDivergingRuns()
{
    // A warning of Qt Data Visualization or QCustomPlot ("invalid range for axis") is a finding.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    Session session;
    ContourView contour(&session);
    SurfaceView surface(&session);
    contour.resize(700, 560);
    surface.resize(640, 480);
    surface.move(720, 0);
    contour.show();
    surface.show();
    QVERIFY(QTest::qWaitForWindowExposed(&contour));
    QVERIFY(QTest::qWaitForWindowExposed(&surface));

    // Rates far too large for most functions, and the methods that take their own steps.
    session.setKeepLearningRates(true);
    for (const auto& [method, rate] :
         {std::pair{Method::GradientDescent, 40.0}, std::pair{Method::Momentum, 10.0},
          std::pair{Method::Adam, 5.0}, std::pair{Method::Newton, 1.0},
          std::pair{Method::LBFGS, 1.0}, std::pair{Method::NelderMead, 1.0}}) {
        OptimizerSettings settings = defaultSettings(method);
        settings.learningRate = rate;
        session.addRun(settings);
    }
    session.setStartPoint(Eigen::Vector2d(1.25, -0.75));

    QStringList texts;
    for (const char* text : kHandPicked) {
        texts.append(QString::fromLatin1(text));
    }
    RandomExpression::Options options;
    options.maxDepth = 4;
    RandomExpression random(kSeed, options);
    for (int n = 0; n < kRandomExpressions; ++n) {
        texts.append(QString::fromStdString(toPlainText(random.next())));
    }

    int undefinedSomewhere = 0;
    int diverged = 0;
    for (qsizetype n = 0; n < texts.size(); ++n) {
        const QString& text = texts[n];
        QVERIFY2(session.setExpressionText(text), qPrintable(text));
        QTest::qWait(2);
        for (int k = 0; k < 4; ++k) {
            session.stepForward();
            QTest::qWait(2);
        }
        // Now and then long enough for the views' full-resolution passes and a few frames.
        QTest::qWait(n % 25 == 0 ? 300 : 10);
        verifyPlot(contour, session);
        if (QTest::currentTestFailed()) {
            qWarning("while showing f(x, y) = %s", qPrintable(text));
            return;
        }
        verifyDrawable(surface, session.domain());
        if (QTest::currentTestFailed()) {
            qWarning("while showing f(x, y) = %s", qPrintable(text));
            return;
        }
        undefinedSomewhere += contour.undefinedFraction() > 0 ? 1 : 0;
        session.setCurrentStep(session.lastStep());
        for (const auto& entry : session.runs()) {
            diverged += entry.run->stopReason() == StopReason::Diverged ? 1 : 0;
        }
    }
    // The sample did what it is for: functions undefined somewhere, and runs that diverged.
    qInfo("%lld functions, %d undefined somewhere, %d diverged runs", texts.size(),
          undefinedSomewhere, diverged);
    QVERIFY(undefinedSomewhere >= 20);
    QVERIFY(diverged >= 50);
}

QTEST_MAIN(TestRandomRender)
#include "tst_randomrender.moc"
