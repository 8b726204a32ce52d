// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/criticalpoints.h"
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"
#include "functions/presets.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace gradlab;

Q_DECLARE_METATYPE(Eigen::Matrix2d)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::Matrix2d matrix(double xx, double xy, double yy)
{
    Eigen::Matrix2d h;
    h << xx, xy, xy, yy;
    return h;
}

/// Himmelblau's function with its derivatives written out by hand.
PointValue himmelblau(const Eigen::Vector2d& p)
{
    const double x = p.x();
    const double y = p.y();
    const double a = x * x + y - 11;
    const double b = x + y * y - 7;
    PointValue value;
    value.f = a * a + b * b;
    value.gradient = {4 * x * a + 2 * b, 2 * a + 4 * y * b};
    value.hessian = matrix(12 * x * x + 4 * y - 42, 4 * x + 4 * y, 4 * x + 12 * y * y - 26);
    return value;
}

PointValue monkeySaddle(const Eigen::Vector2d& p)
{
    const double x = p.x();
    const double y = p.y();
    PointValue value;
    value.f = x * x * x - 3 * x * y * y;
    value.gradient = {3 * x * x - 3 * y * y, -6 * x * y};
    value.hessian = matrix(6 * x, -6 * y, -6 * x);
    return value;
}

PointValue bowl(const Eigen::Vector2d& p)
{
    PointValue value;
    value.f = p.squaredNorm();
    value.gradient = 2 * p;
    value.hessian = matrix(2, 0, 2);
    return value;
}

PointValue plane(const Eigen::Vector2d& p)
{
    PointValue value;
    value.f = p.x() + 2 * p.y();
    value.gradient = {1, 2};
    value.hessian = matrix(0, 0, 0);
    return value;
}

/// √x + y²: undefined for x < 0, no critical point (∂f/∂x = 1/(2√x) never vanishes).
PointValue halfPlane(const Eigen::Vector2d& p)
{
    PointValue value;
    const double root = std::sqrt(p.x());
    value.f = root + p.y() * p.y();
    value.gradient = {0.5 / root, 2 * p.y()};
    value.hessian = matrix(-0.25 / (root * p.x()), 0, 2);
    return value;
}

/// (x² − 1)² + y²: minima at (±1, 0), a saddle at the origin.
PointValue twoWells(const Eigen::Vector2d& p)
{
    const double x = p.x();
    const double y = p.y();
    PointValue value;
    value.f = (x * x - 1) * (x * x - 1) + y * y;
    value.gradient = {4 * x * (x * x - 1), 2 * y};
    value.hessian = matrix(12 * x * x - 4, 0, 2);
    return value;
}

/// \a formula compiled, or an empty objective if it does not parse.
Objective compiled(const QString& formula)
{
    const ParseResult parsed = parse(formula.toStdString());
    if (!parsed.isValid()) {
        return {};
    }
    return CompiledFunction::compile(parsed.expression).objective();
}

bool samePoint(const CriticalPoint& a, const CriticalPoint& b)
{
    return a.point == b.point && a.f == b.f && a.eigenvalues == b.eigenvalues && a.kind == b.kind;
}

bool sameCurve(const CriticalCurve& a, const CriticalCurve& b)
{
    if (a.kind != b.kind || a.shape != b.shape || !samePoint(a.representative, b.representative) ||
        !(a.bounds == b.bounds) || a.fMin != b.fMin || a.fMax != b.fMax ||
        a.samples.size() != b.samples.size()) {
        return false;
    }
    return std::equal(a.samples.begin(), a.samples.end(), b.samples.begin(), samePoint);
}

bool within(double value, double low, double high)
{
    return value >= low && value <= high;
}

} // namespace

class TestCriticalPoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void himmelblauPoints();
    void degenerateMonkeySaddle();
    void found_data();
    void found();
    void criticalSet_data();
    void criticalSet();
    void presetsHaveNoCurves_data();
    void presetsHaveNoCurves();
    void rejectedInputs_data();
    void rejectedInputs();
};

void TestCriticalPoints::classify_data()
{
    QTest::addColumn<Eigen::Matrix2d>("hessian");
    QTest::addColumn<double>("tolerance");
    QTest::addColumn<int>("kind");
    const int minimum = static_cast<int>(CriticalKind::Minimum);
    const int maximum = static_cast<int>(CriticalKind::Maximum);
    const int saddle = static_cast<int>(CriticalKind::Saddle);
    const int degenerate = static_cast<int>(CriticalKind::Degenerate);
    QTest::newRow("positive definite") << matrix(2, 0, 20) << 1e-8 << minimum;
    QTest::newRow("positive definite, coupled") << matrix(2, 1, 2) << 1e-8 << minimum;
    QTest::newRow("negative definite") << matrix(-2, 1, -3) << 1e-8 << maximum;
    QTest::newRow("indefinite diagonal") << matrix(2, 0, -2) << 1e-8 << saddle;
    QTest::newRow("tutorial's indefinite") << matrix(2, 3, 2) << 1e-8 << saddle;
    QTest::newRow("positive diagonal, large coupling") << matrix(1, 5, 1) << 1e-8 << saddle;
    QTest::newRow("singular, one positive") << matrix(1, 0, 0) << 1e-8 << degenerate;
    QTest::newRow("singular, one negative") << matrix(-1, 1, -1) << 1e-8 << degenerate;
    QTest::newRow("zero") << matrix(0, 0, 0) << 1e-8 << degenerate;
    QTest::newRow("tiny eigenvalue within tolerance") << matrix(1e-10, 0, 1) << 1e-8 << degenerate;
    QTest::newRow("tiny eigenvalue, tolerance zero") << matrix(1e-10, 0, 1) << 0.0 << minimum;
    QTest::newRow("large tolerance") << matrix(3, 0, -3) << 5.0 << degenerate;
    QTest::newRow("not a number") << matrix(kNaN, 0, 1) << 1e-8 << degenerate;
    QTest::newRow("infinite") << matrix(INFINITY, 0, 1) << 1e-8 << degenerate;
}

void TestCriticalPoints::classify()
{
    QFETCH(Eigen::Matrix2d, hessian);
    QFETCH(double, tolerance);
    QFETCH(int, kind);
    QCOMPARE(static_cast<int>(classifyHessian(hessian, tolerance)), kind);
}

void TestCriticalPoints::himmelblauPoints()
{
    const std::vector<CriticalPoint> points = findCriticalPoints(himmelblau, Domain{-5, 5, -5, 5});
    int minima = 0;
    int saddles = 0;
    int maxima = 0;
    for (const CriticalPoint& point : points) {
        minima += point.kind == CriticalKind::Minimum;
        saddles += point.kind == CriticalKind::Saddle;
        maxima += point.kind == CriticalKind::Maximum;
        QVERIFY(himmelblau(point.point).gradient.norm() < 1e-9);
        QVERIFY(point.eigenvalues.x() <= point.eigenvalues.y());
    }
    QCOMPARE(points.size(), std::size_t{9});
    QCOMPARE(minima, 4);
    QCOMPARE(saddles, 4);
    QCOMPARE(maxima, 1);
    // sorted by f: the four minima (f = 0) first, the maximum (f ≈ 181.6) last
    for (std::size_t k = 1; k < points.size(); ++k) {
        QVERIFY(points[k - 1].f <= points[k].f);
    }
    QCOMPARE(points.back().kind, CriticalKind::Maximum);
    // no degenerate point: the critical set is the same points, no curve
    const CriticalSet set = findCriticalSet(himmelblau, Domain{-5, 5, -5, 5});
    QVERIFY(set.curves.empty());
    QVERIFY(
        std::equal(set.points.begin(), set.points.end(), points.begin(), points.end(), samePoint));
    // each is one of the catalogue's, with the same kind
    const Preset* preset = findPreset("himmelblau");
    QVERIFY(preset);
    for (const KnownPoint& known : preset->knownPoints) {
        const auto match = std::find_if(points.begin(), points.end(), [&](const CriticalPoint& p) {
            return (p.point - known.point).norm() < 1e-9;
        });
        QVERIFY(match != points.end());
        QCOMPARE(match->kind, known.kind);
    }
}

void TestCriticalPoints::degenerateMonkeySaddle()
{
    // ∇f and H both vanish at the origin: Newton converges only linearly there, yet the point is
    // found and, with H = 0 to rounding, classified degenerate.
    const std::vector<CriticalPoint> points =
        findCriticalPoints(monkeySaddle, Domain{-2, 2, -2, 2});
    QCOMPARE(points.size(), std::size_t{1});
    QVERIFY(points.front().point.norm() < 1e-6);
    QCOMPARE(points.front().kind, CriticalKind::Degenerate);
    // H = 0 there, yet no curve runs through it: it stays one point
    const CriticalSet set = findCriticalSet(monkeySaddle, Domain{-2, 2, -2, 2});
    QVERIFY(set.curves.empty());
    QCOMPARE(set.points.size(), std::size_t{1});
    QVERIFY(samePoint(set.points.front(), points.front()));
}

void TestCriticalPoints::found_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QList<double>>("domain");
    QTest::addColumn<int>("seeds");
    QTest::addColumn<QList<double>>("expected"); // x, y, kind of each, sorted by f
    const double minimum = static_cast<int>(CriticalKind::Minimum);
    const double saddle = static_cast<int>(CriticalKind::Saddle);
    QTest::newRow("bowl: one point from every seed")
        << "bowl" << QList<double>{-3, 3, -3, 3} << 24 << QList<double>{0, 0, minimum};
    QTest::newRow("bowl, one seed")
        << "bowl" << QList<double>{-3, 3, -3, 3} << 1 << QList<double>{0, 0, minimum};
    QTest::newRow("bowl, minimum outside the domain")
        << "bowl" << QList<double>{1, 2, 1, 2} << 24 << QList<double>{};
    QTest::newRow("plane: no critical point")
        << "plane" << QList<double>{-3, 3, -3, 3} << 24 << QList<double>{};
    QTest::newRow("half plane undefined, no critical point")
        << "halfplane" << QList<double>{-3, 3, -3, 3} << 24 << QList<double>{};
    QTest::newRow("two wells") << "twowells" << QList<double>{-2, 2, -1.5, 1.5} << 24
                               << QList<double>{-1, 0, minimum, 1, 0, minimum, 0, 0, saddle};
    QTest::newRow("two wells, one well in the domain")
        << "twowells" << QList<double>{0.5, 2, -1.5, 1.5} << 24 << QList<double>{1, 0, minimum};
}

void TestCriticalPoints::found()
{
    QFETCH(QString, function);
    QFETCH(QList<double>, domain);
    QFETCH(int, seeds);
    QFETCH(QList<double>, expected);
    Objective objective = bowl;
    if (function == QLatin1String("plane")) {
        objective = plane;
    } else if (function == QLatin1String("halfplane")) {
        objective = halfPlane;
    } else if (function == QLatin1String("twowells")) {
        objective = twoWells;
    }
    const std::vector<CriticalPoint> points =
        findCriticalPoints(objective, Domain{domain[0], domain[1], domain[2], domain[3]}, seeds);
    QCOMPARE(static_cast<qsizetype>(points.size()) * 3, expected.size());
    for (std::size_t k = 0; k < points.size(); ++k) {
        const qsizetype row = static_cast<qsizetype>(k) * 3;
        QVERIFY(std::fabs(points[k].point.x() - expected[row]) < 1e-12);
        QVERIFY(std::fabs(points[k].point.y() - expected[row + 1]) < 1e-12);
        QCOMPARE(static_cast<int>(points[k].kind), static_cast<int>(expected[row + 2]));
    }
}

void TestCriticalPoints::criticalSet_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QList<double>>("domain");
    QTest::addColumn<QList<double>>("points"); // x, y, kind of each isolated point, by f
    // kind, shape, xMin, xMax, yMin, yMax, f of each curve, in any order
    QTest::addColumn<QList<double>>("curves");
    QTest::addColumn<double>("tolerance"); // on the bounding boxes
    const double minimum = static_cast<int>(CriticalKind::Minimum);
    const double maximum = static_cast<int>(CriticalKind::Maximum);
    const double saddle = static_cast<int>(CriticalKind::Saddle);
    const double degenerate = static_cast<int>(CriticalKind::Degenerate);
    const double open = static_cast<int>(CurveShape::Open);
    const double closed = static_cast<int>(CurveShape::Closed);
    const double area = static_cast<int>(CurveShape::Area);
    const QList<double> square{-5, 5, -5, 5};
    // A traced curve ends within 1/16 of its half-spacing step (0.013) of the domain's edge.
    const double edge = 0.02;
    QTest::newRow("valley along x = 0") << "x^2" << square << QList<double>{}
                                        << QList<double>{minimum, open, 0, 0, -5, 5, 0} << edge;
    QTest::newRow("line of inflections") << "x^3" << square << QList<double>{}
                                         << QList<double>{degenerate, open, 0, 0, -5, 5, 0} << edge;
    QTest::newRow("ring of minima around a maximum")
        << "(x^2+y^2-1)^2" << square << QList<double>{0, 0, maximum}
        << QList<double>{minimum, closed, -1, 1, -1, 1, 0} << edge;
    QTest::newRow("ring of maxima around a minimum")
        << "-(x^2+y^2-1)^2" << square << QList<double>{0, 0, minimum}
        << QList<double>{maximum, closed, -1, 1, -1, 1, 0} << edge;
    QTest::newRow("saddle") << "x^2 - y^2" << square << QList<double>{0, 0, saddle}
                            << QList<double>{} << edge;
    QTest::newRow("two valleys and a ridge")
        << "(x^2-1)^2" << square << QList<double>{}
        << QList<double>{minimum, open, -1, -1,      -5,   5, 0, minimum, open, 1, 1,
                         -5,      5,    0,  maximum, open, 0, 0, -5,      5,    1}
        << edge;
    // x < 0: f = y², a half-line of minima; x > 0: y² + x²(x − 1)(x − 3), a well at
    // x = 3/2 + √3/2 and a saddle at 3/2 − √3/2 (the roots of 2x² − 6x + 3)
    const double well = 1.5 + std::sqrt(3.0) / 2;
    const double pass = 1.5 - std::sqrt(3.0) / 2;
    QTest::newRow("valley and a well") << "y^2 + relu(x)^2*((x-2)^2-1)" << square
                                       << QList<double>{well, 0, minimum, pass, 0, saddle}
                                       << QList<double>{minimum, open, -5, 0, 0, 0, 0} << edge;
    // f_xx = 2((x − 3)² + y²) changes along the valley: Newton from the seeds slides along it
    // and finds few points on it; the tracing follows it across.
    QTest::newRow("valley of varying curvature")
        << "x^2*((x-3)^2+y^2)" << square << QList<double>{3, 0, minimum, 1.5, 0, saddle}
        << QList<double>{minimum, open, 0, 0, -5, 5, 0} << edge;
    QTest::newRow("hyperbola of minima")
        << "(x*y-1)^2" << square << QList<double>{0, 0, saddle}
        << QList<double>{minimum, open, -5, -0.2, -5, -0.2, 0, minimum, open, 0.2, 5, 0.2, 5, 0}
        << edge;
    // radius √30 crosses x = ±5 at y = ±√5: four arcs, one in each corner
    const double cut = std::sqrt(5.0);
    QTest::newRow("circle cut by the domain's edge")
        << "(x^2+y^2-30)^2" << square << QList<double>{0, 0, maximum}
        << QList<double>{minimum, open, -5,  -cut, -5, -cut, 0, minimum, open, -5,  -cut, cut, 5, 0,
                         minimum, open, cut, 5,    -5, -cut, 0, minimum, open, cut, 5,    cut, 5, 0}
        << edge;
    // the area's points are seeds, the nearest half a seed spacing (0.21) inside its edges
    QTest::newRow("flat area") << "relu(x)" << square << QList<double>{}
                               << QList<double>{degenerate, area, -5, 0, -5, 5, 0} << 0.25;
    QTest::newRow("monkey saddle") << "x^3 - 3*x*y^2" << QList<double>{-2, 2, -2, 2}
                                   << QList<double>{0, 0, degenerate} << QList<double>{} << edge;
    QTest::newRow("degenerate isolated minimum")
        << "x^4 + y^4" << square << QList<double>{0, 0, degenerate} << QList<double>{} << edge;
    // 12y² vanishes beside x²'s 2 below the eigenvalues' rounding: found all the same
    QTest::newRow("minimum flat in one direction only")
        << "x^2 + y^4" << square << QList<double>{0, 0, degenerate} << QList<double>{} << edge;
    QTest::newRow("gentle slope, no critical point")
        << "1e-10*x + y^2" << square << QList<double>{} << QList<double>{} << edge;
}

void TestCriticalPoints::criticalSet()
{
    QFETCH(QString, function);
    QFETCH(QList<double>, domain);
    QFETCH(QList<double>, points);
    QFETCH(QList<double>, curves);
    QFETCH(double, tolerance);
    const Objective objective = compiled(function);
    QVERIFY(objective);
    const Domain box{domain[0], domain[1], domain[2], domain[3]};
    const CriticalSet set = findCriticalSet(objective, box);

    QCOMPARE(static_cast<qsizetype>(set.points.size()) * 3, points.size());
    for (std::size_t k = 0; k < set.points.size(); ++k) {
        const qsizetype row = static_cast<qsizetype>(k) * 3;
        QVERIFY2((set.points[k].point - Eigen::Vector2d(points[row], points[row + 1])).norm() <
                     1e-6,
                 qPrintable(QStringLiteral("point %1 at (%2, %3)")
                                .arg(k)
                                .arg(set.points[k].point.x())
                                .arg(set.points[k].point.y())));
        QCOMPARE(static_cast<int>(set.points[k].kind), static_cast<int>(points[row + 2]));
    }

    QCOMPARE(static_cast<qsizetype>(set.curves.size()) * 7, curves.size());
    for (qsizetype row = 0; row < curves.size(); row += 7) {
        const auto match =
            std::find_if(set.curves.begin(), set.curves.end(), [&](const CriticalCurve& c) {
                return static_cast<int>(c.kind) == static_cast<int>(curves[row]) &&
                       static_cast<int>(c.shape) == static_cast<int>(curves[row + 1]) &&
                       std::fabs(c.bounds.xMin - curves[row + 2]) <= tolerance &&
                       std::fabs(c.bounds.xMax - curves[row + 3]) <= tolerance &&
                       std::fabs(c.bounds.yMin - curves[row + 4]) <= tolerance &&
                       std::fabs(c.bounds.yMax - curves[row + 5]) <= tolerance &&
                       std::fabs(c.fMin - curves[row + 6]) <= 1e-9;
            });
        QVERIFY2(match != set.curves.end(), qPrintable(QStringLiteral("curve %1").arg(row / 7)));
    }

    // Every curve: critical points of its kind, inside its box, at one level of f; a traced
    // curve's points in order, at most a step and a half apart (a step predicted, half a step
    // allowed in settling), around a loop back to the first.
    const double step = 0.5 * std::max(box.width(), box.height()) / 24;
    for (const CriticalCurve& curve : set.curves) {
        QVERIFY(curve.samples.size() >= 2);
        QVERIFY(curve.fMax - curve.fMin <= 1e-9 * std::max(1.0, std::fabs(curve.fMin)));
        for (const CriticalPoint& sample : curve.samples) {
            QVERIFY(objective(sample.point).gradient.norm() < 1e-6);
            QCOMPARE(sample.kind, CriticalKind::Degenerate);
            QVERIFY(within(sample.point.x(), curve.bounds.xMin, curve.bounds.xMax));
            QVERIFY(within(sample.point.y(), curve.bounds.yMin, curve.bounds.yMax));
            QVERIFY(within(sample.f, curve.fMin, curve.fMax));
        }
        QVERIFY(std::any_of(
            curve.samples.begin(), curve.samples.end(),
            [&](const CriticalPoint& sample) { return samePoint(sample, curve.representative); }));
        if (curve.shape == CurveShape::Area) {
            continue;
        }
        for (std::size_t k = 1; k < curve.samples.size(); ++k) {
            const double gap = (curve.samples[k].point - curve.samples[k - 1].point).norm();
            QVERIFY2(gap > 0 && gap <= 1.5 * step, qPrintable(QString::number(gap)));
        }
        if (curve.shape == CurveShape::Closed) {
            QVERIFY((curve.samples.back().point - curve.samples.front().point).norm() <=
                    1.5 * step);
        }
    }

    // the same again, bit for bit
    const CriticalSet again = findCriticalSet(objective, box);
    QVERIFY(std::equal(set.points.begin(), set.points.end(), again.points.begin(),
                       again.points.end(), samePoint));
    QVERIFY(std::equal(set.curves.begin(), set.curves.end(), again.curves.begin(),
                       again.curves.end(), sameCurve));
}

void TestCriticalPoints::presetsHaveNoCurves_data()
{
    QTest::addColumn<QString>("name");
    for (const Preset& preset : presets()) {
        QTest::newRow(preset.name.c_str()) << QString::fromStdString(preset.name);
    }
}

void TestCriticalPoints::presetsHaveNoCurves()
{
    // No preset has a curve of critical points: the critical set is findCriticalPoints's points
    // (whose kinds tst_presets checks against the catalogue), none dropped, none added.
    QFETCH(QString, name);
    const Preset* preset = findPreset(name.toStdString());
    QVERIFY(preset);
    const Objective objective = compiled(QString::fromStdString(preset->formula));
    const std::vector<CriticalPoint> points = findCriticalPoints(objective, preset->domain);
    const CriticalSet set = findCriticalSet(objective, preset->domain);
    QVERIFY(set.curves.empty());
    QVERIFY(
        std::equal(set.points.begin(), set.points.end(), points.begin(), points.end(), samePoint));
}

void TestCriticalPoints::rejectedInputs_data()
{
    QTest::addColumn<QList<double>>("domain");
    QTest::addColumn<int>("seeds");
    QTest::newRow("no seeds") << QList<double>{-3, 3, -3, 3} << 0;
    QTest::newRow("negative seeds") << QList<double>{-3, 3, -3, 3} << -4;
    QTest::newRow("empty domain") << QList<double>{1, 1, -3, 3} << 24;
    QTest::newRow("reversed domain") << QList<double>{-3, 3, 3, -3} << 24;
    QTest::newRow("NaN domain") << QList<double>{kNaN, 3, -3, 3} << 24;
}

void TestCriticalPoints::rejectedInputs()
{
    QFETCH(QList<double>, domain);
    QFETCH(int, seeds);
    QVERIFY(findCriticalPoints(bowl, Domain{domain[0], domain[1], domain[2], domain[3]}, seeds)
                .empty());
    QVERIFY(findCriticalPoints(Objective{}, Domain{-3, 3, -3, 3}).empty());
    const CriticalSet set =
        findCriticalSet(bowl, Domain{domain[0], domain[1], domain[2], domain[3]}, seeds);
    QVERIFY(set.points.empty() && set.curves.empty());
}

QTEST_APPLESS_MAIN(TestCriticalPoints)

#include "tst_criticalpoints.moc"
