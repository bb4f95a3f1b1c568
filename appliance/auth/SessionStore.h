// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/Role.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <optional>

namespace mamori::appliance {

struct Session
{
    QString user;
    protocol::Role role = protocol::Role::Auditor;
    QDateTime expires;
};

// Bearer tokens: 32 random bytes shown to the client once; the appliance
// keeps only their SHA-256, so a copy of the database logs nobody in.
class SessionStore
{
public:
    enum class Lookup { Valid, Expired, Unknown };

    explicit SessionStore(QSqlDatabase db, qint64 ttlSeconds = 8 * 3600)
        : m_db(std::move(db)), m_ttlSeconds(ttlSeconds)
    {
    }

    // Returns the new token and fills `session`.
    QString create(const QString &user, protocol::Role role, const QString &source,
                   Session *session);
    Lookup lookup(const QString &token, Session *session) const;
    void revoke(const QString &token);
    // Forgets sessions that expired more than a day ago (until then an old
    // token answers "expired" rather than "unknown", which helps clients).
    void purge();
    qint64 ttlSeconds() const { return m_ttlSeconds; }
    // For sessions created from now on (a reloaded configuration).
    void setTtlSeconds(qint64 seconds) { m_ttlSeconds = seconds; }

private:
    static QByteArray tokenHash(const QString &token);

    QSqlDatabase m_db;
    qint64 m_ttlSeconds;
};

} // namespace mamori::appliance
