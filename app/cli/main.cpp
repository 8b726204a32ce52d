// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// gradlab: the command line, which links no Qt at all; the window and render are drawn by the
// window program (gradlab-window), which this process becomes.
#include "commandline.h"
#include "windowprogram.h"

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char* argv[])
{
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    if (gradlab::isCommandLineInvocation(arguments)) {
        return gradlab::runCommandLine(arguments, stdin, stdout, stderr,
                                       &gradlab::renderInWindowProgram);
    }
    return gradlab::startWindowProgram(arguments, stderr);
}
