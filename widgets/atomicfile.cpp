// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace gradlab {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("gradlab::AtomicFile", text);
}

/// The permissions of a newly created file: 0666 less the process's umask.
mode_t newFileMode()
{
    static const mode_t mode = [] {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        return static_cast<mode_t>(0666 & ~mask);
    }();
    return mode;
}

} // namespace

bool writeAtomically(const QString& path,
                     const std::function<bool(const QString& temporary)>& write, QString* error)
{
    const auto fail = [&](const QString& reason) {
        if (error) {
            *error = reason.isEmpty() ? tr("could not write %1").arg(path)
                                      : tr("could not write %1: %2").arg(path, reason);
        }
        return false;
    };
    const QFileInfo target(path);
    if (target.isDir()) {
        return fail(tr("it is a folder"));
    }
    // A hidden name beside the target, so that the rename stays within one file system.
    const QString suffix =
        target.suffix().isEmpty() ? QString() : QLatin1Char('.') + target.suffix();
    QTemporaryFile temporary(target.dir().filePath(QLatin1Char('.') + target.completeBaseName() +
                                                   QStringLiteral("-XXXXXX") + suffix));
    if (!temporary.open()) {
        return fail(temporary.errorString());
    }
    temporary.close();
    const QString temporaryPath = temporary.fileName();
    if (!write(temporaryPath)) {
        return fail(QString()); // QTemporaryFile removes what the writer left
    }
    const QByteArray from = QFile::encodeName(temporaryPath);
    const QByteArray to = QFile::encodeName(target.absoluteFilePath());
    if (::chmod(from.constData(), newFileMode()) != 0 ||
        std::rename(from.constData(), to.constData()) != 0) {
        return fail(QString::fromLocal8Bit(std::strerror(errno)));
    }
    temporary.setAutoRemove(false); // it is the target now
    return true;
}

} // namespace gradlab
