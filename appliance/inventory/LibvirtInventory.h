// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/inventory/DomainDisks.h"
#include "appliance/inventory/Inventory.h"

#include <libvirt/libvirt.h>

namespace mamori::appliance {

// `libvirt:URI`: the domains of a read-only libvirt connection, active and
// inactive. The id is the domain's UUID; the root is the source dir of its
// first <filesystem type='mount'> device; the disks are its file and block
// disks with their backing chains. A domain with a root is a directory VM
// as before; one without a root but with disks is an image VM.
//
// Installs a process-wide libvirt error handler that prints nothing: errors
// reach the caller through list()'s *error instead of the daemon's stderr.
class LibvirtInventory final : public InventoryProvider
{
public:
    explicit LibvirtInventory(const QString &uri);
    ~LibvirtInventory() override;
    LibvirtInventory(const LibvirtInventory &) = delete;
    LibvirtInventory &operator=(const LibvirtInventory &) = delete;

    QString description() const override;
    QString uri() const { return m_uri; }
    // Opens the connection on first use and keeps it; after any failure it is
    // closed, so the next call reconnects (libvirtd restarted, host rebooted).
    bool list(QList<VmRecord> *out, QString *error) override;
    // Sets the link of every interface of the domain down (or up), live and,
    // for a persistent domain, in its configuration, through a read-write
    // connection opened for the call (the listing's stays read-only).
    Isolation setIsolated(const QUuid &vm, bool isolated, QString *error) override;

    // Each <interface> of a domain's XML description with its <link state>
    // set to down or up, as virDomainUpdateDeviceFlags takes it; exposed for
    // the tests. False (and *error) on malformed XML.
    static bool interfacesWithLink(
        const QString &domainXml, bool up, QStringList *interfaces, QString *error);

    // The root a domain's XML description gives it, empty if none; exposed
    // for the tests. Returns false (and sets *error) on malformed XML.
    static bool rootFromXml(const QString &xml, QString *root, QString *error);
    static QString powerName(int virDomainState);

private:
    bool connect(QString *error);
    void disconnect();

    QString m_uri;
    virConnectPtr m_conn = nullptr;
    BackingChainReader m_chains;
};

} // namespace mamori::appliance
