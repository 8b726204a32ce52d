// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/encodeworker.h"

#include <QThread>

namespace gradlab {

EncodeWorker::EncodeWorker(std::unique_ptr<AnimationEncoder> encoder, const QString& path,
                           QObject* parent)
    : QObject(parent)
    , m_encoder(std::move(encoder))
    , m_path(path)
{
    m_thread = QThread::create([this] { work(); });
    m_thread->start();
}

EncodeWorker::~EncodeWorker()
{
    cancel();
    m_thread->wait();
    delete m_thread;
}

void EncodeWorker::push(const QImage& frame)
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_closed || m_cancelled) {
            return;
        }
        m_queue.push_back(frame);
    }
    m_wake.notify_one();
}

int EncodeWorker::pending() const
{
    const std::lock_guard lock(m_mutex);
    return int(m_queue.size());
}

void EncodeWorker::close()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_wake.notify_one();
}

void EncodeWorker::cancel()
{
    {
        const std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_queue.clear();
    }
    m_encoder->requestCancel();
    m_wake.notify_one();
}

bool EncodeWorker::wait()
{
    m_thread->wait();
    return !hasFailed();
}

bool EncodeWorker::hasFailed() const
{
    const std::lock_guard lock(m_mutex);
    return m_failed || m_cancelled;
}

QString EncodeWorker::errorString() const
{
    const std::lock_guard lock(m_mutex);
    return m_error;
}

int EncodeWorker::encodedFrames() const
{
    const std::lock_guard lock(m_mutex);
    return m_encoded;
}

void EncodeWorker::work()
{
    bool ok = m_encoder->begin(m_path);
    while (ok) {
        QImage frame;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_cancelled || m_closed || !m_queue.empty(); });
            if (m_cancelled) {
                ok = false;
                break;
            }
            if (m_queue.empty()) {
                break; // closed, and every frame encoded
            }
            frame = std::move(m_queue.front());
            m_queue.pop_front();
        }
        ok = m_encoder->addFrame(frame);
        const std::lock_guard lock(m_mutex);
        m_encoded += ok ? 1 : 0;
    }
    ok = ok && m_encoder->finish();
    if (!ok) {
        m_encoder->cancel();
    }
    {
        const std::lock_guard lock(m_mutex);
        m_failed = !ok;
        m_queue.clear();
        if (!ok) {
            m_error = m_cancelled ? tr("cancelled") : m_encoder->errorString();
        }
    }
    Q_EMIT done(ok);
}

} // namespace gradlab
