// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>

#include <functional>

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
    // A record of something the appliance did by itself (user "appliance").
    static AuditRecord byAppliance(const QString &action, const QString &target,
        const QString &outcome, const QString &detail);

    QByteArray canonicalForm() const;
    QString computeHash() const; // SHA-256 of canonicalForm(), hex
};

// A place in the chain: a record's sequence number and hash.
struct ChainPoint
{
    qint64 seq = 0;
    QString hash;

    QJsonObject toJson() const;
};

// Who did what, when, from where: an append-only, hash-chained log. Each
// record's hash covers its fields and the previous record's hash, so that a
// changed, inserted or removed record breaks the chain. Sequence numbers are
// never used twice: the highest one written is kept apart from the records
// (the settings table), so that removing the newest records shows as a gap
// too. Old records can be trimmed: the last one removed becomes the anchor
// the first one kept follows, and the trim is itself a record.
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
    // Called with every record once it is stored (the syslog copy).
    using Mirror = std::function<void(const AuditRecord &)>;

    explicit AuditLog(QSqlDatabase db) : m_db(std::move(db)) { }

    void setMirror(Mirror mirror) { m_mirror = std::move(mirror); }
    // Fills seq, time, prevHash and hash; returns false on a database error
    // (lastError() has SQLite's, for telling a full disk from a bug). Inside
    // an enclosing transaction (RecordedChange) it is part of it.
    bool append(AuditRecord record, QString *error = nullptr);
    const QSqlError &lastError() const { return m_lastError; }
    // While held (calls nest), records are copied to syslog only once the
    // enclosing change commits; a rolled-back change sends nothing.
    void holdMirror();
    void releaseMirror(bool committed);
    QList<AuditRecord> list(qint64 after, int limit) const;
    // The newest record; the anchor while there is none.
    ChainPoint head() const;
    // What the oldest record kept follows: seq 0 and 64 zeros until a trim.
    ChainPoint anchor() const;
    // Removes the records older than `maxAgeSeconds` or beyond the newest
    // `keep` (never the newest one), and appends an "audit.trim" record that
    // says which went. Returns how many were removed, or -1 on an error.
    qint64 trim(qint64 keep, qint64 maxAgeSeconds, QString *error = nullptr);
    Verification verify() const;

private:
    bool insert(AuditRecord &record, QString *error);
    qint64 setting(const char *key) const;
    void published(const AuditRecord &record);

    QSqlDatabase m_db;
    Mirror m_mirror;
    QSqlError m_lastError;
    int m_held = 0;
    QList<AuditRecord> m_heldRecords;
};

} // namespace mamori::appliance
