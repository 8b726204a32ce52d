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

/// \brief An optimizer option and the methods it applies to.
struct MethodOption
{
    std::string_view option;
    std::vector<Method> methods; ///< empty: every method
};

/// Every optimizer option ("lr", "momentum", …) with the methods it applies to.
const std::vector<MethodOption>& methodOptions();

/// The method named by --optimizer (given); throws CommandLineError with the closest name.
Method requireMethod(const ParsedArguments& arguments);

/// The method's defaults with the options given on the command line, each checked for the
/// method and for its range (the ranges torch.optim accepts).
OptimizerSettings requireSettings(const ParsedArguments& arguments, Method method, long long steps);

/// --steps N: a whole number from 0 to the step limit; throws CommandLineError otherwise.
long long requireStepCount(std::string_view text);

/// descend's help lines of the optimizer options (those of methodOptions()), in its order.
std::vector<OptionSpec> optimizerOptionSpecs();

} // namespace gradlab
