// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "concurrency/workerpool.h"

#include <QTest>
#include <atomic>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace gradlab;

class TestWorkerPool : public QObject
{
    Q_OBJECT

private slots:
    void everyIndexOnce_data();
    void everyIndexOnce();
    void indicesTakenInOrder();
    void submitReturnsResults();
    void submitCarriesExceptions();
    void parallelForRethrows();
    void cancelledBeforeStartSkipsAll();
    void cancelledMidwaySkipsTheRest();
    void nestedParallelForFinishes();
    void zeroSizeWork_data();
    void zeroSizeWork();
};

void TestWorkerPool::everyIndexOnce_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("parallelism");
    QTest::newRow("one worker, one index") << 1 << 1 << 0;
    QTest::newRow("two workers, many indices") << 2 << 1000 << 0;
    QTest::newRow("four workers, fewer indices") << 4 << 3 << 0;
    QTest::newRow("parallelism capped at two") << 4 << 500 << 2;
    QTest::newRow("parallelism above the pool") << 2 << 500 << 8;
}

void TestWorkerPool::everyIndexOnce()
{
    QFETCH(int, threads);
    QFETCH(int, count);
    QFETCH(int, parallelism);
    WorkerPool pool(threads);
    QCOMPARE(pool.threadCount(), threads);
    std::vector<std::atomic<int>> calls(static_cast<std::size_t>(count));
    QVERIFY(pool.parallelFor(
        count, [&](int index) { calls[static_cast<std::size_t>(index)]++; }, {}, parallelism));
    for (int index = 0; index < count; ++index) {
        QCOMPARE(calls[static_cast<std::size_t>(index)].load(), 1);
    }
}

void TestWorkerPool::indicesTakenInOrder()
{
    // One thread only (parallelism 1): the caller takes 0, 1, 2, … in turn.
    WorkerPool pool(2);
    std::vector<int> order;
    QVERIFY(pool.parallelFor(
        50, [&](int index) { order.push_back(index); }, {}, 1));
    std::vector<int> expected(50);
    std::iota(expected.begin(), expected.end(), 0);
    QCOMPARE(order, expected);
}

void TestWorkerPool::submitReturnsResults()
{
    WorkerPool pool(2);
    std::vector<std::future<int>> futures;
    for (int k = 0; k < 20; ++k) {
        futures.push_back(pool.submit([k] { return k * k; }));
    }
    for (int k = 0; k < 20; ++k) {
        QCOMPARE(futures[static_cast<std::size_t>(k)].get(), k * k);
    }
}

void TestWorkerPool::submitCarriesExceptions()
{
    WorkerPool pool(1);
    auto failing = pool.submit([]() -> int { throw std::runtime_error("task failed"); });
    auto fine = pool.submit([] { return 7; });
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, failing.get());
    QCOMPARE(fine.get(), 7); // the worker survived the exception
}

void TestWorkerPool::parallelForRethrows()
{
    WorkerPool pool(2);
    std::atomic<int> calls = 0;
    QVERIFY_THROWS_EXCEPTION(std::logic_error, pool.parallelFor(10000, [&](int index) {
        ++calls;
        if (index == 3) {
            throw std::logic_error("index 3");
        }
    }));
    QVERIFY(calls.load() < 10000); // the indices after the failure were skipped
    // The pool still works afterwards.
    std::atomic<int> after = 0;
    QVERIFY(pool.parallelFor(100, [&](int) { ++after; }));
    QCOMPARE(after.load(), 100);
}

void TestWorkerPool::cancelledBeforeStartSkipsAll()
{
    WorkerPool pool(2);
    CancellationToken token;
    token.cancel();
    std::atomic<int> calls = 0;
    QVERIFY(!pool.parallelFor(
        100, [&](int) { ++calls; }, token));
    QCOMPARE(calls.load(), 0);
}

void TestWorkerPool::cancelledMidwaySkipsTheRest()
{
    WorkerPool pool(2);
    CancellationToken token;
    std::atomic<int> calls = 0;
    // parallelism 1: the caller alone, so the cancel at index 9 stops exactly after 10 calls.
    QVERIFY(!pool.parallelFor(
        100,
        [&](int index) {
            ++calls;
            if (index == 9) {
                token.cancel();
            }
        },
        token, 1));
    QCOMPARE(calls.load(), 10);
    QVERIFY(token.isCancelled());
}

void TestWorkerPool::nestedParallelForFinishes()
{
    // Every worker runs an outer index that itself splits an inner range over the same pool:
    // the inner ranges finish on their callers even though no worker is free to help.
    WorkerPool pool(2);
    std::atomic<long> sum = 0;
    QVERIFY(pool.parallelFor(8, [&](int outer) {
        QVERIFY(pool.parallelFor(100, [&](int inner) { sum += outer * 100 + inner; }));
    }));
    QCOMPARE(sum.load(), 800L * 799L / 2L); // 0 + 1 + … + 799
    // A nested submit from inside a task runs too.
    auto outer = pool.submit([&pool] { return pool.submit([] { return 42; }); });
    QCOMPARE(outer.get().get(), 42);
}

void TestWorkerPool::zeroSizeWork_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("empty range") << 0;
    QTest::newRow("negative count") << -5;
}

void TestWorkerPool::zeroSizeWork()
{
    QFETCH(int, count);
    WorkerPool pool(2);
    bool called = false;
    QVERIFY(pool.parallelFor(count, [&](int) { called = true; }));
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestWorkerPool)
#include "tst_workerpool.moc"
