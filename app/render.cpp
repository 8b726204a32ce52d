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
#include "renderoptions.h"
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

AnimationView animationView(RenderView view)
{
    return view == RenderView::Surface  ? AnimationView::Surface
           : view == RenderView::Linked ? AnimationView::Linked
                                        : AnimationView::Contour;
}

/// Puts the scene into \a session; a problem if the function is unknown or does not parse.
std::optional<RenderProblem> configure(Session& session, const RenderOptions& options)
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
            return RenderProblem{"unknown preset '" + name + "' (known: " + known + ")"};
        }
        session.loadPreset(*preset);
    } else {
        const QString text = QString::fromStdString(options.function);
        std::optional<RenderProblem> rejection;
        const auto connection = QObject::connect(
            &session, &Session::expressionRejected,
            [&rejection](const QString& rejected, const ParseError& error) {
                const auto [position, length] = FunctionPanel::characterRange(rejected, error);
                // The expression, then carets under the part that is wrong.
                const std::string marks =
                    std::string(static_cast<std::size_t>(position), ' ') +
                    std::string(static_cast<std::size_t>(std::max(1, length)), '^');
                rejection = RenderProblem{FunctionPanel::describe(rejected, error).toStdString() +
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

int runRender(const std::vector<std::string>& arguments, std::FILE* out, std::FILE* err)
{
    if (asksForRenderHelp(arguments)) {
        std::fputs(renderUsage().c_str(), out);
        return 0;
    }
    const auto parsed = parseRenderOptions(arguments);
    if (const auto* problem = std::get_if<RenderProblem>(&parsed)) {
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

    const bool isWindow = options.view == RenderView::Window;
    const QSize size = options.width > 0 ? QSize(options.width, options.height)
                       : options.animate ? kDefaultFrameSize
                                         : (isWindow ? QSize(1600, 1000) : QSize(1200, 800));
    if ((options.view == RenderView::Surface || options.view == RenderView::Linked) &&
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
            case RenderView::Contour:
            case RenderView::Surface:
            case RenderView::Linked:
                if (options.view == RenderView::Contour && !options.charts && !options.overlay) {
                    ContourView view(session);
                    view.setDrawsAtOnce(true);
                    layOut(view, size, err);
                    return isPdf(path)   ? view.plot()->savePdf(path, size.width(), size.height())
                           : isSvg(path) ? writePlotSvg(*view.plot(), size, path)
                                         : writeImage(view.render(size), size, path);
                } else if (options.view == RenderView::Surface && !options.charts &&
                           !options.overlay) {
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
            case RenderView::Charts: {
                RunCharts charts(session);
                layOut(charts, size, err);
                return isPdf(path)   ? charts.plot()->savePdf(path, size.width(), size.height())
                       : isSvg(path) ? writePlotSvg(*charts.plot(), size, path)
                                     : writeImage(charts.render(size), size, path);
            }
            case RenderView::Partials: {
                PartialsPanel panel(session);
                layOut(panel, size, err);
                return writeWidget(panel, size, path);
            }
            case RenderView::Window:
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
