// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "cliarguments.h"
#include "optimization/optimizer.h"

#include <string_view>
#include <vector>

namespace gradlab {

// The optimizer options of `descend`, shared with the subcommands that also run an optimizer
// (fit). Defined in clicommands.cpp beside descend.

/// The method named by --optimizer (given); throws CommandLineError with the closest name.
Method requireMethod(const ParsedArguments& arguments);

/// The method's defaults with the options given on the command line, each checked for the
/// method and for its range (the ranges torch.optim accepts).
OptimizerSettings requireSettings(const ParsedArguments& arguments, Method method, long long steps);

/// --steps N: a whole number from 0 to the step limit; throws CommandLineError otherwise.
long long requireStepCount(std::string_view text);

/// descend's help lines of the hyper-parameter options (optimizerOptions()), in its order.
std::vector<OptionSpec> optimizerOptionSpecs();

} // namespace gradlab
