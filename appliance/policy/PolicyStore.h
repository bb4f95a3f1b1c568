// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/policy/Policy.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlError>

#include <optional>

namespace mamori::appliance {

// The policy in force, kept in the appliance database; every part that
// depends on it listens to changed() and applies it without a restart.
class PolicyStore : public QObject
{
    Q_OBJECT

public:
    PolicyStore(QSqlDatabase db, const Policy &defaults, QObject *parent = nullptr);

    const Policy &policy() const { return m_policy; }
    // Validates `changes` (a partial policy: what is left out stays) and
    // stores the result.
    bool update(const QJsonObject &changes, QString *error);
    // The three steps of update(), for a change recorded with its audit
    // record (RecordedChange): the policy `changes` make, nullopt (and
    // *error) when they are not acceptable; writing it (in the caller's
    // transaction); and putting it in force once that committed.
    std::optional<Policy> validate(const QJsonObject &changes, QString *error) const;
    bool store(const Policy &next, QSqlError *error);
    void adopt(const Policy &next);

Q_SIGNALS:
    void changed(const mamori::appliance::Policy &policy);

private:
    QSqlDatabase m_db;
    Policy m_policy;
};

} // namespace mamori::appliance
