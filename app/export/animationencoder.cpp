// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/animationencoder.h"

#include "export/gifencoder.h"
#include "export/mp4encoder.h"
#include "export/webpencoder.h"

#include <QFileInfo>
#include <cmath>

namespace gradlab {

std::optional<AnimationFormat> animationFormatFromPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("gif")) {
        return AnimationFormat::Gif;
    }
    if (suffix == QLatin1String("webp")) {
        return AnimationFormat::WebP;
    }
    if (suffix == QLatin1String("mp4")) {
        return AnimationFormat::Mp4;
    }
    return std::nullopt;
}

AnimationEncoder::~AnimationEncoder() = default;

std::unique_ptr<AnimationEncoder> AnimationEncoder::create(AnimationFormat format,
                                                           const AnimationSettings& settings)
{
    switch (format) {
    case AnimationFormat::Gif:
        return std::make_unique<GifEncoder>(settings);
    case AnimationFormat::WebP:
        return std::make_unique<WebPEncoder>(settings);
    case AnimationFormat::Mp4:
        return std::make_unique<Mp4Encoder>(settings);
    }
    return nullptr;
}

bool AnimationEncoder::acceptFrame(const QImage& frame)
{
    if (frame.size() != m_settings.size) {
        return fail(tr("frame %1 is %2×%3 pixels, the animation %4×%5")
                        .arg(m_frameCount)
                        .arg(frame.width())
                        .arg(frame.height())
                        .arg(m_settings.size.width())
                        .arg(m_settings.size.height()));
    }
    ++m_frameCount;
    return true;
}

bool AnimationEncoder::fail(const QString& error)
{
    m_error = error;
    return false;
}

qint64 AnimationEncoder::frameStart(int index, int unitsPerSecond) const
{
    // t_k = round(k · units / fps): each delay t_{k+1} − t_k is within one unit of units/fps, and
    // the sum of the first k delays is never off by more than half a unit.
    return std::llround(double(index) * unitsPerSecond / m_settings.fps);
}

} // namespace gradlab
