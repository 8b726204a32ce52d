// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace gradlab {

/// \brief Which rows each step of a mini-batch run uses. The rows form one endless stream: epoch
/// after epoch, each epoch every row once, in file order or, with a seed, in that epoch's own
/// random order; step k takes stream positions kB … kB + B − 1. In file order that is rows
/// kB … kB + B − 1 modulo n (a batch wraps around the end of the file).
class BatchSchedule
{
public:
    /// \a batchSize 0 or ≥ \a rowCount: every step uses every row in file order.
    BatchSchedule(std::size_t rowCount, std::size_t batchSize,
                  std::optional<std::uint64_t> shuffleSeed = std::nullopt);

    std::size_t rowCount() const { return m_rowCount; }
    /// The rows per step (at most rowCount()).
    std::size_t batchSize() const { return m_batchSize; }
    bool isFullBatch() const { return m_batchSize == m_rowCount; }

    /// The rows of step \a step, in the order the stream gives them.
    std::vector<std::size_t> rows(long long step);

    /// The order of the rows in epoch \a epoch: identity, or the Fisher–Yates shuffle drawn by
    /// RandomSource(seed + epoch·0x9E3779B97F4A7C15) (j uniform on {0, …, i} for i = n−1 … 1).
    std::vector<std::size_t> epochOrder(long long epoch) const;

private:
    const std::vector<std::size_t>& cachedOrder(long long epoch);

    std::size_t m_rowCount = 0;
    std::size_t m_batchSize = 0;
    std::optional<std::uint64_t> m_seed;
    long long m_cachedEpoch = -1;
    std::vector<std::size_t> m_cachedOrder;
};

} // namespace gradlab
