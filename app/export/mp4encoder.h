// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "export/animationencoder.h"

#include <QImage>
#include <QString>
#include <memory>

class QProcess;

namespace gradlab {

/// \brief MP4 (H.264) by piping raw RGB frames into the ffmpeg program, which must be on PATH
/// (Debian package "ffmpeg"); Gradient Lab does not link libavcodec. ffmpeg writes to a
/// temporary name next to the file, renamed once it has finished. The end hold repeats the last
/// frame.
class Mp4Encoder : public AnimationEncoder
{
public:
    explicit Mp4Encoder(const AnimationSettings& settings);
    ~Mp4Encoder() override;

    /// The ffmpeg program found on PATH; empty if there is none.
    static QString ffmpegProgram();

    bool begin(const QString& path) override;
    bool addFrame(const QImage& frame) override;
    bool finish() override;
    void cancel() override;

private:
    bool write(const QImage& frame);
    QString ffmpegError();

    QString m_path;
    QString m_partialPath;
    std::unique_ptr<QProcess> m_ffmpeg;
    QImage m_last;
};

} // namespace gradlab
