// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/criticalpoints.h"
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
}

QTEST_APPLESS_MAIN(TestCriticalPoints)

#include "tst_criticalpoints.moc"
