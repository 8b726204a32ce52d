// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "polyline.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace gradlab {

namespace {

// Distance from p to the segment a–b.
double distanceToSegment(const Eigen::Vector2d& p, const Eigen::Vector2d& a,
                         const Eigen::Vector2d& b)
{
    const Eigen::Vector2d ab = b - a;
    const double length2 = ab.squaredNorm();
    if (length2 == 0) {
        return (p - a).norm();
    }
    // t = (p − a)·(b − a) / ‖b − a‖², clamped to the segment
    const double t = std::clamp((p - a).dot(ab) / length2, 0.0, 1.0);
    return (p - (a + t * ab)).norm();
}

} // namespace

std::vector<Eigen::Vector2d> simplifyPolyline(const std::vector<Eigen::Vector2d>& points,
                                              double tolerance)
{
    if (points.size() <= 2 || !(tolerance > 0)) {
        return points;
    }
    std::vector<char> keep(points.size(), 0);
    keep.front() = 1;
    keep.back() = 1;
    // Iterative: split each span at its farthest point while that lies beyond the tolerance.
    std::vector<std::pair<std::size_t, std::size_t>> spans{{0, points.size() - 1}};
    while (!spans.empty()) {
        const auto [first, last] = spans.back();
        spans.pop_back();
        double farthest = 0;
        std::size_t at = first;
        for (std::size_t i = first + 1; i < last; ++i) {
            const double distance = distanceToSegment(points[i], points[first], points[last]);
            if (distance > farthest) {
                farthest = distance;
                at = i;
            }
        }
        if (farthest > tolerance) {
            keep[at] = 1;
            spans.emplace_back(first, at);
            spans.emplace_back(at, last);
        }
    }
    std::vector<Eigen::Vector2d> result;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (keep[i]) {
            result.push_back(points[i]);
        }
    }
    return result;
}

} // namespace gradlab
