// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// Time and peak memory of what `gradlab eval` and `gradlab diff` do, over products, sums, chains
// and nested compositions of 10 to 10 000 terms, and the cost of ∇f + Hessian over the cost of f
// at one point (the goal: at most 10 for every shape and size); the goals for the
// 2 000-factor product; and the simplifier alone on 10 to 100 000 terms.
#include "differentiation/differentiator.h"
#include "differentiation/simplifier.h"
#include "evaluation/compiledfunction.h"
#include "expression/builtins.h"
#include "expression/parser.h"
#include "expression/printer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <malloc.h>
#include <string>

using namespace gradlab;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Resets the peak resident set size (Linux: "5" to clear_refs), so that each case has its own,
/// after giving the memory of the cases before back to the system.
void resetPeakMemory()
{
    malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
}

/// VmHWM, the peak resident set size since the last reset, in MiB.
double peakMemoryMiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmHWM:")) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0.0;
}

NodePtr X()
{
    return var(Variable::X);
}
NodePtr Y()
{
    return var(Variable::Y);
}

/// \brief One shape of formula, built for n terms as the parser would build it.
struct Shape
{
    const char* name;
    const char* formula;
    std::function<NodePtr(int)> build;
};

const Shape kShapes[] = {
    {"product", "(1 + x/k + y/(2k)), k = 1…n, multiplied",
     [](int n) {
         NodePtr f;
         for (int k = 1; k <= n; ++k) {
             const NodePtr factor = add(add(num(1), div(X(), num(k))), div(Y(), num(2.0 * k)));
             f = f ? mul(f, factor) : factor;
         }
         return f;
     }},
    {"sum", "(x − y/k)², k = 1…n, added",
     [](int n) {
         NodePtr f;
         for (int k = 1; k <= n; ++k) {
             const NodePtr term = pow(sub(X(), div(Y(), num(k))), num(2));
             f = f ? add(f, term) : term;
         }
         return f;
     }},
    {"chain", "u ← u·x + y/k, n times (Horner)",
     [](int n) {
         NodePtr f = Y();
         for (int k = 1; k < n; ++k) {
             f = add(mul(f, X()), div(Y(), num(k)));
         }
         return f;
     }},
    {"composition", "u ← sin(0.9u + xy), n times",
     [](int n) {
         NodePtr f = X();
         for (int k = 0; k < n; ++k) {
             f = call(Builtin::Sin, add(mul(num(0.9), f), mul(X(), Y())));
         }
         return f;
     }},
};

/// Seconds per call of \a work, over enough calls to last some 20 ms.
double perCall(const std::function<void()>& work)
{
    int calls = 1;
    for (;;) {
        const Clock::time_point start = Clock::now();
        for (int i = 0; i < calls; ++i) {
            work();
        }
        const double elapsed = secondsSince(start);
        if (elapsed > 0.02) {
            return elapsed / calls;
        }
        calls *= 4;
    }
}

/// What `gradlab diff` does: both partials, simplified, printed when small enough. Returns the
/// larger printed size.
std::size_t differentiateBoth(const NodePtr& f, std::size_t shownNodes, std::size_t& printedBytes)
{
    std::size_t largest = 0;
    printedBytes = 0;
    for (const Variable variable : {Variable::X, Variable::Y}) {
        const NodePtr d = partialDerivative(f, variable);
        const std::size_t size = printedSize(*d, std::numeric_limits<std::size_t>::max());
        largest = std::max(largest, size);
        if (size <= shownNodes) {
            printedBytes += toPlainText(d).size();
        }
    }
    return largest;
}

/// The goals, from the text a user types: (x+1)(x+2)…(x+2000), parsed, compiled with
/// gradient and Hessian and evaluated at (0, 0) in under 0.1 s; differentiated (both partials,
/// simplified, shown or reported by size) in under 2 s. Returns false if a goal is missed.
bool checkGoals(std::size_t shownNodes)
{
    std::string text;
    for (int k = 1; k <= 2000; ++k) {
        text += "(x+" + std::to_string(k) + ")";
    }
    Clock::time_point start = Clock::now();
    const CompiledFunction function = CompiledFunction::compile(parse(text).expression);
    const double f = function.evaluate(0.0, 0.0).f;
    const double evalSeconds = secondsSince(start);

    start = Clock::now();
    std::size_t printedBytes = 0;
    const std::size_t size = differentiateBoth(parse(text).expression, shownNodes, printedBytes);
    const double diffSeconds = secondsSince(start);

    const bool evalMet = evalSeconds < 0.1;
    const bool diffMet = diffSeconds < 2.0;
    std::printf("\ngoals, (x+1)(x+2)…(x+2000) as typed (%zu bytes):\n", text.size());
    std::printf("  eval (parse, compile f, ∇f, H, evaluate at (0, 0)) %8.1f ms  goal < 100 ms: %s "
                "(f = %g)\n",
                evalSeconds * 1e3, evalMet ? "met" : "MISSED", f);
    std::printf("  diff (parse, both partials simplified, %s) %8.1f ms  goal < 2000 ms: %s (%zu "
                "bytes shown)\n",
                size > shownNodes ? "size message" : "text", diffSeconds * 1e3,
                diffMet ? "met" : "MISSED", printedBytes);
    return evalMet && diffMet;
}

/// The simplifier alone on each shape of 10 to 100 000 terms: time per term, and the exponent
/// of its growth from one size to the next (1: linear, 2: quadratic).
void measureSimplifier()
{
    std::printf("\nsimplify(f) alone\n%-12s %7s | %10s %10s %8s\n", "shape", "n", "ms", "µs/term",
                "growth");
    for (const Shape& shape : kShapes) {
        double previous = 0.0;
        for (const int n : {10, 100, 1000, 10000, 100000}) {
            const NodePtr f = shape.build(n);
            // The best of three below 100 000 terms: a single stall of this shared VM would
            // otherwise count as the cost of a small case.
            double seconds = perCall([&] { simplify(f); });
            for (int repeat = 1; repeat < 3 && n < 100000; ++repeat) {
                seconds = std::min(seconds, perCall([&] { simplify(f); }));
            }
            char growth[16] = "";
            if (previous > 0.0) {
                std::snprintf(growth, sizeof growth, "n^%.2f", std::log10(seconds / previous));
            }
            std::printf("%-12s %7d | %10.2f %10.2f %8s\n", shape.name, n, seconds * 1e3,
                        seconds * 1e6 / n, growth);
            previous = seconds;
        }
    }
}

} // namespace

int main()
{
    constexpr double x = 0.3;
    constexpr double y = -0.2;
    constexpr std::size_t kShownNodes = 10'000; // what gradlab diff prints at most
    std::printf("eval: compile f with gradient and Hessian, evaluate at (%g, %g); "
                "diff: both simplified partials, printed when at most %zu nodes\n\n",
                x, y, kShownNodes);
    std::printf("%-12s %6s | %8s %7s | %9s %8s | %9s %8s %-26s | %8s\n", "shape", "n", "method",
                "ops", "eval ms", "eval MiB", "diff ms", "diff MiB", "diff shows", "(∇f+H)/f");
    double worstRatio = 0.0;
    for (const Shape& shape : kShapes) {
        for (const int n : {10, 100, 1000, 10000}) {
            const NodePtr f = shape.build(n);

            resetPeakMemory();
            Clock::time_point start = Clock::now();
            const CompiledFunction function = CompiledFunction::compile(f);
            const PointValue p = function.evaluate(x, y);
            const double evalSeconds = secondsSince(start);
            const double evalMemory = peakMemoryMiB();

            resetPeakMemory();
            start = Clock::now();
            std::size_t printedBytes = 0;
            const std::size_t shownNodes = differentiateBoth(f, kShownNodes, printedBytes);
            const double diffSeconds = secondsSince(start);
            const double diffMemory = peakMemoryMiB();

            const CompiledFunction valueOnly =
                CompiledFunction::compile(f, {}, DerivativeOrder::Value);
            volatile double sink = p.f;
            // Each cost the best of three, measured in turn, so that a stall of this shared VM
            // during one of them does not make the ratio.
            double valueCost = std::numeric_limits<double>::infinity();
            double allCost = valueCost;
            for (int repeat = 0; repeat < 3; ++repeat) {
                valueCost = std::min(valueCost, perCall([&] { sink = valueOnly.value(x, y); }));
                allCost = std::min(allCost,
                                   perCall([&] { sink = function.evaluate(x, y).hessian(1, 1); }));
            }
            const double ratio = allCost / valueCost;
            worstRatio = std::max(worstRatio, ratio);

            char shown[64];
            if (shownNodes <= kShownNodes) {
                std::snprintf(shown, sizeof shown, "text, %zu bytes", printedBytes);
            } else {
                std::snprintf(shown, sizeof shown, "size message, %.3g nodes",
                              static_cast<double>(shownNodes));
            }
            std::printf(
                "%-12s %6d | %8s %7zu | %9.2f %8.1f | %9.2f %8.1f %-26s | %8.2f\n", shape.name, n,
                function.derivativeMethod() == DerivativeMethod::Forward ? "forward" : "symbolic",
                function.instructionCount(), evalSeconds * 1e3, evalMemory, diffSeconds * 1e3,
                diffMemory, shown, ratio);
        }
    }
    std::printf("\nworst (∇f+H)/f ratio %.2f (goal ≤ 10): %s\n", worstRatio,
                worstRatio <= 10.0 ? "met" : "MISSED");
    for (const Shape& shape : kShapes) {
        std::printf("  %-12s %s\n", shape.name, shape.formula);
    }
    const bool goalsMet = checkGoals(kShownNodes);
    measureSimplifier();
    return goalsMet && worstRatio <= 10.0 ? 0 : 1;
}
