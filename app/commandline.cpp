// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "commandline.h"

namespace gradlab {

bool isCommandLineInvocation(const std::vector<std::string>& arguments)
{
    return !arguments.empty();
}

int runCommandLine(const std::vector<std::string>& arguments, std::FILE* out, std::FILE* err)
{
    if (!arguments.empty() && arguments[0] == "--version") {
        std::fprintf(out, "gradlab %s\n", GRADLAB_VERSION);
        return static_cast<int>(ExitCode::Success);
    }
    std::fprintf(arguments.empty() ? err : out, "usage: gradlab [--help] [--version]\n");
    return static_cast<int>(arguments.empty() ? ExitCode::BadInput : ExitCode::Success);
}

} // namespace gradlab
