// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/store/Database.h"

#include "appliance/store/DatabaseBackup.h"
#include "appliance/store/SqliteFile.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <sys/stat.h>

namespace mamori::appliance {
namespace {

// Each step moves the schema one version forward. Never edit a released step:
// append a new one.
const char *const kMigrations[] = {
    // 1: accounts, sessions, login failures, settings, VM identities
    R"(CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
       CREATE TABLE users (
         name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
         created TEXT NOT NULL);
       CREATE TABLE sessions (
         token_hash BLOB PRIMARY KEY, user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
         role TEXT NOT NULL, created INTEGER NOT NULL, expires INTEGER NOT NULL,
         source TEXT NOT NULL);
       CREATE INDEX sessions_expires ON sessions(expires);
       CREATE TABLE login_failures (
         kind TEXT NOT NULL, subject TEXT NOT NULL, time INTEGER NOT NULL);
       CREATE INDEX login_failures_subject ON login_failures(kind, subject, time);
       CREATE TABLE lockouts (
         kind TEXT NOT NULL, subject TEXT NOT NULL, until INTEGER NOT NULL,
         PRIMARY KEY (kind, subject));
       CREATE TABLE vm_ids (key TEXT PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);)",
    // 2: events, the audit chain, and the versions of each module's tables
    R"(CREATE TABLE schema_modules (module TEXT PRIMARY KEY, version INTEGER NOT NULL);)",
    // 3: events and the audit chain
    R"(CREATE TABLE events (
         seq INTEGER PRIMARY KEY, time TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL);
       CREATE TABLE audit (
         seq INTEGER PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL,
         source TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
         outcome TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL,
         hash TEXT NOT NULL);)",
};

} // namespace

Database::~Database()
{
    close();
}

int Database::schemaVersion()
{
    return int(std::size(kMigrations));
}

QString storedText(const QString &text)
{
    // The UTF-8 round trip replaces lone surrogates.
    QString out = QString::fromUtf8(text.toUtf8());
    for (QChar &c : out) {
        if (c.unicode() == 0xFFFE || c.unicode() == 0xFFFF)
            c = QChar::ReplacementCharacter;
    }
    return out;
}

bool execSql(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

QString Database::filePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("appliance.sqlite"));
}

bool Database::open(const QString &dataDir, QString *error)
{
    m_damaged = false;
    m_backedUp = false;
    m_dataDir = dataDir;
    if (!QDir().mkpath(dataDir)) {
        *error = QStringLiteral("cannot create data directory %1").arg(dataDir);
        return false;
    }
    // The data directory holds the TLS key, password hashes and the audit
    // log: nobody but the appliance's user may look inside.
    ::chmod(QFile::encodeName(dataDir).constData(), 0700);
    m_path = filePath(dataDir);
    if (!QFile::exists(m_path)) {
        QFile f(m_path);
        if (!f.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot create %1: %2").arg(m_path, f.errorString());
            return false;
        }
    }
    ::chmod(QFile::encodeName(m_path).constData(), 0600);

    m_connection = QStringLiteral("appliance-") + QUuid::createUuid().toString(QUuid::Id128);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_path, m_db.lastError().text());
        return false;
    }
    QString sqlError;
    if (!execSql(m_db, QStringLiteral("PRAGMA journal_mode=WAL"), &sqlError)
        || !execSql(m_db, QStringLiteral("PRAGMA foreign_keys=ON"), &sqlError)
        || !execSql(m_db, QStringLiteral("PRAGMA synchronous=FULL"), &sqlError)) {
        m_damaged = isDamageError(m_db.lastError()) || sqlError.contains(QLatin1String("malformed"))
            || sqlError.contains(QLatin1String("not a database"));
        *error = m_damaged ? damagedStoreMessage(m_path, {sqlError}, dataDir)
                           : QStringLiteral("cannot configure %1: %2").arg(m_path, sqlError);
        return false;
    }
    return checkOnOpen(error) && migrate(error);
}

// Every open, not only the daemon's: no command reads or writes damaged data
// without saying so. quick_check reads each page once (docs/benchmarks.md).
bool Database::checkOnOpen(QString *error)
{
    const IntegrityReport check = checkIntegrity(m_db, IntegrityDepth::Quick);
    if (check.ok)
        return true;
    m_damaged = check.damaged;
    *error = m_damaged ? damagedStoreMessage(m_path, check.problems, m_dataDir)
                       : QStringLiteral("cannot check %1: %2")
                             .arg(m_path, check.problems.join(QLatin1String("; ")));
    return false;
}

bool Database::backUpBeforeMigrating(QString *error)
{
    if (!m_hadData || m_backedUp)
        return true;
    QString backupError;
    if (!DatabaseBackup::take(m_dataDir, QStringLiteral("pre-migration"), &backupError)) {
        *error = QStringLiteral("no migration without a backup first: %1").arg(backupError);
        return false;
    }
    m_backedUp = true;
    return true;
}

bool Database::migrate(QString *error)
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA user_version"));
    const int current = q.next() ? q.value(0).toInt() : 0;
    m_hadData = current > 0;
    if (current > schemaVersion()) {
        *error = QStringLiteral("%1 has schema version %2, newer than this appliance knows (%3); "
                                "use a newer mamori-appliance")
                     .arg(m_path)
                     .arg(current)
                     .arg(schemaVersion());
        return false;
    }
    if (current < schemaVersion() && !backUpBeforeMigrating(error))
        return false;
    for (int v = current; v < schemaVersion(); ++v) {
        if (!applyStep(
                kMigrations[v], QStringLiteral("PRAGMA user_version=%1").arg(v + 1), error)) {
            *error =
                QStringLiteral("schema migration to version %1 failed: %2").arg(v + 1).arg(*error);
            return false;
        }
    }
    return true;
}

bool Database::applyStep(const char *step, const QString &versionSql, QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    QString sqlError;
    const QStringList statements = QString::fromUtf8(step).split(QLatin1Char(';'));
    for (const QString &statement : statements) {
        if (statement.trimmed().isEmpty())
            continue;
        if (!execSql(m_db, statement, &sqlError))
            break;
    }
    if (sqlError.isEmpty())
        execSql(m_db, versionSql, &sqlError);
    if (!sqlError.isEmpty() || !m_db.commit()) {
        m_db.rollback();
        *error = sqlError.isEmpty() ? m_db.lastError().text() : sqlError;
        return false;
    }
    return true;
}

bool Database::migrateModule(
    const QString &module, const QList<const char *> &steps, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT version FROM schema_modules WHERE module = ?"));
    q.addBindValue(module);
    const int current = q.exec() && q.next() ? q.value(0).toInt() : 0;
    if (current > steps.size()) {
        *error = QStringLiteral("the %1 tables have schema version %2, newer than this appliance "
                                "knows (%3); use a newer mamori-appliance")
                     .arg(module)
                     .arg(current)
                     .arg(steps.size());
        return false;
    }
    if (current < steps.size() && !backUpBeforeMigrating(error))
        return false;
    for (int v = current; v < steps.size(); ++v) {
        // Module names are fixed strings in our code, never user input.
        const QString versionSql = QStringLiteral(
            "INSERT OR REPLACE INTO schema_modules(module, version) VALUES('%1', %2)")
                                       .arg(module)
                                       .arg(v + 1);
        if (!applyStep(steps[v], versionSql, error)) {
            *error = QStringLiteral("migration of the %1 tables to version %2 failed: %3")
                         .arg(module)
                         .arg(v + 1)
                         .arg(*error);
            return false;
        }
    }
    return true;
}

void Database::close()
{
    if (m_connection.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

} // namespace mamori::appliance
