// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace mamori::appliance {

// The appliance's SQLite database (DIR/appliance.sqlite): WAL, foreign keys,
// a versioned schema migrated forward in transactions. Only the thread that
// opened it uses it (the Qt main thread of the daemon or the CLI).
class Database
{
public:
    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens DIR/appliance.sqlite, runs PRAGMA quick_check on it (a damaged
    // file is refused: damaged() tells) and migrates it; a database with
    // data is backed up (DatabaseBackup) before its first migration step.
    bool open(const QString &dataDir, QString *error);
    // After a failed open(): the file is damaged (not merely unreadable).
    bool damaged() const { return m_damaged; }
    static QString filePath(const QString &dataDir);
    void close();
    QSqlDatabase &db() { return m_db; }
    QString path() const { return m_path; }

    // Latest schema version of the core tables this program knows.
    static int schemaVersion();

    // Each part of the appliance (scans, incidents, metrics, ...) keeps its
    // own tables and versions them on its own: `steps[i]` moves `module`
    // from version i to i+1 (statements separated by ';'), in a transaction.
    bool migrateModule(const QString &module, const QList<const char *> &steps, QString *error);

private:
    bool migrate(QString *error);
    bool applyStep(const char *step, const QString &versionSql, QString *error);
    bool checkOnOpen(QString *error);
    bool backUpBeforeMigrating(QString *error);

    QSqlDatabase m_db;
    QString m_connection;
    QString m_path;
    QString m_dataDir;
    bool m_damaged = false;
    bool m_hadData = false; // schema version > 0 when opened
    bool m_backedUp = false; // a pre-migration backup was taken in this open
};

// QtSql binds a null QString as SQL NULL; text columns here are NOT NULL,
// so an absent value is stored as ''.
inline QVariant sqlText(const QString &text)
{
    return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
}

// The text a TEXT column gives back for `text`: SQLite keeps UTF-8, and
// Qt's driver reads it back as UTF-16, where SQLite turns a lone surrogate
// and the noncharacters U+FFFE and U+FFFF into U+FFFD. What is hashed or
// compared after a read must be this form (AuditLog hashes it).
QString storedText(const QString &text);

// Runs `sql` and reports the driver's error text on failure.
bool execSql(QSqlDatabase &db, const QString &sql, QString *error);

} // namespace mamori::appliance
