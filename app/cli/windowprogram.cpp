// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "windowprogram.h"

#include "commandline.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace gradlab {

std::string windowProgramPath()
{
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) {
        return {};
    }
    const std::filesystem::path folder = self.parent_path();
    for (const std::filesystem::path& candidate :
         {folder / "gradlab-window", folder / ".." / "libexec" / "gradlab" / "gradlab-window"}) {
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate.lexically_normal().string();
        }
    }
    return {};
}

int startWindowProgram(const std::vector<std::string>& arguments, std::FILE* err)
{
    const std::string program = windowProgramPath();
    if (program.empty()) {
        std::fputs("gradlab: error: the window program gradlab-window is not installed beside "
                   "gradlab (nor in ../libexec/gradlab/)\n",
                   err);
        return static_cast<int>(ExitCode::Failure);
    }
    // argv[0] stays "gradlab": the name the user typed, in ps and in Qt's messages.
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("gradlab"));
    for (const std::string& argument : arguments) {
        argv.push_back(const_cast<char*>(argument.c_str()));
    }
    argv.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(err);
    ::execv(program.c_str(), argv.data());
    std::fprintf(err, "gradlab: error: cannot start %s: %s\n", program.c_str(),
                 std::strerror(errno));
    return static_cast<int>(ExitCode::Failure);
}

int renderInWindowProgram(const std::vector<std::string>& arguments, std::FILE* /*out*/,
                          std::FILE* err)
{
    return startWindowProgram(arguments, err);
}

} // namespace gradlab
