// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/mp4encoder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <cmath>
#include <cstdio>
#include <utility>

namespace gradlab {

namespace {

/// ffmpeg's pipe holds at most this much before addFrame waits for it to read.
constexpr qint64 kPipeBacklog = 16 << 20;

} // namespace

Mp4Encoder::Mp4Encoder(const AnimationSettings& settings)
    : AnimationEncoder(settings)
{}

Mp4Encoder::~Mp4Encoder()
{
    cancel();
}

QString Mp4Encoder::ffmpegProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

bool Mp4Encoder::begin(const QString& path)
{
    const QString program = ffmpegProgram();
    if (program.isEmpty()) {
        return fail(tr("MP4 export needs the ffmpeg program, and there is none on PATH; install "
                       "it (Debian: sudo apt install ffmpeg) or export GIF or WebP"));
    }
    const QFileInfo info(path);
    m_path = path;
    m_partialPath =
        info.dir().filePath(QLatin1Char('.') + info.fileName() + QStringLiteral(".part"));
    const QSize size = settings().size;
    const QStringList arguments{
        QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
        QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("rawvideo"),
        QStringLiteral("-pix_fmt"), QStringLiteral("rgb24"), QStringLiteral("-s"),
        QStringLiteral("%1x%2").arg(size.width()).arg(size.height()), QStringLiteral("-r"),
        QString::number(settings().fps), QStringLiteral("-i"), QStringLiteral("-"),
        // yuv420p halves the chroma resolution: odd sizes get one black row or column.
        QStringLiteral("-vf"), QStringLiteral("pad=ceil(iw/2)*2:ceil(ih/2)*2"),
        QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-pix_fmt"),
        QStringLiteral("yuv420p"), QStringLiteral("-movflags"), QStringLiteral("+faststart"),
        QStringLiteral("-f"), QStringLiteral("mp4"), m_partialPath};
    m_ffmpeg = std::make_unique<QProcess>();
    m_ffmpeg->setStandardOutputFile(QProcess::nullDevice());
    m_ffmpeg->start(program, arguments);
    if (!m_ffmpeg->waitForStarted()) {
        const QString reason = m_ffmpeg->errorString();
        m_ffmpeg.reset();
        return fail(tr("could not start %1: %2").arg(program, reason));
    }
    return true;
}

bool Mp4Encoder::addFrame(const QImage& frame)
{
    if (!m_ffmpeg || !acceptFrame(frame)) {
        return false;
    }
    m_last = frame.convertToFormat(QImage::Format_RGB888);
    return write(m_last);
}

bool Mp4Encoder::write(const QImage& frame)
{
    // rgb24 rows without QImage's padding to four bytes.
    const qint64 rowBytes = qint64(frame.width()) * 3;
    for (int y = 0; y < frame.height(); ++y) {
        if (m_ffmpeg->write(reinterpret_cast<const char*>(frame.constScanLine(y)), rowBytes) !=
            rowBytes) {
            return fail(ffmpegError());
        }
    }
    while (m_ffmpeg->bytesToWrite() > kPipeBacklog) {
        if (isCancelRequested() || !m_ffmpeg->waitForBytesWritten(30000)) {
            return fail(ffmpegError());
        }
    }
    return true;
}

QString Mp4Encoder::ffmpegError()
{
    if (isCancelRequested()) {
        return tr("cancelled");
    }
    const QString said = QString::fromLocal8Bit(m_ffmpeg->readAllStandardError()).trimmed();
    return said.isEmpty() ? tr("ffmpeg stopped: %1").arg(m_ffmpeg->errorString())
                          : tr("ffmpeg: %1").arg(said);
}

bool Mp4Encoder::finish()
{
    if (!m_ffmpeg) {
        return fail(tr("the MP4 was not started"));
    }
    if (frameCount() == 0) {
        cancel();
        return fail(tr("an animation needs at least one frame"));
    }
    // The end hold: the last frame again for that long.
    const qint64 holdFrames =
        std::llround(settings().endHoldMilliseconds * double(settings().fps) / 1000.0);
    for (qint64 i = 0; i < holdFrames; ++i) {
        if (!write(m_last)) {
            cancel();
            return false;
        }
    }
    m_ffmpeg->closeWriteChannel();
    while (m_ffmpeg->state() != QProcess::NotRunning) {
        if (isCancelRequested()) {
            cancel();
            return fail(tr("cancelled"));
        }
        m_ffmpeg->waitForFinished(100);
    }
    if (m_ffmpeg->exitStatus() != QProcess::NormalExit || m_ffmpeg->exitCode() != 0) {
        const QString error = ffmpegError();
        cancel();
        return fail(error);
    }
    m_ffmpeg.reset();
    const QString partial = std::exchange(m_partialPath, QString());
    // POSIX rename replaces an existing file at once.
    if (std::rename(QFile::encodeName(partial).constData(),
                    QFile::encodeName(m_path).constData()) != 0) {
        QFile::remove(partial);
        return fail(tr("could not move the video to %1").arg(m_path));
    }
    return true;
}

void Mp4Encoder::cancel()
{
    if (m_ffmpeg) {
        m_ffmpeg->kill();
        m_ffmpeg->waitForFinished();
        m_ffmpeg.reset();
    }
    if (!m_partialPath.isEmpty()) {
        QFile::remove(m_partialPath);
    }
}

} // namespace gradlab
