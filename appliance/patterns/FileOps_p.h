// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Small POSIX helpers for the pattern store: everything it writes must
// survive a power cut either whole or not at all.
namespace mamori::appliance::fileops {

// Writes `data` to a temporary file beside `path`, fsyncs it, renames it over
// `path` and fsyncs the directory.
bool writeAtomically(const QString &path, const QByteArray &data, int mode, QString *error);

// Like writeAtomically, but refuses to replace an existing `path`.
bool createExclusively(const QString &path, const QByteArray &data, int mode, QString *error);

bool syncFile(const QString &path, QString *error);
bool syncDirectory(const QString &path, QString *error);

// Removes a tree without following symbolic links.
void removeTree(const QString &path);

// Holds an exclusive flock() on a file for as long as it lives, so that the
// daemon and a `pattern import` never write the store at the same time.
class DirectoryLock
{
public:
    explicit DirectoryLock(const QString &lockFile);
    ~DirectoryLock();
    DirectoryLock(const DirectoryLock &) = delete;
    DirectoryLock &operator=(const DirectoryLock &) = delete;

    bool ok() const { return m_fd >= 0; }
    const QString &error() const { return m_error; }

private:
    int m_fd = -1;
    QString m_error;
};

} // namespace mamori::appliance::fileops
