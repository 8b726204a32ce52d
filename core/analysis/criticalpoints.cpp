// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/criticalpoints.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace gradlab {

CriticalKind classifyHessian(const Eigen::Matrix2d& hessian, double tolerance)
{
    if (!hessian.allFinite()) {
        return CriticalKind::Degenerate;
    }
    // The symmetric part: f_xy and f_yx agree up to rounding.
    const Eigen::Matrix2d symmetric = 0.5 * (hessian + hessian.transpose());
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(symmetric, Eigen::EigenvaluesOnly);
    const double low = solver.eigenvalues().x();
    const double high = solver.eigenvalues().y();
    if (low > tolerance) {
        return CriticalKind::Minimum;
    }
    if (high < -tolerance) {
        return CriticalKind::Maximum;
    }
    if (low < -tolerance && high > tolerance) {
        return CriticalKind::Saddle;
    }
    return CriticalKind::Degenerate;
}

namespace {

bool isFinite(const PointValue& value)
{
    return std::isfinite(value.f) && value.gradient.allFinite() && value.hessian.allFinite();
}

/// The Newton step for ∇f = 0, −H⁻¹∇f, through the eigen-decomposition of H; a direction of
/// exactly zero curvature gets no step.
Eigen::Vector2d newtonStep(const PointValue& value)
{
    const Eigen::Matrix2d symmetric = 0.5 * (value.hessian + value.hessian.transpose());
    // closed-form 2×2 eigen-decomposition: the iteration's hot spot, accurate to rounding
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
    solver.computeDirect(symmetric);
    const Eigen::Vector2d lambda = solver.eigenvalues();
    const Eigen::Matrix2d& vectors = solver.eigenvectors();
    const Eigen::Vector2d projected = vectors.transpose() * value.gradient;
    Eigen::Vector2d scaled(0, 0);
    for (int i = 0; i < 2; ++i) {
        if (lambda[i] != 0) {
            scaled[i] = projected[i] / lambda[i];
        }
    }
    // δ = −H⁻¹∇f = −V·diag(1/λ)·Vᵀ·∇f
    return -(vectors * scaled);
}

/// True when the Newton step is at most \a tolerance along each eigenvector of H: |pᵢ/λᵢ| ≤ tol
/// for the gradient's component pᵢ. The closed-form eigenvalues are exact only to rounding of the
/// largest, so a curvature below that (y⁴'s 12y² beside x²'s 2 at a converged iterate, computed
/// as 0) counts as that rounding level: the gradient along it must be smaller still, which a
/// slope (1e-10·x, with no critical point) is not.
bool newtonStepWithin(const PointValue& value, double tolerance)
{
    const Eigen::Matrix2d symmetric = 0.5 * (value.hessian + value.hessian.transpose());
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
    solver.computeDirect(symmetric);
    const Eigen::Vector2d projected = solver.eigenvectors().transpose() * value.gradient;
    const double resolution =
        64 * std::numeric_limits<double>::epsilon() * solver.eigenvalues().cwiseAbs().maxCoeff();
    for (int i = 0; i < 2; ++i) {
        const double curvature = std::max(std::fabs(solver.eigenvalues()[i]), resolution);
        if (!(std::fabs(projected[i]) <= tolerance * curvature)) {
            return false;
        }
    }
    return true;
}

/// A descent step −H̃⁻¹∇f with H̃ the Hessian made positive definite (|λ|, floored at 10⁻⁶ of its
/// scale): downhill even where H is indefinite.
Eigen::Vector2d descentStep(const PointValue& value)
{
    const Eigen::Matrix2d symmetric = 0.5 * (value.hessian + value.hessian.transpose());
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
    solver.computeDirect(symmetric);
    const Eigen::Vector2d lambda = solver.eigenvalues();
    const double floor = 1e-6 * std::max(1.0, lambda.cwiseAbs().maxCoeff());
    const Eigen::Matrix2d& vectors = solver.eigenvectors();
    // d = −V·diag(1/max(|λ|, δ))·Vᵀ·∇f
    return -(
        vectors *
        (vectors.transpose() * value.gradient).cwiseQuotient(lambda.cwiseAbs().cwiseMax(floor)));
}

/// Walks downhill from \a seed with capped, backtracked modified-Newton steps: the way to the
/// minimum whose basin holds the seed, where Newton on ∇f = 0 may be drawn to a nearer saddle
/// or maximum. Returns where the descent stopped, or nothing if it left the domain or f failed.
std::optional<Eigen::Vector2d> descendFrom(const Objective& objective, const Domain& domain,
                                           const Eigen::Vector2d& seed, double maxStep)
{
    const double size = std::max(domain.width(), domain.height());
    Eigen::Vector2d x = seed;
    PointValue value = objective(x);
    constexpr int maxIterations = 100;
    constexpr int maxHalvings = 30;
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        if (!std::isfinite(value.f) || !value.gradient.allFinite() || !value.hessian.allFinite()) {
            return std::nullopt;
        }
        Eigen::Vector2d step = descentStep(value);
        const double length = step.norm();
        if (!(length > 1e-10 * size)) {
            break;
        }
        if (length > maxStep) {
            step *= maxStep / length;
        }
        bool accepted = false;
        for (int halving = 0; halving < maxHalvings; ++halving) {
            const PointValue trial = objective(x + step);
            if (std::isfinite(trial.f) && trial.f < value.f) {
                x += step;
                value = trial;
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if (!accepted) {
            break;
        }
        if (!domain.contains(x.x(), x.y())) {
            return std::nullopt;
        }
    }
    return x;
}

/// The order of the results: by f, then x, then y.
bool pointOrder(const CriticalPoint& a, const CriticalPoint& b)
{
    if (a.f != b.f) {
        return a.f < b.f;
    }
    if (a.point.x() != b.point.x()) {
        return a.point.x() < b.point.x();
    }
    return a.point.y() < b.point.y();
}

struct Candidate
{
    Eigen::Vector2d point;
    PointValue value;
};

/// Newton-like iteration on ∇f = 0 from \a start, taking the step \a stepOf gives at each
/// iterate: capped at \a maxStep and halved until ‖∇f‖ decreases. Stops when no halving helps,
/// when the iterate leaves \a bounds, or when the step is at the rounding level of the
/// coordinates; 100 iterations at most (linear convergence at a degenerate point included).
template <typename StepOf>
Candidate iterate(const Objective& objective, Eigen::Vector2d x, double maxStep, double size,
                  const Domain& bounds, StepOf stepOf)
{
    PointValue value = objective(x);
    constexpr int maxIterations = 100;
    constexpr int maxHalvings = 30;
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        if (!isFinite(value)) {
            break;
        }
        const double gradientNorm = value.gradient.norm();
        Eigen::Vector2d step = stepOf(value);
        const double length = step.norm();
        if (gradientNorm == 0 || !(length > 0)) {
            break;
        }
        if (length > maxStep) {
            step *= maxStep / length;
        }
        bool accepted = false;
        for (int halving = 0; halving < maxHalvings; ++halving) {
            const Eigen::Vector2d trial = x + step;
            const PointValue trialValue = objective(trial);
            // merit: ‖∇f‖ must decrease
            if (isFinite(trialValue) && trialValue.gradient.norm() < gradientNorm) {
                x = trial;
                value = trialValue;
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if (!accepted || !bounds.contains(x.x(), x.y()) ||
            step.norm() <= 1e-15 * (size + x.norm())) {
            break;
        }
    }
    return {x, value};
}

/// Newton on ∇f = 0 from \a seed: each step is capped at \a maxStep (so a seed finds a critical
/// point near itself) and halved until ‖∇f‖ decreases. Nothing when it fails, leaves the domain,
/// or ends with ‖∇f‖ above \a gradientTolerance.
std::optional<Candidate> solveFrom(const Objective& objective, const Domain& domain,
                                   const Eigen::Vector2d& seed, double maxStep,
                                   double gradientTolerance)
{
    const double size = std::max(domain.width(), domain.height());
    // Iterates may wander half a seed spacing past the edge before they count as lost.
    const Domain wide{domain.xMin - maxStep, domain.xMax + maxStep, domain.yMin - maxStep,
                      domain.yMax + maxStep};
    // Quadratic convergence needs a handful of iterations; a degenerate point (monkey saddle)
    // converges linearly, halving the distance per step: 100 reach 10⁻³⁰ of the domain size.
    auto [x, value] = iterate(objective, seed, maxStep, size, wide, newtonStep);
    if (!isFinite(value) || !domain.contains(x.x(), x.y())) {
        return std::nullopt;
    }
    // Accept when the distance still to go, the remaining Newton step, is below 10⁻⁸ of the
    // domain: far below anything drawn, far above the rounding of a converged iteration. The
    // gradient must also be small against the function's typical one: near a singularity
    // (√x at 0) H grows without bound and the Newton step shrinks although ∇f does not vanish.
    const double gradientNorm = value.gradient.norm();
    if (gradientNorm != 0 &&
        !(newtonStepWithin(value, 1e-8 * size) && gradientNorm <= gradientTolerance)) {
        return std::nullopt;
    }
    return Candidate{x, value};
}

/// \brief A critical point found, with what grouping needs to know of it.
struct Sample
{
    CriticalPoint point;
    double gradientNorm = 0;
    Eigen::Matrix2d hessian = Eigen::Matrix2d::Zero(); ///< symmetrised
    double zeroTolerance = 0;                          ///< an eigenvalue below it is zero
};

Sample sampleOf(const Candidate& candidate)
{
    Sample sample;
    const Eigen::Matrix2d& hessian = candidate.value.hessian;
    sample.hessian = 0.5 * (hessian + hessian.transpose());
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(sample.hessian,
                                                                Eigen::EigenvaluesOnly);
    sample.point.point = candidate.point;
    sample.point.f = candidate.value.f;
    sample.point.eigenvalues = solver.eigenvalues();
    // An eigenvalue below 10⁻⁹ of the Hessian's scale counts as zero (as in the views).
    sample.zeroTolerance = 1e-9 * std::max(1.0, sample.hessian.cwiseAbs().maxCoeff());
    sample.point.kind = classifyHessian(sample.hessian, sample.zeroTolerance);
    sample.gradientNorm = candidate.value.gradient.norm();
    return sample;
}

/// \brief The points findCriticalPoints() found and the settings it found them with.
struct Search
{
    std::vector<Sample> samples; ///< sorted by f, then x, then y
    double size = 0;             ///< the larger side of the domain
    double spacing = 0;          ///< the larger spacing of the seeds
    double maxStep = 0;
    double gradientTolerance = 0;
};

Search search(const Objective& objective, const Domain& domain, int seeds)
{
    Search result;
    std::vector<Sample>& found = result.samples;
    if (!objective || !domain.isValid() || seeds < 1) {
        return result;
    }
    const double size = std::max(domain.width(), domain.height());
    const double dx = domain.width() / seeds;
    const double dy = domain.height() / seeds;
    const double maxStep = 0.5 * std::max(dx, dy);
    result.size = size;
    result.spacing = std::max(dx, dy);
    result.maxStep = maxStep;
    // Two solutions closer than 10⁻⁶ of the domain are one point: converged iterations agree to
    // 10⁻¹⁵, a slowly converging degenerate point to far better than 10⁻⁶.
    const double duplicate = 1e-6 * size;
    // The typical gradient: the median of ‖∇f‖ over the seeds.
    std::vector<Eigen::Vector2d> seedPoints;
    std::vector<double> seedGradients;
    for (int j = 0; j < seeds; ++j) {
        for (int i = 0; i < seeds; ++i) {
            // seeds at the centres of a seeds × seeds grid of cells
            seedPoints.emplace_back(domain.xMin + (i + 0.5) * dx, domain.yMin + (j + 0.5) * dy);
            const double norm = objective(seedPoints.back()).gradient.norm();
            if (std::isfinite(norm)) {
                seedGradients.push_back(norm);
            }
        }
    }
    if (seedGradients.empty()) {
        return result;
    }
    const auto middle =
        seedGradients.begin() + static_cast<std::ptrdiff_t>(seedGradients.size() / 2);
    std::nth_element(seedGradients.begin(), middle, seedGradients.end());
    // A critical point has ‖∇f‖ below 10⁻⁶ of the typical gradient (the largest one when most
    // seeds sit on critical points); converged ones reach the rounding level, some 10⁻¹³ of it.
    const double typical =
        *middle > 0 ? *middle : *std::max_element(seedGradients.begin(), seedGradients.end());
    const double gradientTolerance = 1e-6 * typical;
    result.gradientTolerance = gradientTolerance;
    const auto add = [&](const Candidate& candidate) {
        const double norm = candidate.value.gradient.norm();
        auto same = std::find_if(found.begin(), found.end(), [&](const Sample& sample) {
            return (sample.point.point - candidate.point).norm() <= duplicate;
        });
        if (same != found.end()) {
            if (norm >= same->gradientNorm) {
                return;
            }
            found.erase(same);
        }
        found.push_back(sampleOf(candidate));
    };
    for (const Eigen::Vector2d& seed : seedPoints) {
        // Newton on ∇f = 0 finds the critical point nearest the seed, of any kind; descent
        // first, then Newton to polish, finds the minimum whose basin holds the seed.
        std::optional<Candidate> candidates[2] = {
            solveFrom(objective, domain, seed, maxStep, gradientTolerance), std::nullopt};
        if (const std::optional<Eigen::Vector2d> low =
                descendFrom(objective, domain, seed, maxStep)) {
            candidates[1] = solveFrom(objective, domain, *low, maxStep, gradientTolerance);
        }
        for (const std::optional<Candidate>& candidate : candidates) {
            if (candidate) {
                add(*candidate);
            }
        }
    }
    std::sort(found.begin(), found.end(),
              [](const Sample& a, const Sample& b) { return pointOrder(a.point, b.point); });
    return result;
}

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

/// Newton on ∇f = 0 across a curve of critical points: from \a start, steps only along the
/// eigenvector of the Hessian's eigenvalue of largest |λ|, the curve's normal. Full Newton also
/// steps along the curve, by the gradient's tiny component over a tiny eigenvalue, and slides
/// away where f's curvature changes along the curve (x²·((x − 3)² + y²) along x = 0). Nothing
/// when it fails, leaves the domain, or ends with ‖∇f‖ above \a gradientTolerance.
std::optional<Candidate> settleAcross(const Objective& objective, const Domain& domain,
                                      const Eigen::Vector2d& start, double maxStep,
                                      double gradientTolerance, double size)
{
    // the step across: δ = −(nᵀ∇f / λ)·n, for the eigenpair (λ, n) of largest |λ|
    const auto across = [](const PointValue& value) -> Eigen::Vector2d {
        Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
        solver.computeDirect(0.5 * (value.hessian + value.hessian.transpose()));
        const int k =
            std::fabs(solver.eigenvalues()[1]) >= std::fabs(solver.eigenvalues()[0]) ? 1 : 0;
        const double lambda = solver.eigenvalues()[k];
        const Eigen::Vector2d normal = solver.eigenvectors().col(k);
        if (lambda == 0) {
            return Eigen::Vector2d::Zero();
        }
        return -(normal.dot(value.gradient) / lambda) * normal;
    };
    // as in solveFrom: a curve of both-zero eigenvalues (x³) converges linearly
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    auto [x, value] = iterate(objective, start, maxStep, size,
                              Domain{-kInfinity, kInfinity, -kInfinity, kInfinity}, across);
    if (!isFinite(value) || !domain.contains(x.x(), x.y())) {
        return std::nullopt;
    }
    // accepted as in solveFrom: the step still to go across within 10⁻⁸ of the domain, the
    // gradient (its component along the curve included) small against the typical one
    const double gradientNorm = value.gradient.norm();
    if (gradientNorm != 0 &&
        !(across(value).norm() <= 1e-8 * size && gradientNorm <= gradientTolerance)) {
        return std::nullopt;
    }
    return Candidate{x, value};
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

std::vector<CriticalPoint> findCriticalPoints(const Objective& objective, const Domain& domain,
                                              int seeds)
{
    const Search found = search(objective, domain, seeds);
    std::vector<CriticalPoint> points;
    points.reserve(found.samples.size());
    for (const Sample& sample : found.samples) {
        points.push_back(sample.point);
    }
    return points;
}

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
