// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace gradlab;

namespace {

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void put(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

// Every entry of \a directory, hidden ones included.
QStringList entries(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestAtomicWrite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesThroughTemporaryWithSameSuffix()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("map.png"));
        put(path, "old");
        QString seen;
        QString error;
        QVERIFY(writeAtomically(
            path,
            [&](const QString& temporary) {
                seen = temporary;
                // The target is untouched while the new file is written.
                if (contents(path) != "old") {
                    return false;
                }
                QImage image(8, 8, QImage::Format_RGB32);
                image.fill(Qt::red);
                return image.save(temporary); // the format comes from the suffix
            },
            &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(QFileInfo(seen).dir().absolutePath(), QDir(directory.path()).absolutePath());
        QCOMPARE(QFileInfo(seen).suffix(), QStringLiteral("png"));
        QVERIFY(seen != path);
        QVERIFY(contents(path).startsWith("\x89PNG"));
        QCOMPARE(entries(directory.path()), QStringList{QStringLiteral("map.png")});
    }

    void newFileHasUsualPermissions()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("a.csv"));
        QVERIFY(writeAtomically(path, [](const QString& temporary) {
            QFile file(temporary);
            return file.open(QIODevice::WriteOnly) && file.write("1,2\n") == 4;
        }));
        const mode_t mask = ::umask(0);
        ::umask(mask);
        struct stat status
        {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &status), 0);
        // Not the temporary file's 0600: what any new file would get.
        QCOMPARE(status.st_mode & 0777, 0666 & ~mask);
    }

    void failedWriterKeepsOldFile()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("scene.pdf"));
        put(path, "the old export");
        QString error;
        QVERIFY(!writeAtomically(
            path,
            [](const QString& temporary) {
                QFile file(temporary);
                // Half a file, then the writer gives up.
                return !(file.open(QIODevice::WriteOnly) && file.write("%PDF-1.4 half") > 0);
            },
            &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(contents(path), QByteArray("the old export"));
        QCOMPARE(entries(directory.path()), QStringList{QStringLiteral("scene.pdf")});
    }

    void unwritablePlaceSaysWhy()
    {
        QTemporaryDir directory;
        // A regular file where a folder should be (root can write into read-only folders).
        const QString blocker = directory.filePath(QStringLiteral("plain"));
        put(blocker, "x");
        const QString path = blocker + QStringLiteral("/out.png");
        bool called = false;
        QString error;
        QVERIFY(!writeAtomically(
            path,
            [&](const QString&) {
                called = true;
                return true;
            },
            &error));
        QVERIFY(!called);
        QVERIFY2(error.startsWith(QStringLiteral("could not write ") + path + QStringLiteral(": ")),
                 qPrintable(error));
        QVERIFY2(error.size() > QStringLiteral("could not write : ").size() + path.size(),
                 qPrintable(error));
    }

    void folderIsNotReplaced()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("folder.png"));
        QVERIFY(QDir(directory.path()).mkdir(QStringLiteral("folder.png")));
        QString error;
        QVERIFY(!writeAtomically(
            path, [](const QString&) { return true; }, &error));
        QVERIFY2(error.contains(QStringLiteral("folder")), qPrintable(error));
        QVERIFY(QFileInfo(path).isDir());
    }
};

QTEST_GUILESS_MAIN(TestAtomicWrite)
#include "tst_atomicwrite.moc"
