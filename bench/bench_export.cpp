// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// Animation export (issue 14): a 150-step race at 960×540, 15 fps, as GIF.
//   file size                        (target ≤ 5 MB)
//   export time / play time          (target ≤ 1: 151 frames at 15 fps play 10.1 s)
//   frame rendering per frame        (FrameRenderer::render, the contour view with the race)
//   GIF encoding per frame           (GifEncoder: palette, differencing, LZW; one thread)
// The export itself runs as the command line runs it: frames drawn on the main thread while the
// worker thread encodes. The two per-frame costs are measured apart, one after the other, on
// one thread. Runs offscreen unless QT_QPA_PLATFORM says otherwise.

#include "export/animationexport.h"
#include "export/framerenderer.h"
#include "export/gifencoder.h"
#include "functions/presets.h"
#include "session.h"

#include <QApplication>
#include <QFileInfo>
#include <QTemporaryDir>
#include <chrono>
#include <cstdio>

using namespace gradlab;

namespace {

constexpr int kSteps = 150;
constexpr int kFps = 15;

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The race of the README: the elongated bowl, gradient descent, momentum and Adam.
std::unique_ptr<Session> race()
{
    auto session = std::make_unique<Session>();
    session->loadPreset(*findPreset("elongated"));
    for (Method method : {Method::GradientDescent, Method::Momentum, Method::Adam}) {
        OptimizerSettings settings = defaultSettings(method);
        settings.maxSteps = kSteps;
        if (method != Method::Adam) {
            settings.learningRate = 0.09;
        }
        session->addRun(settings);
    }
    return session;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication application(argc, argv);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("race.gif"));

    // 1. The export, as `gradlab render --animate` runs it.
    auto session = race();
    AnimationRequest request;
    request.path = path;
    request.frames.size = kDefaultFrameSize;
    request.fps = kFps;
    AnimationExport animation(session.get(), request);
    if (!animation.prepare()) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(animation.errorString()));
        return 1;
    }
    const auto exportStart = std::chrono::steady_clock::now();
    if (!animation.run()) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(animation.errorString()));
        return 1;
    }
    const double exportSeconds = secondsSince(exportStart);
    const int frames = animation.frameCount();
    const double playSeconds = double(frames) / kFps;
    const qint64 bytes = QFileInfo(path).size();

    // 2. The two halves apart, on this thread: drawing every frame, then encoding them.
    auto again = race();
    FrameRenderer renderer(again.get(), request.frames);
    AnimationSettings settings;
    settings.size = request.frames.size;
    settings.fps = kFps;
    GifEncoder encoder(settings);
    if (!encoder.begin(dir.filePath(QStringLiteral("apart.gif")))) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(encoder.errorString()));
        return 1;
    }
    double renderSeconds = 0;
    double encodeSeconds = 0;
    for (int step = 0; step < frames; ++step) {
        const auto drawStart = std::chrono::steady_clock::now();
        const QImage frame = renderer.render(step);
        renderSeconds += secondsSince(drawStart);
        const auto encodeStart = std::chrono::steady_clock::now();
        encoder.addFrame(frame);
        encodeSeconds += secondsSince(encodeStart);
    }
    const auto finishStart = std::chrono::steady_clock::now();
    if (!encoder.finish()) {
        std::fprintf(stderr, "bench_export: %s\n", qPrintable(encoder.errorString()));
        return 1;
    }
    encodeSeconds += secondsSince(finishStart);

    std::printf("GIF export of a %d-step race (3 runs), %dx%d at %d fps: %d frames\n", kSteps,
                settings.size.width(), settings.size.height(), kFps, frames);
    std::printf("  file size              %8.2f MB   (target <= 5 MB)\n", bytes / 1e6);
    std::printf("  export time            %8.2f s    play time %.2f s (+1 s end hold)\n",
                exportSeconds, playSeconds);
    std::printf("  export / play time     %8.2f      (target <= 1)\n", exportSeconds / playSeconds);
    std::printf("  rendering per frame    %8.1f ms   (%.2f of a frame's %.1f ms of play)\n",
                1e3 * renderSeconds / frames, renderSeconds / playSeconds, 1e3 / kFps);
    std::printf("  GIF encoding per frame %8.1f ms   (%.2f of a frame's %.1f ms of play)\n",
                1e3 * encodeSeconds / frames, encodeSeconds / playSeconds, 1e3 / kFps);
    std::printf("  render + encode, apart %8.2f s    overlap gained by the worker thread: %.2fx\n",
                renderSeconds + encodeSeconds, (renderSeconds + encodeSeconds) / exportSeconds);
    return 0;
}
