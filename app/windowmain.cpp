// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "commandline.h"
#include "mainwindow.h"
#include "render.h"

#include <QApplication>
#include <string>
#include <vector>

int main(int argc, char* argv[])
{
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    // render needs Qt's painting (and creates its own QApplication); the other subcommands need
    // no display and no QApplication at all.
    if (!arguments.empty() && arguments.front() == "render") {
        return gradlab::runRender(arguments, stdout, stderr);
    }
    if (gradlab::isCommandLineInvocation(arguments)) {
        return gradlab::runCommandLine(arguments, stdout, stderr);
    }
    QApplication application(argc, argv);
    gradlab::applyApplicationIdentity();
    gradlab::MainWindow window;
    window.show();
    return application.exec();
}
