// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// gradlab-window: the window, and `render`, which paints with Qt. The gradlab program starts it
// for those; given a terminal subcommand it answers as gradlab does.
#include "commandline.h"
#include "mainwindow.h"
#include "render.h"

#include <QApplication>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char* argv[])
{
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    // render creates its own QApplication; the other subcommands need none.
    if (gradlab::isCommandLineInvocation(arguments)) {
        return gradlab::runCommandLine(arguments, stdin, stdout, stderr, &gradlab::runRender);
    }
    QApplication application(argc, argv);
    gradlab::applyApplicationIdentity();
    gradlab::MainWindow window;
    window.show();
    return application.exec();
}
