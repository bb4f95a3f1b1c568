// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/inventory/Inventory.h"

#include <QSqlDatabase>

namespace mamori::appliance {

// VM UUIDs assigned once and kept in the appliance database.
class SqlVmIdentityStore : public VmIdentityStore
{
public:
    explicit SqlVmIdentityStore(QSqlDatabase db) : m_db(std::move(db)) {}
    QUuid idFor(const QString &key) override;

private:
    QSqlDatabase m_db;
};

} // namespace mamori::appliance
