// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/audit/AuditLog.h"

#include "appliance/store/Database.h"
#include "appliance/store/SqlTransaction.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace mamori::appliance {
namespace {

const QString kGenesis = QString(64, QLatin1Char('0'));

AuditRecord recordFrom(const QSqlQuery &q)
{
    AuditRecord r;
    r.seq = q.value(0).toLongLong();
    r.time = q.value(1).toString();
    r.user = q.value(2).toString();
    r.role = q.value(3).toString();
    r.source = q.value(4).toString();
    r.action = q.value(5).toString();
    r.target = q.value(6).toString();
    r.outcome = q.value(7).toString();
    r.detail = q.value(8).toString();
    r.prevHash = q.value(9).toString();
    r.hash = q.value(10).toString();
    return r;
}

const QString kColumns = QStringLiteral(
    "seq, time, user, role, source, action, target, outcome, detail, prev_hash, hash");

// Kept in the settings table, apart from the records they vouch for.
constexpr char kHighWater[] = "audit.high_water"; // the highest seq ever written
constexpr char kAnchorSeq[] = "audit.anchor_seq"; // the last record trimmed
constexpr char kAnchorHash[] = "audit.anchor_hash"; // and its hash

bool setSetting(QSqlDatabase &db, const char *key, const QString &value)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO settings(key, value) VALUES(?, ?)"));
    q.addBindValue(QLatin1String(key));
    q.addBindValue(value);
    return q.exec();
}

} // namespace

QJsonObject ChainPoint::toJson() const
{
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("hash"), hash}};
}

QJsonObject AuditRecord::toJson() const
{
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("time"), time},
        {QStringLiteral("user"), user}, {QStringLiteral("role"), role},
        {QStringLiteral("source"), source}, {QStringLiteral("action"), action},
        {QStringLiteral("target"), target}, {QStringLiteral("outcome"), outcome},
        {QStringLiteral("detail"), detail}, {QStringLiteral("prev_hash"), prevHash},
        {QStringLiteral("hash"), hash}};
}

AuditRecord AuditRecord::byAppliance(
    const QString &action, const QString &target, const QString &outcome, const QString &detail)
{
    AuditRecord record;
    record.user = QStringLiteral("appliance");
    record.action = action;
    record.target = target;
    record.outcome = outcome;
    record.detail = detail;
    return record;
}

QByteArray AuditRecord::canonicalForm() const
{
    // Newlines inside fields are escaped so that no two records share a
    // canonical form.
    auto esc = [](QString s) {
        return s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('\n'), QLatin1String("\\n"));
    };
    const QStringList fields {QString::number(seq), esc(time), esc(user), esc(role), esc(source),
        esc(action), esc(target), esc(outcome), esc(detail), prevHash};
    return fields.join(QLatin1Char('\n')).toUtf8();
}

QString AuditRecord::computeHash() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalForm(), QCryptographicHash::Sha256).toHex());
}

ChainPoint AuditLog::anchor() const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(kAnchorHash));
    ChainPoint a;
    a.seq = setting(kAnchorSeq);
    a.hash = q.exec() && q.next() ? q.value(0).toString() : kGenesis;
    return a;
}

ChainPoint AuditLog::head() const
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
    if (!q.next())
        return anchor();
    return {q.value(0).toLongLong(), q.value(1).toString()};
}

qint64 AuditLog::setting(const char *key) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(key));
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

// Within the caller's transaction.
bool AuditLog::insert(AuditRecord &record, QString *error)
{
    QSqlQuery last(m_db);
    last.exec(QStringLiteral("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
    const bool hasLast = last.next();
    const ChainPoint before =
        hasLast ? ChainPoint {last.value(0).toLongLong(), last.value(1).toString()} : anchor();
    // Above everything ever written, also when the newest rows are gone.
    record.seq = std::max(before.seq, setting(kHighWater)) + 1;
    record.prevHash = before.hash;
    record.time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    // A JSON string may hold a lone UTF-16 surrogate ("\ud800"), and a guest's
    // file name U+FFFF, which SQLite does not give back as they were: the
    // record would not read back as it was hashed, and verify() would call a
    // login's user name or a file's name tampering. Hash and store the text
    // that reads back.
    for (QString *field : {&record.user, &record.role, &record.source, &record.action,
             &record.target, &record.outcome, &record.detail})
        *field = storedText(*field);
    record.hash = record.computeHash();

    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO audit(%1) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                  .arg(kColumns));
    for (const QVariant &v : {QVariant(record.seq), sqlText(record.time), sqlText(record.user),
             sqlText(record.role), sqlText(record.source), sqlText(record.action),
             sqlText(record.target), sqlText(record.outcome), sqlText(record.detail),
             sqlText(record.prevHash), sqlText(record.hash)})
        q.addBindValue(v);
    if (!q.exec() || !setSetting(m_db, kHighWater, QString::number(record.seq))) {
        m_lastError = q.lastError().type() != QSqlError::NoError ? q.lastError() : m_db.lastError();
        if (error)
            *error = m_lastError.text();
        return false;
    }
    return true;
}

bool AuditLog::append(AuditRecord record, QString *error)
{
    m_lastError = {};
    SqlTransaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = tx.error();
        if (error)
            *error = tx.error().text();
        return false;
    }
    if (!insert(record, error) || !tx.commit()) {
        if (!tx.error().text().isEmpty())
            m_lastError = tx.error();
        if (error && error->isEmpty())
            *error = m_lastError.text();
        return false;
    }
    published(record);
    return true;
}

void AuditLog::published(const AuditRecord &record)
{
    if (m_held > 0)
        m_heldRecords.append(record);
    else if (m_mirror)
        m_mirror(record);
}

void AuditLog::holdMirror()
{
    ++m_held;
}

void AuditLog::releaseMirror(bool committed)
{
    if (m_held == 0 || --m_held > 0)
        return;
    const QList<AuditRecord> records = std::exchange(m_heldRecords, {});
    if (committed && m_mirror) {
        for (const AuditRecord &r : records)
            m_mirror(r);
    }
}

qint64 AuditLog::trim(qint64 keep, qint64 maxAgeSeconds, QString *error)
{
    SqlTransaction tx(m_db);
    if (!tx.ok()) {
        if (error)
            *error = tx.error().text();
        return -1;
    }
    const auto fail = [&](const QSqlQuery &q) {
        if (error)
            *error = q.lastError().text();
        return qint64(-1);
    };
    QSqlQuery newest(m_db);
    newest.exec(QStringLiteral("SELECT MAX(seq) FROM audit"));
    const qint64 last = newest.next() ? newest.value(0).toLongLong() : 0;
    // The newest record to remove: beyond the newest `keep`, or too old;
    // never the newest record itself, which the next one follows.
    qint64 cut = last - std::max<qint64>(keep, 1);
    if (maxAgeSeconds > 0) {
        QSqlQuery old(m_db);
        old.prepare(QStringLiteral("SELECT MAX(seq) FROM audit WHERE time < ? AND seq < ?"));
        old.addBindValue(
            QDateTime::currentDateTimeUtc().addSecs(-maxAgeSeconds).toString(Qt::ISODateWithMs));
        old.addBindValue(last);
        if (!old.exec())
            return fail(old);
        if (old.next())
            cut = std::max(cut, old.value(0).toLongLong());
    }
    QSqlQuery removed(m_db);
    removed.prepare(QStringLiteral("SELECT MIN(seq), COUNT(*), MAX(seq), "
                                   "(SELECT hash FROM audit WHERE seq <= ? ORDER BY seq DESC "
                                   "LIMIT 1) FROM audit WHERE seq <= ?"));
    removed.addBindValue(cut);
    removed.addBindValue(cut);
    if (!removed.exec() || !removed.next())
        return fail(removed);
    const qint64 count = removed.value(1).toLongLong();
    if (count == 0)
        return 0;
    const qint64 first = removed.value(0).toLongLong();
    const ChainPoint anchor {removed.value(2).toLongLong(), removed.value(3).toString()};
    QSqlQuery drop(m_db);
    drop.prepare(QStringLiteral("DELETE FROM audit WHERE seq <= ?"));
    drop.addBindValue(anchor.seq);
    if (!drop.exec() || !setSetting(m_db, kAnchorSeq, QString::number(anchor.seq))
        || !setSetting(m_db, kAnchorHash, anchor.hash))
        return fail(drop);

    AuditRecord record;
    record.user = QStringLiteral("appliance");
    record.action = QStringLiteral("audit.trim");
    record.target = QStringLiteral("%1-%2").arg(first).arg(anchor.seq);
    record.outcome = QStringLiteral("success");
    record.detail = QStringLiteral("removed %1 records (kept the newest %2, none older than %3 s); "
                                   "the log continues from record %4, whose prev_hash is %5")
                        .arg(count)
                        .arg(keep)
                        .arg(maxAgeSeconds)
                        .arg(anchor.seq + 1)
                        .arg(anchor.hash);
    if (!insert(record, error))
        return -1;
    if (!tx.commit()) {
        if (error)
            *error = tx.error().text();
        return -1;
    }
    published(record);
    return count;
}

QList<AuditRecord> AuditLog::list(qint64 after, int limit) const
{
    QList<AuditRecord> out;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM audit WHERE seq > ? ORDER BY seq LIMIT ?").arg(kColumns));
    q.addBindValue(after);
    q.addBindValue(limit);
    q.exec();
    while (q.next())
        out.append(recordFrom(q));
    return out;
}

AuditLog::Verification AuditLog::verify() const
{
    Verification v;
    const ChainPoint start = anchor();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT %1 FROM audit ORDER BY seq").arg(kColumns));
    QString prev = start.hash;
    qint64 expectedSeq = start.seq + 1;
    while (q.next()) {
        const AuditRecord r = recordFrom(q);
        ++v.records;
        QString reason;
        if (r.seq != expectedSeq)
            reason = QStringLiteral("record %1 is missing").arg(expectedSeq);
        else if (r.prevHash != prev)
            reason = QStringLiteral("record %1 does not follow the record before it").arg(r.seq);
        else if (r.computeHash() != r.hash)
            reason = QStringLiteral("record %1 was changed after it was written").arg(r.seq);
        if (!reason.isEmpty()) {
            v.ok = false;
            v.brokenAt = r.seq;
            v.reason = reason;
            return v;
        }
        prev = r.hash;
        expectedSeq = r.seq + 1;
    }
    // Removing the newest records leaves a chain that holds together: only
    // the highest sequence number ever written tells.
    const qint64 written = setting(kHighWater);
    if (written >= expectedSeq) {
        v.ok = false;
        v.brokenAt = expectedSeq;
        v.reason = QStringLiteral("records %1 to %2 are missing from the end (the log was written "
                                  "up to record %2)")
                       .arg(expectedSeq)
                       .arg(written);
    }
    return v;
}

} // namespace mamori::appliance
