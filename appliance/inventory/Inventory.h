// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QUuid>

#include <memory>

namespace mamori::appliance {

// One image under a disk (a qcow2 overlay's backing file, and so on).
struct BackingImage
{
    QString path; // absolute
    QString format; // "qcow2", "raw", ...; empty if the image does not say

    friend bool operator==(const BackingImage &, const BackingImage &) = default;
};

// One disk of a VM, as its libvirt domain describes it.
struct VmDisk
{
    QString target; // "vda", "sdb": the guest's name for it
    QString type; // "file", "block", or what libvirt calls another kind ("network", ...)
    QString format; // the driver's type: "qcow2", "raw", ...
    QString source; // absolute path of the file or block device; empty if none
    QList<BackingImage> backing; // nearest first; the last one is the golden image
    bool readOnly = false;

    // Only file and block disks in qcow2 or raw can be read (DESIGN.md, image VMs).
    bool isReadable() const;
    // The bottom of the backing chain, empty for a disk without one.
    QString goldenImage() const { return backing.isEmpty() ? QString() : backing.last().path; }

    friend bool operator==(const VmDisk &, const VmDisk &) = default;
};

// One VM as an inventory provider sees it.
struct VmRecord
{
    QUuid id;
    QString name;
    QString power; // "running", "paused", "shut-off" or "unknown"
    QString root; // absolute host path of the VM's files; empty if it has none
    QList<VmDisk>
        disks {}; // libvirt only: its file and block disks (CD-ROMs and floppies left out)

    // A directory VM has a root (a folder, or a libvirt <filesystem> share);
    // an image VM has none but disks, which are read from outside.
    bool isImage() const { return root.isEmpty() && !disks.isEmpty(); }
    // "directory" or "image"
    QString kind() const;
    // The golden image of the first disk that has a backing chain.
    QString goldenImage() const;

    friend bool operator==(const VmRecord &, const VmRecord &) = default;
};

// Gives a directory VM the same UUID every time its folder is seen, also
// across restarts (the appliance keeps them in its database).
class VmIdentityStore
{
public:
    virtual ~VmIdentityStore();
    // A null QUuid means the store failed; the listing then fails too rather
    // than showing the VM under a throwaway id.
    virtual QUuid idFor(const QString &key) = 0;
};

class InventoryProvider
{
public:
    virtual ~InventoryProvider();
    // The spec it was made from, e.g. "directory:/srv/vms".
    virtual QString description() const = 0;
    // Replaces *out with every VM seen now. On failure returns false, sets
    // *error and leaves *out alone.
    virtual bool list(QList<VmRecord> *out, QString *error) = 0;

    enum class Isolation {
        Applied, // the VM's network is cut (or restored)
        NotApplicable, // the VM has no network here: isolation is a flag the status shows
        Failed, // *error says why; nothing changed
    };
    // Cuts (isolated) or restores the VM's network where the hypervisor can.
    virtual Isolation setIsolated(const QUuid &vm, bool isolated, QString *error);
};

// `directory:PATH` or `libvirt:URI`. Anything else gives nullptr and *error.
// `ids` must outlive the provider.
std::unique_ptr<InventoryProvider> createInventoryProvider(
    const QString &spec, VmIdentityStore &ids, QString *error);

} // namespace mamori::appliance
