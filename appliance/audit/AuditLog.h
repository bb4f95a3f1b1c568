// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

namespace mamori::appliance {

struct AuditRecord
{
    qint64 seq = 0;
    QString time; // ISO 8601 UTC
    QString user;
    QString role;
    QString source;
    QString action;
    QString target;
    QString outcome; // success, failure, denied
    QString detail;
    QString prevHash;
    QString hash;

    QJsonObject toJson() const;
    // The bytes the hash covers (docs/api.md, Audit log): the fields joined
    // with newlines, newlines and backslashes inside them escaped.
    QByteArray canonicalForm() const;
    QString computeHash() const; // SHA-256 of canonicalForm(), hex
};

// Who did what, when, from where: an append-only, hash-chained log. Each
// record's hash covers its fields and the previous record's hash, so that a
// changed, inserted or removed record breaks the chain.
class AuditLog
{
public:
    struct Verification
    {
        bool ok = true;
        qint64 records = 0;
        qint64 brokenAt = 0; // seq of the first bad record
        QString reason;
    };

    explicit AuditLog(QSqlDatabase db) : m_db(std::move(db)) {}

    // Fills seq, time, prevHash and hash; returns false on a database error.
    bool append(AuditRecord record, QString *error = nullptr);
    QList<AuditRecord> list(qint64 after, int limit) const;
    Verification verify() const;

private:
    QSqlDatabase m_db;
};

} // namespace mamori::appliance
