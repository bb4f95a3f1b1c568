// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/auth/LoginThrottle.h"

#include "appliance/store/Database.h"

#include <QDateTime>
#include <QSqlQuery>

#include <algorithm>

namespace mamori::appliance {
namespace {

const QString kUser = QStringLiteral("user");
const QString kAddress = QStringLiteral("address");

QString flightKey(const QString &kind, const QString &subject)
{
    return kind + QLatin1Char('\n') + subject;
}

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

LoginThrottle::Verdict LoginThrottle::lockout(const QString &user, const QString &address) const
{
    Verdict v;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const auto &[kind, subject] : {std::pair {kUser, user}, std::pair {kAddress, address}}) {
        const qint64 until = lockedUntil(kind, subject);
        if (until > now && until - now > v.lockedForSeconds) {
            v.lockedForSeconds = until - now;
            v.lockedSubject = kind + QLatin1Char(' ') + subject;
        }
    }
    return v;
}

LoginThrottle::Verdict LoginThrottle::admit(const QString &user, const QString &address)
{
    Verdict v = lockout(user, address);
    if (v.lockedForSeconds > 0)
        return v;
    const int userFailures = recentFailures(kUser, user);
    const int userTries = userFailures + m_inFlight.value(flightKey(kUser, user));
    const int addressTries =
        recentFailures(kAddress, address) + m_inFlight.value(flightKey(kAddress, address));
    // Every attempt in flight may still fail: admitting one more could let
    // more guesses through than the lockout allows. Refused until those
    // checks end (at most the longest delay and a hash away).
    const qint64 settle = m_limits.maxDelaySeconds + 1;
    if (userTries >= m_limits.userFailures) {
        v.lockedForSeconds = settle;
        v.lockedSubject = kUser + QLatin1Char(' ') + user;
        return v;
    }
    if (addressTries >= m_limits.addressFailures) {
        v.lockedForSeconds = settle;
        v.lockedSubject = kAddress + QLatin1Char(' ') + address;
        return v;
    }
    ++m_inFlight[flightKey(kUser, user)];
    ++m_inFlight[flightKey(kAddress, address)];
    if (userTries + 1 >= m_limits.delayFromFailure)
        v.delaySeconds =
            std::min(m_limits.maxDelaySeconds, userTries + 2 - m_limits.delayFromFailure);
    return v;
}

LoginThrottle::Outcome LoginThrottle::finish(
    const QString &user, const QString &address, bool passwordOk)
{
    for (const QString &key : {flightKey(kUser, user), flightKey(kAddress, address)}) {
        auto it = m_inFlight.find(key);
        if (it != m_inFlight.end() && --*it <= 0)
            m_inFlight.erase(it);
    }
    if (passwordOk) {
        if (lockout(user, address).lockedForSeconds > 0)
            return Outcome::Locked;
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("DELETE FROM login_failures WHERE kind = ? AND subject = ?"));
        q.addBindValue(kUser);
        q.addBindValue(sqlText(user));
        q.exec();
        return Outcome::Success;
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    bool locked = false;
    for (const auto &[kind, subject, limit] : {std::tuple {kUser, user, m_limits.userFailures},
             std::tuple {kAddress, address, m_limits.addressFailures}}) {
        QSqlQuery q(m_db);
        q.prepare(
            QStringLiteral("INSERT INTO login_failures(kind, subject, time) VALUES(?, ?, ?)"));
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
    purge();
    return locked ? Outcome::FailureLockedOut : Outcome::Failure;
}

void LoginThrottle::purge()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QSqlQuery failures(m_db);
    failures.prepare(QStringLiteral("DELETE FROM login_failures WHERE time <= ?"));
    failures.addBindValue(now - m_limits.windowSeconds);
    failures.exec();
    QSqlQuery lockouts(m_db);
    lockouts.prepare(QStringLiteral("DELETE FROM lockouts WHERE until <= ?"));
    lockouts.addBindValue(now);
    lockouts.exec();
}

} // namespace mamori::appliance
