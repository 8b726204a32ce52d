// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "evaluation/compiledfunction.h"

#include "concurrency/workerpool.h"
#include "evaluation/program.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <limits>
#include <thread>

namespace gradlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Points per column block: 256 doubles are 2 KiB, so the dozen or so live columns of a typical
/// program stay in the L1 cache while every instruction streams over them.
constexpr int kBlock = 256;

/// Below this many points per worker, starting a thread costs more than it saves (threads = 0).
constexpr std::size_t kPointsPerThread = 32768;

/// \brief The registers of one point evaluation: on the stack for programs of ordinary size.
class RegisterBuffer
{
public:
    explicit RegisterBuffer(std::size_t size)
    {
        if (size > m_inline.size()) {
            m_heap.resize(size);
            m_data = m_heap.data();
        }
    }
    double* data() { return m_data; }

private:
    std::array<double, 256> m_inline; // every register is written before it is read
    std::vector<double> m_heap;
    double* m_data = m_inline.data();
};

/// \brief Column storage of one worker: scratch registers, the table of column pointers and the
/// slots of the uniform and row values.
class Workspace
{
public:
    Workspace(const Program& program, const Program::VectorPlan& plan, const Program::Pass& pass,
              std::span<const double> parameters)
        : m_slots(program.slotCount())
        , m_scratch(static_cast<std::size_t>(pass.columnCount - pass.firstScratchColumn + 1) *
                    kBlock)
        , m_columns(
              static_cast<std::size_t>(std::max(pass.columnCount, Program::kFirstHoistedColumn)),
              nullptr)
    {
        program.prepareSlots(m_slots, parameters);
        program.runSteps(plan.uniformSteps, m_slots.data());
        for (int c = pass.firstScratchColumn; c < pass.columnCount; ++c) {
            const auto block = static_cast<std::size_t>(c - pass.firstScratchColumn + 1);
            m_columns[static_cast<std::size_t>(c)] = m_scratch.data() + block * kBlock;
        }
    }
    double* slots() { return m_slots.data(); }
    /// A block-sized column nobody reads: the home of outputs the caller did not ask for.
    double* discard() { return m_scratch.data(); }
    double*& column(int c) { return m_columns[static_cast<std::size_t>(c)]; }
    double* const* columns() const { return m_columns.data(); }

private:
    std::vector<double> m_slots;
    std::vector<double> m_scratch;
    std::vector<double*> m_columns;
};

} // namespace

CompiledFunction::CompiledFunction() = default;
CompiledFunction::~CompiledFunction() = default;
CompiledFunction::CompiledFunction(const CompiledFunction&) = default;
CompiledFunction& CompiledFunction::operator=(const CompiledFunction&) = default;
CompiledFunction::CompiledFunction(CompiledFunction&&) noexcept = default;
CompiledFunction& CompiledFunction::operator=(CompiledFunction&&) noexcept = default;

CompiledFunction CompiledFunction::compile(const NodePtr& expression,
                                           const std::vector<std::string>& parameterNames,
                                           DerivativeOrder order, DerivativeMethod method)
{
    CompiledFunction function;
    function.m_program = Program::build(expression, parameterNames, order, method);
    if (function.m_program) {
        function.m_parameters.assign(parameterNames.size(), kNaN);
    }
    return function;
}

bool CompiledFunction::isValid() const
{
    return m_program != nullptr;
}

DerivativeOrder CompiledFunction::order() const
{
    return m_program ? m_program->order() : DerivativeOrder::Value;
}

DerivativeMethod CompiledFunction::derivativeMethod() const
{
    return m_program ? m_program->method() : DerivativeMethod::Symbolic;
}

const std::vector<std::string>& CompiledFunction::parameterNames() const
{
    static const std::vector<std::string> none;
    return m_program ? m_program->parameterNames() : none;
}

void CompiledFunction::setParameters(std::span<const double> values)
{
    std::copy_n(values.begin(), std::min(values.size(), m_parameters.size()), m_parameters.begin());
}

std::size_t CompiledFunction::instructionCount() const
{
    return m_program ? m_program->instructionCount() : 0;
}

double CompiledFunction::value(double x, double y) const
{
    if (!m_program) {
        return kNaN;
    }
    const Program::ScalarCode& code = m_program->scalarCode(false);
    RegisterBuffer registers(static_cast<std::size_t>(code.registerCount));
    m_program->runScalar(code, registers.data(), x, y, m_parameters);
    return m_program->scalarOutput(code, registers.data(), Program::Output::F);
}

PointValue CompiledFunction::evaluate(double x, double y) const
{
    PointValue result;
    if (!m_program) {
        return result;
    }
    const Program::ScalarCode& code = m_program->scalarCode(true);
    RegisterBuffer registers(static_cast<std::size_t>(code.registerCount));
    m_program->runScalar(code, registers.data(), x, y, m_parameters);
    const auto read = [&](Program::Output output) {
        return m_program->scalarOutput(code, registers.data(), output);
    };
    result.f = read(Program::Output::F);
    result.gradient = {read(Program::Output::Dx), read(Program::Output::Dy)};
    const double fxy = read(Program::Output::Dxy);
    result.hessian << read(Program::Output::Dxx), fxy, fxy, read(Program::Output::Dyy);
    return result;
}

Objective CompiledFunction::objective() const
{
    return [function = *this](const Eigen::Vector2d& point) {
        return function.evaluate(point.x(), point.y());
    };
}

void CompiledFunction::evaluateBatch(std::span<const double> xs, std::span<const double> ys,
                                     std::span<double> f, std::span<double> dfdx,
                                     std::span<double> dfdy) const
{
    std::size_t count = std::min({xs.size(), ys.size(), f.size()});
    const bool wantDx = !dfdx.empty();
    const bool wantDy = !dfdy.empty();
    if (wantDx) {
        count = std::min(count, dfdx.size());
    }
    if (wantDy) {
        count = std::min(count, dfdy.size());
    }
    const bool gradient = (wantDx || wantDy) && order() != DerivativeOrder::Value;
    if (!gradient) {
        std::fill_n(dfdx.begin(), wantDx ? count : 0, kNaN);
        std::fill_n(dfdy.begin(), wantDy ? count : 0, kNaN);
    }
    if (!m_program) {
        std::fill_n(f.begin(), count, kNaN);
        return;
    }
    const Program::VectorPlan& plan = m_program->plan(false, gradient);
    Workspace workspace(*m_program, plan, plan.points, m_parameters);
    for (std::size_t start = 0; start < count; start += kBlock) {
        const int n = static_cast<int>(std::min<std::size_t>(kBlock, count - start));
        // The inputs are only read; the kernels take every column through one pointer table.
        workspace.column(Program::kColumnX) = const_cast<double*>(xs.data() + start);
        workspace.column(Program::kColumnY) = const_cast<double*>(ys.data() + start);
        workspace.column(Program::kFirstOutputColumn) = f.data() + start;
        workspace.column(Program::kFirstOutputColumn + 1) =
            wantDx ? dfdx.data() + start : workspace.discard();
        workspace.column(Program::kFirstOutputColumn + 2) =
            wantDy ? dfdy.data() + start : workspace.discard();
        Program::runBlock(plan.points, workspace.columns(), workspace.slots(), n);
    }
}

GridValues CompiledFunction::evaluateGrid(const GridSpec& grid, bool withGradient,
                                          int threads) const
{
    GridValues result;
    evaluateGrid(grid, result, withGradient, threads);
    return result;
}

bool CompiledFunction::evaluateGrid(const GridSpec& grid, GridValues& result, bool withGradient,
                                    int threads, const CancellationToken& token) const
{
    result.spec = grid;
    const std::size_t size = grid.columns > 0 && grid.rows > 0 ? grid.size() : 0;
    result.f.resize(size);
    result.dfdx.resize(withGradient ? size : 0);
    result.dfdy.resize(withGradient ? size : 0);
    if (size == 0) {
        return true;
    }
    if (!m_program) {
        std::fill(result.f.begin(), result.f.end(), kNaN);
        std::fill(result.dfdx.begin(), result.dfdx.end(), kNaN);
        std::fill(result.dfdy.begin(), result.dfdy.end(), kNaN);
        return true;
    }
    const bool gradient = withGradient && order() != DerivativeOrder::Value;
    if (withGradient && !gradient) {
        std::fill(result.dfdx.begin(), result.dfdx.end(), kNaN);
        std::fill(result.dfdy.begin(), result.dfdy.end(), kNaN);
    }
    const Program::VectorPlan& plan = m_program->plan(true, gradient);

    // Every row has the same x coordinates, and the same values of whatever depends on x alone:
    // those are computed once, here, for all rows.
    const auto width = static_cast<std::size_t>(grid.columns);
    std::vector<double> xs(width);
    for (int i = 0; i < grid.columns; ++i) {
        xs[static_cast<std::size_t>(i)] = grid.x(i);
    }
    std::vector<double> hoisted(static_cast<std::size_t>(plan.hoistedCount) * width);
    if (plan.hoistedCount > 0) {
        Workspace workspace(*m_program, plan, plan.hoisting, m_parameters);
        for (int start = 0; start < grid.columns; start += kBlock) {
            workspace.column(Program::kColumnX) = xs.data() + start;
            for (int k = 0; k < plan.hoistedCount; ++k) {
                workspace.column(1 + k) =
                    hoisted.data() + static_cast<std::size_t>(k) * width + start;
            }
            Program::runBlock(plan.hoisting, workspace.columns(), workspace.slots(),
                              std::min(kBlock, grid.columns - start));
        }
    }

    int workers = threads;
    if (workers <= 0) {
        const std::size_t useful = std::max<std::size_t>(1, size / kPointsPerThread);
        workers = static_cast<int>(
            std::min<std::size_t>(std::max(1U, std::thread::hardware_concurrency()), useful));
    }
    workers = std::clamp(workers, 1, grid.rows);
    // Worker t owns the t-th band of rows, so that a grid evaluated again and again (a parameter
    // slider moving) has each band written by the same core as before and its cache lines stay
    // there. It takes its band a chunk at a time; when done it takes the remaining chunks of the
    // others, so that a worker on a busy core simply does less.
    const int chunk = std::max(1, grid.rows / (workers * 16));
    std::vector<std::atomic<int>> nextRow(static_cast<std::size_t>(workers));
    std::vector<int> bandEnd(static_cast<std::size_t>(workers));
    for (int t = 0; t < workers; ++t) {
        const auto band = static_cast<std::size_t>(t);
        nextRow[band].store(static_cast<int>(static_cast<long long>(grid.rows) * t / workers));
        bandEnd[band] = static_cast<int>(static_cast<long long>(grid.rows) * (t + 1) / workers);
    }
    const auto work = [&](int worker) {
        Workspace workspace(*m_program, plan, plan.points, m_parameters);
        double* slots = workspace.slots();
        const auto evaluateRow = [&](int j) {
            slots[1] = grid.y(j);
            m_program->runSteps(plan.rowSteps, slots);
            const std::size_t row = static_cast<std::size_t>(j) * width;
            for (int start = 0; start < grid.columns; start += kBlock) {
                const std::size_t offset = row + static_cast<std::size_t>(start);
                workspace.column(Program::kColumnX) = xs.data() + start;
                for (int k = 0; k < plan.hoistedCount; ++k) {
                    workspace.column(Program::kFirstHoistedColumn + k) =
                        hoisted.data() + static_cast<std::size_t>(k) * width + start;
                }
                workspace.column(Program::kFirstOutputColumn) = result.f.data() + offset;
                if (gradient) {
                    workspace.column(Program::kFirstOutputColumn + 1) = result.dfdx.data() + offset;
                    workspace.column(Program::kFirstOutputColumn + 2) = result.dfdy.data() + offset;
                }
                Program::runBlock(plan.points, workspace.columns(), slots,
                                  std::min(kBlock, grid.columns - start));
            }
        };
        for (int step = 0; step < workers; ++step) {
            const auto band = static_cast<std::size_t>((worker + step) % workers);
            for (int begin = nextRow[band].fetch_add(chunk, std::memory_order_relaxed);
                 begin < bandEnd[band] && !token.isCancelled();
                 begin = nextRow[band].fetch_add(chunk, std::memory_order_relaxed)) {
                for (int j = begin; j < std::min(begin + chunk, bandEnd[band]); ++j) {
                    evaluateRow(j);
                }
            }
        }
    };
    // pool (#18): the workers are the application's persistent pool, not threads started here.
    WorkerPool::shared().parallelFor(workers, work, token, workers);
    return !token.isCancelled();
}

} // namespace gradlab
