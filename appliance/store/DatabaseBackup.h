// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace mamori::appliance {

// One generation in DIR/backups: appliance-<UTC time>-<reason>.sqlite.
struct BackupInfo
{
    QString name; // file name, what `db restore --backup NAME` takes
    QString path;
    QDateTime taken; // UTC
    QString reason; // daily, pre-migration
    qint64 bytes = 0;
};

// Online backups of DIR/appliance.sqlite. Each is a VACUUM INTO on a
// connection of its own (one consistent snapshot while the appliance goes on
// writing), reading every row through the b-trees, so that a damaged page
// fails the backup instead of being copied; the copy is then checked, made
// durable and only then given its name. Files are 0600 in a 0700 folder.
namespace DatabaseBackup {

constexpr int kGenerations = 3;

QString folder(const QString &dataDir);
// Takes a new generation and removes all but the newest kGenerations.
std::optional<BackupInfo> take(const QString &dataDir, const QString &reason, QString *error);
// Newest first.
QList<BackupInfo> list(const QString &dataDir);

struct Restored
{
    BackupInfo backup;
    QString damagedKeptAt; // where the replaced database went (empty: there was none)
};
// Puts generation `name` (empty: the newest that passes a full integrity
// check) back as DIR/appliance.sqlite; the file it replaces, with its WAL, is
// kept in DIR/replaced/. The caller holds the DataFolderLock.
std::optional<Restored> restore(const QString &dataDir, const QString &name, QString *error);

} // namespace DatabaseBackup

} // namespace mamori::appliance
