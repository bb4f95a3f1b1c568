// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/inventory/Inventory.h"

#include "appliance/inventory/DirectoryInventory.h"
#include "appliance/inventory/LibvirtInventory.h"

namespace mamori::appliance {

bool VmDisk::isReadable() const
{
    return !source.isEmpty() && (type == u"file" || type == u"block")
        && (format == u"qcow2" || format == u"raw");
}

QString VmRecord::kind() const
{
    return isImage() ? QStringLiteral("image") : QStringLiteral("directory");
}

QString VmRecord::goldenImage() const
{
    for (const VmDisk &disk : disks) {
        if (!disk.backing.isEmpty())
            return disk.goldenImage();
    }
    return {};
}

VmIdentityStore::~VmIdentityStore() = default;
InventoryProvider::~InventoryProvider() = default;

InventoryProvider::Isolation InventoryProvider::setIsolated(const QUuid &, bool, QString *)
{
    return Isolation::NotApplicable;
}

std::unique_ptr<InventoryProvider> createInventoryProvider(
    const QString &spec, VmIdentityStore &ids, QString *error)
{
    const QLatin1String directory("directory:");
    const QLatin1String libvirt("libvirt:");
    if (spec.startsWith(directory)) {
        const QString path = spec.mid(directory.size());
        if (path.isEmpty()) {
            *error = QStringLiteral("inventory 'directory:' needs a path, e.g. directory:/srv/vms");
            return nullptr;
        }
        return std::make_unique<DirectoryInventory>(path, ids);
    }
    if (spec.startsWith(libvirt)) {
        const QString uri = spec.mid(libvirt.size());
        // An empty URI would let libvirt guess a hypervisor; an inventory that
        // silently watches the wrong one is worse than a refusal.
        if (uri.isEmpty()) {
            *error =
                QStringLiteral("inventory 'libvirt:' needs a URI, e.g. libvirt:qemu:///system");
            return nullptr;
        }
        return std::make_unique<LibvirtInventory>(uri);
    }
    *error =
        QStringLiteral("unknown inventory '%1': expected directory:PATH or libvirt:URI").arg(spec);
    return nullptr;
}

} // namespace mamori::appliance
