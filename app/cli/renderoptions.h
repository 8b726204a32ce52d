// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"
#include "optimization/optimizer.h"

#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gradlab {

/// The views `gradlab render --view` draws.
enum class RenderView { Contour, Partials, Surface, Linked, Charts, Window };

/// \brief What `gradlab render` was asked to draw, read from its arguments (no Qt needed).
struct RenderOptions
{
    std::string function;
    std::optional<Eigen::Vector2d> from;
    std::optional<Domain> domain;
    std::vector<Method> optimizers;
    std::optional<int> steps;
    std::optional<double> learningRate;
    RenderView view = RenderView::Contour;
    int width = 0; ///< 0: the view's default size
    int height = 0;
    std::string out;
    // Frames: the views of an animation, or a still of them (FrameRenderer).
    bool animate = false;
    bool charts = false;
    bool overlay = false;
    bool lossy = false;
    std::optional<int> fps;
    std::optional<std::pair<int, int>> stepsRange;
};

/// Whether \a view is drawn by FrameRenderer (the views an animation can show).
bool isFrameView(RenderView view);

/// The first problem found in the arguments, in words.
struct RenderProblem
{
    std::string message;
};

/// Reads `render`'s arguments (\a arguments start with "render"): the options, or the first
/// problem. Needs no Qt, so the command line checks them before the window program starts.
std::variant<RenderOptions, RenderProblem>
parseRenderOptions(const std::vector<std::string>& arguments);

/// True when \a arguments ask for render's usage (--help or -h anywhere).
bool asksForRenderHelp(const std::vector<std::string>& arguments);

/// The lower-case suffix of \a path's file name, after its last dot ("" without one), as
/// QFileInfo::suffix() gives it.
std::string lowerCaseSuffix(std::string_view path);

/// The usage text of the render command.
std::string renderUsage();

} // namespace gradlab
