// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace mamori::appliance {

// Slows and then locks out repeated failed logins, per user name and per
// source address. Kept in the database so that a restart does not reset it.
class LoginThrottle
{
public:
    struct Limits
    {
        int userFailures = 5;
        int addressFailures = 20;
        qint64 windowSeconds = 15 * 60;
        qint64 lockoutSeconds = 15 * 60;
        int delayFromFailure = 3; // from this failure on, answers are delayed
        int maxDelaySeconds = 5;
    };

    struct Verdict
    {
        qint64 lockedForSeconds = 0; // > 0: refuse without checking the password
        QString lockedSubject;       // "user alice" or "address 127.0.0.1"
        int delaySeconds = 0;        // delay the answer by this much
    };

    explicit LoginThrottle(QSqlDatabase db) : LoginThrottle(std::move(db), Limits{}) {}
    LoginThrottle(QSqlDatabase db, Limits limits) : m_db(std::move(db)), m_limits(limits) {}

    Verdict check(const QString &user, const QString &address) const;
    // Records a failure; returns true when it started a lockout.
    bool recordFailure(const QString &user, const QString &address);
    void recordSuccess(const QString &user);

private:
    int recentFailures(const QString &kind, const QString &subject) const;
    qint64 lockedUntil(const QString &kind, const QString &subject) const;

    QSqlDatabase m_db;
    Limits m_limits;
};

} // namespace mamori::appliance
