// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "session.h"

#include "analysis/learningrate.h"
#include "concurrency/workerpool.h"
#include "expression/parser.h"
#include "functions/presets.h"
#include "optimization/racereport.h"

#include <QCoreApplication>
#include <QPointer>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace gradlab {

int RunEntry::indexAt(int position) const
{
    if (alignment == RaceAlignment::Steps) {
        return std::clamp(position, 0, lastIndex());
    }
    // Costs never decrease along a run: the last record that costs at most `position`.
    const auto& records = run->records();
    const Method method = settings.method;
    const auto beyond =
        std::upper_bound(records.begin(), records.end(), static_cast<long long>(position),
                         [method](long long budget, const StepRecord& record) {
                             return budget < raceCost(record, method);
                         });
    return std::max(0, static_cast<int>(beyond - records.begin()) - 1);
}

const StepRecord& RunEntry::recordAt(int position) const
{
    return run->records()[static_cast<std::size_t>(indexAt(position))];
}

bool RunEntry::hasStoppedAt(int position) const
{
    return run->isFinished() && indexAt(position) >= lastIndex();
}

long long RunEntry::positionOf(int k) const
{
    const auto& records = run->records();
    k = std::clamp(k, 0, lastIndex());
    return alignment == RaceAlignment::Steps
               ? k
               : raceCost(records[static_cast<std::size_t>(k)], settings.method);
}

QColor runColor(int index)
{
    // Saturated hues that stay apart from each other, read on the white charts and on the heat map.
    static const std::array<QColor, 8> colors{
        QColor(230, 25, 75),  QColor(0, 130, 200),  QColor(0, 200, 83),   QColor(255, 140, 0),
        QColor(240, 50, 230), QColor(70, 240, 240), QColor(170, 110, 40), QColor(128, 128, 255)};
    return colors[static_cast<std::size_t>(index) % colors.size()];
}

Session::Session(QObject* parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isAtEnd()) {
            pause();
            return;
        }
        stepForward();
    });
    setSpeed(m_speed);
    loadPreset(defaultPreset());
}

Session::~Session()
{
    for (auto& [key, job] : m_gridJobs) {
        job.token.cancel(); // grids under way stop early; their results find no session
    }
}

bool Session::setExpressionText(const QString& text)
{
    if (!replaceFunction(text)) {
        return false;
    }
    restartRuns();
    return true;
}

bool Session::replaceFunction(const QString& text)
{
    ParseOptions options;
    options.declareUnknownIdentifiers = true;
    const std::string utf8 = text.toStdString();
    ParseResult result = parse(utf8, options);
    if (result.hasError()) {
        Q_EMIT expressionRejected(text, result.error);
        return false;
    }
    // Keep the value and range of parameters that survive the edit; new ones start at 1.
    std::vector<ParameterData> parameters;
    for (const std::string& name : result.parameters) {
        const QString qname = QString::fromStdString(name);
        auto old = std::find_if(m_parameters.begin(), m_parameters.end(),
                                [&](const ParameterData& p) { return p.name == qname; });
        parameters.push_back(old != m_parameters.end() ? *old : ParameterData{qname});
    }
    const bool parametersDiffer = parameters != m_parameters;
    m_parameters = std::move(parameters);
    m_expressionText = text;
    m_expression = result.expression;
    if (m_preset && QString::fromStdString(m_preset->formula) != text) {
        m_preset = nullptr;
    }
    recompile();
    if (parametersDiffer) {
        Q_EMIT parametersChanged();
    }
    Q_EMIT functionChanged();
    return true;
}

void Session::loadPreset(const Preset& preset)
{
    m_domain = preset.domain;
    m_viewport = preset.domain;
    m_start = preset.start;
    m_probe = preset.start;
    m_preset = &preset;
    Q_EMIT domainChanged();
    Q_EMIT startPointChanged();
    Q_EMIT probeChanged();
    if (!replaceFunction(QString::fromStdString(preset.formula))) {
        m_preset = nullptr;
        Q_EMIT viewportChanged();
        return;
    }
    Q_EMIT viewportChanged(); // after the function: views draw the new one over it
    m_preset = &preset;
    // A rate that suits one function diverges on another (0.09 on Rosenbrock at once).
    if (!m_keepLearningRates) {
        for (RunEntry& entry : m_runs) {
            entry.settings.learningRate = suggestedLearningRate(entry.settings);
        }
    }
    restartRuns();
    if (!m_keepLearningRates) {
        Q_EMIT learningRatesAdapted();
    }
}

double Session::suggestedLearningRate(const OptimizerSettings& settings) const
{
    return gradlab::suggestedLearningRate(settings, m_function.objective(), m_start, m_domain);
}

void Session::setDomain(const Domain& domain)
{
    if (!domain.isValid() || domain == m_domain) {
        return;
    }
    m_domain = domain;
    m_viewport = domain;
    ++m_revision;
    cancelGridJobs();
    Q_EMIT domainChanged();
    Q_EMIT functionChanged();
    Q_EMIT viewportChanged();
}

void Session::setViewport(const Domain& viewport)
{
    if (!viewport.isValid() || viewport == m_viewport) {
        return;
    }
    m_viewport = viewport;
    Q_EMIT viewportChanged();
}

void Session::setParameter(const ParameterData& parameter)
{
    auto it = std::find_if(m_parameters.begin(), m_parameters.end(),
                           [&](const ParameterData& p) { return p.name == parameter.name; });
    if (it == m_parameters.end() || *it == parameter) {
        return;
    }
    *it = parameter;
    recompile();
    Q_EMIT parametersChanged();
    Q_EMIT functionChanged();
    restartRuns();
}

void Session::recompile()
{
    std::vector<std::string> names;
    std::vector<double> values;
    for (const ParameterData& p : m_parameters) {
        names.push_back(p.name.toStdString());
        values.push_back(p.value);
    }
    m_function = CompiledFunction::compile(m_expression, names, DerivativeOrder::Hessian);
    m_function.setParameters(values);
    ++m_revision;
    cancelGridJobs();
}

PointValue Session::evaluate(const Eigen::Vector2d& point) const
{
    return m_function.evaluate(point.x(), point.y());
}

const GridValues& Session::grid(const Domain& region, int columns, int rows,
                                bool withGradient) const
{
    dropOldGrids();
    GridCache& cache = m_gridCaches[{columns, rows}];
    const GridSpec spec{region, columns, rows};
    if (cache.revision != m_revision || !(cache.values->spec == spec) ||
        (withGradient && !cache.withGradient)) {
        if (cache.values.use_count() > 1) {
            cache.values = std::make_shared<GridValues>(); // a background reader holds the old one
        }
        m_function.evaluateGrid(spec, *cache.values, withGradient);
        cache.revision = m_revision;
        cache.withGradient = withGradient;
    }
    return *cache.values;
}

std::shared_ptr<const GridValues> Session::sharedGrid(const Domain& region, int columns,
                                                      int rows) const
{
    (void)grid(region, columns, rows);
    return m_gridCaches.at({columns, rows}).values;
}

bool Session::isGridExpensive(int columns, int rows) const
{
    const double points = static_cast<double>(std::max(columns, 0)) * std::max(rows, 0);
    return static_cast<double>(m_function.instructionCount()) * points > kBackgroundGridCost;
}

std::shared_ptr<const GridValues> Session::readyGrid(const Domain& region, int columns,
                                                     int rows) const
{
    const auto found = m_gridCaches.find({columns, rows});
    if (found == m_gridCaches.end() || found->second.revision != m_revision ||
        !(found->second.values->spec == GridSpec{region, columns, rows})) {
        return nullptr;
    }
    return found->second.values;
}

bool Session::isComputingGrid(const Domain& region, int columns, int rows) const
{
    const auto found = m_gridJobs.find({columns, rows});
    return found != m_gridJobs.end() && found->second.revision == m_revision &&
           found->second.region == region;
}

void Session::requestGrid(const Domain& region, int columns, int rows)
{
    dropOldGrids();
    if (columns <= 0 || rows <= 0 || !region.isValid() || readyGrid(region, columns, rows) ||
        isComputingGrid(region, columns, rows)) {
        return;
    }
    const GridKey key{columns, rows};
    if (const auto older = m_gridJobs.find(key); older != m_gridJobs.end()) {
        older->second.token.cancel(); // the same size over another region: a pan superseded it
    }
    const GridJob job{m_revision, region, CancellationToken()};
    const GridSpec spec{region, columns, rows};
    // The task holds copies and a QPointer, never `this` (as ContourView's background work does).
    QPointer<Session> self(this);
    WorkerPool::shared().submit(
        [self, key, function = m_function, spec, token = job.token, revision = m_revision] {
            auto values = std::make_shared<GridValues>();
            if (!function.evaluateGrid(spec, *values, false, 0, token)) {
                return; // superseded
            }
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, key, revision, values] {
                    if (self) {
                        self->takeComputedGrid(key, revision, values);
                    }
                },
                Qt::QueuedConnection);
        });
    m_gridJobs[key] = job;
}

void Session::takeComputedGrid(GridKey key, quint64 revision, std::shared_ptr<GridValues> values)
{
    const auto job = m_gridJobs.find(key);
    const bool current = job != m_gridJobs.end() && job->second.revision == revision &&
                         job->second.region == values->spec.domain;
    if (current) {
        m_gridJobs.erase(job);
    }
    if (revision != m_revision || !current) {
        return; // another function, or a region a newer request replaced
    }
    GridCache& cache = m_gridCaches[key];
    if (cache.revision != revision || !(cache.values->spec == values->spec)) {
        cache.revision = revision;
        cache.withGradient = false;
        cache.values = std::move(values);
    }
    Q_EMIT gridReady(key.first, key.second);
}

void Session::dropOldGrids() const
{
    std::erase_if(m_gridCaches,
                  [this](const auto& entry) { return entry.second.revision != m_revision; });
}

void Session::cancelGridJobs()
{
    for (auto it = m_gridJobs.begin(); it != m_gridJobs.end();) {
        if (it->second.revision != m_revision) {
            it->second.token.cancel();
            it = m_gridJobs.erase(it);
        } else {
            ++it;
        }
    }
}

void Session::setProbe(const Eigen::Vector2d& point)
{
    if (point == m_probe || !point.allFinite()) {
        return;
    }
    m_probe = point;
    Q_EMIT probeChanged();
}

void Session::setProbeDirection(const Eigen::Vector2d& direction)
{
    const double length = direction.norm();
    if (!(length > 0) || !std::isfinite(length)) {
        return;
    }
    const Eigen::Vector2d unit = direction / length;
    if (unit == m_probeDirection) {
        return;
    }
    m_probeDirection = unit;
    Q_EMIT probeChanged();
}

void Session::setStartPoint(const Eigen::Vector2d& point)
{
    if (!point.allFinite()) {
        return;
    }
    m_start = point;
    Q_EMIT startPointChanged();
    restartRuns();
}

const RunEntry* Session::runById(int id) const
{
    auto it =
        std::find_if(m_runs.begin(), m_runs.end(), [id](const RunEntry& r) { return r.id == id; });
    return it == m_runs.end() ? nullptr : &*it;
}

int Session::addRun(const OptimizerSettings& settings, const QColor& color)
{
    RunEntry entry;
    entry.id = m_nextRunId++;
    entry.color = color.isValid() ? color : runColor(entry.id - 1);
    entry.settings = settings;
    entry.alignment = m_alignment;
    entry.run = std::make_unique<Run>(m_function.objective(), m_start, settings);
    m_runs.push_back(std::move(entry));
    advanceRunsTo(m_currentStep);
    Q_EMIT runsChanged();
    return m_runs.back().id;
}

void Session::removeRun(int id)
{
    auto it =
        std::find_if(m_runs.begin(), m_runs.end(), [id](const RunEntry& r) { return r.id == id; });
    if (it == m_runs.end()) {
        return;
    }
    m_runs.erase(it);
    Q_EMIT runsChanged();
}

void Session::setRunSettings(int id, const OptimizerSettings& settings)
{
    auto it =
        std::find_if(m_runs.begin(), m_runs.end(), [id](const RunEntry& r) { return r.id == id; });
    if (it == m_runs.end() || it->settings == settings) {
        return;
    }
    it->settings = settings;
    it->run = std::make_unique<Run>(m_function.objective(), m_start, settings);
    std::erase(m_reportedDivergence, id);
    advanceRunsTo(m_currentStep);
    Q_EMIT runsChanged();
}

void Session::setRunVisible(int id, bool visible)
{
    auto it =
        std::find_if(m_runs.begin(), m_runs.end(), [id](const RunEntry& r) { return r.id == id; });
    if (it == m_runs.end() || it->visible == visible) {
        return;
    }
    it->visible = visible;
    Q_EMIT runsChanged();
}

void Session::clearRuns()
{
    if (m_runs.empty()) {
        return;
    }
    m_runs.clear();
    m_reportedDivergence.clear();
    Q_EMIT runsChanged();
}

void Session::restartRuns()
{
    for (RunEntry& entry : m_runs) {
        entry.run = std::make_unique<Run>(m_function.objective(), m_start, entry.settings);
    }
    m_reportedDivergence.clear();
    const bool stepChanged = m_currentStep != 0;
    m_currentStep = 0;
    if (m_alignment == RaceAlignment::Evaluations) {
        advanceRunsTo(0);
    }
    pause();
    Q_EMIT runsChanged();
    if (stepChanged) {
        Q_EMIT currentStepChanged(m_currentStep);
    }
}

void Session::advanceRunsTo(int step)
{
    for (RunEntry& entry : m_runs) {
        if (m_alignment == RaceAlignment::Steps) {
            // One step ahead of the one shown: the views draw the step about to be taken
            // (x_k → x_k+1).
            entry.run->advanceTo(step + 1);
        } else {
            // Aligned by cost the timeline's end is the costliest run's end: every run is
            // computed through (a few hundred steps).
            entry.run->runToEnd();
        }
        entry.reached = std::max(entry.reached, entry.indexAt(step));
        if (entry.run->stopReason() == StopReason::Diverged &&
            std::find(m_reportedDivergence.begin(), m_reportedDivergence.end(), entry.id) ==
                m_reportedDivergence.end() &&
            entry.hasStoppedAt(step)) {
            m_reportedDivergence.push_back(entry.id);
            Q_EMIT runDiverged(entry.id, QString::fromStdString(entry.run->explanation()));
        }
    }
}

int Session::lastStep() const
{
    long long last = 0;
    for (const RunEntry& entry : m_runs) {
        const long long end = !entry.run->isFinished() ? entry.settings.maxSteps
                              : m_alignment == RaceAlignment::Steps
                                  ? entry.lastIndex()
                                  : entry.positionOf(entry.lastIndex());
        last = std::max(last, end);
    }
    return static_cast<int>(std::min<long long>(last, std::numeric_limits<int>::max()));
}

void Session::setRaceAlignment(RaceAlignment alignment)
{
    if (alignment == m_alignment) {
        return;
    }
    // The moment shown: the furthest step (or cost) any run has reached at the current position.
    long long position = 0;
    for (RunEntry& entry : m_runs) {
        const int k = entry.indexAt(m_currentStep);
        entry.alignment = alignment;
        entry.reached = 0;
        if (alignment == RaceAlignment::Evaluations) {
            entry.run->runToEnd();
        }
        position = std::max(position, entry.positionOf(k));
    }
    m_alignment = alignment;
    m_currentStep = -1; // so that setCurrentStep announces the new position
    Q_EMIT raceAlignmentChanged(alignment);
    setCurrentStep(static_cast<int>(std::min<long long>(position, lastStep())));
}

bool Session::isAtEnd() const
{
    return m_currentStep >= lastStep();
}

void Session::setCurrentStep(int step)
{
    step = std::clamp(step, 0, std::max(0, lastStep()));
    advanceRunsTo(step);
    step = std::clamp(step, 0, std::max(0, lastStep())); // a run may have stopped early
    if (step == m_currentStep) {
        return;
    }
    m_currentStep = step;
    Q_EMIT currentStepChanged(m_currentStep);
}

void Session::stepForward()
{
    setCurrentStep(m_currentStep + 1);
}

void Session::stepBackward()
{
    setCurrentStep(m_currentStep - 1);
}

void Session::reset()
{
    pause();
    setCurrentStep(0);
}

void Session::play()
{
    if (m_runs.empty() || m_timer.isActive()) {
        return;
    }
    if (isAtEnd()) {
        setCurrentStep(0);
    }
    m_timer.start();
    Q_EMIT playingChanged(true);
}

void Session::pause()
{
    if (!m_timer.isActive()) {
        return;
    }
    m_timer.stop();
    Q_EMIT playingChanged(false);
}

void Session::togglePlay()
{
    if (isPlaying()) {
        pause();
    } else {
        play();
    }
}

void Session::setSpeed(double stepsPerSecond)
{
    m_speed = std::clamp(stepsPerSecond, 0.25, 240.0);
    m_timer.setInterval(static_cast<int>(std::lround(1000.0 / m_speed)));
}

} // namespace gradlab
