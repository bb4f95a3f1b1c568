// SPDX-License-Identifier: GPL-2.0-or-later
#include "ConsoleStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <atomic>

namespace mamori::console {

namespace {

constexpr auto kFileName = "console.sqlite";
constexpr auto kBusyOption = "QSQLITE_BUSY_TIMEOUT=5000";

// Step N brings the schema from user_version N to N + 1. Steps are never
// edited once released: a change is a new step at the end.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        {
            QStringLiteral("CREATE TABLE appliances ("
                           " id INTEGER PRIMARY KEY,"
                           " display_name TEXT NOT NULL,"
                           " url TEXT NOT NULL UNIQUE,"
                           " user_name TEXT NOT NULL DEFAULT '',"
                           " cert_fingerprint TEXT NOT NULL DEFAULT '',"
                           " pubkey_sha256 TEXT NOT NULL DEFAULT '',"
                           " appliance_uuid TEXT NOT NULL DEFAULT '',"
                           " last_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0),"
                           " last_contact INTEGER," // ms since the epoch, UTC
                           " added INTEGER NOT NULL,"
                           " sort_order INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value)"),
            QStringLiteral("CREATE TABLE action_log ("
                           " id INTEGER PRIMARY KEY,"
                           " time INTEGER NOT NULL,"
                           " appliance_id INTEGER REFERENCES appliances(id) ON DELETE SET NULL,"
                           " appliance_name TEXT NOT NULL DEFAULT '',"
                           " action TEXT NOT NULL,"
                           " target TEXT NOT NULL DEFAULT '',"
                           " outcome TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX action_log_time ON action_log(time)"),
            QStringLiteral("CREATE INDEX action_log_appliance ON action_log(appliance_id, time)"),
        },
    };
    return steps;
}

QString nextConnectionName()
{
    static std::atomic<int> counter {0};
    return QStringLiteral("mamori-console-store-%1").arg(++counter);
}

} // namespace

int ConsoleStore::schemaVersion()
{
    return int(migrations().size());
}

ConsoleStore::ConsoleStore() : m_connection(nextConnectionName()) { }

ConsoleStore::~ConsoleStore()
{
    close();
}

QSqlDatabase ConsoleStore::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool ConsoleStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && database().isOpen();
}

void ConsoleStore::close()
{
    m_setLastSeq.reset();
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool ConsoleStore::fail(const QString &message) const
{
    m_lastError = message;
    return false;
}

bool ConsoleStore::exec(QSqlQuery &query) const
{
    if (query.exec())
        return true;
    return fail(tr("The console database could not be used: %1").arg(query.lastError().text()));
}

bool ConsoleStore::open(const QString &dataDir, QString *error)
{
    close();
    m_lastError.clear();
    const bool ok = [&] {
        if (dataDir.isEmpty())
            return fail(tr("No folder was given for the console's data."));
        const QString dir = QDir::cleanPath(QDir(dataDir).absolutePath());
        constexpr auto dirMode = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
        if (!QFileInfo::exists(dir)) {
            // Only a folder we create is made private: an existing one the
            // administrator chose (--data) keeps the modes they gave it.
            const QString parent = QFileInfo(dir).absolutePath();
            if (!QDir().mkpath(parent) || !QDir().mkdir(dir, dirMode)
                || !QFile::setPermissions(dir, dirMode)) {
                return fail(tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(dir)));
            }
        }
        m_path = QDir(dir).filePath(QLatin1String(kFileName));
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection).setDatabaseName(m_path);
        constexpr auto fileMode = QFile::ReadOwner | QFile::WriteOwner;
        if (QFileInfo::exists(m_path)) {
            // Nothing may be written (not even by a PRAGMA) before we know
            // that this program understands the schema.
            const auto version = probeVersion();
            if (!version)
                return false;
            if (*version > schemaVersion()) {
                return fail(tr("The console database %1 was created by a newer version of "
                               "Mamori (schema %2; this version knows up to %3). It was left "
                               "unchanged; use the newer version or another data folder.")
                                .arg(QDir::toNativeSeparators(m_path), QString::number(*version),
                                    QString::number(schemaVersion())));
            }
        } else {
            // Created before SQLite opens it so that it is never readable by
            // others, not even for a moment; SQLite gives -wal and -shm the
            // same mode.
            QFile file(m_path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, fileMode))
                return fail(tr("Cannot create the console database %1: %2")
                                .arg(QDir::toNativeSeparators(m_path), file.errorString()));
        }
        if (!QFile::setPermissions(m_path, fileMode))
            return fail(tr("Cannot make the console database %1 private.")
                            .arg(QDir::toNativeSeparators(m_path)));
        QSqlDatabase db = database();
        db.setConnectOptions(QLatin1String(kBusyOption));
        if (!db.open())
            return fail(tr("Cannot open the console database %1: %2")
                            .arg(QDir::toNativeSeparators(m_path), db.lastError().text()));
        return configure() && migrate();
    }();
    if (!ok) {
        close();
        if (error)
            *error = m_lastError;
        return false;
    }
    m_setLastSeq = std::make_unique<QSqlQuery>(database());
    m_setLastSeq->prepare(QStringLiteral("UPDATE appliances SET last_seq = ? WHERE id = ?"));
    return true;
}

std::optional<int> ConsoleStore::probeVersion()
{
    QSqlDatabase db = database();
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;") + QLatin1String(kBusyOption));
    std::optional<int> version;
    if (db.open()) {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
            version = q.value(0).toInt();
        else
            fail(tr("%1 is not a console database, or it is damaged: %2")
                     .arg(QDir::toNativeSeparators(m_path), q.lastError().text()));
    } else {
        fail(tr("Cannot open the console database %1: %2")
                 .arg(QDir::toNativeSeparators(m_path), db.lastError().text()));
    }
    db.close();
    return version;
}

bool ConsoleStore::configure()
{
    QSqlQuery q(database());
    // NORMAL is durable across a crash of the console in WAL mode; a power
    // loss may cost the last event cursor, and events are safe to replay.
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"}) {
        if (!q.exec(QLatin1String(pragma)))
            return fail(tr("Cannot set up the console database: %1").arg(q.lastError().text()));
    }
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next()
        || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        return fail(tr("Cannot set up the console database: %1").arg(q.lastError().text()));
    }
    return true;
}

bool ConsoleStore::migrate()
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return exec(q);
    const int current = q.value(0).toInt();
    if (current > schemaVersion()) // written by a newer console since the probe
        return fail(tr("The console database was created by a newer version of Mamori."));
    const auto &steps = migrations();
    for (int version = current; version < schemaVersion(); ++version) {
        if (!db.transaction())
            return fail(tr("Cannot update the console database: %1").arg(db.lastError().text()));
        QStringList statements = steps.at(version);
        statements << QStringLiteral("PRAGMA user_version = %1").arg(version + 1);
        for (const QString &sql : std::as_const(statements)) {
            if (!q.exec(sql)) {
                const QString reason = q.lastError().text();
                q.finish();
                db.rollback();
                return fail(tr("Cannot update the console database to schema %1: %2")
                                .arg(version + 1)
                                .arg(reason));
            }
        }
        q.finish();
        if (!db.commit()) {
            const QString reason = db.lastError().text();
            db.rollback();
            return fail(tr("Cannot update the console database to schema %1: %2")
                            .arg(version + 1)
                            .arg(reason));
        }
    }
    return true;
}

} // namespace mamori::console
