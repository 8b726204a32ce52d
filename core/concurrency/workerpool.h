// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "concurrency/cancellation.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace gradlab {

/// \brief A fixed set of threads started once, fed from one queue. submit() hands back a future;
/// parallelFor() splits an index range over the pool and the calling thread.
///
/// Nesting is safe: parallelFor() called from inside a pool task works through its own indices
/// on the calling thread, so it finishes even when every other worker is busy. (Waiting on a
/// submit() future from inside a pool task is not: the task may be queued behind the waiter.)
class WorkerPool
{
public:
    /// \a threads workers (0: one per hardware thread, at least one).
    explicit WorkerPool(int threads = 0);
    /// Finishes the queued tasks, then joins the workers.
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// The application's pool, started on first use and sized to the cores.
    static WorkerPool& shared();

    int threadCount() const { return static_cast<int>(m_threads.size()); }

    /// Runs \a task on a worker; the future holds its result or its exception.
    template <typename Task>
    auto submit(Task task) -> std::future<std::invoke_result_t<Task>>
    {
        using Result = std::invoke_result_t<Task>;
        auto packaged = std::make_shared<std::packaged_task<Result()>>(std::move(task));
        std::future<Result> future = packaged->get_future();
        enqueue([packaged] { (*packaged)(); });
        return future;
    }

    /// Calls body(index) for every index in [0, count), on at most \a parallelism threads (the
    /// caller and parallelism − 1 workers; 0: the caller and every worker), and returns when all
    /// calls have returned. Indices are taken in increasing order, each exactly once. Once
    /// \a token is cancelled, or a call has thrown, the indices not yet taken are skipped; the
    /// first exception is rethrown here. Returns false when indices were skipped.
    bool parallelFor(int count, const std::function<void(int)>& body,
                     const CancellationToken& token = {}, int parallelism = 0);

private:
    void enqueue(std::function<void()> task);
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_queue;
    /// Tasks queued and not yet taken: read without the lock by workers that spin before sleeping.
    std::atomic<int> m_pending{0};
    int m_sleeping = 0;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace gradlab
