// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/policy/PolicyStore.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace mamori::appliance {

PolicyStore::PolicyStore(QSqlDatabase db, const Policy &defaults, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_policy(defaults)
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'policy'"));
    if (q.next()) {
        QString error;
        const QJsonObject stored = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        if (!Policy::fromJson(stored, defaults, &m_policy, &error))
            qWarning("stored policy ignored: %s", qPrintable(error));
    }
}

std::optional<Policy> PolicyStore::validate(const QJsonObject &changes, QString *error) const
{
    Policy next;
    if (!Policy::fromJson(changes, m_policy, &next, error))
        return std::nullopt;
    return next;
}

bool PolicyStore::store(const Policy &next, QSqlError *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO settings(key, value) VALUES('policy', ?)"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(next.toJson()).toJson(QJsonDocument::Compact)));
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError();
    return false;
}

void PolicyStore::adopt(const Policy &next)
{
    m_policy = next;
    Q_EMIT changed(m_policy);
}

bool PolicyStore::update(const QJsonObject &changes, QString *error)
{
    const auto next = validate(changes, error);
    if (!next)
        return false;
    if (!store(*next, nullptr)) {
        *error = QStringLiteral("the policy could not be stored");
        return false;
    }
    adopt(*next);
    return true;
}

} // namespace mamori::appliance
