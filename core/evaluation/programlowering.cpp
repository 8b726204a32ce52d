// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// The column plans: kernels that run one instruction over a block of points, and the lowering of
// the program's values into such instructions.
#include "evaluation/program.h"
#include "evaluation/programarithmetic.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

namespace gradlab {
namespace {

using Operation = Program::Operation;
using Tier = Program::Tier;

// ---- Column kernels ----------------------------------------------------------------------------

// An operand of a kernel: a column read element by element, one scalar for the whole block (a
// uniform or row value, a literal), or nothing.
enum class Source { Column, Scalar, None };

template <Source>
struct Operand;
template <>
struct Operand<Source::Column>
{
    const double* __restrict data;
    double operator[](int i) const { return data[i]; }
};
template <>
struct Operand<Source::Scalar>
{
    double value;
    double operator[](int) const { return value; }
};
template <>
struct Operand<Source::None>
{
    double operator[](int) const { return 0.0; }
};

template <Source S>
Operand<S> operand(int index, double* const* columns, const double* slots)
{
    if constexpr (S == Source::Column) {
        return {columns[index]};
    } else if constexpr (S == Source::Scalar) {
        return {slots[index]};
    } else {
        return {};
    }
}

constexpr Source sourceOf(bool scalar)
{
    return scalar ? Source::Scalar : Source::Column;
}

// result[i] = Outer(Inner(a[i], b[i]), c[i]): two arithmetic steps in one pass over the block, so
// the inner result never goes to memory. Bit k of InnerMask makes a (k = 0) or b (k = 1) a scalar.
template <typename Inner, unsigned InnerMask, typename Outer, Source C>
void arithmeticKernel(const Program::VectorInstruction& instruction, double* const* columns,
                      const double* slots, int count)
{
    double* __restrict result = columns[instruction.result];
    const auto a =
        operand<sourceOf((InnerMask & 1U) != 0)>(instruction.operands[0], columns, slots);
    const auto b = operand < Inner::unary ? Source::None
                                          : sourceOf((InnerMask & 2U) != 0) >
                                                (instruction.operands[1], columns, slots);
    const auto c = operand<C>(instruction.operands[2], columns, slots);
#pragma GCC unroll 4
    for (int i = 0; i < count; ++i) {
        result[i] = Outer::apply(Inner::apply(a[i], b[i]), c[i]);
    }
}

void builtinKernel(const Program::VectorInstruction& instruction, double* const* columns,
                   const double*, int count)
{
    instruction.evaluateMany(columns[instruction.operands[0]], columns[instruction.result], count);
}

template <unsigned Mask>
void powerKernel(const Program::VectorInstruction& instruction, double* const* columns,
                 const double* slots, int count)
{
    double* __restrict result = columns[instruction.result];
    const auto a = operand<sourceOf((Mask & 1U) != 0)>(instruction.operands[0], columns, slots);
    const auto b = operand<sourceOf((Mask & 2U) != 0)>(instruction.operands[1], columns, slots);
    for (int i = 0; i < count; ++i) {
        result[i] = std::pow(a[i], b[i]);
    }
}

/// The arithmetic steps a column instruction fuses: inner(a, b), then outer(t, c).
enum class Step : std::uint8_t {
    Identity,
    Negate,
    Square,
    Add,
    Subtract,
    ReverseSubtract, ///< c − t
    Multiply,
    Divide,
    ReverseDivide, ///< c / t
};

template <typename Inner, unsigned InnerMask, typename Outer>
Program::Kernel withThird(bool scalarC)
{
    return scalarC ? &arithmeticKernel<Inner, InnerMask, Outer, Source::Scalar>
                   : &arithmeticKernel<Inner, InnerMask, Outer, Source::Column>;
}

template <typename Inner, unsigned InnerMask>
Program::Kernel pickOuter(Step outer, bool scalarC)
{
    switch (outer) {
    case Step::Identity:
        return &arithmeticKernel<Inner, InnerMask, IdentityOp, Source::None>;
    case Step::Negate:
        return &arithmeticKernel<Inner, InnerMask, NegateOp, Source::None>;
    case Step::Square:
        return &arithmeticKernel<Inner, InnerMask, SquareOp, Source::None>;
    case Step::Add:
        return withThird<Inner, InnerMask, AddOp>(scalarC);
    case Step::Subtract:
        return withThird<Inner, InnerMask, SubtractOp>(scalarC);
    case Step::ReverseSubtract:
        return withThird<Inner, InnerMask, ReverseSubtractOp>(scalarC);
    case Step::Multiply:
        return withThird<Inner, InnerMask, MultiplyOp>(scalarC);
    case Step::Divide:
        return withThird<Inner, InnerMask, DivideOp>(scalarC);
    case Step::ReverseDivide:
        return withThird<Inner, InnerMask, ReverseDivideOp>(scalarC);
    }
    return nullptr;
}

template <typename Inner>
Program::Kernel pickInner(unsigned innerMask, Step outer, bool scalarC)
{
    if constexpr (Inner::unary) {
        return pickOuter<Inner, 0>(outer, scalarC);
    } else {
        switch (innerMask) {
        case 1:
            return pickOuter<Inner, 1>(outer, scalarC);
        case 2:
            return pickOuter<Inner, 2>(outer, scalarC);
        default:
            return pickOuter<Inner, 0>(outer, scalarC);
        }
    }
}

Program::Kernel arithmeticKernelFor(Step inner, unsigned innerMask, Step outer, bool scalarC)
{
    switch (inner) {
    case Step::Negate:
        return pickInner<NegateOp>(innerMask, outer, scalarC);
    case Step::Square:
        return pickInner<SquareOp>(innerMask, outer, scalarC);
    case Step::Add:
        return pickInner<AddOp>(innerMask, outer, scalarC);
    case Step::Subtract:
        return pickInner<SubtractOp>(innerMask, outer, scalarC);
    case Step::Multiply:
        return pickInner<MultiplyOp>(innerMask, outer, scalarC);
    case Step::Divide:
        return pickInner<DivideOp>(innerMask, outer, scalarC);
    default:
        return nullptr;
    }
}

Program::Kernel powerKernelFor(unsigned mask)
{
    switch (mask) {
    case 1:
        return &powerKernel<1>;
    case 2:
        return &powerKernel<2>;
    default:
        return &powerKernel<0>;
    }
}

} // namespace

void Program::runBlock(const Pass& pass, double* const* columns, const double* slots, int count)
{
    for (const VectorInstruction& instruction : pass.instructions) {
        instruction.kernel(instruction, columns, slots, count);
    }
    for (const OutputCopy& copy : pass.copies) {
        double* __restrict target = columns[copy.column];
        if (copy.fromSlot) {
            std::fill(target, target + count, slots[copy.source]);
        } else {
            std::memcpy(target, columns[copy.source],
                        static_cast<std::size_t>(count) * sizeof(double));
        }
    }
}

// ---- Lowering: values → column instructions ----------------------------------------------------

namespace {

/// \brief What one column instruction computes, in value numbers: outer(inner(a, b), c), or a
/// power, or a builtin call.
struct Form
{
    Operation operation = Operation::Add; ///< Power, Call, or any arithmetic operation
    Step inner = Step::Identity;
    Step outer = Step::Identity;
    std::array<int, 3> operands{-1, -1, -1}; ///< a, b, c
    std::vector<int> reads;                  ///< every operand use the instruction retires
};

// The arithmetic step of a value, if it is one: x·x is a square, with one operand.
bool stepOf(const Program::Value& value, Step& step)
{
    switch (value.operation) {
    case Operation::Negate:
        step = Step::Negate;
        return true;
    case Operation::Add:
        step = Step::Add;
        return true;
    case Operation::Subtract:
        step = Step::Subtract;
        return true;
    case Operation::Multiply:
        step = value.operands[0] == value.operands[1] ? Step::Square : Step::Multiply;
        return true;
    case Operation::Divide:
        step = Step::Divide;
        return true;
    default:
        return false;
    }
}

bool isUnary(Step step)
{
    return step == Step::Negate || step == Step::Square;
}

/// \brief What one pass is asked to do.
struct PassRequest
{
    std::vector<int> body;                    ///< the values the pass computes, in program order
    std::vector<int> column;                  ///< columns given beforehand (inputs), −1 elsewhere
    std::vector<std::pair<int, int>> outputs; ///< (value, column) to fill; value −1: none
    int firstScratchColumn = 0;
};

/// Turns the values of \a request into column instructions: fuses arithmetic read only once
/// into its reader, gives every result a column (reused after the last read) and completes the
/// outputs. \a isColumn says which values are columns; the others are read from their slots.
template <typename IsColumn>
Program::Pass lowerPass(const std::vector<Program::Value>& values, PassRequest request,
                        IsColumn isColumn)
{
    using VectorInstruction = Program::VectorInstruction;
    Program::Pass pass;
    const std::size_t count = values.size();
    const auto valueOf = [&](int id) -> const Program::Value& {
        return values[static_cast<std::size_t>(id)];
    };
    const auto index = [](int id) {
        return static_cast<std::size_t>(id);
    };
    std::vector<int>& column = request.column;
    std::vector<bool> inBody(count, false);
    for (const int v : request.body) {
        inBody[index(v)] = true;
    }

    // users: how many instructions or outputs read a value; uses: how many operand reads, after
    // the last of which its column is free again.
    std::vector<int> users(count, 0);
    std::vector<int> uses(count, 0);
    std::vector<bool> isOutput(count, false);
    for (const int v : request.body) {
        const auto& operands = valueOf(v).operands;
        for (std::size_t k = 0; k < operands.size(); ++k) {
            if (operands[k] >= 0 && isColumn(operands[k])) {
                ++uses[index(operands[k])];
                if (k == 0 || operands[1] != operands[0]) {
                    ++users[index(operands[k])];
                }
            }
        }
    }
    for (const auto& [v, c] : request.outputs) {
        if (v >= 0) {
            isOutput[index(v)] = true;
            ++users[index(v)];
            ++uses[index(v)];
        }
    }

    // Fusion, from the outputs down: an arithmetic value read by one instruction only runs inside
    // it as its inner step, so its result never goes to memory.
    std::vector<bool> absorbed(count, false);
    std::vector<Form> forms(count);
    const auto absorbable = [&](int id, Step& step) {
        return id >= 0 && inBody[index(id)] && stepOf(valueOf(id), step) && users[index(id)] == 1 &&
               !isOutput[index(id)];
    };
    for (auto it = request.body.rbegin(); it != request.body.rend(); ++it) {
        const int v = *it;
        if (absorbed[index(v)]) {
            continue;
        }
        const Program::Value& value = valueOf(v);
        Form& form = forms[index(v)];
        form.operation = value.operation;
        const int a = value.operands[0];
        const int b = value.operands[1];
        Step step = Step::Identity;
        if (!stepOf(value, step)) {
            form.operands = {a, b, -1};
            form.reads = {a, b};
            continue;
        }
        form.inner = step;
        form.operands = {a, isUnary(step) ? -1 : b, -1};
        form.reads = {a, b};
        Step innerStep = Step::Identity;
        int absorbedId = -1;
        if (isUnary(step) && absorbable(a, innerStep)) {
            absorbedId = a; // −(inner), (inner)²
            form.outer = step;
        } else if (!isUnary(step) && a != b && absorbable(a, innerStep)) {
            absorbedId = a; // inner ∘ c
            form.outer = step;
            form.operands[2] = b;
        } else if (!isUnary(step) && a != b && absorbable(b, innerStep)) {
            absorbedId = b; // c ∘ inner: addition and multiplication commute exactly
            form.outer = step == Step::Subtract ? Step::ReverseSubtract
                         : step == Step::Divide ? Step::ReverseDivide
                                                : step;
            form.operands[2] = a;
        }
        if (absorbedId >= 0) {
            const Program::Value& inner = valueOf(absorbedId);
            absorbed[index(absorbedId)] = true;
            form.inner = innerStep;
            form.operands[0] = inner.operands[0];
            form.operands[1] = isUnary(innerStep) ? -1 : inner.operands[1];
            form.reads = {inner.operands[0], inner.operands[1], form.operands[2]};
        }
    }

    // Outputs computed here are written straight into their columns.
    std::vector<bool> direct(request.outputs.size(), false);
    for (std::size_t k = 0; k < request.outputs.size(); ++k) {
        const auto [v, c] = request.outputs[k];
        if (v >= 0 && inBody[index(v)] && column[index(v)] < 0) {
            column[index(v)] = c;
            direct[k] = true;
        }
    }

    std::vector<int> freeColumns;
    int nextColumn = request.firstScratchColumn;
    for (const int v : request.body) {
        if (absorbed[index(v)]) {
            continue;
        }
        const Form& form = forms[index(v)];
        int& result = column[index(v)];
        if (result < 0) {
            if (freeColumns.empty()) {
                result = nextColumn++;
            } else {
                result = freeColumns.back();
                freeColumns.pop_back();
            }
        }
        VectorInstruction instruction;
        instruction.result = result;
        unsigned mask = 0;
        for (std::size_t k = 0; k < form.operands.size(); ++k) {
            const int operand = form.operands[k];
            if (operand < 0) {
                continue;
            }
            if (isColumn(operand)) {
                instruction.operands[k] = column[index(operand)];
            } else {
                instruction.operands[k] = operand;
                mask |= 1U << k;
            }
        }
        if (form.operation == Operation::Call) {
            instruction.kernel = &builtinKernel;
            instruction.evaluateMany = builtinInfo(valueOf(v).builtin).evaluateMany;
        } else if (form.operation == Operation::Power) {
            instruction.kernel = powerKernelFor(mask);
        } else {
            instruction.kernel =
                arithmeticKernelFor(form.inner, mask & 3U, form.outer, (mask & 4U) != 0);
        }
        pass.instructions.push_back(instruction);
        // Release the columns read for the last time (after the result took its column, so that a
        // result never shares memory with an operand).
        for (const int operand : form.reads) {
            if (operand < 0 || !isColumn(operand)) {
                continue;
            }
            const int c = column[index(operand)];
            if (--uses[index(operand)] == 0 && c >= request.firstScratchColumn) {
                freeColumns.push_back(c);
            }
        }
    }
    pass.firstScratchColumn = request.firstScratchColumn;
    pass.columnCount = nextColumn;

    for (std::size_t k = 0; k < request.outputs.size(); ++k) {
        const auto [v, c] = request.outputs[k];
        if (v < 0 || direct[k]) {
            continue;
        }
        Program::OutputCopy copy;
        copy.column = c;
        copy.fromSlot = !isColumn(v);
        copy.source = copy.fromSlot ? v : column[index(v)];
        pass.copies.push_back(copy);
    }
    return pass;
}

} // namespace

Program::VectorPlan Program::lower(bool grid, bool withGradient) const
{
    VectorPlan plan;
    const std::size_t count = m_values.size();
    const bool gradient = withGradient && m_order != DerivativeOrder::Value;
    std::vector<int> wanted{output(Output::F)};
    if (gradient) {
        wanted.push_back(output(Output::Dx));
        wanted.push_back(output(Output::Dy));
    }
    // On a grid y is fixed along a row and x along a grid column; in a batch every point has its
    // own x and y.
    const auto tier = [&](int id) {
        const Tier t = m_values[static_cast<std::size_t>(id)].tier;
        return grid || t == Tier::Uniform ? t : Tier::Point;
    };
    // Values that depend on x are columns; the others are slots.
    const auto isColumn = [&](int id) {
        return (static_cast<unsigned>(tier(id)) & 1U) != 0;
    };
    const std::vector<bool> needed = reachable(wanted);

    std::vector<int> columnBody;
    std::vector<int> pointBody;
    for (std::size_t id = 0; id < count; ++id) {
        const int v = static_cast<int>(id);
        if (!needed[id] || isLeaf(m_values[id].operation)) {
            continue;
        }
        switch (tier(v)) {
        case Tier::Uniform:
            plan.uniformSteps.push_back(v);
            break;
        case Tier::Row:
            plan.rowSteps.push_back(v);
            break;
        case Tier::Column:
            columnBody.push_back(v);
            break;
        case Tier::Point:
            pointBody.push_back(v);
            break;
        }
    }

    // Hoisting: the x-only values that points read, or that are outputs, are computed once for
    // the whole row of x coordinates and read by every row.
    std::vector<int> hoisted;
    std::vector<bool> isHoisted(count, false);
    const auto hoist = [&](int id) {
        if (id >= 0 && tier(id) == Tier::Column &&
            !isLeaf(m_values[static_cast<std::size_t>(id)].operation) &&
            !isHoisted[static_cast<std::size_t>(id)]) {
            isHoisted[static_cast<std::size_t>(id)] = true;
            hoisted.push_back(id);
        }
    };
    for (const int v : pointBody) {
        for (const int operand : m_values[static_cast<std::size_t>(v)].operands) {
            hoist(operand);
        }
    }
    for (const int v : wanted) {
        hoist(v);
    }
    std::sort(hoisted.begin(), hoisted.end());
    plan.hoistedCount = static_cast<int>(hoisted.size());
    if (!hoisted.empty()) {
        PassRequest request;
        request.body = columnBody;
        request.column.assign(count, -1);
        request.column[0] = kColumnX;
        for (std::size_t k = 0; k < hoisted.size(); ++k) {
            request.outputs.emplace_back(hoisted[k], 1 + static_cast<int>(k));
        }
        request.firstScratchColumn = 1 + plan.hoistedCount;
        plan.hoisting = lowerPass(m_values, std::move(request), isColumn);
    }

    PassRequest request;
    request.body = pointBody;
    request.column.assign(count, -1);
    request.column[0] = kColumnX;
    if (!grid) {
        request.column[1] = kColumnY;
    }
    for (std::size_t k = 0; k < hoisted.size(); ++k) {
        request.column[static_cast<std::size_t>(hoisted[k])] =
            kFirstHoistedColumn + static_cast<int>(k);
    }
    for (std::size_t k = 0; k < wanted.size(); ++k) {
        request.outputs.emplace_back(wanted[k], kFirstOutputColumn + static_cast<int>(k));
    }
    request.firstScratchColumn = kFirstHoistedColumn + plan.hoistedCount;
    plan.points = lowerPass(m_values, std::move(request), isColumn);
    return plan;
}

} // namespace gradlab
