// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "expression/node.h"

#include <numbers>

// Leaves of expression trees for tests that build expected trees by hand.
namespace gradlab::testing {

inline NodePtr X()
{
    return var(Variable::X);
}
inline NodePtr Y()
{
    return var(Variable::Y);
}
inline NodePtr P(const char* name)
{
    return Node::parameter(name);
}
inline NodePtr pi()
{
    return Node::constant("pi", std::numbers::pi);
}
inline NodePtr e()
{
    return Node::constant("e", std::numbers::e);
}

} // namespace gradlab::testing
