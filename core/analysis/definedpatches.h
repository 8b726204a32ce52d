// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"

#include <cstddef>
#include <vector>

namespace gradlab {

/// A rectangle of a grid's samples: columns [column, column + columns), rows [row, row + rows),
/// at least 2 × 2 so that it spans cells.
struct SamplePatch
{
    int column = 0;
    int row = 0;
    int columns = 0;
    int rows = 0;

    bool operator==(const SamplePatch&) const = default;
};

/// Rectangles that together cover every cell of \a grid whose four corners are defined (finite),
/// each such cell exactly once, and no cell with an undefined corner: a mesh made of one surface
/// per rectangle leaves the undefined regions out, as holes. Cells are merged along rows into
/// runs, and a run that spans the same columns as one in the row below extends it upward. A
/// grid with no undefined sample gives one rectangle, the whole grid. When more than
/// \a maxPatches rectangles would be needed (a speckled region), the largest are kept and the
/// others left out with the undefined cells.
std::vector<SamplePatch> definedPatches(const GridValues& grid, std::size_t maxPatches);

} // namespace gradlab
