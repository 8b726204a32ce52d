// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

// What the export tests read back from the files: the block structure of a GIF and the chunks of
// an animated WebP, parsed from the bytes (not by the libraries that wrote them).

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <vector>

namespace gradlab::testing {

struct GifFrame
{
    int delay = -1; ///< hundredths of a second, from the graphics control extension
    int transparentIndex = -1;
    int disposal = -1;
    int left = 0, top = 0, width = 0, height = 0;
};

struct GifFile
{
    bool valid = false;
    QByteArray version; ///< "87a" or "89a"
    int width = 0, height = 0;
    int globalColors = 0;
    bool loops = false; ///< NETSCAPE2.0 application extension present
    int loopCount = -1; ///< 0: forever
    std::vector<GifFrame> frames;
};

inline int littleEndian16(const QByteArray& bytes, qsizetype at)
{
    return quint8(bytes[at]) | (quint8(bytes[at + 1]) << 8);
}

inline int littleEndian24(const QByteArray& bytes, qsizetype at)
{
    return littleEndian16(bytes, at) | (quint8(bytes[at + 2]) << 16);
}

inline quint32 littleEndian32(const QByteArray& bytes, qsizetype at)
{
    return quint32(littleEndian16(bytes, at)) | (quint32(littleEndian16(bytes, at + 2)) << 16);
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Walks the blocks of a GIF: header, screen descriptor, colour table, then extensions and
/// images up to the trailer. valid stays false on anything malformed.
inline GifFile parseGif(const QByteArray& bytes)
{
    GifFile gif;
    if (bytes.size() < 13 || !bytes.startsWith("GIF")) {
        return gif;
    }
    gif.version = bytes.mid(3, 3);
    gif.width = littleEndian16(bytes, 6);
    gif.height = littleEndian16(bytes, 8);
    const int packed = quint8(bytes[10]);
    qsizetype at = 13;
    if (packed & 0x80) {
        gif.globalColors = 1 << ((packed & 7) + 1);
        at += 3 * gif.globalColors;
    }
    // Sub-blocks: a length byte, that many bytes, until a zero length; returns the end or -1.
    const auto skipSubBlocks = [&bytes](qsizetype from) -> qsizetype {
        while (from < bytes.size()) {
            const int length = quint8(bytes[from]);
            from += 1 + length;
            if (length == 0) {
                return from;
            }
        }
        return -1;
    };
    GifFrame next;
    while (at >= 0 && at < bytes.size()) {
        const quint8 introducer = quint8(bytes[at]);
        if (introducer == 0x3B) {
            gif.valid = at == bytes.size() - 1;
            return gif;
        }
        if (introducer == 0x21 && at + 2 < bytes.size()) {
            const quint8 label = quint8(bytes[at + 1]);
            if (label == 0xF9 && at + 7 < bytes.size()) {
                const int flags = quint8(bytes[at + 3]);
                next.disposal = (flags >> 2) & 7;
                next.delay = littleEndian16(bytes, at + 4);
                next.transparentIndex = (flags & 1) ? quint8(bytes[at + 6]) : -1;
            } else if (label == 0xFF && bytes.mid(at + 3, 11) == "NETSCAPE2.0") {
                gif.loops = true;
                gif.loopCount = littleEndian16(bytes, at + 16);
            }
            at = skipSubBlocks(at + 2);
        } else if (introducer == 0x2C && at + 10 < bytes.size()) {
            next.left = littleEndian16(bytes, at + 1);
            next.top = littleEndian16(bytes, at + 3);
            next.width = littleEndian16(bytes, at + 5);
            next.height = littleEndian16(bytes, at + 7);
            const int flags = quint8(bytes[at + 9]);
            at += 10;
            if (flags & 0x80) {
                at += 3 * (1 << ((flags & 7) + 1));
            }
            at = skipSubBlocks(at + 1); // after the LZW minimum code size
            gif.frames.push_back(next);
            next = GifFrame{};
        } else {
            return gif;
        }
    }
    return gif;
}

struct WebPFile
{
    bool valid = false;
    int width = 0, height = 0; ///< canvas, from VP8X
    bool hasAnim = false;
    int loopCount = -1;
    std::vector<int> durations; ///< one per ANMF chunk, milliseconds
};

/// Walks the RIFF chunks of a WebP: VP8X, ANIM, then one ANMF per frame.
inline WebPFile parseWebP(const QByteArray& bytes)
{
    WebPFile webp;
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WEBP" ||
        littleEndian32(bytes, 4) + 8 != quint32(bytes.size())) {
        return webp;
    }
    qsizetype at = 12;
    while (at + 8 <= bytes.size()) {
        const QByteArray tag = bytes.mid(at, 4);
        const qsizetype size = qsizetype(littleEndian32(bytes, at + 4));
        const qsizetype payload = at + 8;
        if (payload + size > bytes.size()) {
            return webp;
        }
        if (tag == "VP8X" && size >= 10) {
            webp.width = littleEndian24(bytes, payload + 4) + 1;
            webp.height = littleEndian24(bytes, payload + 7) + 1;
        } else if (tag == "ANIM" && size >= 6) {
            webp.hasAnim = true;
            webp.loopCount = littleEndian16(bytes, payload + 4);
        } else if (tag == "ANMF" && size >= 16) {
            webp.durations.push_back(littleEndian24(bytes, payload + 12));
        }
        at = payload + size + (size & 1); // chunks are padded to even sizes
    }
    webp.valid = at == bytes.size();
    return webp;
}

/// ffprobe's count of the decoded video frames of \a path, or -1 (ffprobe missing or failed).
inline int countVideoFrames(const QString& path, int* width = nullptr, int* height = nullptr)
{
    const QString ffprobe = QStandardPaths::findExecutable(QStringLiteral("ffprobe"));
    if (ffprobe.isEmpty()) {
        return -1;
    }
    QProcess process;
    process.start(ffprobe,
                  {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                   "stream=nb_read_frames,width,height", "-of", "csv=p=0", path});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        return -1;
    }
    const QStringList fields =
        QString::fromUtf8(process.readAllStandardOutput()).trimmed().split(',');
    if (fields.size() != 3) {
        return -1;
    }
    if (width) {
        *width = fields[0].toInt();
    }
    if (height) {
        *height = fields[1].toInt();
    }
    bool ok = false;
    const int frames = fields[2].toInt(&ok);
    return ok ? frames : -1;
}

} // namespace gradlab::testing
