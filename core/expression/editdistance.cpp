// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "editdistance.h"

#include <algorithm>
#include <vector>

namespace gradlab {

std::size_t editDistance(std::string_view a, std::string_view b)
{
    // Three rows of the dynamic programme: d(i, j) = distance(a[0, i), b[0, j)); the swap looks
    // two rows back.
    const std::size_t columns = b.size() + 1;
    std::vector<std::size_t> previous2(columns);
    std::vector<std::size_t> previous(columns);
    std::vector<std::size_t> row(columns);
    for (std::size_t j = 0; j < columns; ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j < columns; ++j) {
            // d(i, j) = min(d(i−1, j) + 1, d(i, j−1) + 1, d(i−1, j−1) + [a_i ≠ b_j])
            const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + substitution});
            // ... and d(i−2, j−2) + 1 when a_{i−1} a_i is b_j b_{j−1} swapped.
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                row[j] = std::min(row[j], previous2[j - 2] + 1);
            }
        }
        std::swap(previous2, previous);
        std::swap(previous, row);
    }
    return previous[b.size()];
}

} // namespace gradlab
