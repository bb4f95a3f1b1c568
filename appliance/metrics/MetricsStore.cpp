// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricsStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace mamori::appliance {

namespace {

constexpr const char *kSchemaV1 = R"sql(
CREATE TABLE metrics_minutes(
    scope TEXT NOT NULL,
    minute INTEGER NOT NULL,
    cpu_percent REAL NOT NULL,
    memory_bytes INTEGER NOT NULL,
    read_bps REAL NOT NULL,
    write_bps REAL NOT NULL,
    samples INTEGER NOT NULL,
    PRIMARY KEY(scope, minute)
) WITHOUT ROWID;
CREATE INDEX metrics_minutes_by_minute ON metrics_minutes(minute);
CREATE TABLE metrics_baseline(
    scope TEXT NOT NULL,
    metric TEXT NOT NULL CHECK(metric IN ('cpu', 'mem', 'read', 'write')),
    method TEXT NOT NULL CHECK(method IN ('automatic', 'captured')),
    value REAL NOT NULL,
    window_start INTEGER NOT NULL,
    window_end INTEGER NOT NULL,
    samples INTEGER NOT NULL,
    scanning_samples INTEGER NOT NULL,
    PRIMARY KEY(scope, metric, method)
) WITHOUT ROWID
)sql";

bool fail(const QSqlQuery &q, QString *error)
{
    if (error)
        *error = q.lastError().text();
    return false;
}

bool rollback(QSqlDatabase &db, const QSqlQuery &q, QString *error)
{
    db.rollback();
    return fail(q, error);
}

} // namespace

MetricsStore::MetricsStore(QSqlDatabase db) : m_db(std::move(db)) { }

QList<const char *> MetricsStore::schemaSteps()
{
    return {kSchemaV1};
}

bool MetricsStore::saveMinutes(const QList<MinuteRow> &rows, qint64 pruneBeforeMs, QString *error)
{
    if (!isEnabled())
        return true;
    if (!m_db.transaction()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO metrics_minutes(scope, minute, cpu_percent, memory_bytes, read_bps, "
        "write_bps, samples) VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(scope, minute) DO UPDATE SET "
        "cpu_percent = (cpu_percent * samples + excluded.cpu_percent * excluded.samples) "
        "/ (samples + excluded.samples), "
        "memory_bytes = (memory_bytes * samples + excluded.memory_bytes * excluded.samples) "
        "/ (samples + excluded.samples), "
        "read_bps = (read_bps * samples + excluded.read_bps * excluded.samples) "
        "/ (samples + excluded.samples), "
        "write_bps = (write_bps * samples + excluded.write_bps * excluded.samples) "
        "/ (samples + excluded.samples), "
        "samples = samples + excluded.samples"));
    for (const MinuteRow &row : rows) {
        q.addBindValue(row.scope);
        q.addBindValue(row.average.t);
        q.addBindValue(row.average.cpuPercent);
        q.addBindValue(row.average.memoryBytes);
        q.addBindValue(row.average.readBps);
        q.addBindValue(row.average.writeBps);
        q.addBindValue(qMax(1, row.samples));
        if (!q.exec())
            return rollback(m_db, q, error);
    }
    QSqlQuery prune(m_db);
    prune.prepare(QStringLiteral("DELETE FROM metrics_minutes WHERE minute < ?"));
    prune.addBindValue(pruneBeforeMs);
    if (!prune.exec())
        return rollback(m_db, prune, error);
    if (!m_db.commit()) {
        if (error)
            *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

bool MetricsStore::loadMinutes(qint64 sinceMs, QList<MinuteRow> *out, QString *error)
{
    out->clear();
    if (!isEnabled())
        return true;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT scope, minute, cpu_percent, memory_bytes, read_bps, write_bps, "
                       "samples FROM metrics_minutes WHERE minute >= ? ORDER BY scope, minute"));
    q.addBindValue(sinceMs);
    if (!q.exec())
        return fail(q, error);
    while (q.next()) {
        MinuteRow row;
        row.scope = q.value(0).toString();
        row.average.t = q.value(1).toLongLong();
        row.average.cpuPercent = q.value(2).toDouble();
        row.average.memoryBytes = q.value(3).toLongLong();
        row.average.readBps = q.value(4).toDouble();
        row.average.writeBps = q.value(5).toDouble();
        row.samples = q.value(6).toInt();
        out->append(row);
    }
    return true;
}

bool MetricsStore::replaceBaselines(
    const QString &method, const QList<BaselineRow> &rows, QString *error)
{
    if (!isEnabled())
        return true;
    if (!m_db.transaction()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery del(m_db);
    del.prepare(QStringLiteral("DELETE FROM metrics_baseline WHERE method = ?"));
    del.addBindValue(method);
    if (!del.exec())
        return rollback(m_db, del, error);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO metrics_baseline(scope, metric, method, value, "
                             "window_start, window_end, samples, scanning_samples) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const BaselineRow &row : rows) {
        q.addBindValue(row.scope);
        q.addBindValue(metricName(row.metric));
        q.addBindValue(method);
        q.addBindValue(row.value);
        q.addBindValue(row.windowStart);
        q.addBindValue(row.windowEnd);
        q.addBindValue(row.samples);
        q.addBindValue(row.scanningSamples);
        if (!q.exec())
            return rollback(m_db, q, error);
    }
    if (!m_db.commit()) {
        if (error)
            *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

bool MetricsStore::loadBaselines(QList<BaselineRow> *out, QString *error)
{
    out->clear();
    if (!isEnabled())
        return true;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT scope, metric, method, value, window_start, window_end, "
                               "samples, scanning_samples FROM metrics_baseline")))
        return fail(q, error);
    while (q.next()) {
        const auto metric = metricFromName(q.value(1).toString());
        if (!metric)
            continue;
        BaselineRow row;
        row.scope = q.value(0).toString();
        row.metric = *metric;
        row.method = q.value(2).toString();
        row.value = q.value(3).toDouble();
        row.windowStart = q.value(4).toLongLong();
        row.windowEnd = q.value(5).toLongLong();
        row.samples = q.value(6).toInt();
        row.scanningSamples = q.value(7).toInt();
        out->append(row);
    }
    return true;
}

} // namespace mamori::appliance
