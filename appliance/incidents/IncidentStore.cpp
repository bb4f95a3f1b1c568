// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/incidents/IncidentStore.h"

#include "appliance/store/SqlTransaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace mamori::appliance {

namespace {

// Step i moves the "incidents" module from version i to i + 1. Never edit a
// released step: append one. (Statements are split on ';'.)
constexpr const char kSchemaV1[] = R"(
CREATE TABLE incidents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  vm TEXT NOT NULL, vm_name TEXT NOT NULL, path TEXT NOT NULL, host_path TEXT NOT NULL,
  threat TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
  severity TEXT NOT NULL, source TEXT NOT NULL,
  first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, detections INTEGER NOT NULL,
  action TEXT NOT NULL, state TEXT NOT NULL, assignee TEXT NOT NULL,
  quarantine_id TEXT NOT NULL);
CREATE INDEX incidents_by_file ON incidents(vm, path, sha256);
CREATE INDEX incidents_by_state ON incidents(state, vm);
CREATE TABLE incident_history (
  incident INTEGER NOT NULL REFERENCES incidents(seq) ON DELETE CASCADE,
  time TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL, note TEXT NOT NULL,
  outcome TEXT NOT NULL);
CREATE INDEX incident_history_by_incident ON incident_history(incident);
CREATE TABLE incident_allowlist (
  sha256 TEXT PRIMARY KEY, added TEXT NOT NULL, user TEXT NOT NULL, note TEXT NOT NULL,
  incident TEXT NOT NULL, hits INTEGER NOT NULL DEFAULT 0, last_hit TEXT);
CREATE TABLE incident_vm_isolation (
  vm TEXT PRIMARY KEY, since TEXT NOT NULL, user TEXT NOT NULL, note TEXT NOT NULL)
)";

// Paths inside a VM are bytes, not text (a guest may use any): `path` holds
// BLOBs from version 2 on, and `root` the VM's root on the host, where file
// actions start. Rows of version 1 get the root their host_path implies.
constexpr const char kSchemaV2[] = R"(
ALTER TABLE incidents ADD COLUMN root TEXT NOT NULL DEFAULT '';
UPDATE incidents SET root = CASE
  WHEN host_path = path THEN '/'
  WHEN length(host_path) > length(path)
       AND substr(host_path, length(host_path) - length(path) + 1) = path
    THEN substr(host_path, 1, length(host_path) - length(path))
  ELSE '' END;
UPDATE incidents SET path = CAST(path AS BLOB)
)";

const QString kColumns = QStringLiteral(
    "seq, vm, vm_name, path, host_path, threat, sha256, size, severity, source, first_seen, "
    "last_seen, detections, action, state, assignee, quarantine_id, root");

QDateTime parseTime(const QVariant &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODate);
}

Incident readIncident(const QSqlQuery &q)
{
    Incident inc;
    inc.seq = q.value(0).toLongLong();
    inc.id = IncidentStore::idFor(inc.seq);
    inc.vm = q.value(1).toString();
    inc.vmName = q.value(2).toString();
    inc.path = q.value(3).toByteArray();
    inc.hostPath = q.value(4).toString();
    inc.threat = q.value(5).toString();
    inc.sha256 = q.value(6).toString();
    inc.size = q.value(7).toLongLong();
    inc.severity = q.value(8).toString();
    inc.source = q.value(9).toString();
    inc.firstSeen = parseTime(q.value(10));
    inc.lastSeen = parseTime(q.value(11));
    inc.detections = q.value(12).toInt();
    inc.action = q.value(13).toString();
    inc.state = q.value(14).toString();
    inc.assignee = q.value(15).toString();
    inc.quarantineId = q.value(16).toString();
    inc.root = q.value(17).toString();
    return inc;
}

// A null QString binds as SQL NULL; our text columns are NOT NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace

IncidentStore::IncidentStore(const QSqlDatabase &db) : m_db(db) { }

QList<const char *> IncidentStore::schemaSteps()
{
    return {kSchemaV1, kSchemaV2};
}

QString IncidentStore::idFor(qint64 seq)
{
    return QStringLiteral("inc-%1").arg(seq, 6, 10, QLatin1Char('0'));
}

qint64 IncidentStore::seqFor(const QString &id)
{
    if (!id.startsWith(QLatin1String("inc-")) || id.size() > 24)
        return 0;
    bool ok = false;
    const qint64 seq = id.mid(4).toLongLong(&ok);
    return ok && seq > 0 && idFor(seq) == id ? seq : 0;
}

std::optional<Incident> IncidentStore::get(const QString &id) const
{
    const qint64 seq = seqFor(id);
    if (seq == 0)
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM incidents WHERE seq = ?").arg(kColumns));
    q.addBindValue(seq);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Incident inc = readIncident(q);
    QSqlQuery h(m_db);
    h.prepare(QStringLiteral("SELECT time, user, action, note, outcome FROM incident_history "
                             "WHERE incident = ? ORDER BY rowid"));
    h.addBindValue(seq);
    if (h.exec()) {
        while (h.next())
            inc.history.append({parseTime(h.value(0)), h.value(1).toString(), h.value(2).toString(),
                h.value(3).toString(), h.value(4).toString()});
    }
    return inc;
}

QList<Incident> IncidentStore::list(const IncidentFilter &filter) const
{
    QStringList where;
    QVariantList binds;
    if (filter.state == QLatin1String("open")) {
        where.append(QStringLiteral("state <> 'resolved'"));
    } else if (!filter.state.isEmpty()) {
        where.append(QStringLiteral("state = ?"));
        binds.append(filter.state);
    }
    if (!filter.vm.isEmpty()) {
        where.append(QStringLiteral("vm = ?"));
        binds.append(filter.vm);
    }
    if (filter.since.isValid()) {
        where.append(QStringLiteral("last_seen >= ?"));
        binds.append(incidentTime(filter.since));
    }
    if (filter.beforeSeq > 0) {
        where.append(QStringLiteral("seq < ?"));
        binds.append(filter.beforeSeq);
    }
    QString sql = QStringLiteral("SELECT %1 FROM incidents").arg(kColumns);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY seq DESC LIMIT %1").arg(qBound(1, filter.limit, 10000));
    QSqlQuery q(m_db);
    q.prepare(sql);
    for (const QVariant &value : binds)
        q.addBindValue(value);
    QList<Incident> result;
    if (q.exec()) {
        while (q.next())
            result.append(readIncident(q));
    }
    return result;
}

QList<Incident> IncidentStore::awaitingRemoval() const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM incidents WHERE action = 'deleted' AND "
                             "quarantine_id <> '' ORDER BY seq")
                  .arg(kColumns));
    QList<Incident> result;
    if (q.exec()) {
        while (q.next())
            result.append(readIncident(q));
    }
    return result;
}

std::optional<Incident> IncidentStore::findOpen(
    const QString &vm, const QByteArray &path, const QString &sha256) const
{
    return findLatest(vm, path, sha256, true);
}

std::optional<Incident> IncidentStore::findLatest(
    const QString &vm, const QByteArray &path, const QString &sha256, bool openOnly) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq FROM incidents WHERE vm = ? AND path = ? AND sha256 = ? "
                             "%1 ORDER BY seq DESC LIMIT 1")
                  .arg(openOnly ? QStringLiteral("AND state <> 'resolved'") : QString()));
    q.addBindValue(vm);
    q.addBindValue(QVariant(path));
    q.addBindValue(sha256);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return get(idFor(q.value(0).toLongLong()));
}

bool IncidentStore::insert(Incident *inc, QString *error)
{
    SqlTransaction tx(m_db);
    if (!tx.ok()) {
        *error = tx.error().text();
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO incidents(vm, vm_name, path, host_path, threat, sha256, "
                             "size, severity, source, first_seen, last_seen, detections, action, "
                             "state, assignee, quarantine_id, root) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : {text(inc->vm), text(inc->vmName), QVariant(inc->path),
             text(inc->hostPath), text(inc->threat), text(inc->sha256), QVariant(inc->size),
             text(inc->severity), text(inc->source), QVariant(incidentTime(inc->firstSeen)),
             QVariant(incidentTime(inc->lastSeen)), QVariant(inc->detections), text(inc->action),
             text(inc->state), text(inc->assignee), text(inc->quarantineId), text(inc->root)})
        q.addBindValue(v);
    bool ok = run(q, error);
    if (ok) {
        inc->seq = q.lastInsertId().toLongLong();
        inc->id = idFor(inc->seq);
        for (const IncidentHistoryEntry &entry : std::as_const(inc->history))
            ok = ok && appendHistory(inc->seq, entry, error);
    }
    if (!ok || !tx.commit()) {
        if (ok)
            *error = tx.error().text();
        return false;
    }
    return true;
}

bool IncidentStore::update(const Incident &inc, const IncidentHistoryEntry *entry, QString *error)
{
    SqlTransaction tx(m_db);
    if (!tx.ok()) {
        *error = tx.error().text();
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE incidents SET vm_name = ?, host_path = ?, root = ?, "
                             "last_seen = ?, detections = ?, action = ?, state = ?, "
                             "assignee = ?, quarantine_id = ? WHERE seq = ?"));
    for (const QVariant &v : {text(inc.vmName), text(inc.hostPath), text(inc.root),
             QVariant(incidentTime(inc.lastSeen)), QVariant(inc.detections), text(inc.action),
             text(inc.state), text(inc.assignee), text(inc.quarantineId), QVariant(inc.seq)})
        q.addBindValue(v);
    bool ok = run(q, error);
    if (ok && entry)
        ok = appendHistory(inc.seq, *entry, error);
    if (!ok || !tx.commit()) {
        if (ok)
            *error = tx.error().text();
        return false;
    }
    return true;
}

bool IncidentStore::appendHistory(qint64 seq, const IncidentHistoryEntry &entry, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO incident_history(incident, time, user, action, note, "
                             "outcome) VALUES(?, ?, ?, ?, ?, ?)"));
    q.addBindValue(seq);
    q.addBindValue(incidentTime(entry.time));
    q.addBindValue(text(entry.user));
    q.addBindValue(text(entry.action));
    q.addBindValue(text(entry.note));
    q.addBindValue(text(entry.outcome));
    return run(q, error);
}

int IncidentStore::openCount(const QString &vm) const
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT COUNT(*) FROM incidents WHERE vm = ? AND state <> 'resolved'"));
    q.addBindValue(vm);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

QHash<QString, int> IncidentStore::openCountsByVm() const
{
    QHash<QString, int> counts;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT vm, COUNT(*) FROM incidents WHERE state <> 'resolved' "
                              "GROUP BY vm"))) {
        while (q.next())
            counts.insert(q.value(0).toString(), q.value(1).toInt());
    }
    return counts;
}

bool IncidentStore::isAllowed(const QString &sha256) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM incident_allowlist WHERE sha256 = ?"));
    q.addBindValue(sha256);
    return q.exec() && q.next();
}

QSet<QString> IncidentStore::allowedHashes() const
{
    QSet<QString> hashes;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT sha256 FROM incident_allowlist"))) {
        while (q.next())
            hashes.insert(q.value(0).toString());
    }
    return hashes;
}

bool IncidentStore::addAllowed(const QString &sha256, const QString &user, const QString &note,
    const QString &incidentId, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO incident_allowlist(sha256, added, user, note, "
                             "incident) VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(sha256);
    q.addBindValue(incidentTime(QDateTime::currentDateTimeUtc()));
    q.addBindValue(text(user));
    q.addBindValue(text(note));
    q.addBindValue(text(incidentId));
    return run(q, error);
}

void IncidentStore::countAllowedHit(const QString &sha256)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE incident_allowlist SET hits = hits + 1, last_hit = ? WHERE sha256 = ?"));
    q.addBindValue(incidentTime(QDateTime::currentDateTimeUtc()));
    q.addBindValue(sha256);
    q.exec();
}

qint64 IncidentStore::allowedHits() const
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT COALESCE(SUM(hits), 0) FROM incident_allowlist"))
            && q.next()
        ? q.value(0).toLongLong()
        : 0;
}

bool IncidentStore::isIsolated(const QString &vm) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM incident_vm_isolation WHERE vm = ?"));
    q.addBindValue(vm);
    return q.exec() && q.next();
}

bool IncidentStore::setIsolated(
    const QString &vm, bool isolated, const QString &user, const QString &note, QString *error)
{
    QSqlQuery q(m_db);
    if (isolated) {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO incident_vm_isolation(vm, since, user, "
                                 "note) VALUES(?, ?, ?, ?)"));
        q.addBindValue(vm);
        q.addBindValue(incidentTime(QDateTime::currentDateTimeUtc()));
        q.addBindValue(text(user));
        q.addBindValue(text(note));
    } else {
        q.prepare(QStringLiteral("DELETE FROM incident_vm_isolation WHERE vm = ?"));
        q.addBindValue(vm);
    }
    return run(q, error);
}

QStringList IncidentStore::isolatedVms() const
{
    QStringList vms;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT vm FROM incident_vm_isolation ORDER BY vm"))) {
        while (q.next())
            vms.append(q.value(0).toString());
    }
    return vms;
}

} // namespace mamori::appliance
