// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/gifencoder.h"

#include <algorithm>
#include <gif_lib.h>
#include <limits>
#include <numeric>

namespace gradlab {

namespace {

/// giflib's output callback: everything goes to the QSaveFile in UserData.
int writeToFile(GifFileType* gif, const GifByteType* bytes, int length)
{
    auto* file = static_cast<QSaveFile*>(gif->UserData);
    return int(file->write(reinterpret_cast<const char*>(bytes), length));
}

/// A box of the median cut: bins [begin, end) of the order vector.
struct Box
{
    std::size_t begin = 0;
    std::size_t end = 0;
    double error = 0; ///< Σ count · ‖colour − mean‖² over its bins
    int axis = 0;     ///< the channel with the largest spread
};

} // namespace

void ColorHistogram::add(QRgb rgb)
{
    Bin& bin = m_bins[binOf(rgb)];
    ++bin.count;
    bin.sum[0] += std::uint64_t(qRed(rgb));
    bin.sum[1] += std::uint64_t(qGreen(rgb));
    bin.sum[2] += std::uint64_t(qBlue(rgb));
}

std::vector<QRgb> ColorHistogram::medianCut(int colors) const
{
    // The counted bins, each at the mean colour of its pixels.
    std::vector<int> order;
    std::vector<std::array<double, 3>> mean(kBins);
    for (int i = 0; i < kBins; ++i) {
        if (m_bins[i].count > 0) {
            order.push_back(i);
            for (int c = 0; c < 3; ++c) {
                mean[i][c] = double(m_bins[i].sum[c]) / double(m_bins[i].count);
            }
        }
    }
    const auto measure = [&](Box& box) {
        double weight = 0;
        std::array<double, 3> sum{}, squares{};
        for (std::size_t k = box.begin; k < box.end; ++k) {
            const int i = order[k];
            const double n = double(m_bins[i].count);
            weight += n;
            for (int c = 0; c < 3; ++c) {
                sum[c] += n * mean[i][c];
                squares[c] += n * mean[i][c] * mean[i][c];
            }
        }
        // Σ n (x − x̄)² = Σ n x² − (Σ n x)² / Σ n, per channel.
        box.error = 0;
        double largest = -1;
        for (int c = 0; c < 3; ++c) {
            const double spread = squares[c] - sum[c] * sum[c] / weight;
            box.error += spread;
            if (spread > largest) {
                largest = spread;
                box.axis = c;
            }
        }
        if (box.end - box.begin < 2) {
            box.error = 0; // one bin cannot be split
        }
    };

    std::vector<Box> boxes;
    if (!order.empty()) {
        boxes.push_back(Box{0, order.size()});
        measure(boxes.back());
    }
    while (int(boxes.size()) < colors) {
        // The worst box (the first of equals, so the cut is deterministic).
        const auto worst =
            std::max_element(boxes.begin(), boxes.end(),
                             [](const Box& a, const Box& b) { return a.error < b.error; });
        if (worst == boxes.end() || worst->error <= 0) {
            break;
        }
        Box box = *worst;
        const auto first = order.begin() + std::ptrdiff_t(box.begin);
        const auto last = order.begin() + std::ptrdiff_t(box.end);
        std::sort(first, last, [&](int a, int b) {
            return mean[a][box.axis] != mean[b][box.axis] ? mean[a][box.axis] < mean[b][box.axis]
                                                          : a < b;
        });
        // The weighted median: the first bin at which half of the box's pixels are reached,
        // kept inside so that both halves hold a bin.
        std::uint64_t total = 0;
        for (auto it = first; it != last; ++it) {
            total += m_bins[*it].count;
        }
        std::uint64_t running = 0;
        std::size_t cut = box.begin + 1;
        for (std::size_t k = box.begin; k + 1 < box.end; ++k) {
            running += m_bins[order[k]].count;
            cut = k + 1;
            if (2 * running >= total) {
                break;
            }
        }
        Box low{box.begin, cut};
        Box high{cut, box.end};
        measure(low);
        measure(high);
        *worst = low;
        boxes.push_back(high);
    }

    std::vector<QRgb> palette;
    for (const Box& box : boxes) {
        double weight = 0;
        std::array<double, 3> sum{};
        for (std::size_t k = box.begin; k < box.end; ++k) {
            const Bin& bin = m_bins[order[k]];
            weight += double(bin.count);
            for (int c = 0; c < 3; ++c) {
                sum[c] += double(bin.sum[c]);
            }
        }
        palette.push_back(qRgb(int(std::lround(sum[0] / weight)), int(std::lround(sum[1] / weight)),
                               int(std::lround(sum[2] / weight))));
    }
    return palette;
}

std::vector<std::uint8_t> ColorHistogram::nearest(const std::vector<QRgb>& palette) const
{
    std::vector<std::uint8_t> index(kBins, 0);
    for (int i = 0; i < kBins; ++i) {
        const Bin& bin = m_bins[i];
        if (bin.count == 0) {
            continue;
        }
        const double n = double(bin.count);
        const double r = double(bin.sum[0]) / n, g = double(bin.sum[1]) / n,
                     b = double(bin.sum[2]) / n;
        double best = std::numeric_limits<double>::max();
        for (std::size_t p = 0; p < palette.size(); ++p) {
            const double dr = r - qRed(palette[p]), dg = g - qGreen(palette[p]),
                         db = b - qBlue(palette[p]);
            const double distance = dr * dr + dg * dg + db * db;
            if (distance < best) {
                best = distance;
                index[i] = std::uint8_t(p);
            }
        }
    }
    return index;
}

GifEncoder::GifEncoder(const AnimationSettings& settings)
    : AnimationEncoder(settings)
{}

GifEncoder::~GifEncoder()
{
    cancel();
}

bool GifEncoder::begin(const QString& path)
{
    if (settings().fps < 1 || settings().fps > kMaximumFps) {
        return fail(tr("GIF plays 1 to %1 frames per second (asked for %2)")
                        .arg(kMaximumFps)
                        .arg(settings().fps));
    }
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        return fail(tr("cannot write %1: %2").arg(path, reason));
    }
    return true;
}

bool GifEncoder::addFrame(const QImage& frame)
{
    if (!m_file || !acceptFrame(frame)) {
        return false;
    }
    const QImage rgb = frame.convertToFormat(QImage::Format_RGB32);
    const int width = rgb.width();
    QByteArray bins(qsizetype(width) * rgb.height() * 2, Qt::Uninitialized);
    auto* out = reinterpret_cast<std::uint16_t*>(bins.data());
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < width; ++x) {
            m_histogram.add(line[x]);
            *out++ = ColorHistogram::binOf(line[x]);
        }
    }
    m_frames.push_back(qCompress(bins, 1));
    return true;
}

bool GifEncoder::finish()
{
    if (!m_file) {
        return fail(tr("the GIF was not started"));
    }
    if (m_frames.empty()) {
        cancel();
        return fail(tr("an animation needs at least one frame"));
    }
    if (!writeAll() || isCancelRequested()) {
        cancel();
        return false;
    }
    const bool committed = m_file->commit();
    const QString reason = m_file->errorString();
    m_file.reset();
    m_frames.clear();
    return committed || fail(tr("could not save the GIF: %1").arg(reason));
}

void GifEncoder::cancel()
{
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
    m_frames.clear();
}

bool GifEncoder::writeAll()
{
    const int width = settings().size.width();
    const int height = settings().size.height();
    const std::vector<QRgb> palette = m_histogram.medianCut(kTransparentIndex);
    const std::vector<std::uint8_t> lookup = m_histogram.nearest(palette);

    int error = 0;
    GifFileType* gif = EGifOpen(m_file.get(), writeToFile, &error);
    if (!gif) {
        return fail(tr("giflib: %1").arg(QString::fromUtf8(GifErrorString(error))));
    }
    const auto failGif = [&](const QString& what) {
        const int code = gif->Error;
        EGifCloseFile(gif, &error);
        return fail(tr("giflib could not write the %1: %2")
                        .arg(what, QString::fromUtf8(GifErrorString(code))));
    };
    EGifSetGifVersion(gif, true);
    ColorMapObject* colorMap = GifMakeMapObject(256, nullptr);
    for (int i = 0; i < 256; ++i) {
        const QRgb color = i < int(palette.size()) ? palette[std::size_t(i)] : qRgb(0, 0, 0);
        colorMap->Colors[i] = GifColorType{GifByteType(qRed(color)), GifByteType(qGreen(color)),
                                           GifByteType(qBlue(color))};
    }
    const int described = EGifPutScreenDesc(gif, width, height, 8, 0, colorMap);
    GifFreeMapObject(colorMap);
    if (described == GIF_ERROR) {
        return failGif(tr("screen descriptor"));
    }
    // NETSCAPE2.0 application extension: sub-block 1, loop count 0 (little endian) = forever.
    static const GifByteType loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
        EGifPutExtensionBlock(gif, 3, loop) == GIF_ERROR ||
        EGifPutExtensionTrailer(gif) == GIF_ERROR) {
        return failGif(tr("loop extension"));
    }

    const int pixels = width * height;
    std::vector<std::uint8_t> shown(std::size_t(pixels), 0); // the canvas after the last frame
    std::vector<std::uint8_t> indices(std::size_t(pixels), 0);
    std::vector<GifByteType> line(static_cast<std::size_t>(width));
    const int count = int(m_frames.size());
    for (int k = 0; k < count; ++k) {
        if (isCancelRequested()) {
            EGifCloseFile(gif, &error);
            return fail(tr("cancelled"));
        }
        const QByteArray bins = qUncompress(m_frames[std::size_t(k)]);
        QByteArray().swap(m_frames[std::size_t(k)]);
        const auto* bin = reinterpret_cast<const std::uint16_t*>(bins.constData());
        for (int i = 0; i < pixels; ++i) {
            indices[std::size_t(i)] = lookup[bin[i]];
        }
        // The rectangle that differs from the canvas (all of it for the first frame).
        int left = 0, top = 0, right = width - 1, bottom = height - 1;
        if (k > 0) {
            left = width;
            top = height;
            right = -1;
            bottom = -1;
            for (int y = 0; y < height; ++y) {
                for (int x = 0; x < width; ++x) {
                    const std::size_t i = std::size_t(y) * std::size_t(width) + std::size_t(x);
                    if (indices[i] != shown[i]) {
                        left = std::min(left, x);
                        right = std::max(right, x);
                        top = std::min(top, y);
                        bottom = std::max(bottom, y);
                    }
                }
            }
            if (right < 0) {
                // Nothing changed: one transparent pixel keeps the frame (and its delay).
                left = right = top = bottom = 0;
            }
        }

        // Delays in hundredths of a second; the last frame also holds for the end hold.
        int delay = int(frameStart(k + 1, 100) - frameStart(k, 100));
        if (k == count - 1) {
            delay += (settings().endHoldMilliseconds + 5) / 10;
        }
        GraphicsControlBlock control{};
        control.DisposalMode = DISPOSE_DO_NOT; // the next frame draws over this one
        control.UserInputFlag = false;
        control.DelayTime = delay;
        control.TransparentColor = k > 0 ? kTransparentIndex : NO_TRANSPARENT_COLOR;
        GifByteType extension[4];
        const std::size_t length = EGifGCBToExtension(&control, extension);
        if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, int(length), extension) == GIF_ERROR) {
            return failGif(tr("frame delay"));
        }
        const int frameWidth = right - left + 1;
        if (EGifPutImageDesc(gif, left, top, frameWidth, bottom - top + 1, false, nullptr) ==
            GIF_ERROR) {
            return failGif(tr("frame %1").arg(k));
        }
        for (int y = top; y <= bottom; ++y) {
            for (int x = left; x <= right; ++x) {
                const std::size_t i = std::size_t(y) * std::size_t(width) + std::size_t(x);
                const bool same = k > 0 && indices[i] == shown[i];
                line[std::size_t(x - left)] = same ? GifByteType(kTransparentIndex) : indices[i];
                shown[i] = indices[i];
            }
            if (EGifPutLine(gif, line.data(), frameWidth) == GIF_ERROR) {
                return failGif(tr("frame %1").arg(k));
            }
        }
    }
    if (EGifCloseFile(gif, &error) == GIF_ERROR) {
        return fail(tr("giflib: %1").arg(QString::fromUtf8(GifErrorString(error))));
    }
    return true;
}

} // namespace gradlab
