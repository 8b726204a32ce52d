// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The heat map's picture is coloured where its frame is made (on the worker pool for a 2049²
// map, #18) and handed to FrameColorMap: drawn, it is pixel for pixel what QCustomPlot's own
// colouring gives, and anything that makes the adopted picture stale hands the colouring back.
#include "colormap/colormap.h"
#include "contourview/contourview.h"
#include "contourview/framecolormap.h"
#include "session.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

using namespace gradlab;

namespace {

constexpr int kColumns = 61;
constexpr int kRows = 37;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Cells that are not symmetric in either direction, with undefined ones and some beyond the range.
std::vector<double> sampleCells()
{
    std::vector<double> cells(static_cast<std::size_t>(kColumns) * kRows);
    for (int j = 0; j < kRows; ++j) {
        for (int i = 0; i < kColumns; ++i) {
            double value = std::sin(0.21 * i) * 3 + 0.07 * j * j - 0.5 * i * j / kColumns;
            if ((i * 7 + j * 3) % 41 == 0) {
                value = kNaN;
            }
            cells[static_cast<std::size_t>(j) * kColumns + i] = value;
        }
    }
    return cells;
}

QCPColorMapData* makeData(const std::vector<double>& cells)
{
    auto* data = new QCPColorMapData(kColumns, kRows, QCPRange(-2, 3), QCPRange(-1, 1.5));
    for (int j = 0; j < kRows; ++j) {
        for (int i = 0; i < kColumns; ++i) {
            data->setCell(i, j, cells[static_cast<std::size_t>(j) * kColumns + i]);
        }
    }
    return data;
}

// One plot with one colour map of the cells (a FrameColorMap if \a frame), drawn to an image.
struct Plot
{
    explicit Plot(bool frame, const std::vector<double>& cells, const QCPRange& range)
    {
        plot.resize(400, 300);
        map = frame ? new FrameColorMap(plot.xAxis, plot.yAxis)
                    : new QCPColorMap(plot.xAxis, plot.yAxis);
        map->setInterpolate(true);
        map->setTightBoundary(false);
        map->setGradient(functionColorGradient());
        map->setData(makeData(cells));
        map->setDataRange(range);
        plot.xAxis->setRange(-2.5, 3.5);
        plot.yAxis->setRange(-1.2, 1.7);
    }
    FrameColorMap* frameMap() const { return static_cast<FrameColorMap*>(map); }
    QImage picture() { return plot.toPixmap(400, 300).toImage(); }

    QCustomPlot plot;
    QCPColorMap* map = nullptr;
};

} // namespace

class TestFrameColorMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void adoptedPictureIsQCustomPlotsOwn();
    void misfitsAreRefused();
    void staleAdoptedPictureIsColouredAgain();
    void contourViewAdoptsItsFramesPicture();
};

void TestFrameColorMap::adoptedPictureIsQCustomPlotsOwn()
{
    const std::vector<double> cells = sampleCells();
    const QCPRange range(-1.5, 4.0);
    Plot plain(false, cells, range);
    Plot framed(true, cells, range);
    const QImage image =
        coloriseCells(cells.data(), kColumns, kRows, functionColorGradient(), range);
    QCOMPARE(image.size(), QSize(kColumns, kRows));
    QVERIFY(framed.frameMap()->adoptImage(image, functionColorGradient(), range));
    QVERIFY(framed.frameMap()->showsAdoptedImage());
    const QImage expected = plain.picture();
    QCOMPARE(framed.picture(), expected);
    QVERIFY(framed.frameMap()->showsAdoptedImage()); // drawing did not colour it again

    // and the picture adopted is the one drawn: a blank one shows up blank
    Plot blank(true, cells, range);
    QImage white(kColumns, kRows, QImage::Format_ARGB32_Premultiplied);
    white.fill(Qt::white);
    QVERIFY(blank.frameMap()->adoptImage(white, functionColorGradient(), range));
    QVERIFY(blank.picture() != expected);
}

void TestFrameColorMap::misfitsAreRefused()
{
    const std::vector<double> cells = sampleCells();
    const QCPRange range(-1.5, 4.0);
    Plot framed(true, cells, range);
    const QImage expected = Plot(false, cells, range).picture();
    const QImage image =
        coloriseCells(cells.data(), kColumns, kRows, functionColorGradient(), range);

    QVERIFY(!framed.frameMap()->adoptImage(image, functionColorGradient(), QCPRange(-1, 4)));
    QVERIFY(!framed.frameMap()->adoptImage(image.copy(0, 0, kColumns - 1, kRows),
                                           functionColorGradient(), range));
    QVERIFY(!framed.frameMap()->adoptImage(image.convertToFormat(QImage::Format_RGB32),
                                           functionColorGradient(), range));
    QVERIFY(!framed.frameMap()->adoptImage(image, QCPColorGradient(QCPColorGradient::gpGrayscale),
                                           range));
    QVERIFY(!framed.frameMap()->adoptImage(QImage(), functionColorGradient(), range));
    QVERIFY(!framed.frameMap()->showsAdoptedImage());
    QCOMPARE(framed.picture(), expected); // QCustomPlot coloured it

    Plot stepped(true, cells, range);
    stepped.map->setInterpolate(false); // oversampled by QCustomPlot: not a picture to adopt
    QVERIFY(!stepped.frameMap()->adoptImage(image, functionColorGradient(), range));
}

void TestFrameColorMap::staleAdoptedPictureIsColouredAgain()
{
    const std::vector<double> cells = sampleCells();
    const QCPRange range(-1.5, 4.0);
    Plot framed(true, cells, range);
    QVERIFY(framed.frameMap()->adoptImage(
        coloriseCells(cells.data(), kColumns, kRows, functionColorGradient(), range),
        functionColorGradient(), range));
    (void)framed.picture();

    const QCPRange narrower(0, 2);
    framed.map->setDataRange(narrower);
    QVERIFY(!framed.frameMap()->showsAdoptedImage());
    QCOMPARE(framed.picture(), Plot(false, cells, narrower).picture());

    // new cells drop the adopted picture too
    Plot renewed(true, cells, range);
    QVERIFY(renewed.frameMap()->adoptImage(
        coloriseCells(cells.data(), kColumns, kRows, functionColorGradient(), range),
        functionColorGradient(), range));
    std::vector<double> other = cells;
    for (double& value : other) {
        value = -value;
    }
    renewed.map->setData(makeData(other));
    QVERIFY(!renewed.frameMap()->showsAdoptedImage());
    QCOMPARE(renewed.picture(), Plot(false, other, range).picture());
}

void TestFrameColorMap::contourViewAdoptsItsFramesPicture()
{
    Session session;
    ContourView view(&session);
    view.setDrawsAtOnce(true);
    view.resize(700, 600);
    QVERIFY(session.setExpressionText(QStringLiteral("sin(3x)*cos(2y) + x^2/5 + y/3")));
    QApplication::processEvents();
    QVERIFY(view.colorMap()->showsAdoptedImage());
    const QImage adopted = view.plot()->toPixmap(600, 500).toImage();

    // The same cells coloured by QCustomPlot itself (invalidate by a round trip of the range).
    const QCPRange range = view.colorMap()->dataRange();
    view.colorMap()->setDataRange(QCPRange(range.lower, range.upper + 1));
    view.colorMap()->setDataRange(range);
    QVERIFY(!view.colorMap()->showsAdoptedImage());
    QCOMPARE(view.plot()->toPixmap(600, 500).toImage(), adopted);
}

QTEST_MAIN(TestFrameColorMap)
#include "tst_framecolormap.moc"
