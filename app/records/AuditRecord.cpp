// SPDX-License-Identifier: GPL-2.0-or-later
#include "AuditRecord.h"

#include "RecordReader.h"
#include "protocol/JsonReader.h"

#include <QCryptographicHash>

namespace mamori::console {
namespace {

const QString kGenesis(64, QLatin1Char('0'));

} // namespace

Parsed<AuditRecord> parseAuditRecord(const QJsonObject &object)
{
    RecordReader r(object);
    AuditRecord a;
    a.seq = r.integer(QStringLiteral("seq"), 1, protocol::kMaxJsonInteger);
    a.timeText = r.text(QStringLiteral("time"));
    // Shown when it reads as a time; checked in the chain as it was written.
    a.time = QDateTime::fromString(a.timeText, Qt::ISODateWithMs);
    a.user = r.text(QStringLiteral("user"));
    a.role = r.text(QStringLiteral("role"));
    a.source = r.text(QStringLiteral("source"));
    a.action = r.text(QStringLiteral("action"));
    a.target = r.text(QStringLiteral("target"));
    a.outcome = r.text(QStringLiteral("outcome"));
    a.detail = r.text(QStringLiteral("detail"));
    a.prevHash = r.text(QStringLiteral("prev_hash"));
    a.hash = r.text(QStringLiteral("hash"));
    return finish(r, std::move(a));
}

Parsed<QList<AuditRecord>> parseAuditPage(const QJsonObject &answer)
{
    return parseArray<AuditRecord>(answer, QStringLiteral("records"),
        [](const QJsonObject &o) { return parseAuditRecord(o); });
}

namespace {

AuditEnd auditEnd(const QJsonObject &o)
{
    return {o.value(QStringLiteral("seq")).toInteger(), o.value(QStringLiteral("hash")).toString()};
}

} // namespace

Parsed<AuditLogPage> parseAuditLogPage(const QJsonObject &answer)
{
    Parsed<QList<AuditRecord>> records = parseAuditPage(answer);
    if (!records)
        return Parsed<AuditLogPage>::failure(records.error());
    AuditLogPage page;
    page.records = *records;
    page.head = auditEnd(answer.value(QStringLiteral("head")).toObject());
    page.anchor = auditEnd(answer.value(QStringLiteral("anchor")).toObject());
    page.more = answer.value(QStringLiteral("more")).toBool();
    page.nextAfter = answer.value(QStringLiteral("next_after")).toInteger();
    return page;
}

bool auditKeeps(const AuditLogPage &whole, const AuditEnd &remembered)
{
    if (remembered.seq <= 0)
        return true;
    if (whole.head.seq < remembered.seq)
        return false;
    if (remembered.seq <= whole.anchor.seq) {
        for (const AuditRecord &r : whole.records) {
            if (r.action == QLatin1String("audit.trim") && r.seq > remembered.seq)
                return true;
        }
        return false;
    }
    for (const AuditRecord &r : whole.records) {
        if (r.seq == remembered.seq)
            return r.hash == remembered.hash;
    }
    return false;
}

Parsed<QList<AuditRecord>> parseAuditPage(const QByteArray &json)
{
    return parseBytes<QList<AuditRecord>>(
        json, [](const QJsonObject &o) { return parseAuditPage(o); });
}

QString auditRecordHash(const AuditRecord &r)
{
    auto esc = [](QString s) {
        return s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('\n'), QLatin1String("\\n"));
    };
    const QStringList fields {QString::number(r.seq), esc(r.timeText), esc(r.user), esc(r.role),
        esc(r.source), esc(r.action), esc(r.target), esc(r.outcome), esc(r.detail), r.prevHash};
    return QString::fromLatin1(QCryptographicHash::hash(
        fields.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha256)
                                   .toHex());
}

AuditChainCheck verifyAuditChain(const QList<AuditRecord> &records)
{
    AuditChainCheck check;
    QString previous;
    for (const AuditRecord &r : records) {
        const QString expectedPrev = !previous.isEmpty() ? previous
            : r.seq == 1                                 ? kGenesis
                                                         : r.prevHash;
        if (r.prevHash != expectedPrev || auditRecordHash(r) != r.hash) {
            check.intact = false;
            check.brokenAt = r.seq;
            return check;
        }
        previous = r.hash;
        ++check.count;
    }
    return check;
}

} // namespace mamori::console
