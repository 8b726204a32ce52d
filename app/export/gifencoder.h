// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "export/animationencoder.h"

#include <QByteArray>
#include <QRgb>
#include <QSaveFile>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace gradlab {

/// \brief Colours of all frames counted in 5-5-5 bit bins, each bin remembering the mean of the
/// pixels that fell into it.
class ColorHistogram
{
public:
    static constexpr int kBins = 1 << 15;

    /// The bin of \a rgb: the top five bits of red, green and blue.
    static std::uint16_t binOf(QRgb rgb)
    {
        return std::uint16_t(((qRed(rgb) >> 3) << 10) | ((qGreen(rgb) >> 3) << 5) |
                             (qBlue(rgb) >> 3));
    }
    void add(QRgb rgb);

    /// At most \a colors colours for the counted pixels, by median cut: the box of bins with
    /// the largest squared error is split at the weighted median of its longest axis, until
    /// there are \a colors boxes; each colour is its box's mean. Deterministic.
    std::vector<QRgb> medianCut(int colors) const;
    /// For every bin counted, the index of the nearest colour of \a palette; 0 for the others.
    std::vector<std::uint8_t> nearest(const std::vector<QRgb>& palette) const;

private:
    struct Bin
    {
        std::uint64_t count = 0;
        std::array<std::uint64_t, 3> sum{}; ///< of red, green, blue
    };
    std::vector<Bin> m_bins = std::vector<Bin>(kBins);
};

/// \brief Animated GIF (giflib): one palette of 255 colours chosen over all frames (so the heat
/// map neither bands differently nor flickers between frames), index 255 transparent. Every frame
/// after the first holds only the rectangle that changed, its unchanged pixels transparent, drawn
/// over the previous frame. Loops forever (NETSCAPE2.0). Frames wait in memory (5-5-5 bits,
/// compressed) until finish() knows the palette. Byte-identical output for identical frames.
class GifEncoder : public AnimationEncoder
{
public:
    static constexpr int kTransparentIndex = 255;
    /// GIF delays are in hundredths of a second; browsers slow down anything shorter than 2.
    static constexpr int kMaximumFps = 50;

    explicit GifEncoder(const AnimationSettings& settings);
    ~GifEncoder() override;

    bool begin(const QString& path) override;
    bool addFrame(const QImage& frame) override;
    bool finish() override;
    void cancel() override;

private:
    bool writeAll();

    std::unique_ptr<QSaveFile> m_file;
    ColorHistogram m_histogram;
    std::vector<QByteArray> m_frames; ///< qCompress'd 5-5-5 bins, row by row
};

} // namespace gradlab
