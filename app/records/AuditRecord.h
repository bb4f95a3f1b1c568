// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace mamori::console {

// One record of an appliance's audit log (docs/api.md, Audit log).
struct AuditRecord
{
    qint64 seq = 0;
    QString timeText; // as the appliance wrote it: part of the hash
    QDateTime time;
    QString user;
    QString role;
    QString source;
    QString action;
    QString target;
    QString outcome;
    QString detail;
    QString prevHash;
    QString hash;

    bool operator==(const AuditRecord &) const = default;
};

Parsed<AuditRecord> parseAuditRecord(const QJsonObject &object);
// GET /api/v1/audit: {"records": [...]}.
Parsed<QList<AuditRecord>> parseAuditPage(const QJsonObject &answer);
Parsed<QList<AuditRecord>> parseAuditPage(const QByteArray &json);

// A place in an audit chain: a record's seq and hash (docs/api.md, Audit log).
struct AuditEnd
{
    qint64 seq = 0;
    QString hash;

    bool operator==(const AuditEnd &) const = default;
};

// GET /api/v1/audit whole: its records, and where the chain begins and ends.
struct AuditLogPage
{
    QList<AuditRecord> records;
    AuditEnd head; // the newest record
    AuditEnd anchor; // what the oldest record kept follows
    bool more = false;
    qint64 nextAfter = 0;
};
Parsed<AuditLogPage> parseAuditLogPage(const QJsonObject &answer);

// Whether the chain (every record from `anchor` to `head`) still holds the
// record `remembered` that was verified before: the same seq with the same
// hash, or trimmed by an audit.trim record in the chain. False means records
// were removed or rewritten on the appliance (docs/api.md, What a client
// checks).
bool auditKeeps(const AuditLogPage &whole, const AuditEnd &remembered);

// The SHA-256 (hex) of the record's canonical form.
QString auditRecordHash(const AuditRecord &record);

// The result of checking an audit log's hash chain in the console.
struct AuditChainCheck
{
    bool intact = true;
    qint64 count = 0;
    qint64 brokenAt = -1; // seq of the first record that breaks the chain
};

// Checks that each record's prev_hash is the previous record's hash (64
// zeros before seq 1) and that its hash is that of its canonical form.
AuditChainCheck verifyAuditChain(const QList<AuditRecord> &records);

} // namespace mamori::console
