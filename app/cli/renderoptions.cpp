// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "renderoptions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

namespace gradlab {

namespace {

std::optional<double> toNumber(std::string_view text)
{
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [pointer, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || pointer != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end - begin));
        if (end == std::string_view::npos) {
            return parts;
        }
        begin = end + 1;
    }
}

std::optional<RenderView> viewFromName(std::string_view name)
{
    if (name == "contour") {
        return RenderView::Contour;
    }
    if (name == "partials") {
        return RenderView::Partials;
    }
    if (name == "surface") {
        return RenderView::Surface;
    }
    if (name == "linked") {
        return RenderView::Linked;
    }
    if (name == "charts") {
        return RenderView::Charts;
    }
    if (name == "window") {
        return RenderView::Window;
    }
    return std::nullopt;
}

} // namespace

bool isFrameView(RenderView view)
{
    return view == RenderView::Contour || view == RenderView::Surface || view == RenderView::Linked;
}

std::string lowerCaseSuffix(std::string_view path)
{
    const std::size_t slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    std::string suffix(dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1));
    std::transform(suffix.begin(), suffix.end(), suffix.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    return suffix;
}

bool asksForRenderHelp(const std::vector<std::string>& arguments)
{
    return std::any_of(arguments.begin(), arguments.end(), [](const std::string& argument) {
        return argument == "--help" || argument == "-h";
    });
}

/// render-options = function { option } ; option = "--name" value | "--name=value"
std::variant<RenderOptions, RenderProblem>
parseRenderOptions(const std::vector<std::string>& arguments)
{
    RenderOptions options;
    bool haveFunction = false;
    for (std::size_t i = 1; i < arguments.size(); ++i) {
        std::string name = arguments[i];
        std::string value;
        const bool isOption = name.size() > 2 && name.starts_with("--");
        if (!isOption) {
            if (haveFunction) {
                return RenderProblem{"more than one function given: '" + options.function +
                                     "' and '" + name + "' (quote an expression with spaces)"};
            }
            options.function = name;
            haveFunction = true;
            continue;
        }
        if (name == "--animate" || name == "--charts" || name == "--overlay" || name == "--lossy") {
            (name == "--animate"  ? options.animate
             : name == "--charts" ? options.charts
             : name == "--lossy"  ? options.lossy
                                  : options.overlay) = true;
            continue;
        }
        if (const auto equals = name.find('='); equals != std::string::npos) {
            value = name.substr(equals + 1);
            name = name.substr(0, equals);
        } else if (i + 1 < arguments.size()) {
            value = arguments[++i];
        } else {
            return RenderProblem{name + " needs a value"};
        }

        if (name == "--from") {
            const auto parts = split(value, ',');
            const auto x = parts.size() == 2 ? toNumber(parts[0]) : std::nullopt;
            const auto y = parts.size() == 2 ? toNumber(parts[1]) : std::nullopt;
            if (!x || !y) {
                return RenderProblem{"--from needs X,Y, e.g. --from -1.5,2 (got '" + value + "')"};
            }
            options.from = Eigen::Vector2d(*x, *y);
        } else if (name == "--domain") {
            const auto parts = split(value, ',');
            std::vector<double> numbers;
            for (std::string_view part : parts) {
                if (const auto number = toNumber(part)) {
                    numbers.push_back(*number);
                }
            }
            const Domain domain = numbers.size() == 4
                                      ? Domain{numbers[0], numbers[1], numbers[2], numbers[3]}
                                      : Domain{0, 0, 0, 0};
            if (parts.size() != 4 || numbers.size() != 4 || !domain.isValid()) {
                return RenderProblem{
                    "--domain needs XMIN,XMAX,YMIN,YMAX with XMIN < XMAX and YMIN < "
                    "YMAX (got '" +
                    value + "')"};
            }
            options.domain = domain;
        } else if (name == "--optimizer") {
            const auto method = methodFromName(value);
            if (!method) {
                std::string known;
                for (Method m : allMethods()) {
                    known += (known.empty() ? "" : ", ") + std::string(methodName(m));
                }
                return RenderProblem{"unknown optimizer '" + value + "' (known: " + known + ")"};
            }
            options.optimizers.push_back(*method);
        } else if (name == "--steps") {
            const auto steps = toNumber(value);
            if (!steps || *steps < 0 || *steps > 1e6 || std::floor(*steps) != *steps) {
                return RenderProblem{"--steps needs a whole number from 0 to 1000000 (got '" +
                                     value + "')"};
            }
            options.steps = static_cast<int>(*steps);
        } else if (name == "--lr") {
            const auto rate = toNumber(value);
            if (!rate || *rate <= 0) {
                return RenderProblem{"--lr needs a positive number (got '" + value + "')"};
            }
            options.learningRate = *rate;
        } else if (name == "--view") {
            const auto view = viewFromName(value);
            if (!view) {
                return RenderProblem{
                    "unknown view '" + value +
                    "' (known: contour, partials, surface, linked, charts, window)"};
            }
            options.view = *view;
        } else if (name == "--size") {
            const auto parts = split(value, 'x');
            const auto width = parts.size() == 2 ? toNumber(parts[0]) : std::nullopt;
            const auto height = parts.size() == 2 ? toNumber(parts[1]) : std::nullopt;
            if (!width || !height || *width < 16 || *height < 16 || *width > 16384 ||
                *height > 16384 || std::floor(*width) != *width || std::floor(*height) != *height) {
                return RenderProblem{"--size needs WxH in pixels, 16 to 16384 each, e.g. 1600x1000 "
                                     "(got '" +
                                     value + "')"};
            }
            options.width = static_cast<int>(*width);
            options.height = static_cast<int>(*height);
        } else if (name == "--fps") {
            const auto fps = toNumber(value);
            if (!fps || *fps < 1 || *fps > 60 || std::floor(*fps) != *fps) {
                return RenderProblem{"--fps needs a whole number from 1 to 60 (got '" + value +
                                     "')"};
            }
            options.fps = static_cast<int>(*fps);
        } else if (name == "--steps-range") {
            const auto parts = split(value, ':');
            const auto first = parts.size() == 2 ? toNumber(parts[0]) : std::nullopt;
            const auto last = parts.size() == 2 ? toNumber(parts[1]) : std::nullopt;
            if (!first || !last || *first < 0 || *last < *first || *last > 1e6 ||
                std::floor(*first) != *first || std::floor(*last) != *last) {
                return RenderProblem{"--steps-range needs A:B, whole steps with 0 <= A <= B, e.g. "
                                     "--steps-range 10:60 (got '" +
                                     value + "')"};
            }
            options.stepsRange = std::pair(static_cast<int>(*first), static_cast<int>(*last));
        } else if (name == "--out") {
            options.out = value;
        } else {
            return RenderProblem{"unknown option " + name};
        }
    }
    if (!haveFunction || options.function.empty()) {
        return RenderProblem{"which function? give an expression or preset:NAME"};
    }
    if (options.out.empty()) {
        return RenderProblem{"--out FILE.png, FILE.pdf or FILE.svg (with --animate: FILE.gif, "
                             "FILE.webp or FILE.mp4) is required"};
    }
    const std::string suffix = lowerCaseSuffix(options.out);
    const bool isAnimationFile = suffix == "gif" || suffix == "webp" || suffix == "mp4";
    if (options.animate) {
        if (!isAnimationFile) {
            return RenderProblem{"with --animate, --out must end in .gif, .webp or .mp4 (got '" +
                                 options.out + "')"};
        }
    } else if (isAnimationFile) {
        return RenderProblem{"'" + options.out + "' is an animation: add --animate"};
    } else if (suffix != "png" && suffix != "pdf" && suffix != "svg") {
        return RenderProblem{"--out must end in .png, .pdf or .svg (got '" + options.out + "')"};
    }
    if ((options.animate || options.charts || options.overlay) && !isFrameView(options.view)) {
        return RenderProblem{std::string(options.animate  ? "--animate"
                                         : options.charts ? "--charts"
                                                          : "--overlay") +
                             " draws the views contour, surface or linked"};
    }
    if (!options.animate && (options.fps || options.stepsRange || options.lossy)) {
        return RenderProblem{"--fps, --steps-range and --lossy are options of --animate"};
    }
    if (suffix == "svg" &&
        (options.view == RenderView::Surface || options.view == RenderView::Linked ||
         options.charts || options.overlay)) {
        return RenderProblem{
            "SVG is for the 2-D views (contour, partials, charts, window); the 3-D "
            "surface exports PNG, PDF or an animation"};
    }
    return options;
}

std::string renderUsage()
{
    return "usage: gradlab render EXPR|preset:NAME [--from X,Y] [--domain XMIN,XMAX,YMIN,YMAX]\n"
           "                      [--optimizer NAME ...] [--steps N] [--lr V]\n"
           "                      [--view contour|partials|surface|linked|charts|window]\n"
           "                      [--size WxH] [--charts] [--overlay]\n"
           "                      --out FILE.png|FILE.pdf|FILE.svg\n"
           "       gradlab render ... --animate [--fps N] [--steps-range A:B] [--lossy]\n"
           "                      --out FILE.gif|FILE.webp|FILE.mp4\n"
           "Draws the scene without showing a window. Each --optimizer adds a run to the race\n"
           "(gradient descent if none); --steps sets how far they go (and shows that step),\n"
           "--lr the learning rate of every run. --view: the contour view (default), the\n"
           "partial-derivatives panel, the 3-D surface (needs OpenGL, so a display: use\n"
           "xvfb-run without one), contour and surface side by side (linked), the run charts\n"
           "or the whole main window. --charts adds the run charts under contour, surface or\n"
           "linked; --overlay the step, f and the learning rate. --size defaults to 1200x800\n"
           "(1600x1000 for the window, 960x540 for an animation). SVG: the 2-D views only.\n"
           "--animate: one frame per step from 0 to the end (or steps A to B), at --fps\n"
           "(default 15), then the last frame held for a second; --lossy for a smaller WebP.\n"
           "MP4 needs the ffmpeg program (Debian package ffmpeg).\n";
}

} // namespace gradlab
