// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/store/SqlVmIdentityStore.h"

#include <QSqlQuery>

namespace mamori::appliance {

QUuid SqlVmIdentityStore::idFor(const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT uuid FROM vm_ids WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return QUuid::fromString(q.value(0).toString());
    const QUuid id = QUuid::createUuid();
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO vm_ids(key, uuid) VALUES(?, ?)"));
    insert.addBindValue(key);
    insert.addBindValue(id.toString(QUuid::WithoutBraces));
    insert.exec();
    return id;
}

} // namespace mamori::appliance
