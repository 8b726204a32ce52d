// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "clicommands.h"

#include <string>

namespace gradlab {

/// `gradlab eval`: value, gradient and Hessian of f at points.
int runEval(const ParsedArguments& arguments, const CommandStreams& streams);
/// `gradlab diff`: the simplified partial derivatives, with --steps their derivation.
int runDiff(const ParsedArguments& arguments, const CommandStreams& streams);
/// `gradlab descend`: one optimizer's trajectory.
int runDescend(const ParsedArguments& arguments, const CommandStreams& streams);
/// descend's help notes: each method's default learning rate.
std::string defaultLearningRates();
/// `gradlab presets`: the catalogue.
int runPresets(const ParsedArguments& arguments, const CommandStreams& streams);
/// `gradlab critical`: critical points and curves of f in a domain.
int runCritical(const ParsedArguments& arguments, const CommandStreams& streams);

} // namespace gradlab
