// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The scalar code: the program's values for one point, run over a register file that holds only
// the values still to be read. A long program then works in a few cache lines, and f with its
// tangents (scheduled side by side) needs barely more of them than f alone.
#include "evaluation/program.h"
#include "evaluation/programarithmetic.h"

#include <cmath>
#include <limits>

namespace gradlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Operation = Program::Operation;
using ScalarOperation = Program::ScalarOperation;

/// The instruction for an arithmetic value whose operands are (register or literal) a and b: the
/// literal goes second where the operation commutes exactly (IEEE + and · do).
ScalarOperation scalarOperation(Operation operation, bool literalA, bool literalB)
{
    const auto pick = [&](ScalarOperation rr, ScalarOperation rk, ScalarOperation kr) {
        return literalB ? rk : literalA ? kr : rr;
    };
    switch (operation) {
    case Operation::Add:
        return pick(ScalarOperation::AddRR, ScalarOperation::AddRK, ScalarOperation::AddRK);
    case Operation::Subtract:
        return pick(ScalarOperation::SubtractRR, ScalarOperation::SubtractRK,
                    ScalarOperation::SubtractKR);
    case Operation::Multiply:
        return pick(ScalarOperation::MultiplyRR, ScalarOperation::MultiplyRK,
                    ScalarOperation::MultiplyRK);
    case Operation::Divide:
        return pick(ScalarOperation::DivideRR, ScalarOperation::DivideRK,
                    ScalarOperation::DivideKR);
    default:
        return pick(ScalarOperation::PowerRR, ScalarOperation::PowerRK, ScalarOperation::PowerKR);
    }
}

bool commutes(ScalarOperation operation)
{
    return operation == ScalarOperation::AddRK || operation == ScalarOperation::MultiplyRK;
}

} // namespace

Program::ScalarCode Program::scalar(const std::array<int, kOutputCount>& outputs) const
{
    ScalarCode code;
    const std::vector<int> body = steps(outputs);
    const std::size_t count = m_values.size();
    const auto index = [](int id) {
        return static_cast<std::size_t>(id);
    };

    // Where each value lives: register r ≥ 0, or literal k as −2 − k.
    constexpr int kNowhere = -1;
    std::vector<int> location(count, kNowhere);
    location[0] = 0;
    location[1] = 1;
    int literal = 0;
    std::size_t parameter = 0;
    for (std::size_t id = 0; id < count; ++id) {
        const Operation operation = m_values[id].operation;
        if (operation == Operation::Number) {
            location[id] = -2 - literal++;
        } else if (operation == Operation::Parameter) {
            location[id] = m_parameterRegisters[parameter++].first;
        }
    }
    const int firstFree = 2 + static_cast<int>(m_parameterRegisters.size());

    // The last instruction that reads each value; outputs are read after the last one.
    const int end = static_cast<int>(body.size());
    std::vector<int> lastRead(count, -1);
    for (int step = 0; step < end; ++step) {
        for (const int operand : m_values[index(body[index(step)])].operands) {
            if (operand >= 0) {
                lastRead[index(operand)] = step;
            }
        }
    }
    for (const int output : outputs) {
        if (output >= 0) {
            lastRead[index(output)] = end;
        }
    }

    std::vector<int> freeRegisters;
    int nextRegister = firstFree;
    const auto allocate = [&] {
        if (freeRegisters.empty()) {
            return nextRegister++;
        }
        const int r = freeRegisters.back();
        freeRegisters.pop_back();
        return r;
    };
    code.instructions.reserve(body.size());
    for (int step = 0; step < end; ++step) {
        const int v = body[index(step)];
        const Value& value = m_values[index(v)];
        ScalarInstruction instruction;
        instruction.builtin = value.builtin;
        int a = location[index(value.operands[0])];
        const int b = value.operands[1] >= 0 ? location[index(value.operands[1])] : 0;
        if (value.operation == Operation::Negate || value.operation == Operation::Call) {
            instruction.operation = value.operation == Operation::Negate ? ScalarOperation::Negate
                                                                         : ScalarOperation::Call;
            instruction.operands = {a, 0};
        } else {
            if (a < 0 && b < 0) {
                // Two literals: the builder folds those, but the code stays right without it.
                ScalarInstruction load;
                load.result = allocate();
                load.operands = {-2 - a, 0};
                code.instructions.push_back(load);
                freeRegisters.push_back(load.result);
                a = load.result;
            }
            instruction.operation = scalarOperation(value.operation, a < 0, b < 0);
            if (a < 0 && commutes(instruction.operation)) {
                instruction.operands = {b, -2 - a}; // k + r = r + k, k·r = r·k exactly
            } else {
                instruction.operands = {a < 0 ? -2 - a : a, b < 0 ? -2 - b : b};
            }
        }
        // An operand read here for the last time gives its register to the result: the
        // instruction reads its operands before it writes.
        for (const int operand : value.operands) {
            if (operand >= 0 && lastRead[index(operand)] == step &&
                location[index(operand)] >= firstFree) {
                freeRegisters.push_back(location[index(operand)]);
                lastRead[index(operand)] = -1; // x·x frees its register once
            }
        }
        instruction.result = allocate();
        location[index(v)] = instruction.result;
        code.instructions.push_back(instruction);
    }
    code.registerCount = nextRegister;
    for (std::size_t k = 0; k < outputs.size(); ++k) {
        code.outputs[k] = outputs[k] >= 0 ? location[index(outputs[k])] : kNowhere;
    }
    return code;
}

void Program::runScalar(const ScalarCode& code, double* registers, double x, double y,
                        std::span<const double> parameters) const
{
    registers[0] = x;
    registers[1] = y;
    for (const auto& [r, index] : m_parameterRegisters) {
        registers[r] = index >= 0 && static_cast<std::size_t>(index) < parameters.size()
                           ? parameters[static_cast<std::size_t>(index)]
                           : kNaN;
    }
    const double* literals = m_literals.data();
    double* r = registers;
    for (const ScalarInstruction& instruction : code.instructions) {
        const int a = instruction.operands[0];
        const int b = instruction.operands[1];
        double result = 0.0;
        switch (instruction.operation) {
        case ScalarOperation::Load:
            result = literals[a];
            break;
        case ScalarOperation::Negate:
            result = NegateOp::apply(r[a], 0.0);
            break;
        case ScalarOperation::AddRR:
            result = AddOp::apply(r[a], r[b]);
            break;
        case ScalarOperation::AddRK:
            result = AddOp::apply(r[a], literals[b]);
            break;
        case ScalarOperation::SubtractRR:
            result = SubtractOp::apply(r[a], r[b]);
            break;
        case ScalarOperation::SubtractRK:
            result = SubtractOp::apply(r[a], literals[b]);
            break;
        case ScalarOperation::SubtractKR:
            result = SubtractOp::apply(literals[a], r[b]);
            break;
        case ScalarOperation::MultiplyRR:
            result = MultiplyOp::apply(r[a], r[b]);
            break;
        case ScalarOperation::MultiplyRK:
            result = MultiplyOp::apply(r[a], literals[b]);
            break;
        case ScalarOperation::DivideRR:
            result = DivideOp::apply(r[a], r[b]);
            break;
        case ScalarOperation::DivideRK:
            result = DivideOp::apply(r[a], literals[b]);
            break;
        case ScalarOperation::DivideKR:
            result = DivideOp::apply(literals[a], r[b]);
            break;
        case ScalarOperation::PowerRR:
            result = std::pow(r[a], r[b]);
            break;
        case ScalarOperation::PowerRK:
            result = std::pow(r[a], literals[b]);
            break;
        case ScalarOperation::PowerKR:
            result = std::pow(literals[a], r[b]);
            break;
        case ScalarOperation::Call:
            result = callBuiltin(instruction.builtin, r[a]);
            break;
        }
        r[instruction.result] = result;
    }
}

double Program::scalarOutput(const ScalarCode& code, const double* registers, Output which) const
{
    const int where = code.outputs[static_cast<std::size_t>(which)];
    if (where >= 0) {
        return registers[where];
    }
    return where == -1 ? kNaN : m_literals[static_cast<std::size_t>(-2 - where)];
}

} // namespace gradlab
