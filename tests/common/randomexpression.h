// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "expression/builtins.h"
#include "expression/node.h"

#include <array>
#include <cstdint>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace gradlab {

/// \brief Random expression trees from a fixed seed, for property tests: the same trees on every
/// run and every machine (std::mt19937_64 is fully specified, and draws avoid the
/// implementation-defined distributions).
///
/// Used by the printer's round-trip test and the derivative property tests:
///     RandomExpression random(42);
///     for (int i = 0; i < 1000; ++i) { const NodePtr f = random.next(); ... }
class RandomExpression
{
public:
    /// \brief What the trees may contain.
    struct Options
    {
        int maxDepth = 5;                    ///< levels below the root, at most
        std::vector<std::string> parameters; ///< names of Parameter leaves (none: no parameters)
        bool constants = true;               ///< pi and e leaves
        bool calls = true;                   ///< builtin calls
        std::vector<Builtin> builtins;       ///< which calls (empty: every builtin)
        bool negativeNumbers = false; ///< Number leaves below zero (the parser never makes them)
    };

    explicit RandomExpression(std::uint64_t seed)
        : RandomExpression(seed, Options())
    {}
    RandomExpression(std::uint64_t seed, Options options)
        : m_engine(seed)
        , m_options(std::move(options))
    {
        if (m_options.builtins.empty()) {
            for (const BuiltinInfo& info : gradlab::builtins()) {
                m_options.builtins.push_back(info.id);
            }
        }
    }

    /// The next tree.
    NodePtr next() { return generate(0); }

    /// A whole number in [0, bound), bound > 0.
    std::uint64_t below(std::uint64_t bound) { return m_engine() % bound; }

    /// A number in [low, high], in steps of 1/1024 so that it prints exactly.
    double between(double low, double high)
    {
        return low + static_cast<double>(below(1025)) / 1024.0 * (high - low);
    }

private:
    NodePtr generate(int depth)
    {
        // Leaves grow likelier with depth; at the limit only leaves are left.
        if (depth >= m_options.maxDepth || below(static_cast<std::uint64_t>(m_options.maxDepth) +
                                                 1) < static_cast<std::uint64_t>(depth)) {
            return leaf();
        }
        switch (below(m_options.calls ? 8 : 7)) {
        case 0:
            return neg(generate(depth + 1));
        case 1:
            return add(generate(depth + 1), generate(depth + 1));
        case 2:
            return sub(generate(depth + 1), generate(depth + 1));
        case 3:
        case 4:
            return mul(generate(depth + 1), generate(depth + 1));
        case 5:
            return div(generate(depth + 1), generate(depth + 1));
        case 6:
            return pow(generate(depth + 1), generate(depth + 1));
        default:
            return call(m_options.builtins[below(m_options.builtins.size())], generate(depth + 1));
        }
    }

    NodePtr leaf()
    {
        constexpr std::array<double, 10> numbers{0, 1, 2, 3, 0.5, 10, 0.25, 100, 1.5, 1e-3};
        switch (below(8)) {
        case 0:
        case 1: {
            const double value = numbers[below(numbers.size())];
            return num(m_options.negativeNumbers && below(3) == 0 ? -value : value);
        }
        case 2:
            if (m_options.constants) {
                return below(2) == 0 ? Node::constant("pi", std::numbers::pi)
                                     : Node::constant("e", std::numbers::e);
            }
            return num(static_cast<double>(below(10)));
        case 3:
            if (!m_options.parameters.empty()) {
                return Node::parameter(m_options.parameters[below(m_options.parameters.size())]);
            }
            return var(Variable::X);
        case 4:
        case 5:
            return var(Variable::X);
        default:
            return var(Variable::Y);
        }
    }

    std::mt19937_64 m_engine;
    Options m_options;
};

} // namespace gradlab
