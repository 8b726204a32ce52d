// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/batchschedule.h"

#include "fit/randomsource.h"

#include <numeric>
#include <utility>

namespace gradlab {

BatchSchedule::BatchSchedule(std::size_t rowCount, std::size_t batchSize,
                             std::optional<std::uint64_t> shuffleSeed)
    : m_rowCount(rowCount)
    , m_batchSize(batchSize == 0 || batchSize > rowCount ? rowCount : batchSize)
    , m_seed(shuffleSeed)
{}

std::vector<std::size_t> BatchSchedule::epochOrder(long long epoch) const
{
    std::vector<std::size_t> order(m_rowCount);
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (!m_seed || m_rowCount < 2) {
        return order;
    }
    // golden-ratio spacing keeps the seeds of consecutive epochs far apart
    RandomSource random(*m_seed + static_cast<std::uint64_t>(epoch) * 0x9E3779B97F4A7C15ULL);
    for (std::size_t i = m_rowCount - 1; i > 0; --i) {
        std::swap(order[i], order[static_cast<std::size_t>(random.below(i + 1))]);
    }
    return order;
}

const std::vector<std::size_t>& BatchSchedule::cachedOrder(long long epoch)
{
    if (epoch != m_cachedEpoch) {
        m_cachedOrder = epochOrder(epoch);
        m_cachedEpoch = epoch;
    }
    return m_cachedOrder;
}

std::vector<std::size_t> BatchSchedule::rows(long long step)
{
    std::vector<std::size_t> rows;
    if (m_rowCount == 0) {
        return rows;
    }
    if (isFullBatch() && !m_seed) {
        rows.resize(m_rowCount);
        std::iota(rows.begin(), rows.end(), std::size_t{0});
        return rows;
    }
    rows.reserve(m_batchSize);
    const auto n = static_cast<long long>(m_rowCount);
    const long long first = step * static_cast<long long>(m_batchSize);
    for (long long position = first; position < first + static_cast<long long>(m_batchSize);
         ++position) {
        rows.push_back(cachedOrder(position / n)[static_cast<std::size_t>(position % n)]);
    }
    return rows;
}

} // namespace gradlab
