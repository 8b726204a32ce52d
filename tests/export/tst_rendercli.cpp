// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// `gradlab render --animate` and `--out view.svg`, run as the built program. The 3-D views are
// in tst_rendercli3d (they need a display).
#include "animationfiles.h"
#include "export/mp4encoder.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <cmath>
#include <set>

using namespace gradlab::testing;

namespace {

QString gradlabProgram()
{
    return QStringLiteral(GRADLAB_BINARY_DIR "/app/gradlab");
}

/// The scene of these tests: the elongated bowl, two runs of 12 steps.
const QStringList kRace{
    "preset:elongated", "--optimizer", "gd", "--optimizer", "momentum", "--lr", "0.09",
    "--steps",          "12"};

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result render(const QStringList& arguments)
{
    QProcess process;
    process.start(gradlabProgram(), QStringList{"render"} + arguments);
    Result result;
    if (!process.waitForFinished(180000)) {
        process.kill();
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

/// The element names of an SVG, or an empty set (and \a error) if it is not well-formed XML.
std::multiset<QString> svgElements(const QString& path, QString* error)
{
    QFile file(path);
    std::multiset<QString> names;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return names;
    }
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            names.insert(xml.name().toString());
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
        return {};
    }
    return names;
}

/// Mean absolute difference per channel of two images of one size, 0 to 255.
double meanDifference(const QImage& a, const QImage& b)
{
    double sum = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) +
                   std::abs(qBlue(p) - qBlue(q));
        }
    }
    return sum / (3.0 * a.width() * a.height());
}

} // namespace

class TestRenderCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testGif_data();
    void testGif();
    void testWebP();
    void testMp4();
    void testByteIdentical_data();
    void testByteIdentical();
    void testSvg_data();
    void testSvg();
    void testRejects_data();
    void testRejects();
    void testStillReplacesWhole();
};

void TestRenderCli::testGif_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("fps");
    QTest::addColumn<QSize>("size");
    QTest::newRow("every step, defaults") << QStringList{} << 13 << 15 << QSize(960, 540);
    QTest::newRow("range, 10 fps, 480p, overlay")
        << QStringList{"--steps-range", "3:8", "--fps", "10", "--size", "854x480", "--overlay"} << 6
        << 10 << QSize(854, 480);
    QTest::newRow("range past the end, charts")
        << QStringList{"--steps-range", "10:500", "--charts", "--size", "400x300"} << 3 << 15
        << QSize(400, 300);
}

void TestRenderCli::testGif()
{
    QFETCH(QStringList, options);
    QFETCH(int, frames);
    QFETCH(int, fps);
    QFETCH(QSize, size);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("race.gif"));
    const Result result = render(kRace + options + QStringList{"--animate", "--out", out});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("%1 frames").arg(frames)), qPrintable(result.out));

    const GifFile gif = parseGif(readAll(out));
    QVERIFY(gif.valid);
    QCOMPARE(QSize(gif.width, gif.height), size);
    QVERIFY(gif.loops);
    QCOMPARE(gif.loopCount, 0);
    QCOMPARE(int(gif.frames.size()), frames);
    int total = 0;
    for (const GifFrame& frame : gif.frames) {
        total += frame.delay;
    }
    QCOMPARE(total, int(std::lround(frames * 100.0 / fps)) + 100);
    QVERIFY(gif.frames.back().delay >= 100);
    // After the first, frames hold only what changed: smaller than the whole picture.
    for (std::size_t k = 1; k < gif.frames.size(); ++k) {
        QVERIFY(gif.frames[k].width * gif.frames[k].height < size.width() * size.height());
    }
    // Frame 0 decodes to the still of the first step.
    const QString still = dir.filePath(QStringLiteral("still.png"));
    const int first = options.contains("--steps-range") ? options[1].split(':')[0].toInt() : 0;
    QStringList stillOptions = options;
    if (const qsizetype at = stillOptions.indexOf("--steps-range"); at >= 0) {
        stillOptions.remove(at, 2);
    }
    if (const qsizetype at = stillOptions.indexOf("--fps"); at >= 0) {
        stillOptions.remove(at, 2);
    }
    QStringList scene = kRace;
    scene.last() = QString::number(first); // --steps N shows step N
    const Result drawn =
        render(scene + stillOptions +
               QStringList{"--size", QStringLiteral("%1x%2").arg(size.width()).arg(size.height()),
                           "--out", still});
    QVERIFY2(drawn.exitCode == 0, qPrintable(drawn.err));
    if (first == 0) {
        const QImage decoded = QImage(out).convertToFormat(QImage::Format_RGB32);
        const QImage expected = QImage(still).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(decoded.size(), expected.size());
        // 255 colours for the whole film: close to the still, not equal.
        QVERIFY2(meanDifference(decoded, expected) < 4.0,
                 qPrintable(QString::number(meanDifference(decoded, expected))));
    }
}

void TestRenderCli::testWebP()
{
    QTemporaryDir dir;
    for (const bool lossy : {false, true}) {
        const QString out =
            dir.filePath(lossy ? QStringLiteral("lossy.webp") : QStringLiteral("lossless.webp"));
        const QStringList extra = lossy ? QStringList{"--lossy"} : QStringList{};
        const Result result =
            render(kRace + extra + QStringList{"--size", "480x270", "--animate", "--out", out});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const WebPFile webp = parseWebP(readAll(out));
        QVERIFY(webp.valid);
        QVERIFY(webp.hasAnim);
        QCOMPARE(webp.loopCount, 0);
        QCOMPARE(QSize(webp.width, webp.height), QSize(480, 270));
        QCOMPARE(int(webp.durations.size()), 13); // both runs move at every step
        int total = 0;
        for (int duration : webp.durations) {
            total += duration;
        }
        QCOMPARE(total, int(std::lround(13 * 1000.0 / 15)) + 1000);
    }
    QVERIFY(QFileInfo(dir.filePath("lossy.webp")).size() <
            QFileInfo(dir.filePath("lossless.webp")).size());
}

void TestRenderCli::testMp4()
{
    if (gradlab::Mp4Encoder::ffmpegProgram().isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("ffprobe")).isEmpty()) {
        QSKIP("ffmpeg is not installed (Debian package ffmpeg): no MP4 to write or count");
    }
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("race.mp4"));
    const Result result =
        render(kRace + QStringList{"--fps", "12", "--size", "480x270", "--animate", "--out", out});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    int width = 0, height = 0;
    // 13 steps, then the end hold: the last frame again for a second (12 frames at 12 fps).
    QCOMPARE(countVideoFrames(out, &width, &height), 13 + 12);
    QCOMPARE(QSize(width, height), QSize(480, 270));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"race.mp4"});
}

void TestRenderCli::testByteIdentical_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("gif") << "race.gif" << QStringList{"--overlay"};
    QTest::newRow("webp lossless") << "race.webp" << QStringList{};
    QTest::newRow("webp lossy") << "race.webp" << QStringList{"--lossy"};
}

void TestRenderCli::testByteIdentical()
{
    QFETCH(QString, file);
    QFETCH(QStringList, options);
    QTemporaryDir first, second;
    for (const QTemporaryDir* dir : {&first, &second}) {
        const Result result =
            render(kRace + options +
                   QStringList{"--size", "480x270", "--animate", "--out", dir->filePath(file)});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    }
    const QByteArray bytes = readAll(first.filePath(file));
    QVERIFY(bytes.size() > 1000);
    QVERIFY(bytes == readAll(second.filePath(file)));
}

void TestRenderCli::testSvg_data()
{
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("lines"); ///< the element the plot's lines are written as
    QTest::addColumn<bool>("heatMap");
    QTest::newRow("contour") << "contour"
                             << "path" << true;
    QTest::newRow("charts") << "charts"
                            << "polyline" << false;
    QTest::newRow("partials") << "partials"
                              << "polyline" << false;
    QTest::newRow("window") << "window"
                            << "path" << true;
}

void TestRenderCli::testSvg()
{
    QFETCH(QString, view);
    QFETCH(QString, lines);
    QFETCH(bool, heatMap);
    QTemporaryDir dir;
    const QString out = dir.filePath(view + QStringLiteral(".svg"));
    const Result result = render(kRace + QStringList{"--view", view, "--out", out});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QString error;
    const std::multiset<QString> elements = svgElements(out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!elements.empty());
    QVERIFY(elements.count(QStringLiteral("svg")) == 1);
    // Tick labels, titles and notes are text; the curves are vector lines.
    QVERIFY2(elements.count(QStringLiteral("text")) >= 10,
             qPrintable(QString::number(elements.count(QStringLiteral("text")))));
    QVERIFY(elements.count(lines) >= 3);
    QVERIFY(elements.count(QStringLiteral("polyline")) >= 3);
    // The heat map is one embedded image, not thousands of rectangles.
    QCOMPARE(elements.count(QStringLiteral("image")) >= 1, heatMap || view == "partials");
    QVERIFY(elements.count(QStringLiteral("rect")) < 1000);

    // Drawn by Qt's SVG renderer, it looks like the PNG of the same view.
    QSvgRenderer svg(out);
    QVERIFY(svg.isValid());
    const QString png = dir.filePath(view + QStringLiteral(".png"));
    const Result still = render(kRace + QStringList{"--view", view, "--out", png});
    QVERIFY2(still.exitCode == 0, qPrintable(still.err));
    const QImage expected = QImage(png).convertToFormat(QImage::Format_RGB32);
    QImage drawn(expected.size(), QImage::Format_RGB32);
    drawn.fill(Qt::white);
    QPainter painter(&drawn);
    svg.render(&painter, QRectF(QPointF(0, 0), QSizeF(expected.size())));
    painter.end();
    QVERIFY2(meanDifference(drawn, expected) < 12.0,
             qPrintable(QString::number(meanDifference(drawn, expected))));
}

void TestRenderCli::testRejects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("says");
    QTest::newRow("animation without --animate")
        << QStringList{"x^2", "--out", "run.gif"} << "add --animate";
    QTest::newRow("--animate into a PNG")
        << QStringList{"x^2", "--animate", "--out", "run.png"} << ".gif, .webp or .mp4";
    QTest::newRow("--fps without --animate")
        << QStringList{"x^2", "--fps", "10", "--out", "run.png"} << "options of --animate";
    QTest::newRow("fps zero") << QStringList{"x^2", "--fps", "0", "--animate", "--out", "run.gif"}
                              << "--fps needs a whole number from 1 to 60";
    QTest::newRow("GIF at 60 fps")
        << QStringList{"x^2", "--fps", "60", "--animate", "--out", "run.gif"} << "1 to 50";
    QTest::newRow("range backwards")
        << QStringList{"x^2", "--steps-range", "9:3", "--animate", "--out", "run.gif"}
        << "--steps-range needs A:B";
    QTest::newRow("range past the race")
        << QStringList{"x^2", "--steps",   "5",     "--steps-range",
                       "7:9", "--animate", "--out", "run.gif"}
        << "runs from step 0 to 5";
    QTest::newRow("animate the partials")
        << QStringList{"x^2", "--view", "partials", "--animate", "--out", "run.gif"}
        << "contour, surface or linked";
    QTest::newRow("SVG of the surface")
        << QStringList{"x^2", "--view", "surface", "--out", "view.svg"} << "2-D views";
    QTest::newRow("unwritable") << QStringList{"x^2",       "--steps", "2",
                                               "--animate", "--out",   "no/such/folder/run.gif"}
                                << "no/such/folder";
    for (const char* still : {"map.png", "map.pdf", "map.svg"}) {
        QTest::addRow("unwritable still %s", still)
            << QStringList{"x^2", "--out", QStringLiteral("no/such/folder/") + still}
            << QStringLiteral("could not write no/such/folder/%1: ").arg(still);
    }
}

void TestRenderCli::testRejects()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, says);
    QTemporaryDir dir;
    // Relative --out names land in the temporary folder.
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(gradlabProgram(), QStringList{"render"} + arguments);
    QVERIFY(process.waitForFinished(60000));
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitCode() == 1 || process.exitCode() == 2, qPrintable(error));
    QVERIFY2(error.contains(says), qPrintable(error));
    QVERIFY(QDir(dir.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

void TestRenderCli::testStillReplacesWhole()
{
    // A still is drawn beside its target and renamed over it: the folder holds the new picture
    // and nothing else, and the old file stays when the picture cannot be drawn.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("map.png"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old picture");
    old.close();
    const Result written = render({"x^2 + y^2", "--size", "320x240", "--out", path});
    QCOMPARE(written.exitCode, 0);
    QCOMPARE(QImage(path).size(), QSize(320, 240));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("map.png")});
    QVERIFY(QFile::remove(path));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old picture");
    old.close();
    const Result failed = render({"x +* y", "--out", path});
    QCOMPARE(failed.exitCode, 2);
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("old picture"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("map.png")});
}

QTEST_MAIN(TestRenderCli)
#include "tst_rendercli.moc"
