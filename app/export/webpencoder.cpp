// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/webpencoder.h"

#include <QSaveFile>
#include <webp/encode.h>
#include <webp/mux.h>

namespace gradlab {

WebPEncoder::WebPEncoder(const AnimationSettings& settings)
    : AnimationEncoder(settings)
{}

WebPEncoder::~WebPEncoder()
{
    cancel();
}

bool WebPEncoder::begin(const QString& path)
{
    if (settings().fps < 1 || settings().fps > 1000) {
        return fail(
            tr("WebP plays 1 to 1000 frames per second (asked for %1)").arg(settings().fps));
    }
    WebPAnimEncoderOptions options;
    if (!WebPAnimEncoderOptionsInit(&options)) {
        return fail(tr("this libwebp does not match the one Gradient Lab was built with"));
    }
    options.anim_params.loop_count = 0; // forever
    options.anim_params.bgcolor = 0xffffffff;
    m_encoder = WebPAnimEncoderNew(settings().size.width(), settings().size.height(), &options);
    if (!m_encoder) {
        return fail(tr("libwebp cannot make an animation of %1×%2 pixels")
                        .arg(settings().size.width())
                        .arg(settings().size.height()));
    }
    // Written at once in finish(); checked here so that a bad path fails before any rendering.
    QSaveFile probe(path);
    if (!probe.open(QIODevice::WriteOnly)) {
        cancel();
        return fail(tr("cannot write %1: %2").arg(path, probe.errorString()));
    }
    probe.cancelWriting();
    m_path = path;
    return true;
}

bool WebPEncoder::addFrame(const QImage& frame)
{
    if (!m_encoder || !acceptFrame(frame)) {
        return false;
    }
    const QImage rgba = frame.convertToFormat(QImage::Format_RGBA8888);
    WebPConfig config;
    if (!WebPConfigInit(&config)) {
        return fail(tr("this libwebp does not match the one Gradient Lab was built with"));
    }
    if (settings().lossless) {
        // Level 1 of 9: nearly the smallest files of the fast levels, at a fraction of the time.
        WebPConfigLosslessPreset(&config, 1);
    } else {
        config.quality = float(settings().quality);
        config.method = 3;
    }
    WebPPicture picture;
    WebPPictureInit(&picture);
    picture.width = rgba.width();
    picture.height = rgba.height();
    picture.use_argb = 1;
    if (!WebPPictureImportRGBA(&picture, rgba.constBits(), int(rgba.bytesPerLine()))) {
        WebPPictureFree(&picture);
        return fail(tr("libwebp is out of memory"));
    }
    const int index = frameCount() - 1;
    const bool added =
        WebPAnimEncoderAdd(m_encoder, &picture, int(frameStart(index, 1000)), &config);
    WebPPictureFree(&picture);
    if (!added) {
        return fail(tr("libwebp could not add frame %1: %2")
                        .arg(index)
                        .arg(QString::fromUtf8(WebPAnimEncoderGetError(m_encoder))));
    }
    return true;
}

bool WebPEncoder::finish()
{
    if (!m_encoder) {
        return fail(tr("the WebP was not started"));
    }
    if (frameCount() == 0) {
        cancel();
        return fail(tr("an animation needs at least one frame"));
    }
    // The end: the last frame lasts its own time plus the end hold.
    const int end = int(frameStart(frameCount(), 1000)) + settings().endHoldMilliseconds;
    WebPData data;
    WebPDataInit(&data);
    if (!WebPAnimEncoderAdd(m_encoder, nullptr, end, nullptr) ||
        !WebPAnimEncoderAssemble(m_encoder, &data)) {
        const QString reason = QString::fromUtf8(WebPAnimEncoderGetError(m_encoder));
        cancel();
        return fail(tr("libwebp could not assemble the animation: %1").arg(reason));
    }
    QSaveFile file(m_path);
    const bool written = !isCancelRequested() && file.open(QIODevice::WriteOnly) &&
                         file.write(reinterpret_cast<const char*>(data.bytes), qint64(data.size)) ==
                             qint64(data.size) &&
                         file.commit();
    WebPDataClear(&data);
    cancel();
    if (!written) {
        return fail(isCancelRequested()
                        ? tr("cancelled")
                        : tr("could not save %1: %2").arg(m_path, file.errorString()));
    }
    return true;
}

void WebPEncoder::cancel()
{
    if (m_encoder) {
        WebPAnimEncoderDelete(m_encoder);
        m_encoder = nullptr;
    }
}

} // namespace gradlab
