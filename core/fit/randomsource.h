// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace gradlab {

/// \brief Random numbers that are the same on every platform: std::mt19937_64 (whose output the
/// standard fixes) with the distributions written out here, since std::uniform_real_distribution
/// and std::normal_distribution differ between standard libraries.
class RandomSource
{
public:
    explicit RandomSource(std::uint64_t seed)
        : m_engine(seed)
    {}

    /// Uniform on [0, 1): the top 53 bits of one draw times 2⁻⁵³, every double of that grid
    /// equally likely.
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }

    /// Uniform on [low, high).
    double uniform(double low, double high) { return low + (high - low) * uniform(); }

    /// Uniform on {0, …, count − 1} for count ≥ 1: draws below the largest multiple of count are
    /// taken modulo count, the rest redrawn, so no value is favoured.
    std::uint64_t below(std::uint64_t count)
    {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % count;
        std::uint64_t draw = m_engine();
        while (draw >= limit) {
            draw = m_engine();
        }
        return draw % count;
    }

    /// Standard normal by Box–Muller: z = √(−2 ln u₁)·cos(2π u₂) with u₁ in (0, 1]; one z per
    /// two uniforms (the sine half is dropped, so each call is independent of the call before).
    double normal()
    {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
    }

    /// Normal with mean \a mean and standard deviation \a deviation.
    double normal(double mean, double deviation) { return mean + deviation * normal(); }

private:
    std::mt19937_64 m_engine;
};

} // namespace gradlab
