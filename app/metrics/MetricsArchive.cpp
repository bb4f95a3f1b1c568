// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricsArchive.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <vector>

namespace mamori::console {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr int kPruneEvery = 300;

// Step N brings the schema from user_version N to N + 1, in one transaction.
// A released step is never edited: a change is a new step at the end.
const std::vector<std::vector<const char *>> kMigrations {
    // 1 (Mamori 0.1.0)
    {"CREATE TABLE IF NOT EXISTS samples (appliance INTEGER NOT NULL, "
     "scope TEXT NOT NULL, t INTEGER NOT NULL, cpu REAL, mem REAL, "
     "rd REAL, wr REAL, PRIMARY KEY (appliance, scope, t)) WITHOUT ROWID",
        "CREATE INDEX IF NOT EXISTS samples_t ON samples (t)"},
};

} // namespace

int MetricsArchive::schemaVersion()
{
    return int(kMigrations.size());
}

MetricsArchive::MetricsArchive()
    : m_connection(QStringLiteral("mamori-metrics-") + QUuid::createUuid().toString(QUuid::Id128))
{ }

MetricsArchive::~MetricsArchive()
{
    close();
}

bool MetricsArchive::fail(const QString &message) const
{
    m_lastError = message;
    return false;
}

bool MetricsArchive::open(const QString &dataDir, QString *error)
{
    close();
    const auto failed = [&](const QString &message) {
        fail(message);
        if (error)
            *error = message;
        return false;
    };
    QDir dir(dataDir);
    if (!dir.exists() && !dir.mkpath(QStringLiteral(".")))
        return failed(tr("Cannot create the folder %1.").arg(dataDir));
    m_path = dir.filePath(QStringLiteral("metrics.sqlite"));
    {
        // Create the file owner-only before SQLite opens it (WAL and SHM
        // files take the database file's mode).
        QFile file(m_path);
        if (!file.open(QIODevice::ReadWrite))
            return failed(tr("Cannot open %1: %2").arg(m_path, file.errorString()));
        file.close();
        if (!file.setPermissions(kOwnerOnly))
            return failed(tr("Cannot make %1 private.").arg(m_path));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_path);
        if (!db.open())
            return failed(tr("Cannot open %1: %2").arg(m_path, db.lastError().text()));
        QSqlQuery q(db);
        for (const char *pragma :
            {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=2000"}) {
            if (!q.exec(QString::fromLatin1(pragma)))
                return failed(tr("Cannot set up %1: %2").arg(m_path, q.lastError().text()));
        }
    }
    if (!migrate()) {
        const QString message = m_lastError;
        close();
        return failed(message);
    }
    prune();
    return true;
}

bool MetricsArchive::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return fail(tr("Cannot read the schema version: %1").arg(q.lastError().text()));
    const int version = q.value(0).toInt();
    if (version > schemaVersion())
        return fail(tr("%1 was written by a newer console (schema %2).").arg(m_path).arg(version));
    for (int v = version; v < schemaVersion(); ++v) {
        if (!db.transaction())
            return fail(tr("Cannot create the metrics history: %1").arg(db.lastError().text()));
        QStringList statements;
        for (const char *sql : kMigrations[v])
            statements << QLatin1String(sql);
        statements << QStringLiteral("PRAGMA user_version = %1").arg(v + 1);
        for (const QString &sql : std::as_const(statements)) {
            if (!q.exec(sql)) {
                const QString message = q.lastError().text();
                q.finish();
                db.rollback();
                return fail(tr("Cannot create the metrics history: %1").arg(message));
            }
        }
        q.finish();
        if (!db.commit())
            return fail(db.lastError().text());
    }
    return true;
}

void MetricsArchive::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool MetricsArchive::isOpen() const
{
    return QSqlDatabase::contains(m_connection)
        && QSqlDatabase::database(m_connection, false).isOpen();
}

bool MetricsArchive::store(int applianceId, const QString &scope, const QList<MetricPoint> &points)
{
    return store(applianceId, QHash<QString, QList<MetricPoint>> {{scope, points}});
}

bool MetricsArchive::store(int applianceId, const QHash<QString, QList<MetricPoint>> &byScope)
{
    if (!isOpen())
        return fail(tr("The metrics history is not open."));
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO samples (appliance, scope, t, cpu, mem, rd, "
                             "wr) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (auto it = byScope.cbegin(); it != byScope.cend(); ++it) {
        for (const MetricPoint &p : it.value()) {
            q.addBindValue(applianceId);
            q.addBindValue(it.key());
            q.addBindValue(p.t);
            q.addBindValue(p.cpu);
            q.addBindValue(p.mem);
            q.addBindValue(p.read);
            q.addBindValue(p.write);
            if (!q.exec()) {
                const QString message = q.lastError().text();
                db.rollback();
                return fail(tr("Cannot store metrics: %1").arg(message));
            }
        }
    }
    if (!db.commit())
        return fail(tr("Cannot store metrics: %1").arg(db.lastError().text()));
    if (++m_storesSincePrune >= kPruneEvery)
        prune();
    return true;
}

QList<MetricPoint> MetricsArchive::samples(
    int applianceId, const QString &scope, qint64 fromMs, qint64 toMs, qint64 bucketMs) const
{
    QList<MetricPoint> out;
    if (!isOpen())
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (bucketMs > 0) {
        q.prepare(QStringLiteral(
            "SELECT (t / :b) * :b AS bt, AVG(cpu), AVG(mem), AVG(rd), AVG(wr) FROM samples "
            "WHERE appliance = :a AND scope = :s AND t >= :f AND t <= :e GROUP BY bt ORDER BY bt"));
        q.bindValue(QStringLiteral(":b"), bucketMs);
    } else {
        q.prepare(QStringLiteral("SELECT t, cpu, mem, rd, wr FROM samples WHERE appliance = :a "
                                 "AND scope = :s AND t >= :f AND t <= :e ORDER BY t"));
    }
    q.bindValue(QStringLiteral(":a"), applianceId);
    q.bindValue(QStringLiteral(":s"), scope);
    q.bindValue(QStringLiteral(":f"), fromMs);
    q.bindValue(QStringLiteral(":e"), toMs);
    if (!q.exec()) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next()) {
        out.append({q.value(0).toLongLong(), q.value(1).toDouble(), q.value(2).toDouble(),
            q.value(3).toDouble(), q.value(4).toDouble()});
    }
    return out;
}

qint64 MetricsArchive::latestTime(int applianceId, const QString &scope) const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT MAX(t) FROM samples WHERE appliance = ? AND scope = ?"));
    q.addBindValue(applianceId);
    q.addBindValue(scope);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

qint64 MetricsArchive::count() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM samples")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

bool MetricsArchive::prune()
{
    m_storesSincePrune = 0;
    if (!isOpen())
        return fail(tr("The metrics history is not open."));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT MAX(t) FROM samples")) || !q.next())
        return fail(q.lastError().text());
    if (q.value(0).isNull())
        return true;
    const qint64 newest = q.value(0).toLongLong();
    q.prepare(QStringLiteral("DELETE FROM samples WHERE t < ?"));
    q.addBindValue(newest - m_retentionMs);
    if (!q.exec())
        return fail(q.lastError().text());
    const qint64 excess = count() - m_maxSamples;
    if (excess > 0) {
        // The oldest rows go: everything older than the excess-th oldest t,
        // then exactly enough of the rows at that t.
        q.prepare(QStringLiteral("DELETE FROM samples WHERE (t, appliance, scope) IN (SELECT t, "
                                 "appliance, scope FROM samples ORDER BY t LIMIT ?)"));
        q.addBindValue(excess);
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return true;
}

bool MetricsArchive::removeAppliance(int applianceId)
{
    if (!isOpen())
        return fail(tr("The metrics history is not open."));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM samples WHERE appliance = ?"));
    q.addBindValue(applianceId);
    return q.exec() || fail(q.lastError().text());
}

} // namespace mamori::console
