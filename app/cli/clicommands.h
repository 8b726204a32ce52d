// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "cliarguments.h"

#include <cstdio>
#include <span>
#include <string>
#include <string_view>

namespace gradlab {

/// \brief Where a subcommand reads points from ("--points -") and writes its results and errors.
struct CommandStreams
{
    std::FILE* in = nullptr;
    std::FILE* out = nullptr;
    std::FILE* err = nullptr;
};

/// \brief One subcommand: its options (which drive both parsing and the help page), its help text
/// and the function that runs it.
struct CommandSpec
{
    std::string_view name;       ///< "eval"
    std::string_view summary;    ///< one line for the list in `gradlab help`
    std::string_view synopsis;   ///< "gradlab eval EXPR --at X,Y [--at X,Y ...] ..."
    std::string_view positional; ///< "EXPR", or empty when the subcommand takes none
    std::span<const OptionSpec> options;
    std::string_view description; ///< paragraphs for the help page
    std::string_view examples;    ///< command lines, one a line
    /// Runs the subcommand; returns the exit code or throws CommandLineError.
    int (*run)(const ParsedArguments& arguments, const CommandStreams& streams) = nullptr;
    /// Help text computed from the core, printed after the description (descend: the default
    /// learning rates); null when there is none.
    std::string (*notes)() = nullptr;
};

/// eval, diff, descend, presets, critical — in the order `gradlab help` lists them.
std::span<const CommandSpec> commands();
const CommandSpec* findCommand(std::string_view name);

/// The help page of \a command: usage, description, options, examples.
std::string commandHelp(const CommandSpec& command);

} // namespace gradlab
