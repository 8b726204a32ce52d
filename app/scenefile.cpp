// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "scenefile.h"

#include "expression/parser.h"
#include "scenesettings.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QVariantList>
#include <algorithm>
#include <array>
#include <cmath>

namespace gradlab {

namespace {

QString tr(const char* text)
{
    // The window's context: these sentences were the window's before they moved here.
    return QCoreApplication::translate("gradlab::MainWindow", text);
}

bool isNumber(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Double:
    case QMetaType::LongLong:
    case QMetaType::Int:
        return true;
    default:
        return false;
    }
}

/// N finite JSON numbers, or nothing: a string or a missing entry is not a coordinate.
template <int N>
std::optional<std::array<double, N>> numbersFrom(const QVariant& value)
{
    const QVariantList list = value.toList();
    if (list.size() != N) {
        return std::nullopt;
    }
    std::array<double, N> numbers{};
    for (int i = 0; i < N; ++i) {
        if (!isNumber(list[i])) {
            return std::nullopt;
        }
        numbers[static_cast<std::size_t>(i)] = list[i].toDouble();
        if (!std::isfinite(numbers[static_cast<std::size_t>(i)])) {
            return std::nullopt;
        }
    }
    return numbers;
}

std::optional<Eigen::Vector2d> pointFrom(const QVariant& value)
{
    const auto numbers = numbersFrom<2>(value);
    return numbers ? std::optional(Eigen::Vector2d((*numbers)[0], (*numbers)[1])) : std::nullopt;
}

std::optional<Domain> domainFrom(const QVariant& value)
{
    const auto numbers = numbersFrom<4>(value);
    if (!numbers) {
        return std::nullopt;
    }
    const Domain domain{(*numbers)[0], (*numbers)[1], (*numbers)[2], (*numbers)[3]};
    return domain.isValid() ? std::optional(domain) : std::nullopt;
}

/// A run's settings, bounded to what the window runs.
OptimizerSettings settingsFrom(const QVariantMap& map)
{
    OptimizerSettings settings = settingsFromVariant(map);
    settings.maxSteps = std::clamp(settings.maxSteps, 1, kMaxSceneSteps);
    return settings;
}

} // namespace

std::optional<SceneFile> sceneFromVariant(const QVariantMap& map)
{
    const QVariantMap function = map.value(QStringLiteral("function")).toMap();
    const QVariantMap descent = map.value(QStringLiteral("descent")).toMap();
    const QVariantMap playback = map.value(QStringLiteral("playback")).toMap();
    SceneFile scene;
    const QVariant text = function.value(QStringLiteral("text"));
    if (text.typeId() != QMetaType::QString) {
        return std::nullopt;
    }
    scene.text = text.toString();
    ParseOptions options;
    options.declareUnknownIdentifiers = true;
    if (scene.text.isEmpty() || parse(scene.text.toStdString(), options).hasError()) {
        return std::nullopt;
    }
    scene.preset = function.value(QStringLiteral("preset")).toString();
    scene.domain = domainFrom(function.value(QStringLiteral("domain")));
    scene.viewport = domainFrom(function.value(QStringLiteral("viewport")));
    for (const QVariant& value : function.value(QStringLiteral("parameters")).toList()) {
        const QVariantMap entry = value.toMap();
        SceneParameter parameter{entry.value(QStringLiteral("name")).toString(),
                                 entry.value(QStringLiteral("value")).toDouble(),
                                 entry.value(QStringLiteral("minimum")).toDouble(),
                                 entry.value(QStringLiteral("maximum")).toDouble()};
        const bool numbers = isNumber(entry.value(QStringLiteral("value"))) &&
                             isNumber(entry.value(QStringLiteral("minimum"))) &&
                             isNumber(entry.value(QStringLiteral("maximum")));
        if (numbers && parameter.minimum < parameter.maximum && std::isfinite(parameter.value) &&
            std::isfinite(parameter.minimum) && std::isfinite(parameter.maximum)) {
            scene.parameters.push_back(parameter);
        }
    }
    scene.probe = pointFrom(function.value(QStringLiteral("probe")));
    scene.start = pointFrom(descent.value(QStringLiteral("start")));
    for (const QVariant& value : descent.value(QStringLiteral("runs")).toList()) {
        if (static_cast<int>(scene.runs.size()) == kMaxSceneRuns) {
            break;
        }
        const QVariantMap entry = value.toMap();
        scene.runs.push_back(SceneRun{settingsFrom(entry),
                                      entry.value(QStringLiteral("visible"), true).toBool(),
                                      entry.value(QStringLiteral("color")).toString()});
    }
    const int selected = descent.value(QStringLiteral("selected"), -1).toInt();
    scene.selected =
        selected >= 0 && selected < static_cast<int>(scene.runs.size()) ? selected : -1;
    if (descent.contains(QStringLiteral("panel"))) {
        scene.panel = settingsFrom(descent.value(QStringLiteral("panel")).toMap());
    }
    if (playback.contains(QStringLiteral("speed"))) {
        bool ok = false;
        const double speed = playback.value(QStringLiteral("speed")).toDouble(&ok);
        if (ok && std::isfinite(speed)) {
            scene.speed = speed;
        }
    }
    scene.step = std::clamp(playback.value(QStringLiteral("step"), 0).toInt(), 0, kMaxSceneSteps);
    scene.alignByEvaluations =
        playback.value(QStringLiteral("alignment")).toString() == QLatin1String("evaluations");
    return scene;
}

SceneRead readScene(const QByteArray& bytes, const QString& name)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    SceneRead read;
    if (document.isObject()) {
        read.scene = sceneFromVariant(document.object().toVariantMap());
    }
    if (!read.scene) {
        read.error = parseError.error != QJsonParseError::NoError
                         ? tr("%1 is not a scenario: %2 at byte %3")
                               .arg(name, parseError.errorString())
                               .arg(parseError.offset)
                         : tr("%1 is not a Gradient Lab scenario").arg(name);
    }
    return read;
}

SceneRead readSceneFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {std::nullopt, tr("Could not read %1: %2").arg(path, file.errorString())};
    }
    // One byte more than allowed tells a file that is too large from one that is just right;
    // a device without a size (a pipe, /dev/zero) is read only that far.
    const QByteArray bytes = file.read(kMaxSceneFileBytes + 1);
    if (bytes.size() > kMaxSceneFileBytes) {
        return {std::nullopt, tr("%1 is not a scenario: it is larger than %2 MiB")
                                  .arg(path)
                                  .arg(kMaxSceneFileBytes >> 20)};
    }
    return readScene(bytes, path);
}

} // namespace gradlab
