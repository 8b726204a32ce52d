// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "evaluation/program.h"

#include "differentiation/differentiator.h"
#include "differentiation/simplifier.h"
#include "evaluation/programarithmetic.h"
#include "evaluation/programbuilder.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace gradlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

// ---- Program -----------------------------------------------------------------------------------

std::shared_ptr<const Program> Program::build(const NodePtr& expression,
                                              const std::vector<std::string>& parameterNames,
                                              DerivativeOrder order, DerivativeMethod method)
{
    if (!expression) {
        return nullptr;
    }
    std::shared_ptr<Program> program;
    if (method == DerivativeMethod::Symbolic || order == DerivativeOrder::Value) {
        program = buildSymbolic(expression, parameterNames, order);
    } else {
        program = buildForward(expression, parameterNames, order);
        const std::array<int, 1> value{program->output(Output::F)};
        // The symbolic program is tried where it is cheap to build, and kept unless it is
        // longer: simplified, it is often the shortest for small formulas, and the
        // numbers of small formulas stay those of the symbolic derivatives that gradlab always
        // had.
        if (method == DerivativeMethod::Automatic &&
            program->steps(value).size() <= kSymbolicOperationLimit) {
            std::shared_ptr<Program> symbolic = buildSymbolic(expression, parameterNames, order);
            if (symbolic->m_allSteps.size() <= kSymbolicLengthFactor * program->m_allSteps.size()) {
                program = std::move(symbolic);
            }
        }
    }
    return program;
}

std::shared_ptr<Program> Program::buildSymbolic(const NodePtr& expression,
                                                const std::vector<std::string>& parameterNames,
                                                DerivativeOrder order)
{
    std::array<NodePtr, kOutputCount> trees;
    trees[static_cast<std::size_t>(Output::F)] = expression;
    if (order != DerivativeOrder::Value) {
        const NodePtr dx = simplify(differentiate(expression, Variable::X));
        const NodePtr dy = simplify(differentiate(expression, Variable::Y));
        trees[static_cast<std::size_t>(Output::Dx)] = dx;
        trees[static_cast<std::size_t>(Output::Dy)] = dy;
        if (order == DerivativeOrder::Hessian) {
            trees[static_cast<std::size_t>(Output::Dxx)] = simplify(differentiate(dx, Variable::X));
            trees[static_cast<std::size_t>(Output::Dxy)] = simplify(differentiate(dx, Variable::Y));
            trees[static_cast<std::size_t>(Output::Dyy)] = simplify(differentiate(dy, Variable::Y));
        }
    }
    Builder builder(parameterNames);
    std::array<int, kOutputCount> outputs{-1, -1, -1, -1, -1, -1};
    for (std::size_t k = 0; k < trees.size(); ++k) {
        if (trees[k]) {
            outputs[k] = builder.lower(trees[k]);
        }
    }
    return assemble(builder, outputs, parameterNames, order, DerivativeMethod::Symbolic);
}

std::shared_ptr<Program> Program::buildForward(const NodePtr& expression,
                                               const std::vector<std::string>& parameterNames,
                                               DerivativeOrder order)
{
    Builder builder(parameterNames);
    std::array<int, kOutputCount> outputs{-1, -1, -1, -1, -1, -1};
    const int f = builder.lower(expression);
    outputs[static_cast<std::size_t>(Output::F)] = f;
    if (order != DerivativeOrder::Value) {
        const int dx = builder.derivative(f, Variable::X);
        const int dy = builder.derivative(f, Variable::Y);
        if (order == DerivativeOrder::Hessian) {
            // The second-order parts: ∂²f/∂x², ∂²f/∂x∂y = ∂(∂f/∂x)/∂y and ∂²f/∂y².
            outputs[static_cast<std::size_t>(Output::Dxx)] =
                builder.materialize(dx < 0 ? -1 : builder.derivative(dx, Variable::X));
            outputs[static_cast<std::size_t>(Output::Dxy)] =
                builder.materialize(dx < 0 ? -1 : builder.derivative(dx, Variable::Y));
            outputs[static_cast<std::size_t>(Output::Dyy)] =
                builder.materialize(dy < 0 ? -1 : builder.derivative(dy, Variable::Y));
        }
        outputs[static_cast<std::size_t>(Output::Dx)] = builder.materialize(dx);
        outputs[static_cast<std::size_t>(Output::Dy)] = builder.materialize(dy);
    }
    return assemble(builder, outputs, parameterNames, order, DerivativeMethod::Forward);
}

std::shared_ptr<Program> Program::assemble(Builder& builder,
                                           const std::array<int, kOutputCount>& outputs,
                                           const std::vector<std::string>& parameterNames,
                                           DerivativeOrder order, DerivativeMethod method)
{
    auto program = std::make_shared<Program>();
    program->m_order = order;
    program->m_method = method;
    program->m_parameterNames = parameterNames;
    program->m_outputs = outputs;
    program->m_values = builder.take();
    program->schedule(builder.takeGroups());

    const std::size_t count = program->m_values.size();
    program->m_initialSlots.assign(count, kNaN);
    for (std::size_t id = 0; id < count; ++id) {
        const Value& value = program->m_values[id];
        if (value.operation == Operation::Number) {
            program->m_initialSlots[id] = value.number;
        } else if (value.operation == Operation::Parameter) {
            program->m_parameterSlots.emplace_back(static_cast<int>(id), value.parameter);
        }
    }
    const std::array<int, 1> value{program->output(Output::F)};
    program->m_valueSteps = program->steps(value);
    program->m_allSteps = program->steps(program->m_outputs);

    int nextRegister = 2; // after x and y
    for (std::size_t id = 0; id < count; ++id) {
        const Value& value = program->m_values[id];
        if (value.operation == Operation::Number) {
            program->m_literals.push_back(value.number);
        } else if (value.operation == Operation::Parameter) {
            program->m_parameterRegisters.emplace_back(nextRegister++, value.parameter);
        }
    }
    program->m_valueCode = program->scalar({program->output(Output::F), -1, -1, -1, -1, -1});
    program->m_allCode = program->scalar(program->m_outputs);
    return program;
}

void Program::schedule(const std::vector<int>& groups)
{
    const std::size_t count = m_values.size();
    // A value runs in the latest group among its own and its operands': then no value runs before
    // an operand. Leaves come first, before every group (x and y stay values 0 and 1): a literal
    // first made for a late tangent must not hold back the early values that read it.
    std::vector<int> key(count);
    for (std::size_t id = 0; id < count; ++id) {
        int group = isLeaf(m_values[id].operation) ? -1 : groups[id];
        for (const int operand : m_values[id].operands) {
            if (operand >= 0) {
                group = std::max(group, key[static_cast<std::size_t>(operand)]);
            }
        }
        key[id] = group;
    }
    // Counting sort by group, value numbers ascending within a group.
    std::vector<int> start(count + 2, 0);
    for (const int group : key) {
        ++start[static_cast<std::size_t>(group + 2)];
    }
    for (std::size_t k = 1; k < start.size(); ++k) {
        start[k] += start[k - 1];
    }
    std::vector<int> renumbered(count);
    for (std::size_t id = 0; id < count; ++id) {
        renumbered[id] = start[static_cast<std::size_t>(key[id] + 1)]++;
    }
    std::vector<Value> values(count);
    for (std::size_t id = 0; id < count; ++id) {
        Value value = m_values[id];
        for (int& operand : value.operands) {
            if (operand >= 0) {
                operand = renumbered[static_cast<std::size_t>(operand)];
            }
        }
        values[static_cast<std::size_t>(renumbered[id])] = value;
    }
    m_values = std::move(values);
    for (int& output : m_outputs) {
        if (output >= 0) {
            output = renumbered[static_cast<std::size_t>(output)];
        }
    }
}

std::vector<bool> Program::reachable(std::span<const int> outputs) const
{
    std::vector<bool> needed(m_values.size(), false);
    for (const int output : outputs) {
        if (output >= 0) {
            needed[static_cast<std::size_t>(output)] = true;
        }
    }
    for (std::size_t id = m_values.size(); id-- > 0;) {
        if (!needed[id]) {
            continue;
        }
        for (const int operand : m_values[id].operands) {
            if (operand >= 0) {
                needed[static_cast<std::size_t>(operand)] = true;
            }
        }
    }
    return needed;
}

std::vector<int> Program::steps(std::span<const int> outputs) const
{
    const std::vector<bool> needed = reachable(outputs);
    std::vector<int> result;
    for (std::size_t id = 0; id < m_values.size(); ++id) {
        if (needed[id] && !isLeaf(m_values[id].operation)) {
            result.push_back(static_cast<int>(id));
        }
    }
    return result;
}

void Program::prepareSlots(std::span<double> slots, std::span<const double> parameters) const
{
    std::copy(m_initialSlots.begin(), m_initialSlots.end(), slots.begin());
    for (const auto& [slot, index] : m_parameterSlots) {
        slots[static_cast<std::size_t>(slot)] =
            index >= 0 && static_cast<std::size_t>(index) < parameters.size()
                ? parameters[static_cast<std::size_t>(index)]
                : kNaN;
    }
}

void Program::runSteps(std::span<const int> steps, double* slots) const
{
    for (const int id : steps) {
        slots[id] = compute(m_values[static_cast<std::size_t>(id)], slots);
    }
}

const Program::VectorPlan& Program::plan(bool grid, bool withGradient) const
{
    const bool gradient = withGradient && m_order != DerivativeOrder::Value;
    const std::size_t which = (grid ? 2U : 0U) + (gradient ? 1U : 0U);
    std::call_once(m_planned[which], [&] { m_plans[which] = lower(grid, gradient); });
    return m_plans[which];
}

} // namespace gradlab
