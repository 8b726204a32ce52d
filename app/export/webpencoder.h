// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "export/animationencoder.h"

#include <QString>

struct WebPAnimEncoder;

namespace gradlab {

/// \brief Animated WebP through libwebp's WebPAnimEncoder, lossless or lossy, looping forever.
/// The encoder keeps only the rectangle that changed in each frame, and a frame identical to the
/// one before it lengthens that one instead of adding another. Deterministic (one thread).
class WebPEncoder : public AnimationEncoder
{
public:
    explicit WebPEncoder(const AnimationSettings& settings);
    ~WebPEncoder() override;

    bool begin(const QString& path) override;
    bool addFrame(const QImage& frame) override;
    bool finish() override;
    void cancel() override;

private:
    QString m_path;
    WebPAnimEncoder* m_encoder = nullptr;
};

} // namespace gradlab
