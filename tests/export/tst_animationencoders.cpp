// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "animationfiles.h"
#include "export/animationencoder.h"
#include "export/encodeworker.h"
#include "export/gifencoder.h"
#include "export/mp4encoder.h"

#include <QDir>
#include <QImageReader>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace gradlab;
using namespace gradlab::testing;

namespace {

/// Frame \a k of a small test film: a smooth blue-to-yellow ramp (like a heat map) with a red
/// square moving right by 4 pixels a frame.
QImage filmFrame(const QSize& size, int k)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient ramp(0, 0, size.width(), 0);
    ramp.setColorAt(0, QColor(20, 30, 160));
    ramp.setColorAt(1, QColor(250, 220, 40));
    painter.fillRect(image.rect(), ramp);
    painter.fillRect(QRect(4 + 4 * k, size.height() / 3, 10, 10), QColor(220, 20, 20));
    return image;
}

/// Encodes \a frames film frames to \a path; an empty string, or the encoder's error.
QString encode(AnimationFormat format, const AnimationSettings& settings, int frames,
               const QString& path)
{
    auto encoder = AnimationEncoder::create(format, settings);
    if (!encoder->begin(path)) {
        return encoder->errorString();
    }
    for (int k = 0; k < frames; ++k) {
        if (!encoder->addFrame(filmFrame(settings.size, k))) {
            return encoder->errorString();
        }
    }
    return encoder->finish() ? QString() : encoder->errorString();
}

int maximumDifference(const QImage& a, const QImage& b)
{
    int largest = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            largest = std::max({largest, std::abs(qRed(p) - qRed(q)),
                                std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))});
        }
    }
    return largest;
}

} // namespace

class TestAnimationEncoders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testGif_data();
    void testGif();
    void testWebP_data();
    void testWebP();
    void testMp4();
    void testMp4WithoutFfmpeg();
    void testDeterministic_data();
    void testDeterministic();
    void testCancelLeavesNoFile_data();
    void testCancelLeavesNoFile();
    void testWorker();
    void testRejects();
    void testPalette();
};

void TestAnimationEncoders::testGif_data()
{
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("fps");
    QTest::addColumn<QSize>("size");
    QTest::newRow("15 fps, 12 frames") << 12 << 15 << QSize(80, 60);
    QTest::newRow("one frame") << 1 << 15 << QSize(80, 60);
    QTest::newRow("24 fps, odd size") << 9 << 24 << QSize(77, 41);
}

void TestAnimationEncoders::testGif()
{
    QFETCH(int, frames);
    QFETCH(int, fps);
    QFETCH(QSize, size);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("film.gif"));
    AnimationSettings settings;
    settings.size = size;
    settings.fps = fps;
    QCOMPARE(encode(AnimationFormat::Gif, settings, frames, path), QString());

    const GifFile gif = parseGif(readAll(path));
    QVERIFY(gif.valid);
    QCOMPARE(gif.version, QByteArray("89a"));
    QCOMPARE(gif.width, size.width());
    QCOMPARE(gif.height, size.height());
    QCOMPARE(gif.globalColors, 256);
    QVERIFY(gif.loops);
    QCOMPARE(gif.loopCount, 0);
    QCOMPARE(int(gif.frames.size()), frames);
    int total = 0;
    for (int k = 0; k < frames; ++k) {
        const GifFrame& frame = gif.frames[std::size_t(k)];
        total += frame.delay;
        QCOMPARE(frame.disposal, 1); // do not dispose: the next frame draws over this one
        if (k < frames - 1) {
            // 100/fps hundredths, rounded up or down.
            QVERIFY2(std::abs(frame.delay - 100.0 / fps) < 1.0, qPrintable(QString::number(k)));
        }
        if (k == 0) {
            QCOMPARE(frame.transparentIndex, -1);
            QCOMPARE(QRect(frame.left, frame.top, frame.width, frame.height),
                     QRect(QPoint(0, 0), size));
        } else {
            // Only the square's old and new place change: 14 × 10 pixels.
            QCOMPARE(frame.transparentIndex, GifEncoder::kTransparentIndex);
            QCOMPARE(QSize(frame.width, frame.height), QSize(14, 10));
        }
    }
    // The frames' own time, then the end hold of one second on the last frame.
    QCOMPARE(total, int(std::lround(frames * 100.0 / fps)) + 100);

    // Decoded (Qt's GIF reader composes the frames), each frame looks like its source.
    QImageReader reader(path);
    QCOMPARE(reader.imageCount(), frames);
    for (int k = 0; k < frames; ++k) {
        const QImage decoded = reader.read();
        QVERIFY2(!decoded.isNull(), qPrintable(reader.errorString()));
        QVERIFY2(maximumDifference(decoded, filmFrame(size, k)) <= 12,
                 qPrintable(QStringLiteral("frame %1").arg(k)));
    }
}

void TestAnimationEncoders::testWebP_data()
{
    QTest::addColumn<bool>("lossless");
    QTest::addColumn<int>("fps");
    QTest::newRow("lossless, 15 fps") << true << 15;
    QTest::newRow("lossy, 15 fps") << false << 15;
    QTest::newRow("lossless, 7 fps") << true << 7;
}

void TestAnimationEncoders::testWebP()
{
    QFETCH(bool, lossless);
    QFETCH(int, fps);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("film.webp"));
    AnimationSettings settings;
    settings.size = QSize(80, 60);
    settings.fps = fps;
    settings.lossless = lossless;
    constexpr int frames = 10;
    QCOMPARE(encode(AnimationFormat::WebP, settings, frames, path), QString());

    const WebPFile webp = parseWebP(readAll(path));
    QVERIFY(webp.valid);
    QVERIFY(webp.hasAnim);
    QCOMPARE(webp.loopCount, 0);
    QCOMPARE(QSize(webp.width, webp.height), settings.size);
    QCOMPARE(int(webp.durations.size()), frames);
    int total = 0;
    for (int duration : webp.durations) {
        total += duration;
    }
    QCOMPARE(total, int(std::lround(frames * 1000.0 / fps)) + 1000);
    QVERIFY(webp.durations.back() >= 1000);
}

void TestAnimationEncoders::testMp4()
{
    if (Mp4Encoder::ffmpegProgram().isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("ffprobe")).isEmpty()) {
        QSKIP("ffmpeg is not installed (Debian package ffmpeg): no MP4 to write or count");
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("film.mp4"));
    AnimationSettings settings;
    settings.size = QSize(80, 60);
    settings.fps = 10;
    constexpr int frames = 12;
    QCOMPARE(encode(AnimationFormat::Mp4, settings, frames, path), QString());
    int width = 0, height = 0;
    // The frames, then the end hold: the last frame again for one second (10 frames).
    QCOMPARE(countVideoFrames(path, &width, &height), frames + 10);
    QCOMPARE(QSize(width, height), settings.size);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"film.mp4"});
}

void TestAnimationEncoders::testMp4WithoutFfmpeg()
{
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QTemporaryDir().path().toLocal8Bit());
    QTemporaryDir dir;
    AnimationSettings settings;
    settings.size = QSize(80, 60);
    const QString error =
        encode(AnimationFormat::Mp4, settings, 3, dir.filePath(QStringLiteral("film.mp4")));
    qputenv("PATH", path);
    QVERIFY2(error.contains(QLatin1String("ffmpeg")) &&
                 error.contains(QLatin1String("apt install ffmpeg")),
             qPrintable(error));
    QVERIFY(QDir(dir.path()).isEmpty(QDir::Files | QDir::Hidden));
}

void TestAnimationEncoders::testDeterministic_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("lossless");
    QTest::newRow("gif") << int(AnimationFormat::Gif) << true;
    QTest::newRow("webp lossless") << int(AnimationFormat::WebP) << true;
    QTest::newRow("webp lossy") << int(AnimationFormat::WebP) << false;
}

void TestAnimationEncoders::testDeterministic()
{
    QFETCH(int, format);
    QFETCH(bool, lossless);
    QTemporaryDir dir;
    AnimationSettings settings;
    settings.size = QSize(120, 70);
    settings.lossless = lossless;
    const QString first = dir.filePath(QStringLiteral("first"));
    const QString second = dir.filePath(QStringLiteral("second"));
    QCOMPARE(encode(AnimationFormat(format), settings, 8, first), QString());
    QCOMPARE(encode(AnimationFormat(format), settings, 8, second), QString());
    const QByteArray bytes = readAll(first);
    QVERIFY(bytes.size() > 100);
    QVERIFY(bytes == readAll(second));
}

void TestAnimationEncoders::testCancelLeavesNoFile_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("duringFinish");
    QTest::newRow("gif") << int(AnimationFormat::Gif) << false;
    QTest::newRow("gif, while finishing") << int(AnimationFormat::Gif) << true;
    QTest::newRow("webp") << int(AnimationFormat::WebP) << false;
    QTest::newRow("webp, while finishing") << int(AnimationFormat::WebP) << true;
    if (!Mp4Encoder::ffmpegProgram().isEmpty()) {
        QTest::newRow("mp4") << int(AnimationFormat::Mp4) << false;
        QTest::newRow("mp4, while finishing") << int(AnimationFormat::Mp4) << true;
    }
}

void TestAnimationEncoders::testCancelLeavesNoFile()
{
    QFETCH(int, format);
    QFETCH(bool, duringFinish);
    QTemporaryDir dir;
    AnimationSettings settings;
    settings.size = QSize(80, 60);
    auto encoder = AnimationEncoder::create(AnimationFormat(format), settings);
    QVERIFY(encoder->begin(dir.filePath(QStringLiteral("film"))));
    for (int k = 0; k < 5; ++k) {
        QVERIFY(encoder->addFrame(filmFrame(settings.size, k)));
    }
    if (duringFinish) {
        // A cancel from another thread arrives while finish() runs: it gives up.
        encoder->requestCancel();
        QVERIFY(!encoder->finish());
    } else {
        encoder->cancel();
    }
    QVERIFY2(QDir(dir.path()).isEmpty(QDir::Files | QDir::Hidden),
             qPrintable(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).join(' ')));
}

void TestAnimationEncoders::testWorker()
{
    QTemporaryDir dir;
    AnimationSettings settings;
    settings.size = QSize(80, 60);
    const QString path = dir.filePath(QStringLiteral("film.gif"));
    {
        EncodeWorker worker(AnimationEncoder::create(AnimationFormat::Gif, settings), path);
        for (int k = 0; k < 6; ++k) {
            worker.push(filmFrame(settings.size, k));
        }
        worker.close();
        QVERIFY2(worker.wait(), qPrintable(worker.errorString()));
        QCOMPARE(worker.encodedFrames(), 6);
    }
    QCOMPARE(int(parseGif(readAll(path)).frames.size()), 6);

    // A worker cancelled half-way, or destroyed before it was closed, leaves nothing.
    const QString cancelled = dir.filePath(QStringLiteral("cancelled.gif"));
    {
        EncodeWorker worker(AnimationEncoder::create(AnimationFormat::Gif, settings), cancelled);
        worker.push(filmFrame(settings.size, 0));
        worker.cancel();
        QVERIFY(!worker.wait());
    }
    {
        EncodeWorker worker(AnimationEncoder::create(AnimationFormat::WebP, settings), cancelled);
        worker.push(filmFrame(settings.size, 0));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"film.gif"});
}

void TestAnimationEncoders::testRejects()
{
    QTemporaryDir dir;
    AnimationSettings settings;
    settings.size = QSize(80, 60);
    {
        auto encoder = AnimationEncoder::create(AnimationFormat::Gif, settings);
        QVERIFY(encoder->begin(dir.filePath(QStringLiteral("film.gif"))));
        QVERIFY(!encoder->addFrame(filmFrame(QSize(81, 60), 0)));
        QVERIFY2(encoder->errorString().contains(QStringLiteral("81×60")),
                 qPrintable(encoder->errorString()));
        encoder->cancel();
    }
    for (AnimationFormat format : {AnimationFormat::Gif, AnimationFormat::WebP}) {
        auto encoder = AnimationEncoder::create(format, settings);
        QVERIFY(!encoder->begin(dir.filePath(QStringLiteral("no/such/folder/film"))));
        QVERIFY2(encoder->errorString().contains(QLatin1String("no/such/folder")),
                 qPrintable(encoder->errorString()));
    }
    settings.fps = 60;
    auto fast = AnimationEncoder::create(AnimationFormat::Gif, settings);
    QVERIFY(!fast->begin(dir.filePath(QStringLiteral("fast.gif"))));
    QVERIFY(fast->errorString().contains(QLatin1String("50")));
    QVERIFY(QDir(dir.path()).isEmpty(QDir::Files | QDir::Hidden));
}

void TestAnimationEncoders::testPalette()
{
    // Three colours give three palette entries, each exactly its colour; a ramp of 1000 greys
    // is cut into 255 entries no more than one 255th of the range apart.
    ColorHistogram few;
    for (QRgb color : {qRgb(255, 0, 0), qRgb(0, 128, 0), qRgb(10, 20, 250)}) {
        for (int i = 0; i < 7; ++i) {
            few.add(color);
        }
    }
    const std::vector<QRgb> three = few.medianCut(255);
    QCOMPARE(int(three.size()), 3);
    QVERIFY(std::find(three.begin(), three.end(), qRgb(0, 128, 0)) != three.end());
    const std::vector<std::uint8_t> nearest = few.nearest(three);
    QCOMPARE(three[nearest[ColorHistogram::binOf(qRgb(10, 20, 250))]], qRgb(10, 20, 250));

    ColorHistogram ramp;
    for (int i = 0; i < 1000; ++i) {
        const int grey = i * 255 / 999;
        ramp.add(qRgb(grey, grey, grey));
    }
    const std::vector<QRgb> greys = ramp.medianCut(255);
    QVERIFY(greys.size() >= 32); // every 5-bit grey bin, at least
    const std::vector<std::uint8_t> index = ramp.nearest(greys);
    for (int grey = 0; grey < 256; ++grey) {
        const QRgb chosen = greys[index[ColorHistogram::binOf(qRgb(grey, grey, grey))]];
        QVERIFY2(std::abs(qRed(chosen) - grey) <= 8, qPrintable(QString::number(grey)));
    }
}

QTEST_MAIN(TestAnimationEncoders)
#include "tst_animationencoders.moc"
