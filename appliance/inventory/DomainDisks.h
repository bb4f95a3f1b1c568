// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/inventory/Inventory.h"

#include <QDateTime>
#include <QHash>

namespace mamori::appliance {

// The disks of a libvirt domain XML description: every /domain/devices/disk
// whose device is "disk" (the default) or "lun", with its type, format,
// source, target and, where the XML gives it, its <backingStore> chain.
// CD-ROMs and floppies are left out: they are not the VM's own storage.
// False (and *error) on malformed XML.
bool disksFromDomainXml(const QString &xml, QList<VmDisk> *disks, QString *error);

// Fills in the backing chain of qcow2 disks whose XML did not give one
// (libvirt leaves it out of inactive domains) by reading the qcow2 headers:
// backing file name, relative to the image that names it, and its format.
// Headers are read again only when an image's size or mtime changes, so the
// inventory's polling costs a stat per image.
class BackingChainReader
{
public:
    // At most this many images below a disk: a loop or a deep chain stops here.
    static constexpr int kMaxDepth = 16;

    void fill(VmDisk *disk);

    // The images below `path` (nearest first) as its qcow2 header and its
    // backing files' headers name them; empty for a raw image or one without
    // a backing file. Exposed for the tests.
    static QList<BackingImage> readChain(const QString &path);

private:
    struct Cached
    {
        qint64 size = -1;
        qint64 mtimeNs = -1;
        QList<BackingImage> chain;
    };
    QHash<QString, Cached> m_cache;
};

} // namespace mamori::appliance
