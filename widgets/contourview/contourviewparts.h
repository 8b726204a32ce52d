// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "contourview/contourview.h"
#include "plotfonts.h"

#include <Eigen/Core>
#include <QBrush>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <limits>
#include <vector>

class QCPCurve;
class QCPItemLine;
class QCPItemText;
class QCPLayer;
class QCPLineEnding;
class QCustomPlot;
class QFontMetricsF;

namespace gradlab {

struct RunEntry;

/// What the contour view's parts (contourview*.cpp) share: their constants and small
/// QCustomPlot helpers. Not for use outside the view.
namespace contourparts {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A full-resolution heat map follows this long after the last change of the function.
inline constexpr int kFullResolutionDelayMs = 150;
// A heat map computed in the background says so once it takes longer than this.
inline constexpr int kComputingHintDelayMs = 100;
// The session's domain follows the view this long after the last pan or zoom.
inline constexpr int kFollowDelayMs = 250;
// Movement (Manhattan pixels) up to which a press and release still count as a click; the same
// threshold QCustomPlot uses for its own click signals.
inline constexpr int kClickTolerance = 3;
// Arrows of the gradient field per axis.
inline constexpr int kGradientFieldCells = 20;
// Probe arrows are this share of the shorter visible side long; run arrows at most kArrowCap of
// the visible width.
inline constexpr double kProbeArrowShare = 0.12;
inline constexpr double kArrowCap = 0.25;
// Path points farther than this many domain sizes from the domain are left out of the drawing:
// lines to 10³⁰⁰ would stall the painter, and nothing there can be seen anyway.
inline constexpr double kSaneExtent = 1e3;
// Text of the notes wraps at this many characters, or earlier where the axis rect is narrower.
inline constexpr int kWrapColumns = 64;
// A note's horizontal padding (6 pixels a side, see makeNote) and frame (up to 2 a side).
inline constexpr double kNoteChrome = 16.0;
// Fonts relative to the view's (they follow it): axes in it, legend and notes a little smaller,
// contour levels smaller still, the labels of the probe's arrows bold.
inline constexpr PlotFontRole kNoteFont{0.85};
inline constexpr PlotFontRole kContourLevelFont{0.75};
inline constexpr PlotFontRole kArrowLabelFont{1.0, true};

/// \a value with \a digits significant digits, or "undefined".
QString formatNumber(double value, int digits = 6);
/// "(x, y)" with four significant digits each.
QString formatPoint(const Eigen::Vector2d& point);
/// \a text broken into lines of at most kWrapColumns characters and at most \a width pixels in
/// \a metrics (a word longer than that keeps its line); its own line breaks stay.
QString wrapText(const QString& text, const QFontMetricsF& metrics, double width);
/// Light grey with dark diagonal strokes: reads as "no value here" over any palette.
QBrush hatchBrush();
QCPLineEnding arrowHead();
/// Whether \a point is finite and within kSaneExtent domain sizes of \a domain.
bool isSane(const Eigen::Vector2d& point, const Domain& domain);
QString runLabel(const RunEntry& entry);
void setCurvePoints(QCPCurve* curve, const std::vector<QPointF>& points);
std::vector<QPointF> curvePoints(const QCPCurve* curve);
/// Where \a item's text and padding are drawn, in the plot's pixels (as QCPItemText::draw
/// places them: its position, then its position alignment).
QRectF pixelRect(const QCPItemText* item);
/// A hidden note at (\a x, \a y) of the axis rect, aligned there by \a alignment.
QCPItemText* makeNote(QCustomPlot* plot, QCPLayer* layer, double x, double y,
                      Qt::Alignment alignment);
/// A hidden arrow on \a layer.
QCPItemLine* makeArrow(QCustomPlot* plot, QCPLayer* layer, const QPen& pen);
void placeArrow(QCPItemLine* arrow, const Eigen::Vector2d& from, const Eigen::Vector2d& to);

} // namespace contourparts

} // namespace gradlab
