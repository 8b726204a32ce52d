// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fitlab/fitsession.h"

#include "fit/builtindatasets.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

namespace gradlab {

namespace {

// Loss terms per landscape: a grid of side √(budget/n), between the bounds, keeps a landscape
// near 10 ms for any data set the lab is used with.
constexpr double kLandscapeBudget = 4.0e6;
constexpr int kMinimumSide = 41;
constexpr int kMaximumSide = 161;

} // namespace

FitSession::FitSession(QObject* parent)
    : QObject(parent)
{
    m_settings.optimizer = defaultSettings(Method::GradientDescent);
    m_settings.optimizer.learningRate = 0.05;
    m_settings.optimizer.tolerance = 0.0;
    m_data = generate(builtinDataSets().front());
    m_model = FitModel::Line;
    frameLandscape();
    rebuildRun();
}

FitSession::~FitSession() = default;

std::span<const FitStep> FitSession::steps() const
{
    const std::vector<FitStep>& all = m_run->steps();
    return std::span<const FitStep>(all).first(
        std::min(static_cast<std::size_t>(m_stepIndex) + 1, all.size()));
}

const FitStep& FitSession::current() const
{
    const std::vector<FitStep>& all = m_run->steps();
    return all[std::min(static_cast<std::size_t>(m_stepIndex), all.size() - 1)];
}

bool FitSession::hasDiverged() const
{
    return m_run->hasDiverged() &&
           static_cast<std::size_t>(m_stepIndex) + 1 >= m_run->steps().size();
}

const GridValues& FitSession::landscape() const
{
    if (m_landscape) {
        return *m_landscape;
    }
    const double rows = std::max<double>(1.0, static_cast<double>(m_data.size()));
    const int side = std::clamp(static_cast<int>(std::sqrt(kLandscapeBudget / rows)), kMinimumSide,
                                kMaximumSide);
    m_landscape = lossLandscape(m_model, m_data, GridSpec{m_domain, side, side});
    return *m_landscape;
}

void FitSession::setData(const DataSet& data)
{
    m_data = data;
    m_landscape.reset();
    for (const FitModel model : allModels()) {
        if (dataKind(model) == data.kind) {
            m_model = model;
        }
    }
    m_start = Eigen::Vector2d::Zero();
    frameLandscape();
    rebuildRun();
    Q_EMIT dataReplaced();
    Q_EMIT dataChanged();
    Q_EMIT runChanged();
}

void FitSession::setModel(FitModel model)
{
    if (model == m_model) {
        return;
    }
    const auto sets = builtinDataSets();
    const auto found = std::find_if(sets.begin(), sets.end(), [model](const BuiltinDataSet& set) {
        return set.kind == dataKind(model);
    });
    setData(generate(*found));
}

void FitSession::setSettings(const FitSettings& settings)
{
    if (settings == m_settings) {
        return;
    }
    m_settings = settings;
    rebuildRun();
    Q_EMIT settingsChanged();
    Q_EMIT runChanged();
}

void FitSession::setStart(const Eigen::Vector2d& start)
{
    m_start = start;
    rebuildRun();
    Q_EMIT runChanged();
}

void FitSession::addRow(double x1, double x2, double y)
{
    m_data.append(x1, x2, y);
    m_landscape.reset();
    rebuildRun();
    Q_EMIT dataChanged();
    Q_EMIT runChanged();
}

void FitSession::moveRow(std::size_t row, double x1, double x2, double y)
{
    if (row >= m_data.size()) {
        return;
    }
    m_data.x1[row] = x1;
    if (m_data.kind == DataKind::Classification2) {
        m_data.x2[row] = x2;
    }
    m_data.y[row] = y;
    m_landscape.reset();
    rebuildRun();
    Q_EMIT dataChanged();
    Q_EMIT runChanged();
}

void FitSession::removeRow(std::size_t row)
{
    if (row >= m_data.size()) {
        return;
    }
    m_data.remove(row);
    m_landscape.reset();
    rebuildRun();
    Q_EMIT dataChanged();
    Q_EMIT runChanged();
}

void FitSession::stepOnce()
{
    if (hasDiverged()) {
        return;
    }
    m_run->advanceTo(m_stepIndex + 1);
    if (static_cast<int>(m_run->steps().size()) > m_stepIndex + 1) {
        ++m_stepIndex;
    }
    Q_EMIT runChanged();
}

void FitSession::reset()
{
    m_stepIndex = 0;
    Q_EMIT runChanged();
}

void FitSession::rebuildRun()
{
    FitSettings settings = m_settings;
    // a batch larger than the data (after deleting rows) is every row
    settings.batchSize = std::min(settings.batchSize, m_data.size());
    m_run = std::make_unique<FitRun>(m_model, m_data, m_start, settings);
    m_stepIndex = 0;
}

void FitSession::frameLandscape()
{
    // Around the least-squares line for the line model, around the origin for the logistic
    // ones (their minimum may lie far out: separable classes push |w| to infinity); the start
    // (0, 0) always inside.
    Eigen::Vector2d centre(0, 0);
    Eigen::Vector2d half(4, 4);
    if (m_model == FitModel::Line && m_data.size() >= 2) {
        // the normal equations [Σx², Σx; Σx, n]·(w, b) = (Σxy, Σy)
        Eigen::Matrix2d normal = Eigen::Matrix2d::Zero();
        Eigen::Vector2d right(0, 0);
        for (std::size_t i = 0; i < m_data.size(); ++i) {
            const Eigen::Vector2d u(m_data.x1[i], 1.0);
            normal += u * u.transpose();
            right += m_data.y[i] * u;
        }
        const Eigen::Vector2d best = normal.ldlt().solve(right);
        if (best.allFinite()) {
            centre = best / 2;
            half = best.cwiseAbs() / 2 + Eigen::Vector2d(2, 2);
        }
    }
    m_domain = {centre.x() - half.x(), centre.x() + half.x(), centre.y() - half.y(),
                centre.y() + half.y()};
}

} // namespace gradlab
