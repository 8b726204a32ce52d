// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "clicommands.h"

namespace gradlab {

/// The `fit` subcommand: train a two-parameter model on a CSV data set with an optimizer and
/// print the parameters and losses after every step.
CommandSpec fitCommand();

} // namespace gradlab
