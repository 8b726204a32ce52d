// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/compiledfunction.h"
#include "expression/builtins.h"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace gradlab {

/// \brief f and its derivatives as one straight-line list of shared values, with the plans that
/// run it at a point, over a batch of points and over the rows of a grid.
///
/// Every value is hash-consed on (operation, operands), so a subexpression that f, ∂f/∂x and
/// ∂f/∂y have in common is computed once. Values are numbered in topological order: operands
/// always have smaller numbers than the values that use them.
class Program
{
public:
    /// What a value computes. Every operation is the same IEEE operation the expression tree
    /// names, so the program and the tree agree (domain errors are NaN, poles ±inf).
    enum class Operation : std::uint8_t {
        X,         ///< the variable x
        Y,         ///< the variable y
        Number,    ///< a literal (constants such as pi are literals here)
        Parameter, ///< a bound parameter value
        Negate,    ///< −a
        Add,       ///< a + b
        Subtract,  ///< a − b
        Multiply,  ///< a · b
        Divide,    ///< a / b
        Power,     ///< pow(a, b)
        Call,      ///< builtin(a)
    };

    /// What a value depends on, as bits (x = 1, y = 2): on a grid, a Uniform value is computed
    /// once per evaluation, a Row value (y only) once per row, a Column value (x only) once per
    /// grid column for all rows, and only Point values at every point.
    enum class Tier : std::uint8_t { Uniform = 0, Column = 1, Row = 2, Point = 3 };

    /// \brief One value of the program.
    struct Value
    {
        Operation operation = Operation::Number;
        std::array<int, 2> operands{-1, -1};
        double number = 0.0; ///< the literal of a Number
        int parameter = -1;  ///< Parameter: index into the parameter values, −1 if undeclared
        Builtin builtin{};   ///< the function of a Call
        Tier tier = Tier::Uniform;
    };

    /// The outputs, in PointValue order.
    enum class Output { F = 0, Dx, Dy, Dxx, Dxy, Dyy };
    static constexpr int kOutputCount = 6;

    /// Columns of a vector plan: x, y, the outputs f, ∂f/∂x, ∂f/∂y, the hoisted x-only values
    /// (grid plans), then scratch registers.
    static constexpr int kColumnX = 0;
    static constexpr int kColumnY = 1;
    static constexpr int kFirstOutputColumn = 2;
    static constexpr int kFirstHoistedColumn = 5;

    struct VectorInstruction;
    /// Runs one instruction over \a count points: columns hold the block's columns, slots the
    /// scalar values of the evaluation (uniform and row values, literals, parameters).
    using Kernel = void (*)(const VectorInstruction& instruction, double* const* columns,
                            const double* slots, int count);

    /// \brief One column-wise instruction over a block: result[i] = outer(inner(a[i], b[i]), c[i]),
    /// where inner and outer are arithmetic steps fused into one pass (outer may be the identity),
    /// or result[i] = pow(a[i], b[i]), or result[i] = builtin(a[i]).
    struct VectorInstruction
    {
        Kernel kernel = nullptr;
        int result = 0;
        /// a, b, c: column numbers, or slot numbers for the operands the kernel takes as scalars.
        std::array<int, 3> operands{0, 0, 0};
        /// A builtin's column loop, from its row of the builtin table.
        void (*evaluateMany)(const double* u, double* result, int count) = nullptr;
    };

    /// \brief How an output not written by an instruction gets its values.
    struct OutputCopy
    {
        int column = 0;        ///< the output column
        int source = 0;        ///< a column, or a slot when fromSlot
        bool fromSlot = false; ///< broadcast a uniform or row value
    };

    /// \brief Column instructions over blocks of points, and how the outputs are completed.
    struct Pass
    {
        std::vector<VectorInstruction> instructions;
        std::vector<OutputCopy> copies;
        int firstScratchColumn = 0; ///< the columns from here on are the pass's own registers
        int columnCount = 0;
    };

    /// \brief Everything needed to evaluate some outputs over blocks of points.
    ///
    /// Grid plans first run the hoisting pass once over the x coordinates of a row: it computes
    /// the x-only values the points need (column x, hoisted values from column 1 on). The point
    /// pass then runs for every block of every row and reads hoisted value k from column
    /// kFirstHoistedColumn + k.
    struct VectorPlan
    {
        std::vector<int> uniformSteps; ///< values computed once per evaluation
        std::vector<int> rowSteps;     ///< values computed once per row (grid plans only)
        int hoistedCount = 0;          ///< x-only values stored for the whole row (grid plans)
        Pass hoisting;                 ///< computes them (grid plans)
        Pass points;                   ///< the rest, at every point
    };

    /// What a scalar instruction computes: R operands are registers, K operands literals.
    enum class ScalarOperation : std::uint8_t {
        Load, ///< a literal into a register
        Negate,
        AddRR,
        AddRK,
        SubtractRR,
        SubtractRK,
        SubtractKR,
        MultiplyRR,
        MultiplyRK,
        DivideRR,
        DivideRK,
        DivideKR,
        PowerRR,
        PowerRK,
        PowerKR,
        Call,
        MultiplyAddR,      ///< a·b + c, two roundings as in the tree (no FMA)
        MultiplyAddK,      ///< a·b + k
        MultiplySubtractR, ///< a·b − c
        MultiplySubtractK, ///< a·b − k
        SubtractMultiplyR, ///< c − a·b
        SubtractMultiplyK, ///< k − a·b
    };

    /// \brief One step of the scalar code: registers[result] = operation(a, b, c).
    struct ScalarInstruction
    {
        ScalarOperation operation = ScalarOperation::Load;
        Builtin builtin{};
        int result = 0;
        std::array<int, 3> operands{0, 0,
                                    0}; ///< register or literal numbers, as the operation says
    };

    /// \brief The code that evaluates some outputs at one point, value after value, over a small
    /// file of registers: x in register 0, y in 1, the parameters next, then registers that are
    /// reused once the value they hold has been read for the last time. A product of two
    /// registers read only by a sum runs inside it (a·b + c in one instruction).
    struct ScalarCode
    {
        std::vector<ScalarInstruction> instructions;
        int registerCount = 2;
        /// Where each output is: a register (≥ 0), literal k as −2 − k, −1 when not computed.
        std::array<int, kOutputCount> outputs{-1, -1, -1, -1, -1, -1};
    };

    /// DerivativeMethod::Automatic tries the symbolic derivatives only for an f of at most this
    /// many operations: their size grows as a power of f's, and below this they are built in well
    /// under a millisecond.
    static constexpr std::size_t kSymbolicOperationLimit = 64;
    /// ... and keeps them while their program is at most this many times the forward-mode one:
    /// once, for a longer symbolic program also runs slower (chain of 10 Horner steps: 150
    /// operations and 7.4× f's time against forward mode's 95 and 2.6×; every preset's symbolic
    /// program is at most as long as its forward-mode one).
    static constexpr std::size_t kSymbolicLengthFactor = 1;

    /// Builds the program of \a expression and its derivatives up to \a order, found by \a method.
    static std::shared_ptr<const Program>
    build(const NodePtr& expression, const std::vector<std::string>& parameterNames,
          DerivativeOrder order, DerivativeMethod method = DerivativeMethod::Automatic);

    DerivativeOrder order() const { return m_order; }
    /// Symbolic or Forward: how the derivatives were found.
    DerivativeMethod method() const { return m_method; }
    const std::vector<std::string>& parameterNames() const { return m_parameterNames; }
    /// Operations (not leaves) that evaluate() runs for all compiled outputs.
    std::size_t instructionCount() const { return m_allSteps.size(); }
    std::size_t slotCount() const { return m_values.size(); }

    /// Fills \a slots (slotCount() long) for one evaluation: literals, parameters (NaN where
    /// undeclared or not given), NaN elsewhere.
    void prepareSlots(std::span<double> slots, std::span<const double> parameters) const;
    /// Runs the scalar steps \a steps: slots[v] = operation of value v.
    void runSteps(std::span<const int> steps, double* slots) const;

    /// The scalar code of f alone, or of every compiled output.
    const ScalarCode& scalarCode(bool all) const { return all ? m_allCode : m_valueCode; }
    /// Runs \a code at (x, y) in \a registers (code.registerCount long); parameters as in
    /// prepareSlots().
    void runScalar(const ScalarCode& code, double* registers, double x, double y,
                   std::span<const double> parameters) const;
    /// An output of \a code after runScalar(): NaN when it was not compiled.
    double scalarOutput(const ScalarCode& code, const double* registers, Output which) const;

    /// The value-only steps, or the steps of every compiled output.
    std::span<const int> valueSteps() const { return m_valueSteps; }
    std::span<const int> allSteps() const { return m_allSteps; }
    /// The value number of an output, −1 when it was not compiled.
    int output(Output which) const { return m_outputs[static_cast<std::size_t>(which)]; }

    /// The plan for a batch of arbitrary points, or for grid rows (y is constant per row).
    const VectorPlan& plan(bool grid, bool withGradient) const;
    /// Runs \a pass's instructions and output copies over one block.
    static void runBlock(const Pass& pass, double* const* columns, const double* slots, int count);

private:
    class Builder;
    /// The program of the symbolic derivatives of \a expression, compiled.
    static std::shared_ptr<Program> buildSymbolic(const NodePtr& expression,
                                                  const std::vector<std::string>& parameterNames,
                                                  DerivativeOrder order);
    /// The program of \a expression with its forward-mode derivatives.
    static std::shared_ptr<Program> buildForward(const NodePtr& expression,
                                                 const std::vector<std::string>& parameterNames,
                                                 DerivativeOrder order);
    /// A program of \a builder's values with the given outputs (−1: not computed).
    static std::shared_ptr<Program> assemble(Builder& builder,
                                             const std::array<int, kOutputCount>& outputs,
                                             const std::vector<std::string>& parameterNames,
                                             DerivativeOrder order, DerivativeMethod method);
    /// Marks the values that \a outputs depend on (themselves included).
    std::vector<bool> reachable(std::span<const int> outputs) const;
    /// The operations \a outputs need, in program order.
    std::vector<int> steps(std::span<const int> outputs) const;
    VectorPlan lower(bool grid, bool withGradient) const;
    /// Renumbers the values so that each value of f comes with the tangents made from it (the
    /// parts of its dual number), in an order that is still topological. \a groups: for each
    /// value, the value whose derivative created it.
    void schedule(const std::vector<int>& groups);
    /// The scalar code of \a outputs (−1: not wanted), its registers allocated by liveness.
    ScalarCode scalar(const std::array<int, kOutputCount>& outputs) const;

    DerivativeOrder m_order = DerivativeOrder::Value;
    DerivativeMethod m_method = DerivativeMethod::Symbolic;
    std::vector<std::string> m_parameterNames;
    std::vector<Value> m_values;
    std::vector<double> m_initialSlots;                ///< literals in place, NaN elsewhere
    std::vector<std::pair<int, int>> m_parameterSlots; ///< (slot, parameter index)
    std::array<int, kOutputCount> m_outputs{-1, -1, -1, -1, -1, -1};
    std::vector<int> m_valueSteps;
    std::vector<int> m_allSteps;
    std::vector<double> m_literals;                        ///< the Number values, in value order
    std::vector<std::pair<int, int>> m_parameterRegisters; ///< (register, parameter index)
    ScalarCode m_valueCode;
    ScalarCode m_allCode;
    /// Batch value, batch gradient, grid value, grid gradient: each made on its first use (point
    /// evaluation, all that `gradlab eval` does, needs none of them).
    mutable std::array<VectorPlan, 4> m_plans;
    mutable std::array<std::once_flag, 4> m_planned;
};

} // namespace gradlab
