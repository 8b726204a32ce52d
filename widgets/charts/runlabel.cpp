// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "charts/runlabel.h"

#include <QCoreApplication>

namespace gradlab {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("gradlab::RunLabel", text);
}

} // namespace

QString methodText(Method method)
{
    const std::string_view label = methodLabel(method);
    return QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size()));
}

QString runLabel(const OptimizerSettings& settings)
{
    const QString method = methodText(settings.method);
    if (settings.method == Method::NelderMead) {
        // SciPy's first simplex: x0 and x0 with 5 % added to one coordinate each.
        return tr("%1, simplex 5 %").arg(method);
    }
    QString label = tr("%1, lr %2").arg(method, QString::number(settings.learningRate, 'g', 4));
    if (settings.schedule.kind != ScheduleKind::Constant) {
        const std::string_view kind = scheduleKindName(settings.schedule.kind);
        label += QStringLiteral(", ") +
                 QString::fromUtf8(kind.data(), static_cast<qsizetype>(kind.size()));
    }
    if (settings.schedule.hasWarmup()) {
        label += tr(", warm-up %1").arg(settings.schedule.warmupSteps);
    }
    return label;
}

} // namespace gradlab
