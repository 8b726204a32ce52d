// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>

namespace gradlab {

/// Optimal string alignment distance between \a a and \a b (bytes): insertions, deletions,
/// substitutions and swaps of two neighbours ("sni" → "sin") each cost 1. The one measure behind
/// every "did you mean": the parser's unknown functions, the function panel's hints and the
/// command line's subcommands, options and names.
std::size_t editDistance(std::string_view a, std::string_view b);

} // namespace gradlab
