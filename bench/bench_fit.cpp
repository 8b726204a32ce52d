// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The Fit lab's loss landscape: lossLandscape() on a 200 × 200 grid of parameters for n = 1000
// rows, for each model, against a hand-written native loop over the same rows in the same run
// (one scalar pass per grid point: the line's squared residuals; for the logistic models
// max(z, 0) − z·y + log1p(exp(−|z|)) with std::exp and std::log1p). Target: ≤ 50 ms.
//
//   bench_fit [repetitions]     (default 11)
//
// Every figure is the median of its repetitions; gradlab and native alternate, so that load on
// the machine hits both alike. Before timing, the two landscapes are checked to agree.

#include "fit/builtindatasets.h"
#include "fit/fitmodel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace gradlab;

namespace {

constexpr int kSide = 200;
constexpr int kRows = 1000;

/// The native reference: the mean loss at every grid point, one plain loop over the rows each.
void nativeLandscape(FitModel model, const DataSet& data, const GridSpec& spec,
                     std::vector<double>& out)
{
    const std::size_t n = data.size();
    const double* x1 = data.x1.data();
    const double* x2 = data.x2.data();
    const double* y = data.y.data();
    for (int j = 0; j < spec.rows; ++j) {
        const double p2 = spec.y(j);
        for (int i = 0; i < spec.columns; ++i) {
            const double p1 = spec.x(i);
            double sum = 0;
            for (std::size_t k = 0; k < n; ++k) {
                if (model == FitModel::Line) {
                    const double r = p1 * x1[k] + p2 - y[k];
                    sum += r * r;
                } else {
                    const double z =
                        model == FitModel::Logistic ? p1 * x1[k] + p2 : p1 * x1[k] + p2 * x2[k];
                    sum += std::max(z, 0.0) - z * y[k] + std::log1p(std::exp(-std::fabs(z)));
                }
            }
            out[static_cast<std::size_t>(j) * spec.columns + i] = sum / static_cast<double>(n);
        }
    }
}

template <typename F>
double milliseconds(F&& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 11;
    struct Case
    {
        FitModel model;
        DataSet data;
        Domain domain;
    };
    const Case cases[] = {
        {FitModel::Line, noisyLine(kRows, 1.5, -0.5, 0.5, 1), {-1, 4, -3, 2}},
        {FitModel::Logistic, twoClasses(kRows, 2.0, 3), {-2, 6, -4, 4}},
        {FitModel::Logistic2, twoBlobs(kRows, 2.0 * std::sqrt(2.0), 5), {-4, 6, -4, 6}},
    };
    std::printf("loss landscape %d x %d, n = %d rows, median of %d\n", kSide, kSide, kRows,
                repetitions);
    std::printf("%-10s %12s %12s %10s\n", "model", "gradlab ms", "native ms", "ratio");
    for (const Case& c : cases) {
        const GridSpec spec{c.domain, kSide, kSide};
        std::vector<double> native(spec.size());
        nativeLandscape(c.model, c.data, spec, native);
        GridValues grid = lossLandscape(c.model, c.data, spec);
        for (std::size_t k = 0; k < native.size(); ++k) {
            if (std::abs(grid.f[k] - native[k]) > 1e-12 * std::max(1.0, std::abs(native[k]))) {
                std::fprintf(stderr, "%s: landscapes differ at %zu: %.17g against %.17g\n",
                             std::string(modelName(c.model)).c_str(), k, grid.f[k], native[k]);
                return 1;
            }
        }
        std::vector<double> ours;
        std::vector<double> theirs;
        for (int r = 0; r < repetitions; ++r) {
            ours.push_back(milliseconds([&] { grid = lossLandscape(c.model, c.data, spec); }));
            theirs.push_back(milliseconds([&] { nativeLandscape(c.model, c.data, spec, native); }));
        }
        const double gradlab = median(ours);
        const double reference = median(theirs);
        std::printf("%-10s %12.2f %12.2f %10.2f\n", std::string(modelName(c.model)).c_str(),
                    gradlab, reference, gradlab / reference);
    }
    std::printf("ratio: gradlab time over native time (below 1: faster than the plain loop)\n");
    return 0;
}
