// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "analysis/criticalkind.h"
#include "evaluation/grid.h"

#include <Eigen/Core>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gradlab {

std::string_view
criticalKindName(CriticalKind kind); ///< "minimum", "maximum", "saddle", "degenerate"

/// \brief A known critical point of a preset.
struct KnownPoint
{
    Eigen::Vector2d point;
    CriticalKind kind;
};

/// \brief A catalogued function: name, formula in our grammar, domain, start, known points.
struct Preset
{
    std::string name;        ///< id used on the command line: "rosenbrock"
    std::string title;       ///< "Rosenbrock"
    std::string formula;     ///< parses with parse()
    std::string description; ///< one line
    Domain domain;
    Eigen::Vector2d start;
    std::vector<KnownPoint> knownPoints;
    bool logScaleContours = false; ///< range spans decades
};

std::span<const Preset> presets();
const Preset* findPreset(std::string_view name);
/// The scene a first launch opens.
const Preset& defaultPreset();

} // namespace gradlab
