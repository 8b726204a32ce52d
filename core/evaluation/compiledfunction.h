// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "concurrency/cancellation.h"
#include "evaluation/grid.h"
#include "evaluation/pointvalue.h"
#include "expression/node.h"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace gradlab {

/// How many derivatives a compiled program computes besides f.
enum class DerivativeOrder { Value = 0, Gradient = 1, Hessian = 2 };

/// How a compiled program finds ∇f and the Hessian. Both give the same numbers up to rounding.
enum class DerivativeMethod {
    /// Symbolic when f has at most Program::kSymbolicOperationLimit (64) operations and the
    /// symbolic program is no longer than the forward-mode one (Program::kSymbolicLengthFactor);
    /// forward mode otherwise.
    Automatic,
    /// The simplified symbolic derivatives, compiled: the fewest operations for small formulas,
    /// but their size can grow as the square (∇f) and cube (Hessian) of f's for products.
    Symbolic,
    /// Forward-mode automatic differentiation on the program (second-order dual numbers, each of
    /// their parts a value of the program): a small constant times f's operations, whatever the
    /// shape of f.
    Forward,
};

class Program; // the instruction list; defined in the .cpp

/// \brief f(x, y) compiled together with its gradient (and, on request, Hessian) into one
/// straight-line program that shares common subexpressions between f and its derivatives. The
/// derivatives are symbolic or forward-mode automatic ones (DerivativeMethod).
/// Cheap to copy (the program is shared and immutable); parameter values are per copy. The const
/// functions may be called from several threads at once.
///
/// Every result is what the expression tree means in IEEE double arithmetic: NaN where it is
/// undefined (log of a negative, 0/0), ±inf at poles. Point, batch and grid evaluation agree bit
/// for bit.
class CompiledFunction
{
public:
    CompiledFunction();
    ~CompiledFunction();
    CompiledFunction(const CompiledFunction&);
    CompiledFunction& operator=(const CompiledFunction&);
    CompiledFunction(CompiledFunction&&) noexcept;
    CompiledFunction& operator=(CompiledFunction&&) noexcept;

    /// Compiles \a expression. \a parameterNames fixes the order of setParameters(); a Parameter
    /// node whose name is not in the list evaluates to NaN.
    static CompiledFunction compile(const NodePtr& expression,
                                    const std::vector<std::string>& parameterNames = {},
                                    DerivativeOrder order = DerivativeOrder::Hessian,
                                    DerivativeMethod method = DerivativeMethod::Automatic);

    bool isValid() const;
    DerivativeOrder order() const;
    /// The method the derivatives were compiled with: Symbolic or Forward (Symbolic when only f
    /// was compiled).
    DerivativeMethod derivativeMethod() const;
    const std::vector<std::string>& parameterNames() const;
    void setParameters(std::span<const double> values);
    /// Operations in the shared program after common-subexpression elimination: the steps
    /// evaluate() runs for all compiled outputs.
    std::size_t instructionCount() const;

    double value(double x, double y) const;
    /// f, ∇f and (if compiled with Hessian) the Hessian at (x, y).
    PointValue evaluate(double x, double y) const;
    /// An Objective bound to a copy of this function (parameters as now).
    Objective objective() const;

    /// f (and ∇f where dfdx or dfdy is given) at many points. Column-wise: each
    /// instruction runs over a block of points. xs, ys and the outputs have equal sizes (else the
    /// shortest counts) and the outputs do not overlap the inputs; dfdx/dfdy may be empty when not
    /// wanted, and are NaN when the function was compiled without its gradient.
    void evaluateBatch(std::span<const double> xs, std::span<const double> ys, std::span<double> f,
                       std::span<double> dfdx = {}, std::span<double> dfdy = {}) const;

    /// The whole grid, rows split over \a threads worker threads (0: as many as the hardware has
    /// and the grid's size makes worth starting). Equal bit for bit to evaluate() at each point.
    GridValues evaluateGrid(const GridSpec& grid, bool withGradient = false, int threads = 0) const;
    /// The same into \a values, reusing its storage: no allocation when the grid keeps its size
    /// (re-evaluation while a parameter slider moves). Once \a token is cancelled the rows not
    /// yet started are skipped and false is returned (the values are then incomplete).
    bool evaluateGrid(const GridSpec& grid, GridValues& values, bool withGradient = false,
                      int threads = 0, const CancellationToken& token = {}) const;

private:
    std::shared_ptr<const Program> m_program;
    std::vector<double> m_parameters;
};

} // namespace gradlab
