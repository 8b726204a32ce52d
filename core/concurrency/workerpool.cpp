// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "concurrency/workerpool.h"

#include <algorithm>
#include <chrono>
#include <exception>

namespace gradlab {
namespace {

/// How long an idle worker keeps looking at the queue before it sleeps. Waking a sleeping thread
/// costs tens of microseconds here, as much as half of a 512² polynomial grid; work that arrives
/// in bursts (a slider moving, a grid then its contours) finds the workers awake.
constexpr auto kSpin = std::chrono::microseconds(200);

/// \brief What the threads of one parallelFor() share. Held by shared_ptr: a helper task that
/// starts after the range is done finds nothing left and never touches the caller's body.
struct RangeState
{
    const std::function<void(int)>* body = nullptr;
    CancellationToken token;
    int count = 0;
    std::atomic<int> next{0};
    std::atomic<int> finished{0};
    std::atomic<bool> skipped{false};
    std::atomic<bool> failed{false}; ///< a call has thrown: the rest is skipped
    std::mutex mutex;
    std::condition_variable allFinished;
    std::exception_ptr error;

    /// Takes indices until none are left; returns when this thread has no more to take.
    void work()
    {
        for (int index = next.fetch_add(1); index < count; index = next.fetch_add(1)) {
            if (failed.load() || token.isCancelled()) {
                skipped.store(true);
            } else {
                try {
                    (*body)(index);
                } catch (...) {
                    const std::lock_guard lock(mutex);
                    if (!error) {
                        error = std::current_exception();
                    }
                    failed.store(true);
                }
            }
            if (finished.fetch_add(1) + 1 == count) {
                const std::lock_guard lock(mutex);
                allFinished.notify_all();
            }
        }
    }
};

} // namespace

WorkerPool::WorkerPool(int threads)
{
    const int count =
        threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    m_threads.reserve(static_cast<std::size_t>(count));
    for (int t = 0; t < count; ++t) {
        m_threads.emplace_back([this] { run(); });
    }
}

WorkerPool::~WorkerPool()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread& thread : m_threads) {
        thread.join();
    }
}

WorkerPool& WorkerPool::shared()
{
    static WorkerPool pool;
    return pool;
}

void WorkerPool::enqueue(std::function<void()> task)
{
    bool wake = false;
    {
        const std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(task));
        m_pending.fetch_add(1);
        wake = m_sleeping > 0;
    }
    if (wake) {
        m_wake.notify_one();
    }
}

void WorkerPool::run()
{
    for (;;) {
        // Spin a little first: the next burst of work usually comes right away.
        const auto spinEnd = std::chrono::steady_clock::now() + kSpin;
        while (m_pending.load(std::memory_order_relaxed) == 0 &&
               std::chrono::steady_clock::now() < spinEnd) {
            std::this_thread::yield();
        }
        std::function<void()> task;
        {
            std::unique_lock lock(m_mutex);
            ++m_sleeping;
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            --m_sleeping;
            if (m_queue.empty()) {
                return; // stopping, and nothing left to do
            }
            task = std::move(m_queue.front());
            m_queue.pop_front();
            m_pending.fetch_sub(1);
        }
        task();
    }
}

bool WorkerPool::parallelFor(int count, const std::function<void(int)>& body,
                             const CancellationToken& token, int parallelism)
{
    if (count <= 0) {
        return !token.isCancelled();
    }
    auto state = std::make_shared<RangeState>();
    state->body = &body;
    state->token = token;
    state->count = count;
    const int threads = parallelism > 0 ? parallelism : threadCount() + 1;
    const int helpers = std::min({threads - 1, threadCount(), count - 1});
    for (int h = 0; h < helpers; ++h) {
        enqueue([state] { state->work(); });
    }
    state->work();
    {
        std::unique_lock lock(state->mutex);
        state->allFinished.wait(lock, [&] { return state->finished.load() == count; });
    }
    if (state->error) {
        std::rethrow_exception(state->error);
    }
    return !state->skipped.load();
}

} // namespace gradlab
