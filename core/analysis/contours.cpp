// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "analysis/contours.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace gradlab {

namespace {

/// Where a level crosses one grid edge, registered by the cell that found it first.
struct PendingEnd
{
    std::uint64_t edge = ~std::uint64_t{0}; ///< the edge's id; stale entries never match
    int end = -1;                           ///< 2·segment + side in the level's segment list
};

/// The segments of one level: segment s has ends 2s and 2s + 1, each on a grid edge.
struct LevelSegments
{
    std::vector<Eigen::Vector2d> points; ///< per end
    std::vector<int> partner;            ///< per end: the end on the same edge, or −1

    int addEnd(const Eigen::Vector2d& point)
    {
        points.push_back(point);
        partner.push_back(-1);
        return static_cast<int>(points.size()) - 1;
    }
};

// Corners of cell (i, j): bit 0 = (i, j), bit 1 = (i+1, j), bit 2 = (i+1, j+1), bit 3 = (i, j+1);
// a bit is set when the corner's value is above the level. Edges: 0 bottom (i,j)–(i+1,j),
// 1 right (i+1,j)–(i+1,j+1), 2 top (i,j+1)–(i+1,j+1), 3 left (i,j)–(i,j+1).
enum Edge : int { Bottom = 0, Right = 1, Top = 2, Left = 3 };

struct CaseSegments
{
    int count;
    Edge edges[2][2];
};

// Each case separates the corners above the level from those below. Cases 5 and 10 (opposite
// corners above) are saddles, resolved by the centre value; the table holds the reading where
// the centre is below the level (the corners above are cut off separately).
constexpr CaseSegments caseTable[16] = {
    {0, {}},                             // 0: none above
    {1, {{Left, Bottom}}},               // 1
    {1, {{Bottom, Right}}},              // 2
    {1, {{Left, Right}}},                // 3
    {1, {{Right, Top}}},                 // 4
    {2, {{Left, Bottom}, {Right, Top}}}, // 5: saddle, centre below
    {1, {{Bottom, Top}}},                // 6
    {1, {{Left, Top}}},                  // 7
    {1, {{Left, Top}}},                  // 8
    {1, {{Bottom, Top}}},                // 9
    {2, {{Bottom, Right}, {Left, Top}}}, // 10: saddle, centre below
    {1, {{Right, Top}}},                 // 11
    {1, {{Left, Right}}},                // 12
    {1, {{Bottom, Right}}},              // 13
    {1, {{Left, Bottom}}},               // 14
    {0, {}},                             // 15: all above
};
// The saddles with the centre above the level: the corners above connect through the centre,
// so the corners below are the ones cut off.
constexpr CaseSegments saddleCentreAbove[2] = {
    {2, {{Bottom, Right}, {Left, Top}}}, // 5: (i, j) and (i+1, j+1) above
    {2, {{Left, Bottom}, {Right, Top}}}, // 10: (i+1, j) and (i, j+1) above
};

/// Walks the joined segments of one level into polylines.
void joinLevel(const LevelSegments& segments, double level, std::vector<ContourLine>& lines)
{
    const int segmentCount = static_cast<int>(segments.points.size()) / 2;
    std::vector<char> visited(static_cast<std::size_t>(segmentCount), 0);
    const auto& partner = segments.partner;
    for (int s = 0; s < segmentCount; ++s) {
        if (visited[static_cast<std::size_t>(s)]) {
            continue;
        }
        // Walk backwards to the open start, or around a loop back to s.
        int entry = 2 * s;
        bool closed = false;
        while (partner[static_cast<std::size_t>(entry)] >= 0) {
            entry = partner[static_cast<std::size_t>(entry)] ^ 1;
            if (entry >> 1 == s) {
                closed = true;
                entry = 2 * s;
                break;
            }
        }
        ContourLine line;
        line.level = level;
        line.closed = closed;
        line.points.push_back(segments.points[static_cast<std::size_t>(entry)]);
        const int first = entry >> 1;
        int current = entry;
        while (true) {
            visited[static_cast<std::size_t>(current >> 1)] = 1;
            const int exit = current ^ 1;
            line.points.push_back(segments.points[static_cast<std::size_t>(exit)]);
            const int next = partner[static_cast<std::size_t>(exit)];
            if (next < 0 || next >> 1 == first || visited[static_cast<std::size_t>(next >> 1)]) {
                break;
            }
            current = next;
        }
        lines.push_back(std::move(line));
    }
}

} // namespace

std::vector<ContourLine> contourLines(const GridValues& grid, const std::vector<double>& levels)
{
    std::vector<ContourLine> lines;
    const int columns = grid.spec.columns;
    const int rows = grid.spec.rows;
    if (columns < 2 || rows < 2 || grid.f.size() < grid.spec.size()) {
        return lines;
    }
    std::vector<double> sorted;
    for (double level : levels) {
        if (std::isfinite(level)) {
            sorted.push_back(level);
        }
    }
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    const int levelCount = static_cast<int>(sorted.size());
    if (levelCount == 0) {
        return lines;
    }

    std::vector<double> xs(static_cast<std::size_t>(columns));
    std::vector<double> ys(static_cast<std::size_t>(rows));
    for (int i = 0; i < columns; ++i) {
        xs[static_cast<std::size_t>(i)] = grid.spec.x(i);
    }
    for (int j = 0; j < rows; ++j) {
        ys[static_cast<std::size_t>(j)] = grid.spec.y(j);
    }

    // Edge ids: horizontal edge (i, j)–(i+1, j) is j·(columns−1) + i, vertical edge
    // (i, j)–(i, j+1) comes after all horizontal ones at horizontalCount + j·columns + i.
    const std::uint64_t width = static_cast<std::uint64_t>(columns);
    const std::uint64_t horizontalCount = static_cast<std::uint64_t>(rows) * (width - 1);
    // The edge a cell shares with its left neighbour was registered by that neighbour's right
    // edge, the one it shares with the cell below by that cell's top edge: one slot per level
    // and column for each joins segments in O(1) as the scan goes, row by row.
    const std::size_t slotCount = static_cast<std::size_t>(levelCount) * width;
    std::vector<PendingEnd> verticalSlots(slotCount);
    std::vector<PendingEnd> horizontalSlots(slotCount);
    std::vector<LevelSegments> segments(static_cast<std::size_t>(levelCount));

    const double* values = grid.f.data();
    int hint = 0; // first level ≥ the previous cell's minimum: neighbours have similar values
    for (int j = 0; j + 1 < rows; ++j) {
        const double* below = values + static_cast<std::size_t>(j) * width;
        const double* above = below + width;
        const double y0 = ys[static_cast<std::size_t>(j)];
        const double y1 = ys[static_cast<std::size_t>(j) + 1];
        for (int i = 0; i + 1 < columns; ++i) {
            const double v0 = below[i];
            const double v1 = below[i + 1];
            const double v2 = above[i + 1];
            const double v3 = above[i];
            const double low = std::min(std::min(v0, v1), std::min(v2, v3));
            const double high = std::max(std::max(v0, v1), std::max(v2, v3));
            // A NaN corner leaves a hole: min/max would drop it silently, the sum does not. So
            // does an infinite one (the heat map draws it undefined too): interpolating from it
            // gives (level − ∞)/(v − ∞) = NaN.
            if (!(low < high) || std::isnan(v0 + v1 + v2 + v3) || !std::isfinite(low) ||
                !std::isfinite(high)) {
                continue;
            }
            // the levels with low ≤ level < high cross this cell
            while (hint > 0 && sorted[static_cast<std::size_t>(hint) - 1] >= low) {
                --hint;
            }
            while (hint < levelCount && sorted[static_cast<std::size_t>(hint)] < low) {
                ++hint;
            }
            if (hint == levelCount || sorted[static_cast<std::size_t>(hint)] >= high) {
                continue;
            }
            const double x0 = xs[static_cast<std::size_t>(i)];
            const double x1 = xs[static_cast<std::size_t>(i) + 1];
            const std::uint64_t bottomEdge =
                static_cast<std::uint64_t>(j) * (width - 1) + static_cast<std::uint64_t>(i);
            const std::uint64_t leftEdge = horizontalCount + static_cast<std::uint64_t>(j) * width +
                                           static_cast<std::uint64_t>(i);
            const std::uint64_t edgeIds[4] = {bottomEdge, leftEdge + 1, bottomEdge + (width - 1),
                                              leftEdge};
            for (int l = hint; l < levelCount && sorted[static_cast<std::size_t>(l)] < high; ++l) {
                const double level = sorted[static_cast<std::size_t>(l)];
                const int code = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) |
                                 (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
                const CaseSegments* cases = &caseTable[code];
                if (code == 5 || code == 10) {
                    // saddle cell: the centre value, the mean of the corners, decides
                    if (0.25 * (v0 + v1 + v2 + v3) > level) {
                        cases = &saddleCentreAbove[code == 5 ? 0 : 1];
                    }
                }
                LevelSegments& target = segments[static_cast<std::size_t>(l)];
                PendingEnd* vertical = &verticalSlots[static_cast<std::size_t>(l) * width];
                PendingEnd* horizontal = &horizontalSlots[static_cast<std::size_t>(l) * width];
                for (int s = 0; s < cases->count; ++s) {
                    for (int side = 0; side < 2; ++side) {
                        const Edge edge = cases->edges[s][side];
                        // linear interpolation along the edge, always from its lower-index
                        // corner, so both cells sharing it compute the same point:
                        // t = (level − v_p)/(v_q − v_p)
                        Eigen::Vector2d point;
                        switch (edge) {
                        case Bottom:
                            point = {x0 + (level - v0) / (v1 - v0) * (x1 - x0), y0};
                            break;
                        case Right:
                            point = {x1, y0 + (level - v1) / (v2 - v1) * (y1 - y0)};
                            break;
                        case Top:
                            point = {x0 + (level - v3) / (v2 - v3) * (x1 - x0), y1};
                            break;
                        case Left:
                            point = {x0, y0 + (level - v0) / (v3 - v0) * (y1 - y0)};
                            break;
                        }
                        const int end = target.addEnd(point);
                        const std::uint64_t id = edgeIds[edge];
                        // left and bottom: join the neighbour's end; right and top: register
                        PendingEnd* slot = nullptr;
                        if (edge == Left || edge == Right) {
                            slot = &vertical[edge == Left ? i : i + 1];
                        } else {
                            slot = &horizontal[i];
                        }
                        if (slot->edge == id) {
                            target.partner[static_cast<std::size_t>(end)] = slot->end;
                            target.partner[static_cast<std::size_t>(slot->end)] = end;
                        } else {
                            *slot = PendingEnd{id, end};
                        }
                    }
                }
            }
        }
    }

    for (int l = 0; l < levelCount; ++l) {
        joinLevel(segments[static_cast<std::size_t>(l)], sorted[static_cast<std::size_t>(l)],
                  lines);
    }
    return lines;
}

namespace {

/// The finite values of a grid, sorted partially as needed by percentile().
std::vector<double> finiteValues(const GridValues& grid)
{
    std::vector<double> values;
    values.reserve(grid.f.size());
    for (double value : grid.f) {
        if (std::isfinite(value)) {
            values.push_back(value);
        }
    }
    return values;
}

/// The value below which a fraction \a p of \a values lies (reorders \a values).
double percentile(std::vector<double>& values, double p)
{
    const auto index = static_cast<std::ptrdiff_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + index, values.end());
    return values[static_cast<std::size_t>(index)];
}

} // namespace

std::vector<double> defaultLevels(const GridValues& grid, int count, bool logarithmic)
{
    std::vector<double> levels;
    std::vector<double> values = finiteValues(grid);
    if (count <= 0 || values.empty()) {
        return levels;
    }
    const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
    const double minimum = *lowest;
    const double range = *highest - minimum;
    if (!(range > 0) || !std::isfinite(range)) {
        return levels;
    }
    if (!logarithmic) {
        for (int k = 1; k <= count; ++k) {
            // f_min + k·(f_max − f_min)/(count + 1): evenly spaced, both extremes excluded
            levels.push_back(minimum + range * k / (count + 1));
        }
        return levels;
    }
    // The lowest level sits above the minimum by the offset of the lowest 1 % of the values,
    // kept within 10⁻⁶…10⁻¹ of the range: fine enough to show the floor of a valley, coarse
    // enough not to spend lines on rounding noise.
    const double offset = std::clamp(percentile(values, 0.01) - minimum, 1e-6 * range, 0.1 * range);
    const double ratio = range / offset;
    for (int k = 0; k < count; ++k) {
        // f_min + offset·(range/offset)^(k/count): log-spaced offsets, the maximum excluded
        levels.push_back(minimum + offset * std::pow(ratio, static_cast<double>(k) / count));
    }
    return levels;
}

bool prefersLogLevels(const GridValues& grid)
{
    std::vector<double> values = finiteValues(grid);
    if (values.size() < 2) {
        return false;
    }
    const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
    const double minimum = *lowest;
    const double range = *highest - minimum;
    const double lowTenth = percentile(values, 0.1) - minimum;
    if (!(range > 0) || !(lowTenth > 0) || !std::isfinite(range)) {
        return false;
    }
    // The lowest tenth of the samples within 1/200 of the range (2.3 decades) means the
    // interesting part is squeezed against the minimum. A quadratic bowl on a square gives
    // about 1/16, Matyas' flat valley 1/80, Rosenbrock 1/300, Beale and Goldstein-Price below
    // 1/4000.
    return range / lowTenth > 200;
}

} // namespace gradlab
