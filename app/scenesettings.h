// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/hyperparameters.h"

#include <QVariantMap>
#include <span>

namespace gradlab {

/// A run's settings as a scene file stores them: "method", "maxSteps" and one key per row of
/// \a table (HyperParameter::sceneKey): flags as booleans, counts as integers, choices by name;
/// a schedule other than the constant rate as "schedule" (and "warmup") in the CLI's syntax.
QVariantMap settingsToVariant(const OptimizerSettings& settings,
                              std::span<const HyperParameter> table = hyperParameters());

/// The settings of a scene file's run: the method's defaults for every key that is missing or
/// not a finite number; an unknown method reads as gradient descent.
OptimizerSettings settingsFromVariant(const QVariantMap& map,
                                      std::span<const HyperParameter> table = hyperParameters());

} // namespace gradlab
