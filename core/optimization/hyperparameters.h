// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/optimizer.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace gradlab {

/// What kind of value a hyper-parameter holds.
enum class ParameterKind {
    Real,   ///< a real number
    Flag,   ///< on or off (stored as 1 or 0)
    Count,  ///< a whole number
    Choice, ///< one of HyperParameter::choices (stored as its index)
};

/// How the optimizer panel edits a value.
enum class EditorKind {
    LearningRate, ///< the log slider with an exact entry beside it
    Fraction,     ///< a spin box from editorMinimum to editorMaximum with `decimals` decimals
    Positive,     ///< a free number entry accepting values > 0
    NonNegative,  ///< a free number entry accepting values ≥ 0
    Check,        ///< a check box showing the label
    Count,        ///< a whole-number spin box from editorMinimum to editorMaximum
    Choice,       ///< a list of the choices
};

/// Where a parameter's row goes: with the method's parameters, or with the stopping rules
/// (after the step limit).
enum class ParameterGroup { Method, Stopping };

/// \brief The accepted values of a parameter: [minimum, maximum] with either end open.
struct ValueRange
{
    double minimum = 0;
    double maximum = 0; ///< +inf: no upper bound
    bool minimumOpen = false;
    bool maximumOpen = false;

    bool contains(double value) const;
};

/// \brief One hyper-parameter of the optimizers: its names, its range, the methods that use it
/// and how to read and write it in OptimizerSettings. The CLI's descend options, the optimizer
/// panel's rows and the scene file's keys are all made from these rows; the default for a method
/// is the value in defaultSettings(method).
struct HyperParameter
{
    std::string_view name;     ///< the command-line option without dashes: "lr-decay"
    std::string_view sceneKey; ///< the key in a scene file's run settings: "lrDecay"
    /// The panel's row label, '&' before its keyboard mnemonic (Qt's convention); a check box
    /// shows it as its text.
    std::string_view label;
    std::string_view symbol;  ///< the mathematical symbol: "μ", "β₁" (empty when there is none)
    std::string_view help;    ///< one line for `gradlab descend --help`, without the defaults
    std::string_view toolTip; ///< the panel's explanation, with the formula it enters
    ParameterKind kind = ParameterKind::Real;
    ValueRange range;
    EditorKind editor = EditorKind::NonNegative;
    double editorMinimum = 0; ///< Fraction and Count editors
    double editorMaximum = 0; ///< Fraction and Count editors
    int decimals = 0;         ///< Fraction editors
    ParameterGroup group = ParameterGroup::Method;
    std::vector<Method> methods;           ///< the methods that use it; empty: every method
    std::vector<std::string_view> choices; ///< the values of a Choice, as the CLI writes them
    double (*get)(const OptimizerSettings& settings) = nullptr;
    void (*set)(OptimizerSettings& settings, double value) = nullptr;

    bool appliesTo(Method method) const;
    /// The value defaultSettings(method) gives it.
    double defaultValue(Method method) const;
};

/// The table of every hyper-parameter, in the order the panel shows them.
std::span<const HyperParameter> hyperParameters();

/// The row named \a name ("momentum") in \a table.
const HyperParameter* findHyperParameter(std::string_view name,
                                         std::span<const HyperParameter> table = hyperParameters());

/// The methods \a parameter applies to, in allMethods() order, grouped by their default value:
/// {{0.9, {momentum, nesterov}}, {0, {rmsprop}}}.
struct DefaultGroup
{
    double value = 0;
    std::vector<Method> methods;
};
std::vector<DefaultGroup> defaultGroups(const HyperParameter& parameter);

} // namespace gradlab
