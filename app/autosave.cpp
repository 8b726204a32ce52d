// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "autosave.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace gradlab {

namespace {

// A scene is a few kilobytes; anything far larger is not one of ours.
constexpr qint64 kMaxSceneBytes = 16 * 1024 * 1024;

} // namespace

Autosave::Autosave(std::function<QVariantMap()> scene, QString path, QObject* parent)
    : QObject(parent)
    , m_scene(std::move(scene))
    , m_path(std::move(path))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDelayMilliseconds);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::writeNow);
}

QString Autosave::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave.gradlab");
}

void Autosave::schedule()
{
    if (!m_suspended) {
        m_timer.start();
    }
}

bool Autosave::writeNow()
{
    m_timer.stop();
    if (m_suspended) {
        return false;
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        Q_EMIT writeFailed(tr("Could not autosave to %1: %2").arg(m_path, file.errorString()));
        return false;
    }
    file.write(QJsonDocument(QJsonObject::fromVariantMap(m_scene())).toJson());
    if (!file.commit()) {
        Q_EMIT writeFailed(tr("Could not autosave to %1: %2").arg(m_path, file.errorString()));
        return false;
    }
    return true;
}

std::optional<QVariantMap> Autosave::leftOver() const
{
    QFile file(m_path);
    if (file.size() > kMaxSceneBytes || !file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject()) {
        return std::nullopt;
    }
    return document.object().toVariantMap();
}

QDateTime Autosave::leftOverTime() const
{
    return QFileInfo(m_path).lastModified();
}

void Autosave::discard()
{
    m_timer.stop();
    QFile::remove(m_path);
}

} // namespace gradlab
