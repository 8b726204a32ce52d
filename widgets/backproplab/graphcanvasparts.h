// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>

namespace gradlab {

/// What the graph canvas's parts (graphcanvas*.cpp) share: the drawing's spacing and fonts. Not
/// for use outside the canvas.
namespace graphcanvasparts {

inline constexpr double kPadding = 8.0; ///< inside a node box
inline constexpr double kMargin = 24.0; ///< around the layout

inline QFont boldFont(QFont font)
{
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    return font;
}

inline QFont smallFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.8);
    return font;
}

} // namespace graphcanvasparts

} // namespace gradlab
