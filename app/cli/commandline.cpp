// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "commandline.h"

#include "clicommands.h"
#include "renderoptions.h"

#include <exception>
#include <span>
#include <variant>

namespace gradlab {
namespace {

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

std::string overview()
{
    std::string text = "usage: gradlab SUBCOMMAND [ARGUMENTS]\n"
                       "       gradlab              (no arguments: open the window)\n"
                       "\n"
                       "Derivatives and gradient descent, made visible: the command line.\n"
                       "\n"
                       "subcommands:\n";
    for (const CommandSpec& command : commands()) {
        text += "  " + std::string(command.name) + std::string(10 - command.name.size(), ' ') +
                std::string(command.summary) + "\n";
    }
    text += "  render    draw a scene to PNG, PDF, SVG, GIF, WebP or MP4 without a window\n"
            "  help      this overview, or 'gradlab help SUBCOMMAND' for one subcommand\n"
            "\n"
            "options:\n"
            "  -h, --help  this overview\n"
            "  --version   the version\n"
            "\n"
            "EXPR is an expression in x and y as people write it (\"x^2 + 3xy + y^2\"), or\n"
            "preset:NAME. Numbers are printed with 17 significant digits (\"%.17g\"); values that\n"
            "are not real numbers as nan, inf or -inf.\n"
            "\n"
            "exit codes: 0 success, 1 failure, 2 bad input, 3 a descent that diverged\n";
    return text;
}

std::vector<std::string> subcommandNames()
{
    std::vector<std::string> names;
    for (const CommandSpec& command : commands()) {
        names.emplace_back(command.name);
    }
    names.emplace_back("render");
    names.emplace_back("help");
    return names;
}

/// "unknown subcommand 'evl'; did you mean 'eval'?"
CommandLineError unknownSubcommand(std::string_view name)
{
    const std::vector<std::string> names = subcommandNames();
    const std::string closest = closestMatch(name, names);
    return CommandLineError((name.starts_with('-') ? "unknown option " : "unknown subcommand ") +
                            quoted(name) +
                            (closest.empty() ? "" : "; did you mean " + quoted(closest) + "?"));
}

/// `gradlab help [SUBCOMMAND]`
int runHelp(std::span<const std::string> arguments, std::FILE* out)
{
    if (arguments.size() > 1) {
        throw CommandLineError("help takes at most one subcommand, got " + quoted(arguments[1]) +
                               " after " + quoted(arguments[0]));
    }
    const std::string subcommand = arguments.empty() ? std::string() : arguments.front();
    const std::string text = commandLineHelp(subcommand);
    if (text.empty()) {
        throw unknownSubcommand(subcommand);
    }
    std::fputs(text.c_str(), out);
    return static_cast<int>(ExitCode::Success);
}

/// `gradlab render ...`: its usage and mistakes here, the drawing by \a render.
int runRenderCommand(const std::vector<std::string>& arguments, const CommandStreams& streams,
                     RenderCommand render)
{
    if (asksForRenderHelp(arguments)) {
        std::fputs(renderUsage().c_str(), streams.out);
        return static_cast<int>(ExitCode::Success);
    }
    const auto parsed = parseRenderOptions(arguments);
    if (const auto* problem = std::get_if<RenderProblem>(&parsed)) {
        std::fprintf(streams.err, "gradlab render: %s\n%s", problem->message.c_str(),
                     renderUsage().c_str());
        return static_cast<int>(ExitCode::BadInput);
    }
    if (!render) {
        throw CommandLineError("render draws with Qt: run it through the gradlab program", {},
                               false, ExitCode::Failure);
    }
    return render(arguments, streams.out, streams.err);
}

int dispatch(const std::vector<std::string>& arguments, const CommandStreams& streams,
             RenderCommand render, std::string& helpTopic)
{
    const std::string& first = arguments.front();
    const std::span<const std::string> rest(arguments.begin() + 1, arguments.end());
    if (first == "--version") {
        std::fprintf(streams.out, "gradlab %s\n", GRADLAB_VERSION);
        return static_cast<int>(ExitCode::Success);
    }
    if (first == "help" || first == "--help" || first == "-h") {
        return runHelp(rest, streams.out);
    }
    if (first == "render") {
        return runRenderCommand(arguments, streams, render);
    }
    const CommandSpec* command = findCommand(first);
    if (!command) {
        throw unknownSubcommand(first);
    }
    helpTopic = first;
    const ParsedArguments parsed =
        ParsedArguments::parse(rest, command->options, command->name, command->positional);
    if (parsed.helpRequested()) {
        std::fputs(commandHelp(*command).c_str(), streams.out);
        return static_cast<int>(ExitCode::Success);
    }
    return command->run(parsed, streams);
}

} // namespace

bool isCommandLineInvocation(const std::vector<std::string>& arguments)
{
    if (arguments.empty()) {
        return false;
    }
    const std::string& first = arguments.front();
    return !first.starts_with('-') || first == "--help" || first == "-h" || first == "--version";
}

std::string commandLineHelp(const std::string& subcommand)
{
    if (subcommand.empty()) {
        return overview();
    }
    // render lives beside the window (it paints with Qt); its usage is its own.
    if (subcommand == "render") {
        return renderUsage();
    }
    const CommandSpec* command = findCommand(subcommand);
    return command ? commandHelp(*command) : std::string();
}

int runCommandLine(const std::vector<std::string>& arguments, std::FILE* out, std::FILE* err)
{
    return runCommandLine(arguments, stdin, out, err);
}

int runCommandLine(const std::vector<std::string>& arguments, std::FILE* in, std::FILE* out,
                   std::FILE* err, RenderCommand render)
{
    if (arguments.empty()) {
        std::fputs("usage: gradlab SUBCOMMAND [ARGUMENTS]\nrun 'gradlab help'\n", err);
        return static_cast<int>(ExitCode::BadInput);
    }
    // The subcommand whose help page a usage error points to; the overview until one is known.
    std::string helpTopic;
    int code = static_cast<int>(ExitCode::Failure);
    try {
        code = dispatch(arguments, CommandStreams{in, out, err}, render, helpTopic);
    } catch (const CommandLineError& error) {
        std::string text = "gradlab: error: " + std::string(error.what()) + "\n";
        for (const std::string& line : error.details()) {
            text += line + "\n";
        }
        if (error.hasUsageHint()) {
            text += "run 'gradlab help" + (helpTopic.empty() ? "" : " " + helpTopic) + "'\n";
        }
        std::fputs(text.c_str(), err);
        code = static_cast<int>(error.code());
    } catch (const std::exception& error) {
        std::fprintf(err, "gradlab: error: %s\n", error.what());
        code = static_cast<int>(ExitCode::Failure);
    }
    std::fflush(out);
    std::fflush(err);
    return code;
}

} // namespace gradlab
