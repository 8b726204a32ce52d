// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// Contour lines of 20 levels on a 512 × 512 grid (bowl, Rosenbrock with log-spaced levels,
// Himmelblau, Ackley) against the native floor of any marching-squares implementation: one plain
// pass that computes each cell's minimum and maximum over the same grid. Then findCriticalPoints
// on Himmelblau, through the compiled engine and through a hand-written objective.
//
//   bench_contours [repetitions]     (default 21)
//
// Every figure is the median of its repetitions; contours and floor run interleaved, so that a
// burst of load on the machine hits both alike.

#include "analysis/contours.h"
#include "analysis/criticalpoints.h"
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <numbers>
#include <vector>

using namespace gradlab;

namespace {

constexpr int kSide = 512;
constexpr int kLevels = 20;

struct Case
{
    const char* name;
    Domain domain;
    std::function<double(double, double)> f;
};

std::vector<Case> suite()
{
    const double pi = std::numbers::pi;
    return {
        {"bowl",
         {-3, 3, -3, 3},
         [](double x, double y) {
             return x * x + y * y;
         }},
        {"rosenbrock",
         {-2, 2, -1, 3},
         [](double x, double y) {
             return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
         }},
        {"himmelblau",
         {-5, 5, -5, 5},
         [](double x, double y) {
             const double a = x * x + y - 11;
             const double b = x + y * y - 7;
             return a * a + b * b;
         }},
        {"ackley",
         {-5, 5, -5, 5},
         [pi](double x, double y) {
             return -20 * std::exp(-0.2 * std::sqrt(0.5 * (x * x + y * y))) -
                    std::exp(0.5 * (std::cos(2 * pi * x) + std::cos(2 * pi * y))) +
                    std::numbers::e + 20;
         }},
    };
}

GridValues sample(const Case& c)
{
    GridValues grid;
    grid.spec = GridSpec{c.domain, kSide, kSide};
    grid.f.resize(grid.spec.size());
    for (int j = 0; j < kSide; ++j) {
        for (int i = 0; i < kSide; ++i) {
            grid.f[static_cast<std::size_t>(j) * kSide + i] = c.f(grid.spec.x(i), grid.spec.y(j));
        }
    }
    return grid;
}

/// The floor: each cell's minimum and maximum, as any marching-squares pass must compute them.
double cellRanges(const GridValues& grid)
{
    const int columns = grid.spec.columns;
    double checksum = 0;
    for (int j = 0; j + 1 < grid.spec.rows; ++j) {
        const double* below = grid.f.data() + static_cast<std::size_t>(j) * columns;
        const double* above = below + columns;
        for (int i = 0; i + 1 < columns; ++i) {
            const double low =
                std::min(std::min(below[i], below[i + 1]), std::min(above[i], above[i + 1]));
            const double high =
                std::max(std::max(below[i], below[i + 1]), std::max(above[i], above[i + 1]));
            checksum += high - low;
        }
    }
    return checksum;
}

template <typename F>
double seconds(F&& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

PointValue himmelblau(const Eigen::Vector2d& p)
{
    const double x = p.x();
    const double y = p.y();
    const double a = x * x + y - 11;
    const double b = x + y * y - 7;
    PointValue value;
    value.f = a * a + b * b;
    value.gradient = {4 * x * a + 2 * b, 2 * a + 4 * y * b};
    value.hessian << 12 * x * x + 4 * y - 42, 4 * x + 4 * y, 4 * x + 4 * y, 4 * x + 12 * y * y - 26;
    return value;
}

} // namespace

int main(int argc, char** argv)
{
    const int repetitions = argc > 1 ? std::max(3, std::atoi(argv[1])) : 21;
    std::printf("contours: %d levels on a %d x %d grid, median of %d repetitions\n\n", kLevels,
                kSide, kSide, repetitions);
    std::printf("%-11s | %6s | %5s | %7s | %11s | %13s | %5s\n", "function", "levels", "lines",
                "points", "contours ms", "cell min/max ms", "ratio");
    double logRatio = 0;
    int count = 0;
    for (const Case& c : suite()) {
        const GridValues grid = sample(c);
        const bool logarithmic = prefersLogLevels(grid);
        const std::vector<double> levels = defaultLevels(grid, kLevels, logarithmic);
        std::size_t lines = 0;
        std::size_t points = 0;
        std::vector<double> contours;
        std::vector<double> floor;
        for (int r = 0; r < repetitions; ++r) {
            contours.push_back(seconds([&] {
                const std::vector<ContourLine> result = contourLines(grid, levels);
                lines = result.size();
                points = 0;
                for (const ContourLine& line : result) {
                    points += line.points.size();
                }
                benchmark::DoNotOptimize(result.data());
            }));
            floor.push_back(seconds([&] {
                const double checksum = cellRanges(grid);
                benchmark::DoNotOptimize(checksum);
            }));
        }
        const double tContours = median(contours);
        const double tFloor = median(floor);
        std::printf("%-11s | %3d %-3s | %5zu | %7zu | %11.3f | %15.3f | %5.2f\n", c.name,
                    static_cast<int>(levels.size()), logarithmic ? "log" : "lin", lines, points,
                    tContours * 1e3, tFloor * 1e3, tContours / tFloor);
        logRatio += std::log(tContours / tFloor);
        ++count;
    }
    std::printf("\ngeomean_ratio_vs_cell_minmax %.3f\n\n", std::exp(logRatio / count));

    const ParseResult parsed = parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2");
    if (!parsed.isValid()) {
        std::fprintf(stderr, "himmelblau: %s\n", parsed.error.message.c_str());
        return 1;
    }
    const Objective compiled = CompiledFunction::compile(parsed.expression).objective();
    const Domain domain{-5, 5, -5, 5};
    std::vector<double> engine;
    std::vector<double> native;
    std::size_t found = 0;
    for (int r = 0; r < repetitions; ++r) {
        engine.push_back(seconds([&] { found = findCriticalPoints(compiled, domain).size(); }));
        native.push_back(seconds([&] {
            const std::size_t size = findCriticalPoints(himmelblau, domain).size();
            benchmark::DoNotOptimize(size);
        }));
    }
    std::printf("findCriticalPoints himmelblau (24 x 24 seeds, %zu points): compiled %.3f ms, "
                "hand-written objective %.3f ms, ratio %.2f\n",
                found, median(engine) * 1e3, median(native) * 1e3, median(engine) / median(native));
    return 0;
}
