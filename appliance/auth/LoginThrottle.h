// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace mamori::appliance {

// Slows and then locks out repeated failed logins, per user name and per
// source address. Failures and lockouts are kept in the database so that a
// restart does not reset them; the attempts still being checked are counted
// too, so that guesses sent all at once cannot outrun the lockout.
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
        qint64 lockedForSeconds = 0; // > 0: refused; nothing was admitted
        QString lockedSubject; // "user alice" or "address 127.0.0.1"
        int delaySeconds = 0; // delay the answer by this much
    };

    enum class Outcome {
        Success,
        Failure,
        FailureLockedOut, // this failure started a lockout
        Locked, // the password was right, but a lockout began meanwhile
    };

    explicit LoginThrottle(QSqlDatabase db) : LoginThrottle(std::move(db), Limits {}) { }
    LoginThrottle(QSqlDatabase db, Limits limits) : m_db(std::move(db)), m_limits(limits) { }

    // Decides at arrival. Refuses when the user or the address is locked out,
    // or when the failures recorded plus the attempts in flight would reach
    // a lockout if all of those failed. Otherwise admits the attempt: it
    // counts as in flight until finish().
    Verdict admit(const QString &user, const QString &address);
    // Ends an admitted attempt. A right password is refused (Locked) when the
    // user or address got locked out while it was being checked.
    Outcome finish(const QString &user, const QString &address, bool passwordOk);
    // The lockout of the user or the address, if any (nothing is admitted).
    Verdict lockout(const QString &user, const QString &address) const;
    // Forgets failures older than the window and lockouts that have ended.
    void purge();
    const Limits &limits() const { return m_limits; }

private:
    int recentFailures(const QString &kind, const QString &subject) const;
    qint64 lockedUntil(const QString &kind, const QString &subject) const;

    QSqlDatabase m_db;
    Limits m_limits;
    QHash<QString, int> m_inFlight; // "user\nNAME" / "address\nADDR" -> attempts being checked
};

} // namespace mamori::appliance
