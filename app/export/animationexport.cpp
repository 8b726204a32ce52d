// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/animationexport.h"

#include "export/encodeworker.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QThread>
#include <QTimer>

namespace gradlab {

namespace {

/// Frames drawn ahead of the encoder at most: enough to keep both cores busy, few enough that
/// memory stays small (a 1920×1080 frame is 8 MB).
constexpr int kQueueLength = 3;

} // namespace

AnimationExport::AnimationExport(Session* session, const AnimationRequest& request, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_request(request)
{}

AnimationExport::~AnimationExport() = default;

bool AnimationExport::prepare()
{
    const auto format = animationFormatFromPath(m_request.path);
    if (!format) {
        m_error = tr("%1: an animation is written as .gif, .webp or .mp4").arg(m_request.path);
        return false;
    }
    if (FrameRenderer::needsOpenGL(m_request.frames.view) && !SurfaceView::isOpenGLAvailable()) {
        m_error = tr("the 3-D surface needs an OpenGL context, and there is none here");
        return false;
    }
    const int last = FrameRenderer::lastStep(*m_session);
    m_firstStep = m_request.firstStep;
    m_lastStep = m_request.lastStep < 0 ? last : std::min(m_request.lastStep, last);
    if (m_firstStep < 0 || m_firstStep > m_lastStep) {
        m_error = tr("steps %1 to %2 are not in the race, which runs from step 0 to %3")
                      .arg(m_request.firstStep)
                      .arg(m_request.lastStep < 0 ? QStringLiteral("the end")
                                                  : QString::number(m_request.lastStep))
                      .arg(last);
        return false;
    }
    AnimationSettings settings;
    settings.size = m_request.frames.size;
    settings.fps = m_request.fps;
    settings.lossless = m_request.lossless;
    // The encoder opens its file on the worker thread; a bad path or a missing ffmpeg is
    // reported before any frame is drawn.
    auto encoder = AnimationEncoder::create(*format, settings);
    m_renderer = std::make_unique<FrameRenderer>(m_session, m_request.frames);
    m_worker = std::make_unique<EncodeWorker>(std::move(encoder), m_request.path);
    connect(m_worker.get(), &EncodeWorker::done, this, &AnimationExport::encoderDone,
            Qt::QueuedConnection);
    m_next = m_firstStep;
    return true;
}

bool AnimationExport::run()
{
    for (; m_next <= m_lastStep && !m_worker->hasFailed(); ++m_next) {
        while (m_worker->pending() >= kQueueLength && !m_worker->hasFailed()) {
            QThread::msleep(1);
        }
        m_worker->push(m_renderer->render(m_next));
    }
    m_worker->close();
    const bool ok = m_worker->wait();
    m_error = m_worker->errorString();
    return ok;
}

void AnimationExport::start()
{
    QTimer::singleShot(0, this, &AnimationExport::drawNext);
}

void AnimationExport::drawNext()
{
    if (m_cancelled || m_worker->hasFailed()) {
        return; // encoderDone() reports
    }
    if (m_worker->pending() >= kQueueLength) {
        QTimer::singleShot(2, this, &AnimationExport::drawNext);
        return;
    }
    m_worker->push(m_renderer->render(m_next));
    Q_EMIT progress(m_next - m_firstStep + 1, frameCount());
    if (++m_next <= m_lastStep) {
        QTimer::singleShot(0, this, &AnimationExport::drawNext);
        return;
    }
    m_worker->close();
    Q_EMIT encoding();
}

void AnimationExport::cancel()
{
    m_cancelled = true;
    if (m_worker) {
        m_worker->cancel();
    }
}

void AnimationExport::encoderDone(bool ok)
{
    m_error = m_worker->errorString();
    Q_EMIT finished(ok && !m_cancelled);
}

} // namespace gradlab
