// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// findCriticalSet(): the critical points that are not isolated grouped into curves, traced from
// the points found, and areas.
#include "analysis/criticalpoints.h"
#include "analysis/criticalpointsparts.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace gradlab {

using criticalpointsparts::Candidate;
using criticalpointsparts::pointOrder;
using criticalpointsparts::Sample;
using criticalpointsparts::sampleOf;
using criticalpointsparts::Search;
using criticalpointsparts::search;
using criticalpointsparts::settleAcross;

namespace {

/// The kind of curve a degenerate sample can lie on, from the eigenvalue that is not zero:
/// Minimum when it is positive, Maximum when negative, Degenerate when both are zero; nothing
/// for a sample that is not degenerate (an isolated minimum, maximum or saddle).
std::optional<CriticalKind> curveKind(const Sample& sample)
{
    if (sample.point.kind != CriticalKind::Degenerate) {
        return std::nullopt;
    }
    const double tolerance = sample.zeroTolerance;
    const double low = sample.point.eigenvalues.x();
    const double high = sample.point.eigenvalues.y();
    if (std::fabs(low) <= tolerance && std::fabs(high) <= tolerance) {
        return CriticalKind::Degenerate;
    }
    if (std::fabs(low) <= tolerance && high > tolerance) {
        return CriticalKind::Minimum;
    }
    if (std::fabs(high) <= tolerance && low < -tolerance) {
        return CriticalKind::Maximum;
    }
    return std::nullopt;
}

/// The unit eigenvector of the zero eigenvalue of a sample with exactly one: the direction in
/// which the curve through it runs.
Eigen::Vector2d zeroDirection(const Sample& sample, CriticalKind kind)
{
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
    solver.computeDirect(sample.hessian);
    // ascending eigenvalues: the zero one is the lower beside a positive one, else the higher
    return solver.eigenvectors().col(kind == CriticalKind::Minimum ? 0 : 1).normalized();
}

/// \brief What grouping knows of one degenerate sample.
struct Node
{
    std::size_t sample = 0;
    CriticalKind kind = CriticalKind::Degenerate;
    /// Nodes of the same kind within the link distance, nearest first.
    std::vector<std::size_t> neighbours;
    std::optional<Eigen::Vector2d> tangent; ///< the direction of the curve, when it has one
    bool area = false;                      ///< its neighbours spread in every direction
    bool grouped = false;                   ///< on a curve or an area already
};

/// By x, then y.
bool lexicalLess(const Eigen::Vector2d& a, const Eigen::Vector2d& b)
{
    return a.x() != b.x() ? a.x() < b.x() : a.y() < b.y();
}

/// The distance from \a point to the segment from \a a to \a b.
double segmentDistance(const Eigen::Vector2d& point, const Eigen::Vector2d& a,
                       const Eigen::Vector2d& b)
{
    const Eigen::Vector2d chord = b - a;
    const double squared = chord.squaredNorm();
    // the nearest point a + t·(b − a), t = (p − a)·(b − a) / |b − a|² clamped to [0, 1]
    const double t = squared > 0 ? std::clamp((point - a).dot(chord) / squared, 0.0, 1.0) : 0.0;
    return (point - (a + t * chord)).norm();
}

/// \brief Follows a curve of critical points from one of them.
class CurveTracer
{
public:
    CurveTracer(const Objective& objective, const Domain& domain, const Search& found)
        : m_objective(objective)
        , m_domain(domain)
        , m_found(found)
        , m_step(0.5 * found.spacing)
        // four times round the domain's edge
        , m_maxPoints(static_cast<std::size_t>(8 * (domain.width() + domain.height()) / m_step))
    {}

    /// The step between the points of a traced curve: half a seed spacing.
    double step() const { return m_step; }

    /// Follows the curve of \a kind through \a start both ways along \a tangent, a step at a
    /// time: predict a step along the curve's direction, settle back across it, check the point
    /// is on a curve of the same kind a step further on; halve the step up to four times when
    /// not. Stops at the domain's edge, where the kind changes (x²·y at y = 0), or back at the
    /// start (a closed curve). The points run from one end to the other, or around from
    /// \a start.
    CriticalCurve trace(const Sample& start, CriticalKind kind,
                        const Eigen::Vector2d& tangent) const
    {
        std::vector<CriticalPoint> halves[2];
        bool closed = false;
        for (int side = 0; side < 2 && !closed; ++side) {
            Eigen::Vector2d position = start.point.point;
            Eigen::Vector2d direction = side == 0 ? tangent : Eigen::Vector2d(-tangent);
            std::vector<CriticalPoint>& walked = halves[side];
            while (walked.size() < m_maxPoints) {
                const std::optional<Sample> next = stepFrom(position, direction, kind);
                if (!next) {
                    break;
                }
                const Eigen::Vector2d moved = next->point.point - position;
                // Closed when a step after the first passes the start: it projects inside the
                // step, no farther from it than a quarter step (the chord's sagitta is less).
                const double along = (start.point.point - position).dot(moved);
                if (side == 0 && !walked.empty() && along >= 0 && along <= moved.squaredNorm() &&
                    segmentDistance(start.point.point, position, next->point.point) <=
                        0.25 * m_step) {
                    closed = true;
                    break;
                }
                // the curve's direction at the new point: the zero eigenvalue's eigenvector, or
                // the chord where both eigenvalues are zero; pointing on
                direction = kind == CriticalKind::Degenerate ? Eigen::Vector2d(moved.normalized())
                                                             : zeroDirection(*next, kind);
                if (direction.dot(moved) < 0) {
                    direction = -direction;
                }
                position = next->point.point;
                walked.push_back(next->point);
            }
        }
        CriticalCurve curve;
        curve.kind = kind;
        curve.shape = closed ? CurveShape::Closed : CurveShape::Open;
        curve.samples.assign(halves[1].rbegin(), halves[1].rend());
        curve.samples.push_back(start.point);
        curve.samples.insert(curve.samples.end(), halves[0].begin(), halves[0].end());
        if (!closed && lexicalLess(curve.samples.back().point, curve.samples.front().point)) {
            std::reverse(curve.samples.begin(), curve.samples.end());
        }
        // halfway along an open curve; the start (a point Newton found) on a closed one
        curve.representative = closed ? start.point : curve.samples[(curve.samples.size() - 1) / 2];
        return curve;
    }

private:
    std::optional<Sample> stepFrom(const Eigen::Vector2d& position,
                                   const Eigen::Vector2d& direction, CriticalKind kind) const
    {
        double step = m_step;
        constexpr int maxHalvings = 4;
        for (int halving = 0; halving <= maxHalvings; ++halving, step *= 0.5) {
            const Eigen::Vector2d predicted = position + step * direction;
            if (!m_domain.contains(predicted.x(), predicted.y())) {
                continue;
            }
            const std::optional<Candidate> settled =
                settleAcross(m_objective, m_domain, predicted, m_found.maxStep,
                             m_found.gradientTolerance, m_found.size);
            if (!settled) {
                continue;
            }
            Sample sample = sampleOf(*settled);
            // settled near the prediction, at least half a step on, on a curve of this kind
            if (curveKind(sample) == kind && (settled->point - predicted).norm() <= 0.5 * step &&
                (settled->point - position).dot(direction) >= 0.5 * step) {
                return sample;
            }
        }
        return std::nullopt;
    }

    const Objective& m_objective;
    const Domain& m_domain;
    const Search& m_found;
    double m_step = 0;
    std::size_t m_maxPoints = 0; ///< points each way at most
};

/// Widens \a curve's bounding box and range of f to hold \a point.
void include(CriticalCurve& curve, const CriticalPoint& point)
{
    curve.bounds.xMin = std::min(curve.bounds.xMin, point.point.x());
    curve.bounds.xMax = std::max(curve.bounds.xMax, point.point.x());
    curve.bounds.yMin = std::min(curve.bounds.yMin, point.point.y());
    curve.bounds.yMax = std::max(curve.bounds.yMax, point.point.y());
    curve.fMin = std::min(curve.fMin, point.f);
    curve.fMax = std::max(curve.fMax, point.f);
}

/// The bounding box and the range of f of \a curve's samples.
void measure(CriticalCurve& curve)
{
    const CriticalPoint& first = curve.samples.front();
    curve.bounds = Domain{first.point.x(), first.point.x(), first.point.y(), first.point.y()};
    curve.fMin = first.f;
    curve.fMax = first.f;
    for (const CriticalPoint& point : curve.samples) {
        include(curve, point);
    }
}

/// \brief Disjoint sets of indices (union–find with path halving).
class Components
{
public:
    explicit Components(std::size_t count)
        : m_parent(count)
    {
        for (std::size_t k = 0; k < count; ++k) {
            m_parent[k] = k;
        }
    }
    std::size_t root(std::size_t k)
    {
        while (m_parent[k] != k) {
            m_parent[k] = m_parent[m_parent[k]];
            k = m_parent[k];
        }
        return k;
    }
    /// Joins the sets of \a a and \a b; the smaller index is the root.
    void join(std::size_t a, std::size_t b)
    {
        const std::size_t rootA = root(a);
        const std::size_t rootB = root(b);
        m_parent[std::max(rootA, rootB)] = std::min(rootA, rootB);
    }

private:
    std::vector<std::size_t> m_parent;
};

} // namespace

CriticalSet findCriticalSet(const Objective& objective, const Domain& domain, int seeds)
{
    const Search found = search(objective, domain, seeds);
    const std::vector<Sample>& samples = found.samples;
    CriticalSet result;
    std::vector<Node> nodes;
    for (std::size_t k = 0; k < samples.size(); ++k) {
        if (const std::optional<CriticalKind> kind = curveKind(samples[k])) {
            Node node;
            node.sample = k;
            node.kind = *kind;
            nodes.push_back(node);
        } else {
            result.points.push_back(samples[k].point);
        }
    }
    const auto position = [&](std::size_t node) -> const Eigen::Vector2d& {
        return samples[nodes[node].sample].point.point;
    };
    // The neighbours that give a point with both eigenvalues zero its direction, and that link
    // an area: within two seed spacings. Newton carries each seed across a curve, not along it,
    // so the points found on one lie about a spacing apart, as do the seeds on an area.
    const double linkDistance = 2 * found.spacing;
    for (std::size_t a = 0; a < nodes.size(); ++a) {
        Node& node = nodes[a];
        std::vector<std::pair<double, std::size_t>> near;
        for (std::size_t b = 0; b < nodes.size(); ++b) {
            const double distance = (position(b) - position(a)).norm();
            if (b != a && nodes[b].kind == node.kind && distance <= linkDistance) {
                near.emplace_back(distance, b);
            }
        }
        std::sort(near.begin(), near.end());
        for (const auto& [distance, b] : near) {
            node.neighbours.push_back(b);
        }
        if (node.kind != CriticalKind::Degenerate) {
            node.tangent = zeroDirection(samples[node.sample], node.kind);
        } else if (!near.empty()) {
            // Both eigenvalues zero: the Hessian has no direction, the neighbours do. Their
            // offsets' scatter matrix Σ d·dᵀ has one large eigenvalue along a curve, two of a
            // size in an area where f is constant.
            Eigen::Matrix2d scatter = Eigen::Matrix2d::Zero();
            for (const std::size_t b : node.neighbours) {
                const Eigen::Vector2d offset = position(b) - position(a);
                scatter += offset * offset.transpose();
            }
            Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
            solver.computeDirect(scatter);
            // a tenth: a grid of samples gives about one, samples on a line rounding level
            if (solver.eigenvalues().x() > 0.1 * solver.eigenvalues().y()) {
                node.area = true;
            } else {
                node.tangent = solver.eigenvectors().col(1).normalized();
            }
        }
    }
    // Curves: traced from the first sample by x, then y, not on one yet; the samples Newton
    // found within a quarter step of the traced line are on it.
    std::vector<std::size_t> order(nodes.size());
    for (std::size_t a = 0; a < nodes.size(); ++a) {
        order[a] = a;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return lexicalLess(position(a), position(b)); });
    const CurveTracer tracer(objective, domain, found);
    for (const std::size_t a : order) {
        Node& node = nodes[a];
        if (node.grouped || node.area || !node.tangent) {
            continue;
        }
        CriticalCurve curve = tracer.trace(samples[node.sample], node.kind, *node.tangent);
        if (curve.samples.size() < 2) {
            continue;
        }
        // The bounding box and the range of f hold the points Newton found on the curve too:
        // the traced points cut across its bends.
        measure(curve);
        const std::vector<CriticalPoint>& line = curve.samples;
        for (Node& other : nodes) {
            if (other.grouped || other.kind != node.kind) {
                continue;
            }
            const CriticalPoint& point = samples[other.sample].point;
            for (std::size_t k = 0; k < line.size() && !other.grouped; ++k) {
                const std::size_t next = k + 1 < line.size()                 ? k + 1
                                         : curve.shape == CurveShape::Closed ? 0
                                                                             : k;
                other.grouped = segmentDistance(point.point, line[k].point, line[next].point) <=
                                0.25 * tracer.step();
            }
            if (other.grouped) {
                include(curve, point);
            }
        }
        node.grouped = true;
        result.curves.push_back(std::move(curve));
    }
    // Areas: samples linked when within the link distance and ∇f vanishes between them (Newton
    // across from the midpoint finds a critical point of the same kind a quarter of their
    // distance away at most).
    Components components(nodes.size());
    for (std::size_t a = 0; a < nodes.size(); ++a) {
        if (!nodes[a].area || nodes[a].grouped) {
            continue;
        }
        for (const std::size_t b : nodes[a].neighbours) {
            if (!nodes[b].area || nodes[b].grouped || components.root(a) == components.root(b)) {
                continue;
            }
            const Eigen::Vector2d midpoint = 0.5 * (position(a) + position(b));
            const std::optional<Candidate> between = settleAcross(
                objective, domain, midpoint, found.maxStep, found.gradientTolerance, found.size);
            if (between && curveKind(sampleOf(*between)) == nodes[a].kind &&
                (between->point - midpoint).norm() <= 0.25 * (position(b) - position(a)).norm()) {
                components.join(a, b);
            }
        }
    }
    std::vector<std::vector<std::size_t>> areas(nodes.size());
    for (std::size_t a = 0; a < nodes.size(); ++a) {
        if (nodes[a].area && !nodes[a].grouped) {
            areas[components.root(a)].push_back(a);
        }
    }
    for (const std::vector<std::size_t>& members : areas) {
        if (members.size() < 2) {
            continue;
        }
        CriticalCurve area;
        area.kind = CriticalKind::Degenerate;
        area.shape = CurveShape::Area;
        for (const std::size_t member : members) {
            area.samples.push_back(samples[nodes[member].sample].point);
            nodes[member].grouped = true;
        }
        std::sort(area.samples.begin(), area.samples.end(),
                  [](const CriticalPoint& a, const CriticalPoint& b) {
                      return lexicalLess(a.point, b.point);
                  });
        measure(area);
        // the sample nearest the middle of the box; among those as near to 10⁻⁹ of the
        // domain (ties of a symmetric area, up to rounding), the first by x, then y
        const Eigen::Vector2d centre(0.5 * (area.bounds.xMin + area.bounds.xMax),
                                     0.5 * (area.bounds.yMin + area.bounds.yMax));
        double nearest = std::numeric_limits<double>::infinity();
        for (const CriticalPoint& point : area.samples) {
            nearest = std::min(nearest, (point.point - centre).norm());
        }
        area.representative = *std::find_if(
            area.samples.begin(), area.samples.end(), [&](const CriticalPoint& point) {
                return (point.point - centre).norm() <= nearest + 1e-9 * found.size;
            });
        result.curves.push_back(std::move(area));
    }
    // What is left is isolated: degenerate points no curve goes through (the monkey saddle).
    for (const Node& node : nodes) {
        if (!node.grouped) {
            result.points.push_back(samples[node.sample].point);
        }
    }
    std::sort(result.points.begin(), result.points.end(), pointOrder);
    std::sort(result.curves.begin(), result.curves.end(),
              [](const CriticalCurve& a, const CriticalCurve& b) {
                  if (a.fMin != b.fMin) {
                      return a.fMin < b.fMin;
                  }
                  return lexicalLess(a.representative.point, b.representative.point);
              });
    return result;
}

} // namespace gradlab
