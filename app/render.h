// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace gradlab {

/// `gradlab render EXPR|preset:NAME [options] --out FILE.png|FILE.pdf`: draws a scene without a
/// window on screen. Creates the QApplication itself (the offscreen platform when there is no
/// display) unless one exists. \a arguments start with "render". Returns 0, or 2 for bad input,
/// or 1 when the file could not be written.
int runRender(const std::vector<std::string>& arguments, std::FILE* out, std::FILE* err);

} // namespace gradlab
