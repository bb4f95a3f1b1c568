// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/audit/AuditLog.h"

#include "appliance/store/Database.h"

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

} // namespace

QJsonObject AuditRecord::toJson() const
{
    return {{QStringLiteral("seq"), seq},         {QStringLiteral("time"), time},
            {QStringLiteral("user"), user},       {QStringLiteral("role"), role},
            {QStringLiteral("source"), source},   {QStringLiteral("action"), action},
            {QStringLiteral("target"), target},   {QStringLiteral("outcome"), outcome},
            {QStringLiteral("detail"), detail},   {QStringLiteral("prev_hash"), prevHash},
            {QStringLiteral("hash"), hash}};
}

QByteArray AuditRecord::canonicalForm() const
{
    // Newlines inside fields are escaped so that no two records share a
    // canonical form.
    auto esc = [](QString s) {
        return s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('\n'), QLatin1String("\\n"));
    };
    const QStringList fields{QString::number(seq), esc(time),   esc(user),    esc(role),
                             esc(source),          esc(action), esc(target),  esc(outcome),
                             esc(detail),          prevHash};
    return fields.join(QLatin1Char('\n')).toUtf8();
}

QString AuditRecord::computeHash() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalForm(), QCryptographicHash::Sha256).toHex());
}

bool AuditLog::append(AuditRecord record, QString *error)
{
    if (!m_db.transaction()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery last(m_db);
    last.exec(QStringLiteral("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
    const bool hasLast = last.next();
    record.seq = hasLast ? last.value(0).toLongLong() + 1 : 1;
    record.prevHash = hasLast ? last.value(1).toString() : kGenesis;
    record.time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    // A JSON string may hold a lone UTF-16 surrogate ("\ud800"), which the
    // canonical form (UTF-8) and SQLite cannot keep: the record would not read
    // back as it was hashed, and verify() would call a login's user name
    // tampering. Hash and store the text that reads back.
    for (QString *field : {&record.user, &record.role, &record.source, &record.action,
             &record.target, &record.outcome, &record.detail})
        *field = QString::fromUtf8(field->toUtf8());
    record.hash = record.computeHash();

    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO audit(%1) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                  .arg(kColumns));
    for (const QVariant &v : {QVariant(record.seq), sqlText(record.time), sqlText(record.user),
                              sqlText(record.role), sqlText(record.source),
                              sqlText(record.action), sqlText(record.target),
                              sqlText(record.outcome), sqlText(record.detail),
                              sqlText(record.prevHash), sqlText(record.hash)})
        q.addBindValue(v);
    if (!q.exec() || !m_db.commit()) {
        if (error)
            *error = q.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

QList<AuditRecord> AuditLog::list(qint64 after, int limit) const
{
    QList<AuditRecord> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM audit WHERE seq > ? ORDER BY seq LIMIT ?")
                  .arg(kColumns));
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
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT %1 FROM audit ORDER BY seq").arg(kColumns));
    QString prev = kGenesis;
    qint64 expectedSeq = 1;
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
    return v;
}

} // namespace mamori::appliance
