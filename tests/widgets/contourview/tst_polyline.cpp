// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourview/polyline.h"

#include <QTest>
#include <cmath>

using namespace gradlab;

namespace {

// Distance from p to the polyline through \a line.
double distanceTo(const Eigen::Vector2d& p, const std::vector<Eigen::Vector2d>& line)
{
    double best = 1e300;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const Eigen::Vector2d ab = line[i + 1] - line[i];
        const double t = std::clamp((p - line[i]).dot(ab) / ab.squaredNorm(), 0.0, 1.0);
        best = std::min(best, (p - (line[i] + t * ab)).norm());
    }
    return best;
}

std::vector<Eigen::Vector2d> circle(int points)
{
    std::vector<Eigen::Vector2d> line;
    for (int i = 0; i <= points; ++i) {
        const double angle = 2 * M_PI * i / points;
        line.emplace_back(std::cos(angle), std::sin(angle));
    }
    line.back() = line.front(); // closed exactly
    return line;
}

} // namespace

class TestPolyline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void staysWithinTolerance_data();
    void staysWithinTolerance();
    void straightLineKeepsItsEnds();
};

void TestPolyline::staysWithinTolerance_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("fine circle, coarse tolerance") << 2000 << 1e-2;
    QTest::newRow("fine circle, fine tolerance") << 2000 << 1e-5;
    QTest::newRow("coarse circle") << 24 << 1e-3;
}

void TestPolyline::staysWithinTolerance()
{
    QFETCH(int, points);
    QFETCH(double, tolerance);
    const std::vector<Eigen::Vector2d> line = circle(points);
    const std::vector<Eigen::Vector2d> simple = simplifyPolyline(line, tolerance);
    QVERIFY(simple.size() <= line.size());
    QCOMPARE(simple.front(), line.front());
    QCOMPARE(simple.back(), line.back()); // closed stays closed
    for (const Eigen::Vector2d& point : line) {
        QVERIFY(distanceTo(point, simple) <= tolerance * (1 + 1e-12));
    }
    // Every kept point is one of the originals, in order.
    std::size_t next = 0;
    for (const Eigen::Vector2d& point : simple) {
        while (next < line.size() && line[next] != point) {
            ++next;
        }
        QVERIFY(next < line.size());
    }
    // A chord of angle 2·acos(1 − tolerance) stays within the tolerance of a unit circle: far
    // fewer points than the original when the tolerance allows it.
    const double chord = 2 * std::acos(1 - tolerance);
    if (chord > 4 * 2 * M_PI / points) {
        QVERIFY(simple.size() < line.size() / 2);
    }
}

void TestPolyline::straightLineKeepsItsEnds()
{
    std::vector<Eigen::Vector2d> line;
    for (int i = 0; i <= 100; ++i) {
        line.emplace_back(0.01 * i, 2 - 0.03 * i);
    }
    const std::vector<Eigen::Vector2d> simple = simplifyPolyline(line, 1e-9);
    QCOMPARE(simple.size(), std::size_t(2));
    QCOMPARE(simple.front(), line.front());
    QCOMPARE(simple.back(), line.back());
    // No tolerance: nothing removed.
    QCOMPARE(simplifyPolyline(line, 0).size(), line.size());
}

QTEST_APPLESS_MAIN(TestPolyline)
#include "tst_polyline.moc"
