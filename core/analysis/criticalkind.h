// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

namespace gradlab {

/// \brief What a critical point is, by the signs of the Hessian's eigenvalues.
enum class CriticalKind { Minimum, Maximum, Saddle, Degenerate };

} // namespace gradlab
