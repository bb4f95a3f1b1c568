// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

namespace mamori::appliance {

// A QtSql connection of its own to one SQLite file, for checks and backups
// that must not share (or disturb) the appliance's main connection. Used only
// by the thread that created it; removed again when it goes.
class SqliteFile
{
public:
    explicit SqliteFile(const QString &path);
    ~SqliteFile();
    SqliteFile(const SqliteFile &) = delete;
    SqliteFile &operator=(const SqliteFile &) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    QString error() const { return m_error; }
    QSqlDatabase &db() { return m_db; }

private:
    QString m_connection;
    QSqlDatabase m_db;
    QString m_error;
};

// How deep an integrity check looks. Quick (PRAGMA quick_check) proves every
// page and b-tree sound in about the time of reading the file once; Full
// (PRAGMA integrity_check) also proves every index matches its table, which
// costs a lookup per row and index.
enum class IntegrityDepth { Quick, Full };

struct IntegrityReport
{
    bool ok = false;
    // With ok false: true when SQLite found the file damaged, false when the
    // check could not run at all (cannot open, locked, I/O error).
    bool damaged = false;
    QStringList problems; // SQLite's own words, at most ten lines
};

IntegrityReport checkIntegrity(QSqlDatabase &db, IntegrityDepth depth);
IntegrityReport checkIntegrity(const QString &path, IntegrityDepth depth);

// SQLITE_CORRUPT or SQLITE_NOTADB: the file is damaged, not merely unusable.
bool isDamageError(const QSqlError &error);

// The stable message with which a damaged database stops the appliance, and
// the way out.
QString damagedStoreMessage(
    const QString &path, const QStringList &problems, const QString &dataDir);

} // namespace mamori::appliance
