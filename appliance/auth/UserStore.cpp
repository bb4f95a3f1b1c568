// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/auth/UserStore.h"

#include "appliance/auth/PasswordHasher.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace mamori::appliance {

bool UserStore::isValidName(const QString &name)
{
    // Anchored as a whole: "$" alone would let a trailing newline through.
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9._-]{1,64}")));
    return name.size() <= 64 && re.match(name).hasMatch();
}

QString UserStore::nameRule()
{
    return QStringLiteral("user names are 1-64 characters of A-Z a-z 0-9 . _ -");
}

bool UserStore::add(
    const QString &name, protocol::Role role, const QByteArray &password, QString *error)
{
    if (!isValidName(name)) {
        *error = nameRule();
        return false;
    }
    if (password.size() < 8) {
        *error = QStringLiteral("the password must have at least 8 characters");
        return false;
    }
    if (find(name)) {
        *error = QStringLiteral("user '%1' exists already").arg(name);
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO users(name, role, password_hash, created) "
                             "VALUES(?, ?, ?, ?)"));
    q.addBindValue(name);
    q.addBindValue(protocol::roleName(role));
    q.addBindValue(PasswordHasher::hash(password));
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

bool UserStore::remove(const QString &name, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM users WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    if (q.numRowsAffected() == 0) {
        *error = QStringLiteral("no user '%1'").arg(name);
        return false;
    }
    return true;
}

bool UserStore::setPassword(const QString &name, const QByteArray &password, QString *error)
{
    if (password.size() < 8) {
        *error = QStringLiteral("the password must have at least 8 characters");
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE name = ?"));
    q.addBindValue(PasswordHasher::hash(password));
    q.addBindValue(name);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    if (q.numRowsAffected() == 0) {
        *error = QStringLiteral("no user '%1'").arg(name);
        return false;
    }
    // A new password ends every session of the old one.
    QSqlQuery s(m_db);
    s.prepare(QStringLiteral("DELETE FROM sessions WHERE user = ?"));
    s.addBindValue(name);
    s.exec();
    return true;
}

std::optional<UserAccount> UserStore::find(const QString &name) const
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT name, role, password_hash, created FROM users WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const auto role = protocol::roleFromName(q.value(1).toString());
    if (!role)
        return std::nullopt;
    return UserAccount {q.value(0).toString(), *role, q.value(2).toString(), q.value(3).toString()};
}

QList<UserAccount> UserStore::list() const
{
    QList<UserAccount> out;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT name, role, created FROM users ORDER BY name"));
    while (q.next()) {
        if (const auto role = protocol::roleFromName(q.value(1).toString()))
            out.append({q.value(0).toString(), *role, {}, q.value(2).toString()});
    }
    return out;
}

} // namespace mamori::appliance
