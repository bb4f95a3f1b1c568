// SPDX-License-Identifier: GPL-2.0-or-later
// ConsoleStore: the appliance registry, settings and the local action log.
#include "ConsoleStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <limits>

namespace mamori::console {

namespace {

QVariant msecs(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<qint64>());
    return time.toMSecsSinceEpoch();
}

QDateTime fromMsecs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

const QString kApplianceColumns = QStringLiteral(
    "id, display_name, url, user_name, cert_fingerprint, pubkey_sha256, appliance_uuid,"
    " last_seq, last_contact, added, sort_order");

ApplianceEntry readAppliance(const QSqlQuery &q)
{
    ApplianceEntry e;
    e.id = q.value(0).toInt();
    e.displayName = q.value(1).toString();
    e.url = q.value(2).toString();
    e.userName = q.value(3).toString();
    e.certFingerprint = q.value(4).toString();
    e.publicKeySha256 = q.value(5).toString();
    e.applianceUuid = QUuid::fromString(q.value(6).toString());
    e.lastSeq = q.value(7).toLongLong();
    e.lastContact = fromMsecs(q.value(8));
    e.added = fromMsecs(q.value(9));
    e.sortOrder = q.value(10).toInt();
    return e;
}

// A null QString binds as SQL NULL, which the NOT NULL text columns refuse.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// Checks what the user typed before it reaches the UNIQUE constraint, so that
// the message names the problem instead of quoting SQLite.
bool validAddress(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    return parsed.isValid() && parsed.scheme() == QLatin1String("https")
        && !parsed.host().isEmpty();
}

} // namespace

int ConsoleStore::addAppliance(const ApplianceEntry &entry)
{
    if (!validAddress(entry.url)) {
        fail(
            tr("The address %1 is not valid: it must look like https://host:port.").arg(entry.url));
        return 0;
    }
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT 1 FROM appliances WHERE url = ?"));
    q.addBindValue(entry.url);
    if (!exec(q))
        return 0;
    if (q.next()) {
        fail(tr("An appliance with the address %1 is already in the list.").arg(entry.url));
        return 0;
    }
    q.prepare(QStringLiteral(
        "INSERT INTO appliances (display_name, url, user_name, added, sort_order)"
        " VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM appliances))"));
    q.addBindValue(entry.displayName.isEmpty() ? QUrl(entry.url).host() : entry.displayName);
    q.addBindValue(entry.url);
    q.addBindValue(text(entry.userName));
    q.addBindValue(msecs(entry.added.isValid() ? entry.added : QDateTime::currentDateTimeUtc()));
    if (!exec(q))
        return 0;
    return q.lastInsertId().toInt();
}

bool ConsoleStore::updateAppliance(const ApplianceEntry &entry)
{
    if (!validAddress(entry.url))
        return fail(
            tr("The address %1 is not valid: it must look like https://host:port.").arg(entry.url));
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT 1 FROM appliances WHERE url = ? AND id <> ?"));
    q.addBindValue(entry.url);
    q.addBindValue(entry.id);
    if (!exec(q))
        return false;
    if (q.next())
        return fail(tr("An appliance with the address %1 is already in the list.").arg(entry.url));
    q.prepare(QStringLiteral(
        "UPDATE appliances SET display_name = ?, url = ?, user_name = ? WHERE id = ?"));
    q.addBindValue(entry.displayName.isEmpty() ? QUrl(entry.url).host() : entry.displayName);
    q.addBindValue(entry.url);
    q.addBindValue(text(entry.userName));
    q.addBindValue(entry.id);
    return exec(q) && (q.numRowsAffected() > 0 || fail(tr("No such appliance.")));
}

bool ConsoleStore::removeAppliance(int id)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM appliances WHERE id = ?"));
    q.addBindValue(id);
    return exec(q) && (q.numRowsAffected() > 0 || fail(tr("No such appliance.")));
}

std::optional<ApplianceEntry> ConsoleStore::appliance(int id) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM appliances WHERE id = ?").arg(kApplianceColumns));
    q.addBindValue(id);
    if (!exec(q) || !q.next())
        return std::nullopt;
    return readAppliance(q);
}

QList<ApplianceEntry> ConsoleStore::appliances() const
{
    QList<ApplianceEntry> result;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT %1 FROM appliances ORDER BY sort_order, id")
                       .arg(kApplianceColumns))
        || !exec(q)) {
        return result;
    }
    while (q.next())
        result.append(readAppliance(q));
    return result;
}

bool ConsoleStore::setSortOrder(const QList<int> &ids)
{
    QSqlDatabase db = database();
    if (!db.transaction())
        return fail(tr("The console database could not be used: %1").arg(db.lastError().text()));
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE appliances SET sort_order = ? WHERE id = ?"));
        for (int i = 0; i < ids.size(); ++i) {
            q.addBindValue(i);
            q.addBindValue(ids.at(i));
            if (!exec(q)) {
                q.finish();
                db.rollback();
                return false;
            }
        }
    }
    return db.commit()
        || fail(tr("The console database could not be used: %1").arg(db.lastError().text()));
}

bool ConsoleStore::setPin(int id, const QString &certFingerprint, const QString &publicKeySha256)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral(
        "UPDATE appliances SET cert_fingerprint = ?, pubkey_sha256 = ? WHERE id = ?"));
    q.addBindValue(text(certFingerprint));
    q.addBindValue(text(publicKeySha256));
    q.addBindValue(id);
    return exec(q) && (q.numRowsAffected() > 0 || fail(tr("No such appliance.")));
}

bool ConsoleStore::setApplianceUuid(int id, const QUuid &uuid)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral(
        "UPDATE appliances SET"
        " last_seq = CASE WHEN appliance_uuid NOT IN ('', ?) THEN 0 ELSE last_seq END,"
        " appliance_uuid = ? WHERE id = ?"));
    const QString value = text(uuid.isNull() ? QString() : uuid.toString(QUuid::WithoutBraces));
    q.addBindValue(value);
    q.addBindValue(value);
    q.addBindValue(id);
    return exec(q) && (q.numRowsAffected() > 0 || fail(tr("No such appliance.")));
}

bool ConsoleStore::setLastSeq(int id, qint64 seq)
{
    if (!m_setLastSeq)
        return fail(tr("The console database is not open."));
    m_setLastSeq->bindValue(0, seq);
    m_setLastSeq->bindValue(1, id);
    const bool ok = exec(*m_setLastSeq)
        && (m_setLastSeq->numRowsAffected() > 0 || fail(tr("No such appliance.")));
    m_setLastSeq->finish();
    return ok;
}

bool ConsoleStore::setLastContact(int id, const QDateTime &time)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE appliances SET last_contact = ? WHERE id = ?"));
    q.addBindValue(msecs(time));
    q.addBindValue(id);
    return exec(q) && (q.numRowsAffected() > 0 || fail(tr("No such appliance.")));
}

QVariant ConsoleStore::setting(const QString &key, const QVariant &defaultValue) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(text(key));
    if (!exec(q) || !q.next())
        return defaultValue;
    return q.value(0);
}

bool ConsoleStore::setSetting(const QString &key, const QVariant &value)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(text(key));
    q.addBindValue(value);
    return exec(q);
}

bool ConsoleStore::removeSetting(const QString &key)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(text(key));
    return exec(q);
}

bool ConsoleStore::logAction(int applianceId, const QString &action, const QString &target,
    const QString &outcome, const QDateTime &time)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral(
        "INSERT INTO action_log (time, appliance_id, appliance_name, action, target, outcome)"
        " VALUES (?, ?, COALESCE((SELECT display_name FROM appliances WHERE id = ?), ''), ?, ?, "
        "?)"));
    q.addBindValue(msecs(time.isValid() ? time : QDateTime::currentDateTimeUtc()));
    q.addBindValue(applianceId > 0 ? QVariant(applianceId) : QVariant(QMetaType::fromType<int>()));
    q.addBindValue(applianceId);
    q.addBindValue(text(action));
    q.addBindValue(text(target));
    q.addBindValue(text(outcome));
    return exec(q);
}

QList<ActionRecord> ConsoleStore::actions(int applianceId, int limit, const QDateTime &since) const
{
    QString sql = QStringLiteral("SELECT id, time, appliance_id, appliance_name, action, target,"
                                 " outcome FROM action_log WHERE time >= ?");
    if (applianceId > 0)
        sql += QStringLiteral(" AND appliance_id = ?");
    sql += QStringLiteral(" ORDER BY time DESC, id DESC LIMIT ?");
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(
        since.isValid() ? since.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min());
    if (applianceId > 0)
        q.addBindValue(applianceId);
    q.addBindValue(limit);
    QList<ActionRecord> result;
    if (!exec(q))
        return result;
    while (q.next()) {
        ActionRecord r;
        r.id = q.value(0).toLongLong();
        r.time = fromMsecs(q.value(1));
        r.applianceId = q.value(2).toInt();
        r.applianceName = q.value(3).toString();
        r.action = q.value(4).toString();
        r.target = q.value(5).toString();
        r.outcome = q.value(6).toString();
        result.append(r);
    }
    return result;
}

bool ConsoleStore::pruneActions(const QDateTime &olderThan)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM action_log WHERE time < ?"));
    q.addBindValue(olderThan.toMSecsSinceEpoch());
    return exec(q);
}

} // namespace mamori::console
