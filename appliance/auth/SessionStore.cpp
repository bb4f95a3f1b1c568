// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/auth/SessionStore.h"

#include <QCryptographicHash>
#include "appliance/store/Database.h"

#include <QSqlQuery>

#include <sodium.h>

namespace mamori::appliance {

QByteArray SessionStore::tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

QString SessionStore::create(const QString &user, protocol::Role role, const QString &source,
                             Session *session)
{
    QByteArray raw(32, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    const QString token =
        QStringLiteral("mmr_")
        + QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    sodium_memzero(raw.data(), size_t(raw.size()));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    session->user = user;
    session->role = role;
    session->expires = now.addSecs(m_ttlSeconds);

    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO sessions(token_hash, user, role, created, expires, source) "
                             "VALUES(?, ?, ?, ?, ?, ?)"));
    q.addBindValue(tokenHash(token));
    q.addBindValue(sqlText(user));
    q.addBindValue(protocol::roleName(role));
    q.addBindValue(now.toSecsSinceEpoch());
    q.addBindValue(session->expires.toSecsSinceEpoch());
    q.addBindValue(sqlText(source));
    if (!q.exec())
        return {};
    return token;
}

SessionStore::Lookup SessionStore::lookup(const QString &token, Session *session) const
{
    if (!token.startsWith(QLatin1String("mmr_")) || token.size() > 128)
        return Lookup::Unknown;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT user, role, expires FROM sessions WHERE token_hash = ?"));
    q.addBindValue(tokenHash(token));
    if (!q.exec() || !q.next())
        return Lookup::Unknown;
    const auto role = protocol::roleFromName(q.value(1).toString());
    if (!role)
        return Lookup::Unknown;
    session->user = q.value(0).toString();
    session->role = *role;
    session->expires = QDateTime::fromSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
    return session->expires <= QDateTime::currentDateTimeUtc() ? Lookup::Expired : Lookup::Valid;
}

void SessionStore::revoke(const QString &token)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
    q.addBindValue(tokenHash(token));
    q.exec();
}

void SessionStore::purge()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE expires < ?"));
    q.addBindValue(QDateTime::currentSecsSinceEpoch() - 24 * 3600);
    q.exec();
}

} // namespace mamori::appliance
