// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"
#include "optimization/optimizer.h"

#include <Eigen/Core>
#include <QByteArray>
#include <QString>
#include <QVariantMap>
#include <optional>
#include <vector>

namespace gradlab {

/// The most steps a run of the window may take (the optimizer panel's limit): a scene file
/// asking for more gets this many.
inline constexpr int kMaxSceneSteps = 100'000;
/// The most runs a scene file brings into a race; later ones are left out.
inline constexpr int kMaxSceneRuns = 64;
/// The largest scene file read (a scene of the window is a few kilobytes).
inline constexpr qint64 kMaxSceneFileBytes = qint64{16} << 20;

/// \brief A parameter of the function as a scene file stores it.
struct SceneParameter
{
    QString name;
    double value = 1.0;
    double minimum = -5.0;
    double maximum = 5.0;
};

/// \brief A run of the race as a scene file stores it.
struct SceneRun
{
    OptimizerSettings settings;
    bool visible = true;
    QString color; ///< "#rrggbb"; empty or invalid: the next colour of the palette
};

/// \brief What a scene file (a .gradlab scenario, the autosave) holds, checked: every value is
/// one the window can show. Absent or unusable entries are empty and keep what the window has.
struct SceneFile
{
    QString text;   ///< the function, as typed; it parses
    QString preset; ///< the preset it came from, if any
    std::optional<Domain> domain;
    /// What the contour view showed (panned or zoomed), when it was not the domain.
    std::optional<Domain> viewport;
    std::vector<SceneParameter> parameters;
    std::optional<Eigen::Vector2d> probe;
    std::optional<Eigen::Vector2d> start;
    std::vector<SceneRun> runs;
    int selected = -1; ///< index into runs, or −1
    std::optional<OptimizerSettings> panel;
    std::optional<double> speed;
    int step = 0;
    bool alignByEvaluations = false;
};

/// The scene in \a map (as MainWindow::scene() writes it), or nothing when it holds no function
/// that parses. Numbers that are not finite or out of range are left out (a run's settings keep
/// their defaults for them), steps are bounded by kMaxSceneSteps, runs by kMaxSceneRuns.
std::optional<SceneFile> sceneFromVariant(const QVariantMap& map);

/// \brief The outcome of reading a scene file.
struct SceneRead
{
    std::optional<SceneFile> scene;
    QString error; ///< why there is no scene: "NAME is not a scenario: … at byte N"
};

/// Reads the JSON text \a bytes of the file called \a name (for messages).
SceneRead readScene(const QByteArray& bytes, const QString& name);

/// Reads the file at \a path: at most kMaxSceneFileBytes, else an error naming the size.
SceneRead readSceneFile(const QString& path);

} // namespace gradlab
