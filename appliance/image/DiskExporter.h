// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/image/NbdDisk.h"
#include "appliance/image/QemuNbdServer.h"
#include "appliance/inventory/Inventory.h"

#include <map>
#include <memory>

namespace mamori::appliance::image {

// Makes a VM's disks readable over NBD for one scan and ends that again:
// qemu-nbd for a VM that is off, a libvirt backup job for one that runs.
// close() (also from the destructor) ends every export, whatever happened.
class DiskExporter
{
public:
    virtual ~DiskExporter();
    // Exports the readable ones of `disks`. `errorCode` gets a protocol error
    // code name on failure ("unavailable", "internal").
    virtual bool open(const QList<VmDisk> &disks, QString *errorCode, QString *error) = 0;
    // A connection to one opened disk (the caller keeps it no longer than
    // until close()).
    virtual std::unique_ptr<NbdDisk> connect(const VmDisk &disk, QString *error) = 0;
    virtual void close() = 0;
    // "qemu-nbd" or "backup job": for messages.
    virtual QString kind() const = 0;
    // How many allocation depths belong to the VM's own disk (CloneMap).
    virtual int ownLayers() const { return 1; }
};

// A powered-off VM: one read-only `qemu-nbd --allocation-depth` per disk, on
// a socket in the runtime folder, ended when its connection closes.
class QemuNbdExporter final : public DiskExporter
{
public:
    // Sockets are `runtimeDir/nbd-<tag>-<target>.sock`.
    QemuNbdExporter(const QString &runtimeDir, const QString &tag);
    ~QemuNbdExporter() override;

    bool open(const QList<VmDisk> &disks, QString *errorCode, QString *error) override;
    std::unique_ptr<NbdDisk> connect(const VmDisk &disk, QString *error) override;
    void close() override;
    QString kind() const override { return QStringLiteral("qemu-nbd"); }

private:
    QString m_runtimeDir;
    QString m_tag;
    std::map<QString, std::unique_ptr<QemuNbdServer>> m_servers; // by target
};

} // namespace mamori::appliance::image
