// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace gradlab {

/// The window program, gradlab-window: beside this program (the build tree), or in
/// ../libexec/gradlab/ (an installation). Empty when neither exists.
std::string windowProgramPath();

/// Replaces this process by the window program with \a arguments (argv without the program
/// name), so that the terminal subcommands never load Qt. Returns only when that failed: then it
/// says why on \a err and returns ExitCode::Failure.
int startWindowProgram(const std::vector<std::string>& arguments, std::FILE* err);

/// A RenderCommand (commandline.h): `gradlab render` with checked arguments, drawn by the window
/// program.
int renderInWindowProgram(const std::vector<std::string>& arguments, std::FILE* out,
                          std::FILE* err);

} // namespace gradlab
