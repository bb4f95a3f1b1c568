// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/auth/LoginThrottle.h"

#include <QDateTime>
#include "appliance/store/Database.h"

#include <QSqlQuery>

#include <algorithm>

namespace mamori::appliance {
namespace {

const QString kUser = QStringLiteral("user");
const QString kAddress = QStringLiteral("address");

} // namespace

int LoginThrottle::recentFailures(const QString &kind, const QString &subject) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT COUNT(*) FROM login_failures WHERE kind = ? AND subject = ? AND time > ?"));
    q.addBindValue(kind);
    q.addBindValue(sqlText(subject));
    q.addBindValue(QDateTime::currentSecsSinceEpoch() - m_limits.windowSeconds);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

qint64 LoginThrottle::lockedUntil(const QString &kind, const QString &subject) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT until FROM lockouts WHERE kind = ? AND subject = ?"));
    q.addBindValue(kind);
    q.addBindValue(sqlText(subject));
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

LoginThrottle::Verdict LoginThrottle::check(const QString &user, const QString &address) const
{
    Verdict v;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const auto &[kind, subject] : {std::pair{kUser, user}, std::pair{kAddress, address}}) {
        const qint64 until = lockedUntil(kind, subject);
        if (until > now && until - now > v.lockedForSeconds) {
            v.lockedForSeconds = until - now;
            v.lockedSubject = kind + QLatin1Char(' ') + subject;
        }
    }
    const int failures = recentFailures(kUser, user);
    if (failures + 1 >= m_limits.delayFromFailure)
        v.delaySeconds =
            std::min(m_limits.maxDelaySeconds, failures + 2 - m_limits.delayFromFailure);
    return v;
}

bool LoginThrottle::recordFailure(const QString &user, const QString &address)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    bool locked = false;
    for (const auto &[kind, subject, limit] :
         {std::tuple{kUser, user, m_limits.userFailures},
          std::tuple{kAddress, address, m_limits.addressFailures}}) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO login_failures(kind, subject, time) VALUES(?, ?, ?)"));
        q.addBindValue(kind);
        q.addBindValue(sqlText(subject));
        q.addBindValue(now);
        q.exec();
        if (recentFailures(kind, subject) >= limit && lockedUntil(kind, subject) <= now) {
            QSqlQuery l(m_db);
            l.prepare(QStringLiteral("INSERT OR REPLACE INTO lockouts(kind, subject, until) "
                                     "VALUES(?, ?, ?)"));
            l.addBindValue(kind);
            l.addBindValue(sqlText(subject));
            l.addBindValue(now + m_limits.lockoutSeconds);
            l.exec();
            locked = true;
        }
    }
    QSqlQuery purge(m_db);
    purge.prepare(QStringLiteral("DELETE FROM login_failures WHERE time < ?"));
    purge.addBindValue(now - m_limits.windowSeconds);
    purge.exec();
    return locked;
}

void LoginThrottle::recordSuccess(const QString &user)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM login_failures WHERE kind = ? AND subject = ?"));
    q.addBindValue(kUser);
    q.addBindValue(sqlText(user));
    q.exec();
}

} // namespace mamori::appliance
