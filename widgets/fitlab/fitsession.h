// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"
#include "fit/dataset.h"
#include "fit/fitmodel.h"
#include "fit/fitrun.h"

#include <Eigen/Core>
#include <QObject>
#include <memory>
#include <optional>
#include <span>

namespace gradlab {

/// \brief The Fit lab's state, the door between core/fit and its views: the model, the data, the
/// start in parameter space, the training settings and the run computed from them, stepped
/// forward on demand. Any change of model, data, start or settings resets the run to step 0.
class FitSession : public QObject
{
    Q_OBJECT

public:
    explicit FitSession(QObject* parent = nullptr);
    ~FitSession() override;

    FitModel model() const { return m_model; }
    const DataSet& data() const { return m_data; }
    const FitSettings& settings() const { return m_settings; }
    Eigen::Vector2d start() const { return m_start; }
    /// The parameter rectangle the landscape shows (p₁ across, p₂ up), chosen when data is loaded.
    const Domain& parameterDomain() const { return m_domain; }

    /// The steps taken so far: steps()[0] is the start, steps().back() the current parameters.
    std::span<const FitStep> steps() const;
    const FitStep& current() const;
    int stepIndex() const { return m_stepIndex; }
    bool hasDiverged() const;

    /// The full-data loss over parameterDomain() on a grid fine enough for the view and cheap
    /// for the data's size (fewer samples for more rows). Computed once per change of the data,
    /// however many views ask.
    const GridValues& landscape() const;

public Q_SLOTS:
    /// Loads \a data (its kind decides the model) and frames the landscape around it.
    void setData(const DataSet& data);
    /// The first built-in data set for \a model's kind, when the current data is of another kind.
    void setModel(FitModel model);
    void setSettings(const FitSettings& settings);
    /// Moves the start (the parameter point being dragged) and resets the run there.
    void setStart(const Eigen::Vector2d& start);
    /// Adds, moves or removes a row; the landscape's frame stays.
    void addRow(double x1, double x2, double y);
    void moveRow(std::size_t row, double x1, double x2, double y);
    void removeRow(std::size_t row);
    void stepOnce();
    void reset();

Q_SIGNALS:
    /// The rows (and possibly the model) changed.
    void dataChanged();
    /// A new data set replaced the rows (views frame it afresh); dataChanged follows.
    void dataReplaced();
    /// The run was reset or took a step: the current parameters moved.
    void runChanged();
    void settingsChanged();

private:
    void rebuildRun();
    void frameLandscape();

    FitModel m_model = FitModel::Line;
    DataSet m_data;
    FitSettings m_settings;
    Eigen::Vector2d m_start{0, 0};
    Domain m_domain;
    std::unique_ptr<FitRun> m_run;
    mutable std::optional<GridValues> m_landscape;
    int m_stepIndex = 0;
};

} // namespace gradlab
