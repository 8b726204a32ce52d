// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/contours.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>

using namespace gradlab;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Function = std::function<double(double, double)>;

GridValues sample(const GridSpec& spec, const Function& f)
{
    GridValues grid;
    grid.spec = spec;
    grid.f.resize(spec.size());
    for (int j = 0; j < spec.rows; ++j) {
        for (int i = 0; i < spec.columns; ++i) {
            grid.f[static_cast<std::size_t>(j) * spec.columns + i] = f(spec.x(i), spec.y(j));
        }
    }
    return grid;
}

double bowl(double x, double y)
{
    return x * x + y * y;
}

double rosenbrock(double x, double y)
{
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
}

/// The total angle a polyline turns around the origin, in turns.
double windingNumber(const ContourLine& line)
{
    double total = 0;
    for (std::size_t k = 1; k < line.points.size(); ++k) {
        const double a = std::atan2(line.points[k - 1].y(), line.points[k - 1].x());
        const double b = std::atan2(line.points[k].y(), line.points[k].x());
        double delta = b - a;
        if (delta > std::numbers::pi) {
            delta -= 2 * std::numbers::pi;
        } else if (delta < -std::numbers::pi) {
            delta += 2 * std::numbers::pi;
        }
        total += delta;
    }
    return total / (2 * std::numbers::pi);
}

/// The corner of the unit cell a two-point line cuts off: both points on its two edges.
QString cutCorner(const ContourLine& line)
{
    if (line.points.size() != 2) {
        return QStringLiteral("not a single segment");
    }
    const auto on = [&](auto predicate) {
        return predicate(line.points[0]) || predicate(line.points[1]);
    };
    const auto left = [](const Eigen::Vector2d& p) {
        return p.x() == 0.0;
    };
    const auto right = [](const Eigen::Vector2d& p) {
        return p.x() == 1.0;
    };
    const auto bottom = [](const Eigen::Vector2d& p) {
        return p.y() == 0.0;
    };
    const auto top = [](const Eigen::Vector2d& p) {
        return p.y() == 1.0;
    };
    if (on(left) && on(bottom)) {
        return QStringLiteral("(0,0)");
    }
    if (on(right) && on(bottom)) {
        return QStringLiteral("(1,0)");
    }
    if (on(right) && on(top)) {
        return QStringLiteral("(1,1)");
    }
    if (on(left) && on(top)) {
        return QStringLiteral("(0,1)");
    }
    return QStringLiteral("none");
}

} // namespace

class TestContours : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void circle_data();
    void circle();
    void nestedCircles();
    void saddleCell_data();
    void saddleCell();
    void saddleFunction();
    void nanHoles_data();
    void nanHoles();
    void infiniteCorners_data();
    void infiniteCorners();
    void degenerateInputs_data();
    void degenerateInputs();
    void levelsOrderedAndUnique();
    void defaultLevels_data();
    void defaultLevels();
    void defaultLevelsEmpty_data();
    void defaultLevelsEmpty();
    void prefersLog_data();
    void prefersLog();
};

void TestContours::circle_data()
{
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("level");
    QTest::newRow("coarse grid") << 21 << 21 << 1.0;
    QTest::newRow("fine grid") << 257 << 257 << 1.0;
    QTest::newRow("unequal sides") << 90 << 41 << 1.0;
    QTest::newRow("small circle") << 101 << 101 << 0.09;
    QTest::newRow("level on grid points") << 41 << 41 << 1.0;
}

void TestContours::circle()
{
    QFETCH(int, columns);
    QFETCH(int, rows);
    QFETCH(double, level);
    const GridSpec spec{Domain{-2, 2, -2, 2}, columns, rows};
    const GridValues grid = sample(spec, bowl);
    const std::vector<ContourLine> lines = contourLines(grid, {level});
    QCOMPARE(lines.size(), std::size_t{1});
    const ContourLine& line = lines.front();
    QCOMPARE(line.level, level);
    QVERIFY(line.closed);
    QVERIFY(line.points.size() > 8);
    QCOMPARE(line.points.front(), line.points.back());
    // Linear interpolation of x² between samples h apart is off by at most h²/4 in f, so by
    // h²/8 in the radius: the tolerance h²/2 is generous, yet far below one cell.
    const double h =
        std::max(spec.domain.width() / (columns - 1), spec.domain.height() / (rows - 1));
    const double radius = std::sqrt(level);
    for (const Eigen::Vector2d& point : line.points) {
        QVERIFY2(std::fabs(point.norm() - radius) <= h * h / 2,
                 qPrintable(QStringLiteral("r = %1").arg(point.norm(), 0, 'g', 17)));
    }
    // once around the origin, no backtracking
    QVERIFY(std::fabs(std::fabs(windingNumber(line)) - 1) < 1e-9);
}

void TestContours::nestedCircles()
{
    const GridValues grid = sample(GridSpec{Domain{-2, 2, -2, 2}, 129, 129}, bowl);
    const std::vector<ContourLine> lines = contourLines(grid, {2.25, 0.25, 1.0});
    QCOMPARE(lines.size(), std::size_t{3});
    const double radii[3] = {0.5, 1.0, 1.5};
    for (std::size_t k = 0; k < 3; ++k) {
        QCOMPARE(lines[k].level, radii[k] * radii[k]);
        QVERIFY(lines[k].closed);
        for (const Eigen::Vector2d& point : lines[k].points) {
            QVERIFY(std::fabs(point.norm() - radii[k]) < 1e-3);
        }
    }
}

void TestContours::saddleCell_data()
{
    // One cell, the unit square; corners (0,0), (1,0), (1,1), (0,1); level 0. The centre value is
    // the mean of the corners.
    QTest::addColumn<double>("v00");
    QTest::addColumn<double>("v10");
    QTest::addColumn<double>("v11");
    QTest::addColumn<double>("v01");
    QTest::addColumn<QStringList>("cutCorners");
    QTest::newRow("rising diagonal high, centre above")
        << 2.0 << -1.0 << 2.0 << -1.0 << QStringList{"(0,1)", "(1,0)"};
    QTest::newRow("rising diagonal high, centre below")
        << 1.0 << -2.0 << 1.0 << -2.0 << QStringList{"(0,0)", "(1,1)"};
    QTest::newRow("falling diagonal high, centre above")
        << -1.0 << 2.0 << -1.0 << 2.0 << QStringList{"(0,0)", "(1,1)"};
    QTest::newRow("falling diagonal high, centre below")
        << -2.0 << 1.0 << -2.0 << 1.0 << QStringList{"(0,1)", "(1,0)"};
    QTest::newRow("one corner high") << 3.0 << -1.0 << -1.0 << -1.0 << QStringList{"(0,0)"};
    QTest::newRow("one corner low") << 1.0 << 1.0 << -3.0 << 1.0 << QStringList{"(1,1)"};
}

void TestContours::saddleCell()
{
    QFETCH(double, v00);
    QFETCH(double, v10);
    QFETCH(double, v11);
    QFETCH(double, v01);
    QFETCH(QStringList, cutCorners);
    GridValues grid;
    grid.spec = GridSpec{Domain{0, 1, 0, 1}, 2, 2};
    grid.f = {v00, v10, v01, v11};
    const std::vector<ContourLine> lines = contourLines(grid, {0.0});
    QStringList corners;
    for (const ContourLine& line : lines) {
        QVERIFY(!line.closed);
        corners << cutCorner(line);
        // each end by linear interpolation: where the edge's straight line crosses 0
        for (const Eigen::Vector2d& p : line.points) {
            double a = 0;
            double b = 0;
            double t = 0;
            if (p.y() == 0.0) {
                a = v00, b = v10, t = p.x();
            } else if (p.y() == 1.0) {
                a = v01, b = v11, t = p.x();
            } else if (p.x() == 0.0) {
                a = v00, b = v01, t = p.y();
            } else {
                a = v10, b = v11, t = p.y();
            }
            QVERIFY(std::fabs(a + t * (b - a)) < 1e-15);
        }
    }
    corners.sort();
    QCOMPARE(corners, cutCorners);
}

void TestContours::saddleFunction()
{
    // f = x·y: the level 0 is the two axes, crossing at the saddle in the middle of the grid's
    // centre cell (an even number of samples puts no sample on the axes). Level 0.5 is four
    // hyperbola arcs, one per quadrant, each an open line from edge to edge of the domain.
    const GridValues grid =
        sample(GridSpec{Domain{-2, 2, -2, 2}, 40, 40}, [](double x, double y) { return x * y; });
    const std::vector<ContourLine> hyperbolas = contourLines(grid, {0.5, -0.5});
    QCOMPARE(hyperbolas.size(), std::size_t{4});
    for (const ContourLine& line : hyperbolas) {
        QVERIFY(!line.closed);
        for (const Eigen::Vector2d& p : line.points) {
            QVERIFY(std::fabs(p.x() * p.y() - line.level) < 0.01);
        }
    }
    // At the saddle cell the centre value 0 is not above the level 0: the two arcs of the axes
    // are joined as two polylines that turn at the centre, never crossing each other.
    const std::vector<ContourLine> axes = contourLines(grid, {0.0});
    QCOMPARE(axes.size(), std::size_t{2});
    for (const ContourLine& line : axes) {
        QVERIFY(!line.closed);
        for (const Eigen::Vector2d& p : line.points) {
            QVERIFY(std::fabs(p.x() * p.y()) < 1e-12);
        }
    }
}

void TestContours::nanHoles_data()
{
    QTest::addColumn<QList<double>>("holes"); // x, y, radius of each NaN disc
    QTest::addColumn<int>("lineCount");
    QTest::addColumn<bool>("closed");
    QTest::newRow("no hole") << QList<double>{} << 1 << true;
    QTest::newRow("hole away from the circle") << QList<double>{-1.5, -1.5, 0.3} << 1 << true;
    QTest::newRow("hole on the circle") << QList<double>{1.0, 0.0, 0.3} << 1 << false;
    QTest::newRow("two holes on the circle")
        << QList<double>{1.0, 0.0, 0.3, -1.0, 0.0, 0.2} << 2 << false;
    QTest::newRow("hole swallowing the circle") << QList<double>{0.0, 0.0, 1.5} << 0 << false;
}

void TestContours::nanHoles()
{
    QFETCH(QList<double>, holes);
    QFETCH(int, lineCount);
    QFETCH(bool, closed);
    const auto inHole = [&](double x, double y, double margin) {
        for (qsizetype k = 0; k + 2 < holes.size(); k += 3) {
            if (std::hypot(x - holes[k], y - holes[k + 1]) < holes[k + 2] - margin) {
                return true;
            }
        }
        return false;
    };
    const GridSpec spec{Domain{-2, 2, -2, 2}, 81, 81};
    const GridValues grid =
        sample(spec, [&](double x, double y) { return inHole(x, y, 0) ? kNaN : bowl(x, y); });
    const std::vector<ContourLine> lines = contourLines(grid, {1.0});
    QCOMPARE(static_cast<int>(lines.size()), lineCount);
    const double h = spec.domain.width() / (spec.columns - 1);
    for (const ContourLine& line : lines) {
        QCOMPARE(line.closed, closed);
        QCOMPARE(line.points.front() == line.points.back(), closed);
        for (const Eigen::Vector2d& p : line.points) {
            QVERIFY(std::fabs(p.norm() - 1) < h * h / 2);
            // a point lies on a cell whose four corners are finite: not inside a hole by more
            // than the diagonal of a cell
            QVERIFY(!inHole(p.x(), p.y(), std::sqrt(2.0) * h));
        }
    }
}

void TestContours::infiniteCorners_data()
{
    QTest::addColumn<QString>("function");
    QTest::newRow("1/(x - y): +inf and -inf on the diagonal's nodes") << "pole";
    QTest::newRow("a bowl with +inf at the origin's node") << "spike";
}

void TestContours::infiniteCorners()
{
    // Infinite corners are holes, as NaN ones: interpolating from one would give NaN points.
    QFETCH(QString, function);
    const GridSpec spec{Domain{-2, 2, -2, 2}, 81, 81};
    const bool pole = function == QLatin1String("pole");
    const GridValues grid = sample(spec, [&](double x, double y) {
        if (pole) {
            return x == y ? (x < 0 ? -INFINITY : INFINITY) : 1 / (x - y);
        }
        return x == 0 && y == 0 ? INFINITY : bowl(x, y);
    });
    const std::vector<double> levels =
        pole ? std::vector<double>{-2, -1, 1, 2} : std::vector<double>{0.003, 1.0};
    const std::vector<ContourLine> lines = contourLines(grid, levels);
    QVERIFY(!lines.empty());
    const double h = spec.domain.width() / (spec.columns - 1);
    for (const ContourLine& line : lines) {
        for (const Eigen::Vector2d& p : line.points) {
            QVERIFY2(p.allFinite(), qPrintable(QStringLiteral("level %1").arg(line.level)));
            // and away from the infinite nodes by at least most of a cell
            if (pole) {
                QVERIFY(std::fabs(p.x() - p.y()) > 0.5 * h);
            } else {
                QVERIFY(p.norm() > 0.5 * h);
            }
        }
    }
}

void TestContours::degenerateInputs_data()
{
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("values");
    QTest::addColumn<QList<double>>("levels");
    QTest::newRow("one column") << 1 << 10 << 10 << QList<double>{1.0};
    QTest::newRow("one row") << 10 << 1 << 10 << QList<double>{1.0};
    QTest::newRow("too few values") << 10 << 10 << 50 << QList<double>{1.0};
    QTest::newRow("no levels") << 10 << 10 << 100 << QList<double>{};
    QTest::newRow("NaN and infinite levels") << 10 << 10 << 100 << QList<double>{kNaN, INFINITY};
    QTest::newRow("level outside the range") << 10 << 10 << 100 << QList<double>{1e9};
}

void TestContours::degenerateInputs()
{
    QFETCH(int, columns);
    QFETCH(int, rows);
    QFETCH(int, values);
    QFETCH(QList<double>, levels);
    GridValues grid;
    grid.spec = GridSpec{Domain{-2, 2, -2, 2}, columns, rows};
    grid.f.resize(static_cast<std::size_t>(values));
    for (int k = 0; k < values; ++k) {
        grid.f[static_cast<std::size_t>(k)] = std::sin(k * 0.7) * 3;
    }
    const std::vector<ContourLine> lines =
        contourLines(grid, std::vector<double>(levels.begin(), levels.end()));
    QVERIFY(lines.empty());
}

void TestContours::levelsOrderedAndUnique()
{
    const GridValues grid = sample(GridSpec{Domain{-2, 2, -2, 2}, 64, 64}, bowl);
    const std::vector<ContourLine> lines = contourLines(grid, {3.0, 1.0, 2.0, 1.0, 3.0});
    QCOMPARE(lines.size(), std::size_t{3});
    QCOMPARE(lines[0].level, 1.0);
    QCOMPARE(lines[1].level, 2.0);
    QCOMPARE(lines[2].level, 3.0);
}

void TestContours::defaultLevels_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("logarithmic");
    for (const char* function : {"bowl", "rosenbrock", "bowl with NaN"}) {
        for (int count : {1, 7, 20}) {
            for (bool logarithmic : {false, true}) {
                QTest::addRow("%s, %d %s", function, count, logarithmic ? "log" : "even")
                    << QString::fromLatin1(function) << count << logarithmic;
            }
        }
    }
}

void TestContours::defaultLevels()
{
    QFETCH(QString, function);
    QFETCH(int, count);
    QFETCH(bool, logarithmic);
    Function f = bowl;
    if (function == QLatin1String("rosenbrock")) {
        f = rosenbrock;
    } else if (function == QLatin1String("bowl with NaN")) {
        f = [](double x, double y) {
            return x > 1.5 ? kNaN : bowl(x, y);
        };
    }
    const GridValues grid = sample(GridSpec{Domain{-2, 2, -1, 3}, 97, 97}, f);
    double low = INFINITY;
    double high = -INFINITY;
    for (double value : grid.f) {
        if (std::isfinite(value)) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    const std::vector<double> levels = gradlab::defaultLevels(grid, count, logarithmic);
    QCOMPARE(static_cast<int>(levels.size()), count);
    QVERIFY(levels.front() > low);
    QVERIFY(levels.back() < high);
    for (std::size_t k = 1; k < levels.size(); ++k) {
        QVERIFY(levels[k] > levels[k - 1]);
    }
    if (!logarithmic) {
        // evenly spaced, the same gap to both extremes
        const double gap = (high - low) / (count + 1);
        QVERIFY(std::fabs(levels.front() - low - gap) <= 1e-12 * (high - low));
        QVERIFY(std::fabs(high - levels.back() - gap) <= 1e-12 * (high - low));
        for (std::size_t k = 1; k < levels.size(); ++k) {
            QVERIFY(std::fabs(levels[k] - levels[k - 1] - gap) <= 1e-12 * (high - low));
        }
    } else if (count > 2) {
        // the offsets above the minimum grow by a constant factor
        const double ratio = (levels[1] - low) / (levels[0] - low);
        QVERIFY(ratio > 1);
        for (std::size_t k = 2; k < levels.size(); ++k) {
            QVERIFY(std::fabs((levels[k] - low) / (levels[k - 1] - low) / ratio - 1) < 1e-9);
        }
    }
}

void TestContours::defaultLevelsEmpty_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<int>("count");
    QTest::newRow("no levels asked") << "bowl" << 0;
    QTest::newRow("negative count") << "bowl" << -3;
    QTest::newRow("flat function") << "flat" << 10;
    QTest::newRow("undefined everywhere") << "nan" << 10;
}

void TestContours::defaultLevelsEmpty()
{
    QFETCH(QString, function);
    QFETCH(int, count);
    Function f = bowl;
    if (function == QLatin1String("flat")) {
        f = [](double, double) {
            return 4.0;
        };
    } else if (function == QLatin1String("nan")) {
        f = [](double, double) {
            return kNaN;
        };
    }
    const GridValues grid = sample(GridSpec{Domain{-2, 2, -2, 2}, 33, 33}, f);
    QVERIFY(gradlab::defaultLevels(grid, count, false).empty());
    QVERIFY(gradlab::defaultLevels(grid, count, true).empty());
}

void TestContours::prefersLog_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<bool>("expected");
    QTest::newRow("bowl") << "bowl" << false;
    QTest::newRow("elongated bowl") << "elongated" << false;
    QTest::newRow("Rosenbrock") << "rosenbrock" << true;
    QTest::newRow("exp of a bowl") << "exp" << true;
    QTest::newRow("undefined everywhere") << "nan" << false;
}

void TestContours::prefersLog()
{
    QFETCH(QString, function);
    QFETCH(bool, expected);
    Function f = bowl;
    if (function == QLatin1String("elongated")) {
        f = [](double x, double y) {
            return x * x + 10 * y * y;
        };
    } else if (function == QLatin1String("rosenbrock")) {
        f = rosenbrock;
    } else if (function == QLatin1String("exp")) {
        f = [](double x, double y) {
            return std::exp(bowl(x, y));
        };
    } else if (function == QLatin1String("nan")) {
        f = [](double, double) {
            return kNaN;
        };
    }
    const GridValues grid = sample(GridSpec{Domain{-2, 2, -1, 3}, 128, 128}, f);
    QCOMPARE(prefersLogLevels(grid), expected);
}

QTEST_APPLESS_MAIN(TestContours)

#include "tst_contours.moc"
