// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariantMap>
#include <functional>
#include <optional>

namespace gradlab {

/// \brief Keeps the scene on disk while the window runs, so a crash loses nothing: every change
/// is written a moment later (debounced), atomically (QSaveFile: a temporary file renamed into
/// place), to one file. A clean exit removes it; a file found at start-up was left by a run
/// that did not end cleanly, and is offered back.
class Autosave : public QObject
{
    Q_OBJECT

public:
    /// \a scene is asked for the scene to write; \a path is the file (by default in the
    /// application's data folder).
    explicit Autosave(std::function<QVariantMap()> scene, QString path = defaultPath(),
                      QObject* parent = nullptr);

    static QString defaultPath();
    QString path() const { return m_path; }
    /// How long after the last change the scene is written.
    static constexpr int kDelayMilliseconds = 1500;

    /// Schedules a write (restarting the delay while changes keep coming).
    void schedule();
    /// Writes now; false (and the previous file kept) if it could not be written.
    bool writeNow();
    bool isPending() const { return m_timer.isActive(); }
    /// The scene left by an earlier run, if there is one that reads as JSON.
    std::optional<QVariantMap> leftOver() const;
    /// When the left-over file was written.
    QDateTime leftOverTime() const;
    /// Removes the file and stops any pending write (a clean exit, or the offer declined).
    void discard();
    /// Stops writing (while a left-over scene is being offered, so it is not overwritten).
    void setSuspended(bool suspended) { m_suspended = suspended; }

Q_SIGNALS:
    /// A write failed; \a reason says why. The previous file stays.
    void writeFailed(const QString& reason);

private:
    std::function<QVariantMap()> m_scene;
    QString m_path;
    QTimer m_timer;
    bool m_suspended = false;
};

} // namespace gradlab
