// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "scenesettings.h"

#include <algorithm>
#include <cmath>

namespace gradlab {

namespace {

QString text(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

} // namespace

QVariantMap settingsToVariant(const OptimizerSettings& settings,
                              std::span<const HyperParameter> table)
{
    QVariantMap map{
        {QStringLiteral("method"), text(methodName(settings.method))},
        {QStringLiteral("maxSteps"), settings.maxSteps},
    };
    // the schedule in the CLI's syntax: "cosine:t_max=60,eta_min=0.001" and "10:0.1"
    if (settings.schedule != ScheduleSettings{}) {
        map.insert(QStringLiteral("schedule"),
                   QString::fromStdString(scheduleText(settings.schedule)));
        if (settings.schedule.hasWarmup()) {
            map.insert(QStringLiteral("warmup"),
                       QString::fromStdString(scheduleWarmupText(settings.schedule)));
        }
    }
    for (const HyperParameter& parameter : table) {
        const double value = parameter.get(settings);
        const QString key = text(parameter.sceneKey);
        switch (parameter.kind) {
        case ParameterKind::Real:
            map.insert(key, value);
            break;
        case ParameterKind::Flag:
            map.insert(key, value != 0);
            break;
        case ParameterKind::Count:
            map.insert(key, static_cast<int>(value));
            break;
        case ParameterKind::Choice:
            map.insert(key, text(parameter.choices.at(static_cast<std::size_t>(value))));
            break;
        }
    }
    return map;
}

OptimizerSettings settingsFromVariant(const QVariantMap& map, std::span<const HyperParameter> table)
{
    const auto method =
        methodFromName(map.value(QStringLiteral("method")).toString().toStdString());
    OptimizerSettings settings = defaultSettings(method.value_or(Method::GradientDescent));
    for (const HyperParameter& parameter : table) {
        const QString key = text(parameter.sceneKey);
        if (!map.contains(key)) {
            continue;
        }
        const QVariant value = map.value(key);
        switch (parameter.kind) {
        case ParameterKind::Real: {
            bool ok = false;
            const double number = value.toDouble(&ok);
            // as the CLI and the panel: a value outside the parameter's range is not taken
            if (ok && std::isfinite(number) && parameter.range.contains(number)) {
                parameter.set(settings, number);
            }
            break;
        }
        case ParameterKind::Flag:
            parameter.set(settings, value.toBool() ? 1.0 : 0.0);
            break;
        case ParameterKind::Count: {
            bool ok = false;
            const int count = value.toInt(&ok);
            if (ok && parameter.range.contains(count)) {
                parameter.set(settings, count);
            }
            break;
        }
        case ParameterKind::Choice: {
            const auto found = std::find(parameter.choices.begin(), parameter.choices.end(),
                                         value.toString().toStdString());
            if (found != parameter.choices.end()) {
                parameter.set(settings, static_cast<double>(found - parameter.choices.begin()));
            }
            break;
        }
        }
    }
    settings.maxSteps =
        std::max(1, map.value(QStringLiteral("maxSteps"), settings.maxSteps).toInt());
    // a schedule text that does not parse keeps the constant rate
    if (map.contains(QStringLiteral("schedule"))) {
        ScheduleParse schedule =
            parseSchedule(map.value(QStringLiteral("schedule")).toString().toStdString());
        if (schedule.error == ScheduleErrorCode::None && map.contains(QStringLiteral("warmup"))) {
            schedule = parseWarmup(map.value(QStringLiteral("warmup")).toString().toStdString(),
                                   schedule.settings);
        }
        if (schedule.error == ScheduleErrorCode::None) {
            settings.schedule = schedule.settings;
        }
    }
    return settings;
}

} // namespace gradlab
