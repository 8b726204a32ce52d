// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "render.h"

#include "atomicfile.h"
#include "charts/runcharts.h"
#include "contourview/contourview.h"
#include "export/animationexport.h"
#include "export/framerenderer.h"
#include "export/svgexport.h"
#include "functions/presets.h"
#include "mainwindow.h"
#include "panels/functionpanel.h"
#include "partials/partialspanel.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>
#include <QWidget>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <optional>
#include <qcustomplot.h>
#include <variant>

namespace gradlab {

namespace {

enum class View { Contour, Partials, Surface, Linked, Charts, Window };

struct RenderOptions
{
    std::string function;
    std::optional<Eigen::Vector2d> from;
    std::optional<Domain> domain;
    std::vector<Method> optimizers;
    std::optional<int> steps;
    std::optional<double> learningRate;
    View view = View::Contour;
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
bool isFrameView(View view)
{
    return view == View::Contour || view == View::Surface || view == View::Linked;
}

AnimationView animationView(View view)
{
    return view == View::Surface  ? AnimationView::Surface
           : view == View::Linked ? AnimationView::Linked
                                  : AnimationView::Contour;
}

/// Thrown-free parsing: the first problem found, in words.
struct Problem
{
    std::string message;
};

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

std::optional<View> viewFromName(std::string_view name)
{
    if (name == "contour") {
        return View::Contour;
    }
    if (name == "partials") {
        return View::Partials;
    }
    if (name == "surface") {
        return View::Surface;
    }
    if (name == "linked") {
        return View::Linked;
    }
    if (name == "charts") {
        return View::Charts;
    }
    if (name == "window") {
        return View::Window;
    }
    return std::nullopt;
}

/// render-options = function { option } ; option = "--name" value | "--name=value"
std::variant<RenderOptions, Problem> parseOptions(const std::vector<std::string>& arguments)
{
    RenderOptions options;
    bool haveFunction = false;
    for (std::size_t i = 1; i < arguments.size(); ++i) {
        std::string name = arguments[i];
        std::string value;
        const bool isOption = name.size() > 2 && name.starts_with("--");
        if (!isOption) {
            if (haveFunction) {
                return Problem{"more than one function given: '" + options.function + "' and '" +
                               name + "' (quote an expression with spaces)"};
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
            return Problem{name + " needs a value"};
        }

        if (name == "--from") {
            const auto parts = split(value, ',');
            const auto x = parts.size() == 2 ? toNumber(parts[0]) : std::nullopt;
            const auto y = parts.size() == 2 ? toNumber(parts[1]) : std::nullopt;
            if (!x || !y) {
                return Problem{"--from needs X,Y, e.g. --from -1.5,2 (got '" + value + "')"};
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
                return Problem{"--domain needs XMIN,XMAX,YMIN,YMAX with XMIN < XMAX and YMIN < "
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
                return Problem{"unknown optimizer '" + value + "' (known: " + known + ")"};
            }
            options.optimizers.push_back(*method);
        } else if (name == "--steps") {
            const auto steps = toNumber(value);
            if (!steps || *steps < 0 || *steps > 1e6 || std::floor(*steps) != *steps) {
                return Problem{"--steps needs a whole number from 0 to 1000000 (got '" + value +
                               "')"};
            }
            options.steps = static_cast<int>(*steps);
        } else if (name == "--lr") {
            const auto rate = toNumber(value);
            if (!rate || *rate <= 0) {
                return Problem{"--lr needs a positive number (got '" + value + "')"};
            }
            options.learningRate = *rate;
        } else if (name == "--view") {
            const auto view = viewFromName(value);
            if (!view) {
                return Problem{"unknown view '" + value +
                               "' (known: contour, partials, surface, linked, charts, window)"};
            }
            options.view = *view;
        } else if (name == "--size") {
            const auto parts = split(value, 'x');
            const auto width = parts.size() == 2 ? toNumber(parts[0]) : std::nullopt;
            const auto height = parts.size() == 2 ? toNumber(parts[1]) : std::nullopt;
            if (!width || !height || *width < 16 || *height < 16 || *width > 16384 ||
                *height > 16384 || std::floor(*width) != *width || std::floor(*height) != *height) {
                return Problem{"--size needs WxH in pixels, 16 to 16384 each, e.g. 1600x1000 "
                               "(got '" +
                               value + "')"};
            }
            options.width = static_cast<int>(*width);
            options.height = static_cast<int>(*height);
        } else if (name == "--fps") {
            const auto fps = toNumber(value);
            if (!fps || *fps < 1 || *fps > 60 || std::floor(*fps) != *fps) {
                return Problem{"--fps needs a whole number from 1 to 60 (got '" + value + "')"};
            }
            options.fps = static_cast<int>(*fps);
        } else if (name == "--steps-range") {
            const auto parts = split(value, ':');
            const auto first = parts.size() == 2 ? toNumber(parts[0]) : std::nullopt;
            const auto last = parts.size() == 2 ? toNumber(parts[1]) : std::nullopt;
            if (!first || !last || *first < 0 || *last < *first || *last > 1e6 ||
                std::floor(*first) != *first || std::floor(*last) != *last) {
                return Problem{"--steps-range needs A:B, whole steps with 0 <= A <= B, e.g. "
                               "--steps-range 10:60 (got '" +
                               value + "')"};
            }
            options.stepsRange = std::pair(static_cast<int>(*first), static_cast<int>(*last));
        } else if (name == "--out") {
            options.out = value;
        } else {
            return Problem{"unknown option " + name};
        }
    }
    if (!haveFunction) {
        return Problem{"which function? give an expression or preset:NAME"};
    }
    if (options.out.empty()) {
        return Problem{"--out FILE.png, FILE.pdf or FILE.svg (with --animate: FILE.gif, "
                       "FILE.webp or FILE.mp4) is required"};
    }
    const QString suffix = QFileInfo(QString::fromStdString(options.out)).suffix().toLower();
    const bool isAnimationFile =
        animationFormatFromPath(QString::fromStdString(options.out)).has_value();
    if (options.animate) {
        if (!isAnimationFile) {
            return Problem{"with --animate, --out must end in .gif, .webp or .mp4 (got '" +
                           options.out + "')"};
        }
    } else if (isAnimationFile) {
        return Problem{"'" + options.out + "' is an animation: add --animate"};
    } else if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf") &&
               suffix != QLatin1String("svg")) {
        return Problem{"--out must end in .png, .pdf or .svg (got '" + options.out + "')"};
    }
    if ((options.animate || options.charts || options.overlay) && !isFrameView(options.view)) {
        return Problem{std::string(options.animate  ? "--animate"
                                   : options.charts ? "--charts"
                                                    : "--overlay") +
                       " draws the views contour, surface or linked"};
    }
    if (!options.animate && (options.fps || options.stepsRange || options.lossy)) {
        return Problem{"--fps, --steps-range and --lossy are options of --animate"};
    }
    if (suffix == QLatin1String("svg") &&
        (options.view == View::Surface || options.view == View::Linked || options.charts ||
         options.overlay)) {
        return Problem{"SVG is for the 2-D views (contour, partials, charts, window); the 3-D "
                       "surface exports PNG, PDF or an animation"};
    }
    return options;
}

/// Puts the scene into \a session; a problem if the function is unknown or does not parse.
std::optional<Problem> configure(Session& session, const RenderOptions& options)
{
    constexpr std::string_view presetPrefix = "preset:";
    if (options.function.starts_with(presetPrefix)) {
        const std::string name = options.function.substr(presetPrefix.size());
        const Preset* preset = findPreset(name);
        if (!preset) {
            std::string known;
            for (const Preset& p : presets()) {
                known += (known.empty() ? "" : ", ") + p.name;
            }
            return Problem{"unknown preset '" + name + "' (known: " + known + ")"};
        }
        session.loadPreset(*preset);
    } else {
        const QString text = QString::fromStdString(options.function);
        std::optional<Problem> rejection;
        const auto connection = QObject::connect(
            &session, &Session::expressionRejected,
            [&rejection](const QString& rejected, const ParseError& error) {
                const auto [position, length] = FunctionPanel::characterRange(rejected, error);
                // The expression, then carets under the part that is wrong.
                const std::string marks =
                    std::string(static_cast<std::size_t>(position), ' ') +
                    std::string(static_cast<std::size_t>(std::max(1, length)), '^');
                rejection = Problem{FunctionPanel::describe(rejected, error).toStdString() +
                                    "\n  " + rejected.toStdString() + "\n  " + marks};
            });
        session.setExpressionText(text);
        QObject::disconnect(connection);
        if (rejection) {
            return rejection;
        }
    }
    if (options.domain) {
        session.setDomain(*options.domain);
    }
    if (options.from) {
        session.setStartPoint(*options.from);
    }
    std::vector<Method> methods = options.optimizers;
    if (methods.empty()) {
        methods.push_back(Method::GradientDescent);
    }
    for (Method method : methods) {
        OptimizerSettings settings = defaultSettings(method);
        if (options.learningRate) {
            settings.learningRate = *options.learningRate;
        }
        if (options.steps) {
            settings.maxSteps = std::max(1, *options.steps);
        }
        session.addRun(settings);
    }
    session.setCurrentStep(options.steps ? *options.steps : session.lastStep());
    return std::nullopt;
}

/// Lays \a widget out at \a size without showing it on a screen.
void layOut(QWidget& widget, const QSize& size, std::FILE* err)
{
    widget.setAttribute(Qt::WA_DontShowOnScreen);
    widget.resize(size);
    widget.show();
    QCoreApplication::processEvents();
    if (widget.size() != size) {
        std::fprintf(err,
                     "gradlab render: the view needs at least %dx%d; drawn at that size and "
                     "scaled down to fit %dx%d\n",
                     widget.width(), widget.height(), size.width(), size.height());
    }
}

bool isPdf(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
}

bool isSvg(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0;
}

/// Writes \a image at exactly \a size: PNG, or a PDF page of that many points.
bool writeImage(QImage image, const QSize& size, const QString& path)
{
    if (image.size() != size) {
        // A view that would not shrink to the size: scaled down whole, undistorted, centred.
        const QImage scaled = image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        image = QImage(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(QGuiApplication::palette().color(QPalette::Window));
        QPainter painter(&image);
        painter.drawImage((size.width() - scaled.width()) / 2,
                          (size.height() - scaled.height()) / 2, scaled);
    }
    if (!isPdf(path)) {
        return image.save(path);
    }
    QPdfWriter writer(path);
    writer.setResolution(72); // one pixel per PDF point
    writer.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&writer)) {
        return false;
    }
    painter.drawImage(QRect(QPoint(0, 0), size), image);
    return painter.end();
}

/// Writes a widget: as vectors into a PDF (QWidget::render) or an SVG, or grabbed into a PNG.
bool writeWidget(QWidget& widget, const QSize& size, const QString& path)
{
    if (isSvg(path)) {
        return writeWidgetSvg(widget, path);
    }
    if (!isPdf(path)) {
        return writeImage(widget.grab().toImage(), size, path);
    }
    QPdfWriter writer(path);
    writer.setResolution(72);
    writer.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&writer)) {
        return false;
    }
    // Scaled down (undistorted, centred) only when the widget would not take the requested size.
    const double scale = std::min(
        {1.0, double(size.width()) / widget.width(), double(size.height()) / widget.height()});
    painter.translate((size.width() - scale * widget.width()) / 2,
                      (size.height() - scale * widget.height()) / 2);
    painter.scale(scale, scale);
    widget.render(&painter);
    return painter.end();
}

/// `--animate`: frames from the session, one per step, into a GIF, WebP or MP4.
int renderAnimation(Session& session, const RenderOptions& options, const QSize& size,
                    std::FILE* out, std::FILE* err)
{
    AnimationRequest request;
    request.path = QString::fromStdString(options.out);
    request.frames.view = animationView(options.view);
    request.frames.charts = options.charts;
    request.frames.overlay = options.overlay;
    request.frames.size = size;
    request.fps = options.fps.value_or(15);
    if (options.stepsRange) {
        request.firstStep = options.stepsRange->first;
        request.lastStep = options.stepsRange->second;
    }
    request.lossless = !options.lossy;
    AnimationExport animation(&session, request);
    if (!animation.prepare()) {
        std::fprintf(err, "gradlab render: %s\n", qPrintable(animation.errorString()));
        return 2;
    }
    if (!animation.run()) {
        std::fprintf(err, "gradlab render: could not write %s: %s\n", options.out.c_str(),
                     qPrintable(animation.errorString()));
        return 1;
    }
    std::fprintf(out,
                 "wrote %s (%dx%d, %d frames: steps %d to %d at %d fps, then the last held 1 s)\n",
                 options.out.c_str(), size.width(), size.height(), animation.frameCount(),
                 animation.firstStep(), animation.lastStep(), request.fps);
    return 0;
}

} // namespace

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

int runRender(const std::vector<std::string>& arguments, std::FILE* out, std::FILE* err)
{
    for (const std::string& argument : arguments) {
        if (argument == "--help" || argument == "-h") {
            std::fputs(renderUsage().c_str(), out);
            return 0;
        }
    }
    const auto parsed = parseOptions(arguments);
    if (const auto* problem = std::get_if<Problem>(&parsed)) {
        std::fprintf(err, "gradlab render: %s\n%s", problem->message.c_str(),
                     renderUsage().c_str());
        return 2;
    }
    const auto& options = std::get<RenderOptions>(parsed);

    // Without a display the offscreen platform draws everything but OpenGL.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    std::unique_ptr<QApplication> application;
    if (!QCoreApplication::instance()) {
        static int argc = 1;
        static char name[] = "gradlab";
        static char* argv[] = {name, nullptr};
        application = std::make_unique<QApplication>(argc, argv);
        applyApplicationIdentity();
    }

    const bool isWindow = options.view == View::Window;
    const QSize size = options.width > 0 ? QSize(options.width, options.height)
                       : options.animate ? kDefaultFrameSize
                                         : (isWindow ? QSize(1600, 1000) : QSize(1200, 800));
    if ((options.view == View::Surface || options.view == View::Linked) &&
        !SurfaceView::isOpenGLAvailable()) {
        std::fprintf(err,
                     "gradlab render: the 3-D surface needs an OpenGL context, and there is none "
                     "here (platform '%s'). Run it on a display, or under a virtual one:\n"
                     "  xvfb-run -a -s \"-screen 0 1600x1000x24\" gradlab render ... --view "
                     "surface\n",
                     qPrintable(QGuiApplication::platformName()));
        return 2;
    }

    // The window brings its own session; the single views observe one made here.
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<Session> ownSession;
    Session* session = nullptr;
    if (isWindow) {
        window = std::make_unique<MainWindow>(MainWindow::Startup::Blank);
        // A picture must not depend on how fast a background search was.
        window->contourView()->setDrawsAtOnce(true);
        window->surfaceView()->setDrawsAtOnce(true);
        session = window->session();
    } else {
        ownSession = std::make_unique<Session>();
        session = ownSession.get();
    }
    if (const auto problem = configure(*session, options)) {
        std::fprintf(err, "gradlab render: %s\n", problem->message.c_str());
        return 2;
    }

    if (options.animate) {
        return renderAnimation(*session, options, size, out, err);
    }

    // Drawn into a temporary file beside the target, which replaces it only when complete.
    QString error;
    const bool written = writeAtomically(
        QString::fromStdString(options.out),
        [&](const QString& path) {
            switch (options.view) {
            case View::Contour:
            case View::Surface:
            case View::Linked:
                if (options.view == View::Contour && !options.charts && !options.overlay) {
                    ContourView view(session);
                    view.setDrawsAtOnce(true);
                    layOut(view, size, err);
                    return isPdf(path)   ? view.plot()->savePdf(path, size.width(), size.height())
                           : isSvg(path) ? writePlotSvg(*view.plot(), size, path)
                                         : writeImage(view.render(size), size, path);
                } else if (options.view == View::Surface && !options.charts && !options.overlay) {
                    SurfaceView view(session);
                    view.setDrawsAtOnce(true);
                    layOut(view, size, err);
                    return writeImage(view.renderToImage(size), size, path);
                } else {
                    // Side by side, or with the charts or the overlay: one frame of an animation.
                    FrameRenderer renderer(session,
                                           FrameOptions{animationView(options.view), options.charts,
                                                        options.overlay, size});
                    return writeImage(renderer.render(session->currentStep()), size, path);
                }
            case View::Charts: {
                RunCharts charts(session);
                layOut(charts, size, err);
                return isPdf(path)   ? charts.plot()->savePdf(path, size.width(), size.height())
                       : isSvg(path) ? writePlotSvg(*charts.plot(), size, path)
                                     : writeImage(charts.render(size), size, path);
            }
            case View::Partials: {
                PartialsPanel panel(session);
                layOut(panel, size, err);
                return writeWidget(panel, size, path);
            }
            case View::Window:
                if (!session->runs().empty()) {
                    window->setSelectedRunId(session->runs().front().id);
                }
                layOut(*window, size, err);
                return isSvg(path) ? writeWidgetSvg(*window, path)
                                   : writeImage(window->windowImage(), size, path);
            }
            return false;
        },
        &error);
    if (!written) {
        std::fprintf(err, "gradlab render: %s\n", qPrintable(error));
        return 1;
    }
    std::fprintf(out, "wrote %s (%dx%d)\n", options.out.c_str(), size.width(), size.height());
    return 0;
}

} // namespace gradlab
