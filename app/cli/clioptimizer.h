// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "cliarguments.h"
#include "optimization/hyperparameters.h"

#include <deque>
#include <span>
#include <string>
#include <vector>

namespace gradlab {

/// \brief The options of `gradlab descend` that set hyper-parameters, made from a table of
/// HyperParameter rows: their specs (which drive parsing and the help page), their synopsis
/// words and the settings they give.
class OptimizerOptions
{
public:
    explicit OptimizerOptions(std::span<const HyperParameter> table);

    /// One option per row: options with a value first, then flags, each in table order. The help
    /// line ends with the defaults taken from defaultSettings() ("(default: momentum, nesterov
    /// 0.9; rmsprop 0)").
    std::span<const OptionSpec> options() const { return m_options; }
    /// "[--lr V] [--momentum V] … [--centered] [--amsgrad]", in the order of options().
    const std::string& synopsis() const { return m_synopsis; }

    /// One line per parameter whose defaults differ too much to fit its help line: "default
    /// learning rates: gd 0.02, momentum 0.005, …".
    std::string notes() const;

    /// The method's defaults with the options given in \a arguments, each checked for the method
    /// (throws "--beta1 does not apply to 'gd' (only to adam)") and for its range.
    OptimizerSettings settings(const ParsedArguments& arguments, Method method) const;

private:
    std::vector<const HyperParameter*> m_rows; ///< in the order of m_options
    std::deque<std::string> m_texts;           ///< the help lines the specs point into
    std::vector<OptionSpec> m_options;
    std::string m_synopsis;
};

/// The schedule of --schedule SPEC and --warmup N:F (constant without them); throws
/// CommandLineError for a mistake in either, or when \a method has no learning rate.
ScheduleSettings requireSchedule(const ParsedArguments& arguments, Method method);

/// The options of hyperParameters(), the table the program uses.
const OptimizerOptions& optimizerOptions();

/// \a value's shortest form that reads back exactly ("0.005", "1e-08").
std::string shortNumber(double value);

/// "gd, momentum, …, newton or linesearch": every method's name, for help lines.
std::string methodNamesText();

} // namespace gradlab
