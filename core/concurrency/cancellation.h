// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <memory>

namespace gradlab {

/// \brief A flag shared between whoever asked for work and the work itself: cancel() once, and
/// every copy reports isCancelled(). A default-constructed token can be cancelled too.
class CancellationToken
{
public:
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag = std::make_shared<std::atomic<bool>>(false);
};

} // namespace gradlab
