// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <functional>

namespace gradlab {

/// Writes the file at \a path all at once or not at all, for writers that need a file name
/// (QCustomPlot::savePdf, QImage::save by suffix): \a write is handed the path of a new
/// temporary file beside \a path, with the same suffix; if it returns true, the temporary
/// replaces \a path in one rename (a reader sees the old file or the new one, never half of
/// it), otherwise it is removed and \a path is as it was. The new file gets the permissions a
/// newly created file would. False, with the reason in \a error, when it cannot.
/// (Writers that take a QIODevice use QSaveFile, which does the same.)
bool writeAtomically(const QString& path,
                     const std::function<bool(const QString& temporary)>& write,
                     QString* error = nullptr);

} // namespace gradlab
