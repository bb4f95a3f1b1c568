// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/Role.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace mamori::appliance {

struct UserAccount
{
    QString name;
    protocol::Role role = protocol::Role::Auditor;
    QString passwordHash;
    QString created;
};

// The appliance's accounts. Names are 1–64 characters of [A-Za-z0-9._-].
class UserStore
{
public:
    explicit UserStore(QSqlDatabase db) : m_db(std::move(db)) { }

    static bool isValidName(const QString &name);
    static QString nameRule(); // what isValidName() wants, for error messages

    bool add(const QString &name, protocol::Role role, const QByteArray &password, QString *error);
    bool remove(const QString &name, QString *error);
    bool setPassword(const QString &name, const QByteArray &password, QString *error);
    std::optional<UserAccount> find(const QString &name) const;
    QList<UserAccount> list() const;

private:
    QSqlDatabase m_db;
};

} // namespace mamori::appliance
