// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/clipping.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace gradlab;

using Points = std::vector<Eigen::Vector2d>;
Q_DECLARE_METATYPE(Points)
Q_DECLARE_METATYPE(std::vector<Points>)

class TestClipping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clipPolyline_data();
    void clipPolyline();
    void partsStayInsideTheBox();
    void clampToBox();
};

namespace {

const Domain box{-1, 1, -2, 2};
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Points line(std::initializer_list<std::pair<double, double>> xy)
{
    Points points;
    for (const auto& [x, y] : xy) {
        points.emplace_back(x, y);
    }
    return points;
}

} // namespace

void TestClipping::clipPolyline_data()
{
    QTest::addColumn<Points>("points");
    QTest::addColumn<std::vector<Points>>("expected");

    QTest::newRow("inside: unchanged") << line({{0, 0}, {0.5, 1}, {-0.5, -1}})
                                       << std::vector<Points>{line({{0, 0}, {0.5, 1}, {-0.5, -1}})};
    QTest::newRow("leaves through the right edge")
        << line({{0, 0}, {0.5, 0}, {3, 1}})
        << std::vector<Points>{line({{0, 0}, {0.5, 0}, {1, 0.2}})};
    QTest::newRow("a diverging run far away, never back")
        << line({{0, 1}, {0, -3}, {0, 1e7}, {-1e12, 1e12}})
        << std::vector<Points>{line({{0, 1}, {0, -2}}), line({{0, -2}, {0, 2}})};
    QTest::newRow("leaves and comes back")
        << line({{0, 0}, {2, 0}, {0, 1}})
        << std::vector<Points>{line({{0, 0}, {1, 0}}), line({{1, 0.5}, {0, 1}})};
    QTest::newRow("starts outside, enters")
        << line({{-3, 0}, {0, 0}}) << std::vector<Points>{line({{-1, 0}, {0, 0}})};
    QTest::newRow("crosses the box entirely")
        << line({{-3, 0}, {3, 0}}) << std::vector<Points>{line({{-1, 0}, {1, 0}})};
    QTest::newRow("passes by outside") << line({{-3, 3}, {3, 3}}) << std::vector<Points>{};
    QTest::newRow("parallel to an edge, outside")
        << line({{2, -1}, {2, 1}}) << std::vector<Points>{};
    QTest::newRow("NaN breaks the line")
        << line({{0, 0}, {0.5, 0}, {kNaN, kNaN}, {0.5, 1}, {0, 1}})
        << std::vector<Points>{line({{0, 0}, {0.5, 0}}), line({{0.5, 1}, {0, 1}})};
    QTest::newRow("inf breaks the line") << line({{0, 0}, {kInf, 0}, {0.5, 0}})
                                         << std::vector<Points>{line({{0, 0}}), line({{0.5, 0}})};
    QTest::newRow("a single point inside")
        << line({{0.25, 0.25}}) << std::vector<Points>{line({{0.25, 0.25}})};
    QTest::newRow("a single point outside") << line({{5, 0}}) << std::vector<Points>{};
    QTest::newRow("empty") << Points{} << std::vector<Points>{};
}

void TestClipping::clipPolyline()
{
    QFETCH(Points, points);
    QFETCH(std::vector<Points>, expected);
    const std::vector<Points> parts = gradlab::clipPolyline(points, box);
    QCOMPARE(parts.size(), expected.size());
    for (std::size_t p = 0; p < parts.size(); ++p) {
        QCOMPARE(parts[p].size(), expected[p].size());
        for (std::size_t k = 0; k < parts[p].size(); ++k) {
            QVERIFY2((parts[p][k] - expected[p][k]).norm() < 1e-12,
                     qPrintable(QStringLiteral("part %1 point %2: (%3, %4)")
                                    .arg(p)
                                    .arg(k)
                                    .arg(parts[p][k].x())
                                    .arg(parts[p][k].y())));
        }
    }
}

void TestClipping::partsStayInsideTheBox()
{
    // A random walk that wanders far outside, as a diverging run does: every point of every part
    // is inside the box, and every point of the walk inside the box is kept.
    std::mt19937 random(7);
    std::uniform_real_distribution<double> step(-1.5, 1.5);
    Points walk{{0, 0}};
    for (int k = 0; k < 2000; ++k) {
        walk.push_back(walk.back() + Eigen::Vector2d(step(random), step(random)));
        if (k % 97 == 0) {
            walk.back() *= 1e6;
        }
        if (walk.back().norm() > 50) {
            walk.back() *= 0.01;
        }
    }
    const std::vector<Points> parts = gradlab::clipPolyline(walk, box);
    QVERIFY(parts.size() > 10);
    std::size_t kept = 0;
    for (const Points& part : parts) {
        for (const Eigen::Vector2d& p : part) {
            QVERIFY(box.contains(p.x(), p.y()));
            kept += std::find(walk.begin(), walk.end(), p) != walk.end() ? 1 : 0;
        }
    }
    const auto inside = std::count_if(walk.begin(), walk.end(), [](const Eigen::Vector2d& p) {
        return box.contains(p.x(), p.y());
    });
    QCOMPARE(kept, static_cast<std::size_t>(inside));
}

void TestClipping::clampToBox()
{
    QCOMPARE(gradlab::clampToBox({5, -7}, box), Eigen::Vector2d(1, -2));
    QCOMPARE(gradlab::clampToBox({0.5, 0.5}, box), Eigen::Vector2d(0.5, 0.5));
    QCOMPARE(gradlab::clampToBox({-1e300, 1e300}, box), Eigen::Vector2d(-1, 2));
}

QTEST_APPLESS_MAIN(TestClipping)
#include "tst_clipping.moc"
