// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "functions/presets.h"

#include <vector>

namespace gradlab {

std::string_view criticalKindName(CriticalKind kind)
{
    switch (kind) {
    case CriticalKind::Minimum:
        return "minimum";
    case CriticalKind::Maximum:
        return "maximum";
    case CriticalKind::Saddle:
        return "saddle";
    case CriticalKind::Degenerate:
        return "degenerate";
    }
    return "degenerate";
}

namespace {

KnownPoint minimum(double x, double y)
{
    return {Eigen::Vector2d(x, y), CriticalKind::Minimum};
}

KnownPoint maximum(double x, double y)
{
    return {Eigen::Vector2d(x, y), CriticalKind::Maximum};
}

KnownPoint saddle(double x, double y)
{
    return {Eigen::Vector2d(x, y), CriticalKind::Saddle};
}

// Critical points that are not closed-form were found by Newton's method on ∇f = 0 in float64
// with exact (forward-mode) derivatives, iterated until the step fell below 10⁻¹⁵; at the digits
// written here ‖∇f‖ is below 10⁻¹¹ for every one of them (Goldstein-Price's, whose Hessian
// reaches 10⁴, are exact rationals such as (1.8, 0.2)).
std::vector<Preset> makePresets()
{
    std::vector<Preset> list;
    list.push_back({"bowl",
                    "Quadratic bowl",
                    "x^2 + y^2",
                    "The round bowl: the gradient points straight away from the bottom, so every "
                    "method walks straight down to the minimum at the origin.",
                    Domain{-3, 3, -3, 3},
                    Eigen::Vector2d(-2.5, 2.0),
                    {minimum(0, 0)},
                    false});
    list.push_back(
        {"elongated",
         "Elongated bowl",
         "x^2 + 10*y^2",
         "An ill-conditioned bowl, 10 times steeper across than along (Hessian eigenvalues 2 "
         "and 20): plain gradient descent zig-zags across the valley while it creeps along it.",
         Domain{-3, 3, -2, 2},
         Eigen::Vector2d(-2.5, 1.2),
         {minimum(0, 0)},
         false});
    list.push_back(
        {"tutorial",
         "The tutorial's function",
         "x^2 + 3xy + y^2",
         "The function of the tutorial: its Hessian [[2, 3], [3, 2]] is indefinite (eigenvalues "
         "5 and -1), so the origin is a saddle, not a bowl, and descent slides off along x = -y.",
         Domain{-3, 3, -3, 3},
         Eigen::Vector2d(2.0, 1.8),
         {saddle(0, 0)},
         false});
    list.push_back({"saddle",
                    "Saddle",
                    "x^2 - y^2",
                    "The plain saddle: up along x, down along y. Descent slows down near the "
                    "origin, where the gradient vanishes, and then slides away along y.",
                    Domain{-3, 3, -3, 3},
                    Eigen::Vector2d(-2.5, 0.05),
                    {saddle(0, 0)},
                    false});
    list.push_back(
        {"monkey",
         "Monkey saddle",
         "x^3 - 3*x*y^2",
         "Three valleys and three ridges meet at the origin: the gradient and the Hessian both "
         "vanish there, a degenerate critical point the second-derivative test cannot classify.",
         Domain{-2, 2, -2, 2},
         Eigen::Vector2d(1.5, 0.4),
         {{Eigen::Vector2d(0, 0), CriticalKind::Degenerate}},
         false});
    list.push_back(
        {"rosenbrock",
         "Rosenbrock",
         "(1 - x)^2 + 100*(y - x^2)^2",
         "A curved, narrow valley: finding the valley is easy, following it to the minimum at "
         "(1, 1) is slow for gradient methods, whose steps bounce between its steep walls.",
         Domain{-2, 2, -1, 3},
         Eigen::Vector2d(-1.5, 2.0),
         {minimum(1, 1)},
         true});
    list.push_back({"himmelblau",
                    "Himmelblau",
                    "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                    "Four minima of equal height (f = 0), four saddles between them and a "
                    "maximum: where descent ends depends on where it starts.",
                    Domain{-5, 5, -5, 5},
                    Eigen::Vector2d(0.0, 0.0),
                    {
                        minimum(3, 2),
                        minimum(-2.805118086952745, 3.131312518250573),
                        minimum(-3.779310253377747, -3.283185991286169),
                        minimum(3.5844283403304917, -1.8481265269644036),
                        saddle(3.385154183607021, 0.07385187983774928),
                        saddle(0.08667750455539634, 2.884254701174776),
                        saddle(-3.0730257507643897, -0.08135304428796752),
                        saddle(-0.12796134673068008, -1.9537149802445763),
                        maximum(-0.2708445906673476, -0.9230385564799816),
                    },
                    false});
    list.push_back({"beale",
                    "Beale",
                    "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
                    "Flat plateaus and steep sharp ridges in the corners: the minimum at (3, 0.5) "
                    "lies in a shallow valley that rises by five decades toward the corners.",
                    Domain{-4.5, 4.5, -4.5, 4.5},
                    Eigen::Vector2d(1.0, 1.5),
                    {
                        minimum(3, 0.5),
                        saddle(0, 1),
                        saddle(0.10053793732415833, -2.644513585023125),
                    },
                    true});
    list.push_back({"booth",
                    "Booth",
                    "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
                    "A tilted, moderately elongated quadratic bowl (Hessian eigenvalues 2 and 18) "
                    "with its minimum at (1, 3).",
                    Domain{-10, 10, -10, 10},
                    Eigen::Vector2d(-7.0, -4.0),
                    {minimum(1, 3)},
                    false});
    list.push_back({"matyas",
                    "Matyas",
                    "0.26*(x^2 + y^2) - 0.48*x*y",
                    "A nearly flat valley along x = y (Hessian eigenvalues 0.04 and 1): the "
                    "gradient is tiny along the valley, so gradient descent crawls there.",
                    Domain{-10, 10, -10, 10},
                    Eigen::Vector2d(8.0, -3.0),
                    {minimum(0, 0)},
                    false});
    list.push_back(
        {"camel",
         "Three-hump camel",
         "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
         "A global minimum at the origin flanked by two shallower local minima and two saddles: "
         "descent from the side settles in a local minimum.",
         Domain{-2.5, 2.5, -2.5, 2.5},
         Eigen::Vector2d(2.2, 1.5),
         {
             minimum(0, 0),
             minimum(1.7475523458302893, -0.8737761729151446),
             minimum(-1.7475523458302893, 0.8737761729151446),
             saddle(1.0705422918236598, -0.5352711459118299),
             saddle(-1.0705422918236598, 0.5352711459118299),
         },
         false});
    list.push_back(
        {"rastrigin",
         "Rastrigin",
         "20 + x^2 + y^2 - 10*cos(2*pi*x) - 10*cos(2*pi*y)",
         "A bowl covered with an egg-crate of local minima about one unit apart: descent stops "
         "in the nearest dimple, not at the global minimum at the origin.",
         Domain{-5.12, 5.12, -5.12, 5.12},
         Eigen::Vector2d(2.3, -1.7),
         {minimum(0, 0)},
         false});
    list.push_back(
        {"ackley",
         "Ackley",
         "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
         "A nearly flat plain of ripples around a deep funnel; the global minimum 0 at the "
         "origin is the funnel's sharp tip, where the gradient is undefined, so only the ripples' "
         "smooth minima next to it are listed.",
         Domain{-5, 5, -5, 5},
         Eigen::Vector2d(3.2, -2.4),
         {
             minimum(0.9521665459501718, 0),
             minimum(-0.9521665459501718, 0),
             minimum(0, 0.9521665459501718),
             minimum(0, -0.9521665459501718),
         },
         false});
    list.push_back(
        {"goldsteinprice",
         "Goldstein-Price",
         "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - "
         "32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
         "A polynomial whose values span six decades: the global minimum f = 3 at (0, -1) and "
         "local minima at f = 30, 84 and 840.",
         Domain{-2, 2, -2, 2},
         Eigen::Vector2d(-1.5, 1.5),
         {
             minimum(0, -1),
             minimum(-0.6, -0.4),
             minimum(1.8, 0.2),
             minimum(1.2, 0.8),
             saddle(-0.4, -0.6),
             saddle(1.2, -0.2),
             saddle(1.4, 0.6),
             saddle(0.6, 0.4),
             maximum(0.8, 0.2),
         },
         true});
    // Six labelled inputs (t, label): (-2, 0), (-1, 0), (-0.5, 1), (0.5, 0), (1.5, 1), (2, 1).
    // For label 1 the cross-entropy is -log σ(z) = log(1 + exp(-z)), for label 0 it is
    // -log(1 - σ(z)) = log(1 + exp(z)), with z = w·t + b: written so, no term takes the log of a
    // number that rounds to 0. The labels overlap (-0.5 and 0.5), so a finite minimum exists.
    list.push_back(
        {"neuron",
         "Sigmoid neuron loss",
         "(log(1 + exp(-2*x + y)) + log(1 + exp(-x + y)) + log(1 + exp(0.5*x - y)) + log(1 + "
         "exp(0.5*x + y)) + log(1 + exp(-1.5*x - y)) + log(1 + exp(-2*x - y)))/6",
         "The mean cross-entropy loss of one sigmoid neuron σ(w·t + b) on six labelled points, "
         "with x = w and y = b: descending it is training the neuron, the bridge to "
         "backpropagation.",
         Domain{-3, 5, -4, 4},
         Eigen::Vector2d(-2.0, 3.0),
         {minimum(1.3220706154771997, -0.10594440913637387)},
         false});
    list.push_back({"twowells",
                    "Two wells",
                    "(x^2 - 1)^2 + y^2",
                    "Two equal minima at (±1, 0) separated by a saddle at the origin: a start "
                    "on the ridge x = 0 goes nowhere, a start beside it picks a well.",
                    Domain{-2, 2, -1.5, 1.5},
                    Eigen::Vector2d(0.05, 1.2),
                    {minimum(-1, 0), minimum(1, 0), saddle(0, 0)},
                    false});
    return list;
}

const std::vector<Preset>& catalogue()
{
    static const std::vector<Preset> list = makePresets();
    return list;
}

} // namespace

std::span<const Preset> presets()
{
    return catalogue();
}

const Preset* findPreset(std::string_view name)
{
    for (const Preset& preset : catalogue()) {
        if (preset.name == name) {
            return &preset;
        }
    }
    return nullptr;
}

const Preset& defaultPreset()
{
    return *findPreset("elongated");
}

} // namespace gradlab
