// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/clipping.h"

#include <algorithm>
#include <optional>

namespace gradlab {

namespace {

struct Segment
{
    Eigen::Vector2d from;
    Eigen::Vector2d to;
};

/// Liang–Barsky: the part of the segment a + t·(b − a), t ∈ [0, 1], inside the box, if any.
/// Each edge gives p·t ≤ q; p < 0 enters the box, p > 0 leaves it, p = 0 runs parallel.
std::optional<Segment> clipSegment(const Eigen::Vector2d& a, const Eigen::Vector2d& b,
                                   const Domain& box)
{
    const Eigen::Vector2d d = b - a;
    const double p[4] = {-d.x(), d.x(), -d.y(), d.y()};
    const double q[4] = {a.x() - box.xMin, box.xMax - a.x(), a.y() - box.yMin, box.yMax - a.y()};
    double enter = 0.0;
    double leave = 1.0;
    for (int k = 0; k < 4; ++k) {
        if (p[k] == 0.0) {
            if (q[k] < 0.0) {
                return std::nullopt; // parallel to this edge and outside it
            }
            continue;
        }
        const double t = q[k] / p[k];
        if (p[k] < 0.0) {
            enter = std::max(enter, t);
        } else {
            leave = std::min(leave, t);
        }
    }
    if (enter > leave) {
        return std::nullopt;
    }
    // The ends of the segment exactly, where they are inside: no rounding of a + 1·d.
    const Eigen::Vector2d from = enter == 0.0 ? a : clampToBox(a + enter * d, box);
    const Eigen::Vector2d to = leave == 1.0 ? b : clampToBox(a + leave * d, box);
    return Segment{from, to};
}

} // namespace

Eigen::Vector2d clampToBox(const Eigen::Vector2d& point, const Domain& box)
{
    return {std::clamp(point.x(), box.xMin, box.xMax), std::clamp(point.y(), box.yMin, box.yMax)};
}

std::vector<std::vector<Eigen::Vector2d>> clipPolyline(const std::vector<Eigen::Vector2d>& points,
                                                       const Domain& box)
{
    std::vector<std::vector<Eigen::Vector2d>> parts;
    std::vector<Eigen::Vector2d> part;
    const auto finishPart = [&] {
        if (!part.empty()) {
            parts.push_back(std::move(part));
            part.clear();
        }
    };
    for (std::size_t k = 0; k < points.size(); ++k) {
        const Eigen::Vector2d& point = points[k];
        if (!point.allFinite()) {
            finishPart();
            continue;
        }
        if (k == 0 || !points[k - 1].allFinite()) {
            if (box.contains(point.x(), point.y())) {
                part.push_back(point);
            }
            continue;
        }
        const std::optional<Segment> inside = clipSegment(points[k - 1], point, box);
        if (!inside) {
            finishPart();
            continue;
        }
        if (part.empty() || part.back() != inside->from) {
            // the segment enters the box here (or the previous part ended at its edge)
            finishPart();
            part.push_back(inside->from);
        }
        part.push_back(inside->to);
        if (inside->to != point) {
            finishPart(); // it leaves the box
        }
    }
    finishPart();
    return parts;
}

} // namespace gradlab
