// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// Evaluation over a 1024 × 1024 grid on [−2, 2]²: gradlab's compiled program against a
// hand-written C++ lambda of the same function (the native reference, compiled into this binary)
// and against muParser, for value only and for value + gradient, on one and on two threads.
// Two threads are also timed for the native reference (its rows split in two halves, the second
// half on a helper thread started once), and on a
// 512 × 512 grid whose results fit in the cores' L2 caches, the size of the app's fine grid.
//
//   bench_evaluation [repetitions]     (default 21)
//
// Every measurement is the median of its repetitions, each timed right after an untimed run of
// the same contender; contenders of a kind write into the same memory, and the contenders of one
// function run interleaved, so that a burst of load on the machine hits all of them alike. The
// table ends with the line `geomean_ratio_vs_native <number>`: the geometric mean of gradlab's
// value-only time over native's.

#include "evaluation/compiledfunction.h"
#include "expression/parser.h"

#include <algorithm>
#include <atomic>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <muParser.h>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

using namespace gradlab;

namespace {

constexpr int kSide = 1024;
/// The app's fine grid: its 2 MiB of results fit in the two cores' L2 caches (half each), so
/// writing memory is no bound, but a polynomial's half takes only tens of microseconds, so that
/// starting the second thread (about 20 µs here) is.
constexpr int kCachedSide = 512;
constexpr double kPi = std::numbers::pi;
constexpr double kE = std::numbers::e;

double sigmoid(double u)
{
    if (u >= 0) {
        return 1.0 / (1.0 + std::exp(-u));
    }
    const double e = std::exp(u);
    return e / (1.0 + e);
}

/// \brief The grid, its x coordinates and where the native reference writes its results.
struct Workload
{
    GridSpec grid;
    std::vector<double> xs;
    double* f = nullptr;
    double* dfdx = nullptr;
    double* dfdy = nullptr;

    explicit Workload(int side)
        : grid{{-2.0, 2.0, -2.0, 2.0}, side, side}
        , xs(static_cast<std::size_t>(side))
    {
        for (int i = 0; i < side; ++i) {
            xs[static_cast<std::size_t>(i)] = grid.x(i);
        }
    }
    int side() const { return grid.columns; }
};

// The native reference: the grid walked row by row (y fixed, x from a table of the row's
// coordinates, as gradlab has it), the function inlined into the loop. Plain C++: no manual SIMD,
// no hand-hoisting of y-only subexpressions (the optimizer may hoist them itself).
template <typename F>
void nativeValue(Workload& w, int firstRow, int endRow, F f)
{
    for (int j = firstRow; j < endRow; ++j) {
        const double y = w.grid.y(j);
        double* out = w.f + static_cast<std::size_t>(j) * w.grid.columns;
        for (int i = 0; i < w.grid.columns; ++i) {
            out[i] = f(w.xs[static_cast<std::size_t>(i)], y);
        }
    }
    benchmark::ClobberMemory();
}

template <typename F>
void nativeGradient(Workload& w, F f)
{
    for (int j = 0; j < w.grid.rows; ++j) {
        const double y = w.grid.y(j);
        const std::size_t row = static_cast<std::size_t>(j) * w.grid.columns;
        for (int i = 0; i < w.grid.columns; ++i) {
            f(w.xs[static_cast<std::size_t>(i)], y, w.f[row + i], w.dfdx[row + i], w.dfdy[row + i]);
        }
    }
    benchmark::ClobberMemory();
}

/// \brief One function of the suite, in every contender's notation.
struct Case
{
    const char* name;
    const char* formula;                                            ///< gradlab's notation
    const char* muparser;                                           ///< muParser's notation
    std::function<void(Workload&, int firstRow, int endRow)> value; ///< rows [firstRow, endRow)
    std::function<void(Workload&)> valueAndGradient;
};

std::vector<Case> suite()
{
    std::vector<Case> cases;
    cases.push_back({"rosenbrock", "(1-x)^2 + 100(y-x^2)^2", "(1-x)^2 + 100*(y-x^2)^2",
                     [](Workload& w, int first, int end) {
                         nativeValue(w, first, end, [](double x, double y) {
                             const double a = 1 - x, r = y - x * x;
                             return a * a + 100 * r * r;
                         });
                     },
                     [](Workload& w) {
                         nativeGradient(w,
                                        [](double x, double y, double& f, double& fx, double& fy) {
                                            const double a = 1 - x, r = y - x * x;
                                            f = a * a + 100 * r * r;
                                            fx = -2 * a - 400 * x * r;
                                            fy = 200 * r;
                                        });
                     }});
    cases.push_back({"quadratic", "x^2 + 3xy + y^2", "x^2 + 3*x*y + y^2",
                     [](Workload& w, int first, int end) {
                         nativeValue(w, first, end,
                                     [](double x, double y) { return x * x + 3 * x * y + y * y; });
                     },
                     [](Workload& w) {
                         nativeGradient(w,
                                        [](double x, double y, double& f, double& fx, double& fy) {
                                            f = x * x + 3 * x * y + y * y;
                                            fx = 2 * x + 3 * y;
                                            fy = 3 * x + 2 * y;
                                        });
                     }});
    cases.push_back(
        {"trig-mix", "sin(x)cos(y) + exp(-(x^2+y^2)) + sigmoid(xy)",
         "sin(x)*cos(y) + exp(-(x^2+y^2)) + sigmoid(x*y)",
         [](Workload& w, int first, int end) {
             nativeValue(w, first, end, [](double x, double y) {
                 return std::sin(x) * std::cos(y) + std::exp(-(x * x + y * y)) + sigmoid(x * y);
             });
         },
         [](Workload& w) {
             nativeGradient(w, [](double x, double y, double& f, double& fx, double& fy) {
                 const double sx = std::sin(x), cx = std::cos(x);
                 const double sy = std::sin(y), cy = std::cos(y);
                 const double g = std::exp(-(x * x + y * y));
                 const double s = sigmoid(x * y), ds = s * (1 - s);
                 f = sx * cy + g + s;
                 fx = cx * cy - 2 * x * g + y * ds;
                 fy = -sx * sy - 2 * y * g + x * ds;
             });
         }});
    cases.push_back({"himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2", "(x^2+y-11)^2 + (x+y^2-7)^2",
                     [](Workload& w, int first, int end) {
                         nativeValue(w, first, end, [](double x, double y) {
                             const double a = x * x + y - 11, b = x + y * y - 7;
                             return a * a + b * b;
                         });
                     },
                     [](Workload& w) {
                         nativeGradient(w,
                                        [](double x, double y, double& f, double& fx, double& fy) {
                                            const double a = x * x + y - 11, b = x + y * y - 7;
                                            f = a * a + b * b;
                                            fx = 4 * x * a + 2 * b;
                                            fy = 2 * a + 4 * y * b;
                                        });
                     }});
    cases.push_back(
        {"ackley", "-20exp(-0.2sqrt(0.5(x^2+y^2))) - exp(0.5(cos(2pi x)+cos(2pi y))) + e + 20",
         "-20*exp(-0.2*sqrt(0.5*(x^2+y^2))) - exp(0.5*(cos(2*_pi*x)+cos(2*_pi*y))) + _e + 20",
         [](Workload& w, int first, int end) {
             nativeValue(w, first, end, [](double x, double y) {
                 return -20 * std::exp(-0.2 * std::sqrt(0.5 * (x * x + y * y))) -
                        std::exp(0.5 * (std::cos(2 * kPi * x) + std::cos(2 * kPi * y))) + kE + 20;
             });
         },
         [](Workload& w) {
             nativeGradient(w, [](double x, double y, double& f, double& fx, double& fy) {
                 const double r = std::sqrt(0.5 * (x * x + y * y));
                 const double e1 = std::exp(-0.2 * r);
                 const double e2 = std::exp(0.5 * (std::cos(2 * kPi * x) + std::cos(2 * kPi * y)));
                 f = -20 * e1 - e2 + kE + 20;
                 fx = 2 * x * e1 / r + kPi * e2 * std::sin(2 * kPi * x);
                 fy = 2 * y * e1 / r + kPi * e2 * std::sin(2 * kPi * y);
             });
         }});
    return cases;
}

/// Seconds of one run of \a run, timed right after an untimed run of the same: every contender is
/// measured in the steady state of evaluating again into its own memory, whatever the contender
/// before it left in the caches.
double seconds(const std::function<void()>& run)
{
    run();
    const auto start = std::chrono::steady_clock::now();
    run();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

/// Largest relative difference between two result arrays (a sanity check, not a timing).
double largestDifference(const std::vector<double>& a, const std::vector<double>& b)
{
    double largest = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        largest = std::max(largest, std::fabs(a[k] - b[k]) / std::max(1.0, std::fabs(b[k])));
    }
    return largest;
}

/// \brief How much faster two threads evaluate a grid than one, for gradlab and for native code.
struct SpeedUp
{
    double gradlab = 1;
    double native = 1;
};

/// \brief The native reference's second thread: started once and kept, as a hand-written
/// program that splits every grid would keep it (gradlab's pool is persistent too). It waits for
/// work spinning on a counter, the fastest hand-off there is; starting a thread per grid instead
/// would cost the native side 20–60 µs a grid and flatter gradlab.
class NativeHelper
{
public:
    NativeHelper()
        : m_thread([this](std::stop_token stop) {
            int seen = 0;
            while (!stop.stop_requested()) {
                if (m_generation.load(std::memory_order_acquire) == seen) {
                    std::this_thread::yield();
                    continue;
                }
                ++seen;
                m_task();
                m_done.store(seen, std::memory_order_release);
            }
        })
    {}
    /// Runs \a helperPart on the helper and \a ownPart here; returns when both are done.
    void run(const std::function<void()>& helperPart, const std::function<void()>& ownPart)
    {
        m_task = helperPart;
        const int generation = m_generation.fetch_add(1, std::memory_order_acq_rel) + 1;
        ownPart();
        while (m_done.load(std::memory_order_acquire) != generation) {
            std::this_thread::yield();
        }
    }

private:
    std::function<void()> m_task;
    std::atomic<int> m_generation{0};
    std::atomic<int> m_done{0};
    std::jthread m_thread; // last: stopped and joined before the members it uses go
};

/// One thread against two, in a phase of its own: a process that has just used both cores is
/// scheduled less for a while when the machine is busy, which would otherwise slow whatever runs
/// after it. The native reference on two threads splits the rows in two halves, as gradlab's
/// workers do. One thread and two threads write results of their own, so that each band of rows
/// stays with the core that wrote it last time; gradlab and native share them.
SpeedUp twoThreadSpeedUp(const Case& c, const CompiledFunction& function, Workload& w,
                         int repetitions)
{
    GridValues one;
    GridValues two;
    function.evaluateGrid(w.grid, one, false, 1);
    function.evaluateGrid(w.grid, two, false, 2);
    const int half = w.grid.rows / 2;
    std::vector<double> gradlabOne, gradlabTwo, nativeOne, nativeTwo;
    for (int r = 0; r < repetitions; ++r) {
        gradlabOne.push_back(seconds([&] { function.evaluateGrid(w.grid, one, false, 1); }));
        gradlabTwo.push_back(seconds([&] { function.evaluateGrid(w.grid, two, false, 2); }));
        w.f = one.f.data();
        nativeOne.push_back(seconds([&] { c.value(w, 0, w.grid.rows); }));
        w.f = two.f.data();
        {
            // Alive only while native is timed: its spinning would otherwise take a core from
            // the other contenders.
            NativeHelper helper;
            nativeTwo.push_back(seconds([&] {
                helper.run([&] { c.value(w, half, w.grid.rows); }, [&] { c.value(w, 0, half); });
            }));
        }
    }
    return {median(gradlabOne) / median(gradlabTwo), median(nativeOne) / median(nativeTwo)};
}

} // namespace

int main(int argc, char** argv)
{
    const int repetitions = argc > 1 ? std::max(3, std::atoi(argv[1])) : 21;
    Workload w(kSide);
    const double points = static_cast<double>(w.grid.size());
    const auto perPoint = [&](double s) {
        return s * 1e9 / points;
    };

    std::printf("grid %d x %d on [-2, 2]^2, median of %d repetitions, hardware threads %u\n\n",
                kSide, kSide, repetitions, std::thread::hardware_concurrency());
    std::printf("%-11s | %9s | %9s | %5s | %9s | %6s | %10s | %11s | %5s | %17s\n", "function",
                "native", "gradlab", "ratio", "muParser", "ratio", "f+∇f native", "f+∇f gradlab",
                "ratio", "2-thread speed-up");
    std::printf("%-11s | %9s | %9s | %5s | %9s | %6s | %10s | %11s | %5s | %8s %8s\n", "", "ns/pt",
                "ns/pt", "", "ns/pt", "", "ns/pt", "ns/pt", "", "gradlab", "native");

    double logValueRatio = 0;
    double logGradientRatio = 0;
    double logSpeedUp = 0;
    double logNativeSpeedUp = 0;
    double logCachedSpeedUp = 0;
    double logCachedNativeSpeedUp = 0;
    int count = 0;
    for (const Case& c : suite()) {
        const ParseResult parsed = parse(c.formula);
        if (parsed.hasError()) {
            std::fprintf(stderr, "%s: %s\n", c.formula, parsed.error.message.c_str());
            return 1;
        }
        const CompiledFunction function =
            CompiledFunction::compile(parsed.expression, {}, DerivativeOrder::Gradient);
        // The contenders of a kind write into the same memory: the value-only ones into values,
        // the f+∇f ones into gradientValues. No allocation happens in the timed runs, and no
        // contender finds its results' pages colder than another's (this VM's kernel pages out
        // memory left untouched for a while).
        GridValues values;
        GridValues gradientValues;
        GridValues twoThreadValues;
        function.evaluateGrid(w.grid, values, false, 1);
        function.evaluateGrid(w.grid, gradientValues, true, 1);
        function.evaluateGrid(w.grid, twoThreadValues, false, 2);

        double x = 0;
        double y = 0;
        mu::Parser muparser;
        muparser.DefineVar("x", &x);
        muparser.DefineVar("y", &y);
        muparser.DefineFun("sigmoid", sigmoid);
        muparser.SetExpr(c.muparser);
        const auto runMuparser = [&] {
            for (int j = 0; j < kSide; ++j) {
                y = w.grid.y(j);
                double* out = values.f.data() + static_cast<std::size_t>(j) * kSide;
                for (int i = 0; i < kSide; ++i) {
                    x = w.xs[static_cast<std::size_t>(i)];
                    out[i] = muparser.Eval();
                }
            }
            benchmark::ClobberMemory();
        };

        // Sanity: all three compute the same numbers.
        std::vector<double> expected(w.grid.size());
        std::vector<double> expectedDx(w.grid.size());
        std::vector<double> expectedDy(w.grid.size());
        w.f = expected.data();
        c.value(w, 0, w.grid.rows);
        function.evaluateGrid(w.grid, values, false, 1);
        const double gradlabDifference = largestDifference(values.f, expected);
        for (std::size_t k = 0; k < expected.size(); k += 9973) {
            x = w.grid.x(static_cast<int>(k % kSide));
            y = w.grid.y(static_cast<int>(k / kSide));
            if (std::fabs(muparser.Eval() - expected[k]) >
                1e-9 * std::max(1.0, std::fabs(expected[k]))) {
                std::fprintf(stderr, "%s: muParser disagrees at %zu\n", c.name, k);
                return 1;
            }
        }
        w.dfdx = expectedDx.data();
        w.dfdy = expectedDy.data();
        c.valueAndGradient(w);
        function.evaluateGrid(w.grid, gradientValues, true, 1);
        const double gradientDifference =
            std::max(largestDifference(gradientValues.dfdx, expectedDx),
                     largestDifference(gradientValues.dfdy, expectedDy));
        if (gradlabDifference > 1e-9 || gradientDifference > 1e-9) {
            std::fprintf(stderr, "%s: gradlab disagrees with native (%g, %g)\n", c.name,
                         gradlabDifference, gradientDifference);
            return 1;
        }

        std::vector<double> native, gradlab, parser, nativeGradientTimes, gradlabGradient;
        for (int r = 0; r < repetitions; ++r) {
            w.f = values.f.data();
            native.push_back(seconds([&] { c.value(w, 0, w.grid.rows); }));
            gradlab.push_back(seconds([&] { function.evaluateGrid(w.grid, values, false, 1); }));
            w.f = gradientValues.f.data();
            w.dfdx = gradientValues.dfdx.data();
            w.dfdy = gradientValues.dfdy.data();
            nativeGradientTimes.push_back(seconds([&] { c.valueAndGradient(w); }));
            gradlabGradient.push_back(
                seconds([&] { function.evaluateGrid(w.grid, gradientValues, true, 1); }));
            if (r < 3) { // muParser is slow and far from the targets: three runs tell its speed
                parser.push_back(seconds(runMuparser));
            }
        }
        const SpeedUp speedUp = twoThreadSpeedUp(c, function, w, repetitions);
        const double tNative = median(native);
        const double tGradlab = median(gradlab);
        const double tParser = median(parser);
        const double tNativeGradient = median(nativeGradientTimes);
        const double tGradlabGradient = median(gradlabGradient);
        std::printf("%-11s | %9.3f | %9.3f | %5.2f | %9.2f | %6.1f | %11.3f | %12.3f | %5.2f | "
                    "%8.2f %8.2f\n",
                    c.name, perPoint(tNative), perPoint(tGradlab), tGradlab / tNative,
                    perPoint(tParser), tParser / tNative, perPoint(tNativeGradient),
                    perPoint(tGradlabGradient), tGradlabGradient / tNativeGradient, speedUp.gradlab,
                    speedUp.native);
        logValueRatio += std::log(tGradlab / tNative);
        logGradientRatio += std::log(tGradlabGradient / tNativeGradient);
        logSpeedUp += std::log(speedUp.gradlab);
        logNativeSpeedUp += std::log(speedUp.native);
        Workload cached(kCachedSide);
        const SpeedUp cachedSpeedUp = twoThreadSpeedUp(c, function, cached, repetitions);
        logCachedSpeedUp += std::log(cachedSpeedUp.gradlab);
        logCachedNativeSpeedUp += std::log(cachedSpeedUp.native);
        ++count;
    }

    // How fast this machine merely writes the grid's 8 MiB of results, on one thread and on two:
    // a function that runs at about that speed is bound by memory, not by arithmetic, and a
    // second thread speeds it up no more than it speeds up the fill.
    std::vector<double> fillOne, fillTwo;
    std::vector<double> sink(w.grid.size());
    for (int r = 0; r < repetitions; ++r) {
        const double value = r;
        fillOne.push_back(seconds([&] {
            std::fill(sink.begin(), sink.end(), value);
            benchmark::ClobberMemory();
        }));
        fillTwo.push_back(seconds([&] {
            const auto half = sink.begin() + static_cast<std::ptrdiff_t>(sink.size() / 2);
            std::jthread helper([&] { std::fill(half, sink.end(), value); });
            std::fill(sink.begin(), half, value);
            benchmark::ClobberMemory();
        }));
    }
    std::printf("\ngrid fill (std::fill of the 8 MiB result): 1 thread %.3f ns/pt, 2 threads %.3f "
                "ns/pt, speed-up %.2f\n",
                perPoint(median(fillOne)), perPoint(median(fillTwo)),
                median(fillOne) / median(fillTwo));
    std::printf("\ngeomean_gradient_ratio_vs_native %.3f\n", std::exp(logGradientRatio / count));
    std::printf("geomean_two_thread_speedup %.3f (native %.3f)\n", std::exp(logSpeedUp / count),
                std::exp(logNativeSpeedUp / count));
    std::printf("geomean_two_thread_speedup_%dx%d %.3f (native %.3f)\n", kCachedSide, kCachedSide,
                std::exp(logCachedSpeedUp / count), std::exp(logCachedNativeSpeedUp / count));
    std::printf("geomean_ratio_vs_native %.3f\n", std::exp(logValueRatio / count));
    return 0;
}
