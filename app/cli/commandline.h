// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace gradlab {

/// Exit codes of the command line: 0 success, 2 bad input, 3 a descent that diverged.
enum class ExitCode { Success = 0, Failure = 1, BadInput = 2, Diverged = 3 };

/// True when \a arguments (argv without the program name) ask for the command line rather than
/// the window: a first argument that is a word (a subcommand, or a mistyped one, which gets an
/// error rather than a window), --help, -h or --version. Qt's own options (-platform, --style)
/// start with a dash and leave the window to start.
bool isCommandLineInvocation(const std::vector<std::string>& arguments);

/// Draws a `render` request whose arguments were checked: runRender() in the window program; in
/// the gradlab program, the hand-over to the window program. Returns an ExitCode.
using RenderCommand = int (*)(const std::vector<std::string>& arguments, std::FILE* out,
                              std::FILE* err);

/// Runs one command-line invocation; needs no display, no QApplication and no Qt at all. Reads
/// "--points -" from stdin; writes results to \a out and messages to \a err. Returns an
/// ExitCode. render's usage and mistakes are answered here; a valid request goes to \a render
/// (without one it is an error).
int runCommandLine(const std::vector<std::string>& arguments, std::FILE* out, std::FILE* err);

/// The same, reading "--points -" from \a in.
int runCommandLine(const std::vector<std::string>& arguments, std::FILE* in, std::FILE* out,
                   std::FILE* err, RenderCommand render = nullptr);

/// The help page of \a subcommand ("eval", "render"), or the overview for an empty name; empty
/// for an unknown subcommand.
std::string commandLineHelp(const std::string& subcommand = {});

} // namespace gradlab
