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

    // Fusion: a product of two non-literals that only one sum or difference reads (and that is
    // no output) runs inside it. fused[v] is that product, −1 for none.
    std::vector<int> readers(count, 0);
    for (const int v : body) {
        const auto& operands = m_values[index(v)].operands;
        for (std::size_t k = 0; k < operands.size(); ++k) {
            if (operands[k] >= 0 && (k == 0 || operands[1] != operands[0])) {
                ++readers[index(operands[k])];
            }
        }
    }
    for (const int output : outputs) {
        if (output >= 0) {
            ++readers[index(output)];
        }
    }
    const auto fusable = [&](int id) {
        const Value& value = m_values[index(id)];
        return value.operation == Operation::Multiply && readers[index(id)] == 1 &&
               m_values[index(value.operands[0])].operation != Operation::Number &&
               m_values[index(value.operands[1])].operation != Operation::Number;
    };
    std::vector<int> fused(count, -1);
    std::vector<bool> absorbed(count, false);
    for (const int v : body) {
        const Value& value = m_values[index(v)];
        if ((value.operation != Operation::Add && value.operation != Operation::Subtract) ||
            value.operands[0] == value.operands[1]) {
            continue;
        }
        for (const int operand : value.operands) {
            if (fusable(operand)) {
                fused[index(v)] = operand;
                absorbed[index(operand)] = true;
                break;
            }
        }
    }
    // What the instruction of value v reads: a fused product's operands in place of the product.
    const auto reads = [&](int v) {
        const auto& operands = m_values[index(v)].operands;
        std::array<int, 3> result{operands[0], operands[1], -1};
        const int product = fused[index(v)];
        if (product >= 0) {
            const auto& factors = m_values[index(product)].operands;
            result = {factors[0], factors[1], operands[0] == product ? operands[1] : operands[0]};
        }
        return result;
    };

    // The last instruction that reads each value; outputs are read after the last one.
    const int end = static_cast<int>(body.size());
    std::vector<int> lastRead(count, -1);
    for (int step = 0; step < end; ++step) {
        const int v = body[index(step)];
        if (absorbed[index(v)]) {
            continue;
        }
        for (const int operand : reads(v)) {
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
        if (absorbed[index(v)]) {
            continue;
        }
        const Value& value = m_values[index(v)];
        ScalarInstruction instruction;
        instruction.builtin = value.builtin;
        int a = location[index(value.operands[0])];
        const int b = value.operands[1] >= 0 ? location[index(value.operands[1])] : 0;
        const int product = fused[index(v)];
        if (product >= 0) {
            // a·b + c = c + a·b exactly; a·b − c and c − a·b keep their order.
            const std::array<int, 3> operands = reads(v);
            const int c = location[index(operands[2])];
            const bool literal = c < 0;
            const bool productFirst = value.operands[0] == product;
            if (value.operation == Operation::Add) {
                instruction.operation =
                    literal ? ScalarOperation::MultiplyAddK : ScalarOperation::MultiplyAddR;
            } else if (productFirst) {
                instruction.operation = literal ? ScalarOperation::MultiplySubtractK
                                                : ScalarOperation::MultiplySubtractR;
            } else {
                instruction.operation = literal ? ScalarOperation::SubtractMultiplyK
                                                : ScalarOperation::SubtractMultiplyR;
            }
            instruction.operands = {location[index(operands[0])], location[index(operands[1])],
                                    literal ? -2 - c : c};
        } else if (value.operation == Operation::Negate || value.operation == Operation::Call) {
            instruction.operation = value.operation == Operation::Negate ? ScalarOperation::Negate
                                                                         : ScalarOperation::Call;
            instruction.operands = {a, 0, 0};
        } else {
            if (a < 0 && b < 0) {
                // Two literals: the builder folds those, but the code stays right without it.
                ScalarInstruction load;
                load.result = allocate();
                load.operands = {-2 - a, 0, 0};
                code.instructions.push_back(load);
                freeRegisters.push_back(load.result);
                a = load.result;
            }
            instruction.operation = scalarOperation(value.operation, a < 0, b < 0);
            if (a < 0 && commutes(instruction.operation)) {
                instruction.operands = {b, -2 - a, 0}; // k + r = r + k, k·r = r·k exactly
            } else {
                instruction.operands = {a < 0 ? -2 - a : a, b < 0 ? -2 - b : b, 0};
            }
        }
        // An operand read here for the last time gives its register to the result: the
        // instruction reads its operands before it writes.
        for (const int operand : reads(v)) {
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
        const int c = instruction.operands[2];
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
        case ScalarOperation::MultiplyAddR:
            result = AddOp::apply(MultiplyOp::apply(r[a], r[b]), r[c]);
            break;
        case ScalarOperation::MultiplyAddK:
            result = AddOp::apply(MultiplyOp::apply(r[a], r[b]), literals[c]);
            break;
        case ScalarOperation::MultiplySubtractR:
            result = SubtractOp::apply(MultiplyOp::apply(r[a], r[b]), r[c]);
            break;
        case ScalarOperation::MultiplySubtractK:
            result = SubtractOp::apply(MultiplyOp::apply(r[a], r[b]), literals[c]);
            break;
        case ScalarOperation::SubtractMultiplyR:
            result = SubtractOp::apply(r[c], MultiplyOp::apply(r[a], r[b]));
            break;
        case ScalarOperation::SubtractMultiplyK:
            result = SubtractOp::apply(literals[c], MultiplyOp::apply(r[a], r[b]));
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
