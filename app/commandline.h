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
/// the window: a subcommand, --help or --version.
bool isCommandLineInvocation(const std::vector<std::string>& arguments);

/// Runs one command-line invocation; needs no display and no QApplication.
int runCommandLine(const std::vector<std::string>& arguments, std::FILE* out, std::FILE* err);

} // namespace gradlab
