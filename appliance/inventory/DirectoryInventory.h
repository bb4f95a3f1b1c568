// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/inventory/Inventory.h"

namespace mamori::appliance {

// `directory:PATH`: each sub-folder of PATH is a running VM named after it.
// Hidden (dot) folders and files are not VMs. A symlink counts only when it
// resolves to a sub-folder of PATH, and then it is that folder, listed once;
// one pointing elsewhere would let anyone who can write to PATH aim a scan at
// any directory of the host.
class DirectoryInventory final : public InventoryProvider
{
public:
    // Ids come from ids.idFor("directory:" + folder name).
    DirectoryInventory(const QString &path, VmIdentityStore &ids);

    QString description() const override;
    bool list(QList<VmRecord> *out, QString *error) override;

private:
    QString m_path; // absolute, as configured (it may itself be a symlink)
    VmIdentityStore &m_ids;
};

} // namespace mamori::appliance
