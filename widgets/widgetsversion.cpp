// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
namespace gradlab {
const char* widgetsVersion() { return "0.1.0"; }
} // namespace gradlab
