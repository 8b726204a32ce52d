// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QSize>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

namespace gradlab {

/// The containers an animation can be written to.
enum class AnimationFormat { Gif, WebP, Mp4 };

/// The format named by the suffix of \a path (.gif, .webp, .mp4; any case), if any.
std::optional<AnimationFormat> animationFormatFromPath(const QString& path);

/// \brief What every encoder needs to know before the first frame.
struct AnimationSettings
{
    QSize size{960, 540};
    int fps = 15;
    /// How long the last frame stays before the animation loops: GIF and WebP show the last frame
    /// this much longer; MP4 repeats it for this long.
    int endHoldMilliseconds = 1000;
    /// WebP only: lossless (exact pixels) or lossy at \a quality (0 to 100).
    bool lossless = true;
    int quality = 80;
};

/// \brief Writes frames of one size into an animation file. The output appears under its name
/// only when finish() succeeds: until then it is written to a temporary name, and cancel(),
/// a failure or destroying an unfinished encoder removes it. Not thread-safe, except
/// requestCancel(): one thread calls begin(), addFrame() and finish().
class AnimationEncoder
{
    Q_DECLARE_TR_FUNCTIONS(AnimationEncoder)

public:
    explicit AnimationEncoder(const AnimationSettings& settings)
        : m_settings(settings)
    {}
    virtual ~AnimationEncoder();
    AnimationEncoder(const AnimationEncoder&) = delete;
    AnimationEncoder& operator=(const AnimationEncoder&) = delete;

    /// The encoder for \a format.
    static std::unique_ptr<AnimationEncoder> create(AnimationFormat format,
                                                    const AnimationSettings& settings);

    /// Starts writing \a path; false (errorString() says why) if that cannot be done.
    virtual bool begin(const QString& path) = 0;
    /// Adds the next frame; it must be settings().size. False on failure.
    virtual bool addFrame(const QImage& frame) = 0;
    /// Writes the rest and moves the file to its name. False on failure (and nothing is left).
    virtual bool finish() = 0;
    /// Drops everything written so far.
    virtual void cancel() = 0;

    /// From any thread: the running finish() stops soon and leaves no file.
    void requestCancel() { m_cancelRequested = true; }
    bool isCancelRequested() const { return m_cancelRequested; }

    const AnimationSettings& settings() const { return m_settings; }
    int frameCount() const { return m_frameCount; }
    QString errorString() const { return m_error; }

protected:
    /// Checks \a frame's size and counts it; false (with the error set) when it does not fit.
    bool acceptFrame(const QImage& frame);
    bool fail(const QString& error);

    /// When frame \a index starts, in units of 1/\a unitsPerSecond s, rounded so that rounding
    /// errors do not add up over the frames.
    qint64 frameStart(int index, int unitsPerSecond) const;

private:
    AnimationSettings m_settings;
    int m_frameCount = 0;
    QString m_error;
    std::atomic<bool> m_cancelRequested = false;
};

} // namespace gradlab
