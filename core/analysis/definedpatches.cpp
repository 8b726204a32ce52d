// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/definedpatches.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace gradlab {

std::vector<SamplePatch> definedPatches(const GridValues& grid, std::size_t maxPatches)
{
    const int columns = grid.spec.columns;
    const int rows = grid.spec.rows;
    std::vector<SamplePatch> patches;
    if (columns < 2 || rows < 2 || maxPatches == 0) {
        return patches;
    }
    auto defined = [&](int i, int j) {
        return std::isfinite(grid.at(i, j));
    };
    // Runs of the cell row below, by their column span: the patch each one grows.
    std::map<std::pair<int, int>, std::size_t> open;
    for (int j = 0; j + 1 < rows; ++j) {
        std::map<std::pair<int, int>, std::size_t> next;
        int i = 0;
        while (i + 1 < columns) {
            // Cell (i, j) has corners (i, j), (i + 1, j), (i, j + 1), (i + 1, j + 1).
            auto cellDefined = [&](int c) {
                return defined(c, j) && defined(c + 1, j) && defined(c, j + 1) &&
                       defined(c + 1, j + 1);
            };
            if (!cellDefined(i)) {
                ++i;
                continue;
            }
            const int first = i;
            while (i + 1 < columns && cellDefined(i)) {
                ++i;
            }
            const std::pair<int, int> span{first, i}; // cells first … i − 1, samples first … i
            if (const auto below = open.find(span); below != open.end()) {
                ++patches[below->second].rows;
                next.emplace(span, below->second);
            } else {
                patches.push_back({first, j, i - first + 1, 2});
                next.emplace(span, patches.size() - 1);
            }
        }
        open = std::move(next);
    }
    if (patches.size() > maxPatches) {
        auto cells = [](const SamplePatch& p) {
            return (p.columns - 1) * (p.rows - 1);
        };
        std::stable_sort(
            patches.begin(), patches.end(),
            [&](const SamplePatch& a, const SamplePatch& b) { return cells(a) > cells(b); });
        patches.resize(maxPatches);
    }
    return patches;
}

} // namespace gradlab
