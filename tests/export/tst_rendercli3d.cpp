// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// `gradlab render --animate` of the 3-D views, run as the built program: needs OpenGL, so a
// display (the "display" label: run under xvfb-run).
#include "animationfiles.h"

#include <QImage>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>

using namespace gradlab::testing;

class TestRenderCli3d : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testAnimate_data();
    void testAnimate();
};

void TestRenderCli3d::testAnimate_data()
{
    QTest::addColumn<QString>("view");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("surface") << "surface" << QStringList{};
    QTest::newRow("linked, charts, overlay") << "linked" << QStringList{"--charts", "--overlay"};
}

void TestRenderCli3d::testAnimate()
{
    QFETCH(QString, view);
    QFETCH(QStringList, options);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("race.gif"));
    QProcess process;
    process.start(QStringLiteral(GRADLAB_BINARY_DIR "/app/gradlab"),
                  QStringList{"render", "preset:bowl", "--optimizer", "gd", "--steps", "8",
                              "--view", view, "--size", "640x360", "--animate", "--out", out} +
                      options);
    QVERIFY(process.waitForFinished(180000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    const GifFile gif = parseGif(readAll(out));
    QVERIFY(gif.valid);
    QCOMPARE(QSize(gif.width, gif.height), QSize(640, 360));
    QCOMPARE(int(gif.frames.size()), 9);
    // The surface is drawn: the first frame has many colours, and the run moves between the
    // first and the last frame.
    QImageReader reader(out);
    const QImage first = reader.read().convertToFormat(QImage::Format_RGB32);
    QImage last;
    while (reader.canRead()) {
        last = reader.read().convertToFormat(QImage::Format_RGB32);
    }
    QVERIFY(first.convertToFormat(QImage::Format_Indexed8).colorCount() > 32);
    QVERIFY(!last.isNull());
    QVERIFY(first != last);
}

QTEST_MAIN(TestRenderCli3d)
#include "tst_rendercli3d.moc"
