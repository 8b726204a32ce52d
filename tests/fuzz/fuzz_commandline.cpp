// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// libFuzzer target over the command line: argument parsing, the checks of every value (numbers,
// points, domains, methods, schedules, step counts), help pages and the subcommands themselves,
// as runCommandLine dispatches them; for render, the checks of its options (the drawing, in the
// window program, has its own tests).
//
// An input is the arguments, one a line, then optionally a NUL byte and what stdin holds
// ("--points -", "--data -"). A mistake must be a CommandLineError with a message; any other
// exception, a crash, a sanitizer report or a hang is a finding.
#include "clicommands.h"
#include "renderoptions.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using namespace gradlab;

void require(bool condition, const char* what, std::string_view detail = {})
{
    if (!condition) {
        std::fprintf(stderr, "invariant broken: %s\n%.*s\n", what, static_cast<int>(detail.size()),
                     detail.data());
        __builtin_trap();
    }
}

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

/// The arguments of \a text, one a line; nothing when an argument names a path (the target reads
/// no file but its input: relative names are looked up in the fuzzer's working folder, an empty
/// one) or there are more than a command line of a person holds.
std::optional<std::vector<std::string>> argumentsOf(std::string_view text)
{
    std::vector<std::string> arguments;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view word = text.substr(0, end);
        if (word.find('/') != std::string_view::npos || arguments.size() == 64) {
            return std::nullopt;
        }
        arguments.emplace_back(word);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return arguments;
}

int dispatch(const std::vector<std::string>& arguments, const CommandStreams& streams)
{
    if (arguments.front() == "render") {
        const auto parsed = parseRenderOptions(arguments);
        if (const auto* problem = std::get_if<RenderProblem>(&parsed)) {
            require(!problem->message.empty(), "a render problem without a message");
            return 2;
        }
        const auto& options = std::get<RenderOptions>(parsed);
        require(!options.function.empty() && !options.out.empty(),
                "a render request without a function or a file");
        require(options.width == 0 || (options.width >= 16 && options.height >= 16),
                "a render size out of range");
        return 0;
    }
    const std::span<const std::string> rest(arguments.begin() + 1, arguments.end());
    const CommandSpec* command = findCommand(arguments.front());
    if (!command) {
        // The help pages, and the "did you mean" of an unknown subcommand.
        static_cast<void>(closestMatch(arguments.front(), rest));
        return 2;
    }
    require(!commandHelp(*command).empty(), "a subcommand without a help page");
    const ParsedArguments parsed =
        ParsedArguments::parse(rest, command->options, command->name, command->positional);
    if (parsed.helpRequested()) {
        return 0;
    }
    return command->run(parsed, streams);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size > 4096) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = input.find('\0');
    const std::optional<std::vector<std::string>> arguments = argumentsOf(input.substr(0, nul));
    if (!arguments || arguments->empty()) {
        return 0;
    }
    std::string stdinText(nul == std::string_view::npos ? std::string_view()
                                                        : input.substr(nul + 1));
    // fmemopen of an empty buffer is an error on some C libraries; one byte more, unread.
    stdinText.push_back('\0');
    const File in(fmemopen(stdinText.data(), stdinText.size() - 1, "r"), &std::fclose);
    const File sink(std::fopen("/dev/null", "w"), &std::fclose);
    require(in && sink, "no streams");

    try {
        const int code = dispatch(*arguments, CommandStreams{in.get(), sink.get(), sink.get()});
        require(code == 0 || code == 2 || code == 3, "an exit code runCommandLine does not give");
    } catch (const CommandLineError& error) {
        require(std::string_view(error.what()).size() > 0, "an error without a message");
        require(std::string_view(error.what()).find('\n') == std::string_view::npos,
                "an error message of several lines (details belong below it)", error.what());
    }
    // Any other exception escapes: libFuzzer reports it as a crash with the input.
    return 0;
}
