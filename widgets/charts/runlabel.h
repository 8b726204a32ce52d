// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/optimizer.h"

#include <QString>

namespace gradlab {

/// \brief How a run is named in legends, lists and messages: its method and learning rate
/// ("Adam, lr 0.1"), the schedule when there is one ("Adam, lr 0.1, cosine"), and for
/// Nelder–Mead, which has no learning rate, the size of its first simplex ("Nelder–Mead,
/// simplex 5 %", SciPy's initial simplex).
QString runLabel(const OptimizerSettings& settings);

/// The method's label alone ("Gradient descent").
QString methodText(Method method);

} // namespace gradlab
