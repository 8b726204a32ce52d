// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "analysis/criticalkind.h"
#include "evaluation/grid.h"
#include "evaluation/pointvalue.h"

#include <Eigen/Core>
#include <vector>

namespace gradlab {

/// \brief A critical point found and classified by the Hessian's eigenvalues.
struct CriticalPoint
{
    Eigen::Vector2d point;
    double f = 0;
    Eigen::Vector2d eigenvalues; ///< ascending
    CriticalKind kind = CriticalKind::Degenerate;
};

/// Classifies a symmetric 2×2 Hessian: both eigenvalues > tol minimum, both < −tol maximum,
/// opposite signs saddle, otherwise degenerate.
CriticalKind classifyHessian(const Eigen::Matrix2d& hessian, double tolerance = 1e-8);

/// \brief What a CriticalCurve is: a curve with ends, a loop, or an area.
enum class CurveShape {
    Open,   ///< a curve from one end to another (the domain's edge, or where its kind changes)
    Closed, ///< a loop: (x² + y² − 1)² around the unit circle
    Area,   ///< f constant on an area, not along a curve: relu(x) on x < 0
};

/// \brief Critical points that are not isolated, reported once: a curve along which ∇f = 0 (a
/// valley floor, a ridge crest, a line of inflections) or an area where f is constant.
///
/// Along a connected critical set f is constant (its derivative along the set is ∇f·t = 0), so
/// fMin and fMax agree up to rounding; they are there to show it.
struct CriticalCurve
{
    /// Minimum: the Hessian's nonzero eigenvalue is positive, a curve of minima (a valley floor);
    /// Maximum: negative, a curve of maxima (a ridge); Degenerate: both eigenvalues are zero
    /// (x³ along x = 0, where f changes sign across the curve; an Area).
    CriticalKind kind = CriticalKind::Degenerate;
    CurveShape shape = CurveShape::Open;
    /// A point of it: halfway along an open curve, the point Newton found that the tracing started
    /// from on a closed one, the sample nearest the middle of the bounding box of an area.
    CriticalPoint representative;
    /// Open and closed curves: points along it about half a seed spacing apart, in order from the
    /// end with the lower x (then y) to the other, or around from the representative. An area:
    /// the points found on it, sorted by x, then y.
    std::vector<CriticalPoint> samples;
    Domain bounds{0, 0, 0, 0}; ///< the bounding box of the samples and of the points found on it
    double fMin = 0;           ///< the lowest f over the same points
    double fMax = 0;           ///< the highest f over the same points
};

/// \brief The critical set of f over a domain: isolated points, and curves reported once.
struct CriticalSet
{
    std::vector<CriticalPoint> points; ///< isolated critical points, sorted by f, then x, then y
    std::vector<CriticalCurve> curves; ///< sorted by fMin, then the representative's x, then y
};

/// Newton on ∇f = 0 from a seeds × seeds grid over \a domain (and, from each seed, a descent
/// polished by Newton, so every minimum whose basin holds a seed is found), de-duplicated,
/// sorted by f. Points outside the domain, NaN regions and singularities are skipped. Where the
/// critical points are not isolated (x² along x = 0) this lists every point found on them, one
/// per seed that reached them: findCriticalSet() reports them as curves.
std::vector<CriticalPoint> findCriticalPoints(const Objective& objective, const Domain& domain,
                                              int seeds = 24);

/// The points of findCriticalPoints(), the non-isolated ones as curves. A degenerate point (one
/// Hessian eigenvalue zero, or both) lies on a curve when the curve can be followed from it
/// along the zero eigenvalue's eigenvector (with both zero, along the line the degenerate points
/// near it form): a step of half a seed spacing along the curve, then Newton across it only,
/// must reach a critical point of the same kind (the nonzero eigenvalue's sign) near the
/// prediction. The curve is followed both ways to the domain's edge, to where its kind changes,
/// or around to its start; the points found within a quarter step of it are on it. Degenerate
/// points whose neighbours within two seed spacings spread in every direction, linked where ∇f
/// also vanishes halfway between them, form an Area. A degenerate point no curve can be followed
/// from stays an isolated point (the monkey saddle, x⁴ + y⁴).
CriticalSet findCriticalSet(const Objective& objective, const Domain& domain, int seeds = 24);

} // namespace gradlab
