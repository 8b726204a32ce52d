// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "concurrency/cancellation.h"
#include "evaluation/compiledfunction.h"
#include "evaluation/grid.h"
#include "expression/node.h"
#include "expression/parseerror.h"
#include "optimization/optimizer.h"

#include <Eigen/Core>
#include <QColor>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace gradlab {

struct Preset;

/// \brief A named parameter of the function (a, k, lambda) with its slider range.
struct ParameterData
{
    QString name;
    double value = 1.0;
    double minimum = -5.0;
    double maximum = 5.0;

    bool operator==(const ParameterData&) const = default;
};

/// How the runs of a race line up on the timeline: at the same step k, or at the same cost in
/// evaluations (a fair race: a method whose step evaluates f and ∇f several times moves on less).
enum class RaceAlignment { Steps, Evaluations };

/// \brief One descent in the race: its settings, colour, visibility and the run itself.
struct RunEntry
{
    int id = 0;
    QColor color;
    bool visible = true;
    OptimizerSettings settings;
    std::unique_ptr<Run> run;
    /// The furthest step the session has shown of this run (records beyond it are look-ahead).
    int reached = 0;
    /// What the session's timeline counts (the session sets it on every run).
    RaceAlignment alignment = RaceAlignment::Steps;

    /// The step k shown at timeline position \a position: the position itself when aligned by
    /// steps, the last step within that many evaluations (raceCost) when aligned by evaluations;
    /// the run's own last one if it stopped earlier.
    int indexAt(int position) const;
    /// The record shown at the timeline position \a position (indexAt).
    const StepRecord& recordAt(int position) const;
    /// True when the run has stopped (converged, diverged, out of steps) at or before \a position.
    bool hasStoppedAt(int position) const;
    /// The timeline position of record \a k: k, or its cost in evaluations.
    long long positionOf(int k) const;
    int lastIndex() const { return static_cast<int>(run->records().size()) - 1; }
    /// Records shown so far: x_0 … x_reached (the session computes one more, to draw the next
    /// step).
    int shownRecordCount() const { return std::min(reached, lastIndex()) + 1; }
};

/// \brief The one door between the core and the views: owns the current function, its domain and
/// parameters, the probe point, the start point, the runs of the race and the current step.
/// Views observe its signals and read its state; they never compute derivatives themselves.
class Session : public QObject
{
    Q_OBJECT

public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // --- The function -------------------------------------------------------------------
    /// Parses \a text. On success it becomes the function (functionChanged, runs recomputed) and
    /// true is returned; on error expressionRejected is emitted and the last good function stays.
    bool setExpressionText(const QString& text);
    /// The text of the current (last good) function.
    QString expressionText() const { return m_expressionText; }
    NodePtr expression() const { return m_expression; }
    /// The compiled current function, parameters bound (value, gradient, Hessian).
    const CompiledFunction& function() const { return m_function; }
    /// Increases by one whenever the function, its parameters or the domain change (cache key).
    quint64 revision() const { return m_revision; }

    /// Loads a preset: its formula, domain and start point; keeps the runs and their settings,
    /// restarted there. Unless learning rates are kept (setKeepLearningRates), each run gets a
    /// rate suited to the preset (suggestedLearningRate), and learningRatesAdapted is emitted.
    void loadPreset(const Preset& preset);
    /// Whether loadPreset keeps the runs' learning rates as they are (false: adapts them).
    bool keepsLearningRates() const { return m_keepLearningRates; }
    void setKeepLearningRates(bool keep) { m_keepLearningRates = keep; }
    /// A learning rate for \a settings' method that is stable from the start point of the current
    /// function over its domain (see core's suggestedLearningRate).
    double suggestedLearningRate(const OptimizerSettings& settings) const;
    /// The preset last loaded, while its formula is still the function; nullptr otherwise.
    const Preset* preset() const { return m_preset; }

    /// The function's domain: the preset's, a typed one or a scenario's. The 3-D surface spans
    /// it, critical points are searched in it, learning rates are suggested over it. A new domain
    /// bumps the revision and resets the viewport to it.
    Domain domain() const { return m_domain; }
    void setDomain(const Domain& domain);
    /// What the 2-D views show: the domain until the contour view is panned or zoomed. Setting it
    /// announces viewportChanged only: the function, its revision and the 3-D mesh stay (#13).
    Domain viewport() const { return m_viewport; }
    void setViewport(const Domain& viewport);

    const std::vector<ParameterData>& parameters() const { return m_parameters; }
    void setParameter(const ParameterData& parameter);

    /// f, ∇f and Hessian at a point of the current function.
    PointValue evaluate(const Eigen::Vector2d& point) const;
    /// The current function over \a columns × \a rows points of \a region (the domain when not
    /// given); cached per revision and grid size, one region per size, so the contour map's
    /// viewport at 513² and the 3-D view's domain at 128² never evict each other. The reference
    /// stays valid until the next call of that size with another revision or region.
    const GridValues& grid(const Domain& region, int columns, int rows,
                           bool withGradient = false) const;
    const GridValues& grid(int columns, int rows, bool withGradient = false) const
    {
        return grid(m_domain, columns, rows, withGradient);
    }
    /// The same grid, shared: it stays alive while a view's background work reads it.
    std::shared_ptr<const GridValues> sharedGrid(const Domain& region, int columns, int rows) const;
    std::shared_ptr<const GridValues> sharedGrid(int columns, int rows) const
    {
        return sharedGrid(m_domain, columns, rows);
    }

    // --- Grids off the GUI thread (#18) -------------------------------------------------
    /// Whether a \a columns × \a rows grid of the current function costs enough (instructions ×
    /// points above kBackgroundGridCost) that views compute it in the background instead of
    /// stalling the event loop: a 2049² grid, or a 513² one of a long expression.
    bool isGridExpensive(int columns, int rows) const;
    /// The grid of the current revision over \a region if it is computed (by grid() or
    /// requestGrid()); nullptr otherwise. Never computes.
    std::shared_ptr<const GridValues> readyGrid(const Domain& region, int columns, int rows) const;
    std::shared_ptr<const GridValues> readyGrid(int columns, int rows) const
    {
        return readyGrid(m_domain, columns, rows);
    }
    /// Starts computing the \a columns × \a rows grid of the current revision over \a region on
    /// the worker pool unless it is ready or already being computed; gridReady(columns, rows)
    /// follows on this thread once it is. A change of the function cancels the computations of
    /// older revisions, a request of the same size over another region the older one (their
    /// gridReady never comes).
    void requestGrid(const Domain& region, int columns, int rows);
    void requestGrid(int columns, int rows) { requestGrid(m_domain, columns, rows); }
    /// Whether a requestGrid() computation of that size and region is running for the current
    /// revision.
    bool isComputingGrid(const Domain& region, int columns, int rows) const;
    bool isComputingGrid(int columns, int rows) const
    {
        return isComputingGrid(m_domain, columns, rows);
    }
    /// Operations × grid points above which isGridExpensive() is true: about 8 ms of evaluation
    /// on one core (a 513² grid of a 128-instruction function).
    static constexpr double kBackgroundGridCost = 33.5e6;

    // --- The probe ----------------------------------------------------------------------
    Eigen::Vector2d probe() const { return m_probe; }
    void setProbe(const Eigen::Vector2d& point);
    /// Direction u (unit vector) of the directional derivative at the probe.
    Eigen::Vector2d probeDirection() const { return m_probeDirection; }
    void setProbeDirection(const Eigen::Vector2d& direction);

    // --- The runs -----------------------------------------------------------------------
    Eigen::Vector2d startPoint() const { return m_start; }
    /// Moves the start of every run there and restarts them at step 0.
    void setStartPoint(const Eigen::Vector2d& point);

    const std::vector<RunEntry>& runs() const { return m_runs; }
    const RunEntry* runById(int id) const;
    /// Adds a run with \a settings from the start point; returns its id. Its colour is \a color,
    /// or the next of runColor() when that is invalid.
    int addRun(const OptimizerSettings& settings, const QColor& color = QColor());
    void removeRun(int id);
    void setRunSettings(int id, const OptimizerSettings& settings);
    void setRunVisible(int id, bool visible);
    void clearRuns();

    /// The step shown, shared by all runs of the race (a run that stopped earlier shows its end).
    int currentStep() const { return m_currentStep; }
    /// The largest step any run can show (runs are computed lazily up to their maxSteps).
    int lastStep() const;
    bool isAtEnd() const;
    void setCurrentStep(int step);

    /// Steps (the default) or evaluations: what currentStep() counts. Switching keeps the moment
    /// shown as near as it can (the furthest run's step or cost) and emits currentStepChanged.
    RaceAlignment raceAlignment() const { return m_alignment; }
    void setRaceAlignment(RaceAlignment alignment);

    bool isPlaying() const { return m_timer.isActive(); }
    double speed() const { return m_speed; }

public Q_SLOTS:
    void stepForward();
    void stepBackward();
    /// Back to step 0, playback paused.
    void reset();
    void play();
    void pause();
    void togglePlay();
    /// Steps per second of playback.
    void setSpeed(double stepsPerSecond);

Q_SIGNALS:
    /// The function, its parameters or its domain changed: everything must redraw.
    void functionChanged();
    /// A typed expression was rejected; the previous function stays.
    void expressionRejected(const QString& text, const gradlab::ParseError& error);
    /// The function's domain changed (functionChanged and viewportChanged follow).
    void domainChanged();
    /// What the 2-D views show changed: a pan, a zoom, or a new domain.
    void viewportChanged();
    void parametersChanged();
    void probeChanged();
    void startPointChanged();
    /// Runs were added, removed, restarted or changed settings.
    void runsChanged();
    void raceAlignmentChanged(gradlab::RaceAlignment alignment);
    void currentStepChanged(int step);
    void playingChanged(bool playing);
    /// loadPreset gave the runs learning rates suited to the new function.
    void learningRatesAdapted();
    /// A grid asked for with requestGrid() is ready (readyGrid() returns it).
    void gridReady(int columns, int rows);
    /// A run stopped because it diverged; \a explanation says why.
    void runDiverged(int id, const QString& explanation);

private:
    /// Parses \a text and makes it the function (announcing it) without restarting the runs.
    bool replaceFunction(const QString& text);
    void recompile();
    void restartRuns();
    void advanceRunsTo(int step);

    QString m_expressionText;
    NodePtr m_expression;
    CompiledFunction m_function;
    const Preset* m_preset = nullptr;
    Domain m_domain;
    Domain m_viewport;
    std::vector<ParameterData> m_parameters;
    quint64 m_revision = 0;

    struct GridCache
    {
        quint64 revision = ~quint64(0);
        bool withGradient = false;
        /// Shared with background readers; evaluated again in place when nobody else holds it.
        std::shared_ptr<GridValues> values = std::make_shared<GridValues>();
    };
    using GridKey = std::pair<int, int>; ///< (columns, rows)
    /// One entry per grid size (columns, rows): the contour map's 513² and the 3-D view's 128²
    /// never evict each other. Entries of older revisions are dropped at the next lookup.
    mutable std::map<GridKey, GridCache> m_gridCaches;
    /// A requestGrid() computation on the worker pool.
    struct GridJob
    {
        quint64 revision = 0;
        Domain region;
        CancellationToken token;
    };
    std::map<GridKey, GridJob> m_gridJobs;
    void dropOldGrids() const;
    /// Cancels the computations of older revisions (after the revision changed).
    void cancelGridJobs();
    void takeComputedGrid(GridKey key, quint64 revision, std::shared_ptr<GridValues> values);

    Eigen::Vector2d m_probe{1.0, 1.0};
    Eigen::Vector2d m_probeDirection{1.0, 0.0};
    Eigen::Vector2d m_start{0.0, 0.0};

    std::vector<RunEntry> m_runs;
    int m_nextRunId = 1;
    bool m_keepLearningRates = false;
    int m_currentStep = 0;
    RaceAlignment m_alignment = RaceAlignment::Steps;
    std::vector<int> m_reportedDivergence;

    QTimer m_timer;
    double m_speed = 8.0;
};

/// Colours of the race, in order of addition; distinguishable on the heat map's palette.
QColor runColor(int index);

} // namespace gradlab
