// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "plotfonts.h"

#include <QColor>
#include <QPair>
#include <QString>
#include <QVector>

class QDoubleSpinBox;
class QLabel;
class QTableView;
class QWidget;

namespace gradlab::labstyle {

/// The function: teal, as in the tutorial's figures (and the partials inspector).
inline const QColor kCurve{0, 128, 128};
/// Anything that is f′: the derivative curve and every tangent line.
inline const QColor kDerivative{230, 126, 34};
/// The point the user drags.
inline const QColor kPoint{200, 30, 45};
/// The secant line of Fig. 3, red as in the tutorial.
inline const QColor kSecant{200, 30, 45};
/// Axis text and neutral marks.
inline const QColor kInk{40, 44, 52};
/// Highlight behind the best row of the difference table.
inline const QColor kHighlight{214, 240, 238};

/// A heading's font, relative to its parent's: it stands out from the paragraphs around it.
inline constexpr PlotFontRole kHeadingFont{1.3, true};
/// A readout's font, relative to its parent's.
inline constexpr PlotFontRole kReadoutFont{1.15};

/// Formats a readout: \a decimals fixed decimals, "undefined" when not finite, no "-0.00".
QString fixed(double value, int decimals = 2);
/// Formats a value with up to \a digits significant digits ("1e-08", "2.000000011").
QString significant(double value, int digits = 10);

/// A y range that shows \a values (their finite ones, 2nd to 98th percentile, so that a pole does
/// not flatten the rest) and y = 0, with a margin; at least 1 tall.
QPair<double, double> shownRange(const QVector<double>& values);

/// Gives \a widget the font \a role of its parent widget's font (the parent at this call), now and
/// again at each font change of that parent (presenter mode): its size relative to the parent's
/// holds, and restoring the parent's font gives back the exact size. A later call replaces the
/// role.
void followFont(QWidget* widget, PlotFontRole role);

/// A bold page title, 1.3 times its parent's font.
QLabel* heading(const QString& text, QWidget* parent);
/// A word-wrapped paragraph of rich text.
QLabel* paragraph(const QString& text, QWidget* parent);
/// A large readout label (rich text, 1.15 times its parent's font), selectable.
QLabel* readout(QWidget* parent);
/// A box for typing x exactly: 3 decimals, steps of 0.1, the value taken on Return or when focus
/// leaves rather than at each keystroke. The caller sets its range.
QDoubleSpinBox* xEditor(QWidget* parent);
/// Makes \a view exactly as tall as its header and rows, each row its font's height plus
/// \a padding pixels, without a vertical scroll bar; again at each change of its font
/// (presenter mode) or of its model's row count.
void fitHeightToRows(QTableView* view, int padding);

} // namespace gradlab::labstyle
