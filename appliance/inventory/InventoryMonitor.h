// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/inventory/Inventory.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>

namespace mamori::appliance {

// Polls a provider and turns the difference between two listings into
// signals. The listing runs on the monitor's thread: for a directory it is a
// readdir and for a local libvirt a round trip on a unix socket, cheap enough
// for the caller's event loop. A remote libvirt URI (qemu+ssh://) can block
// for its network timeout; move the monitor to a worker thread for those.
class InventoryMonitor : public QObject
{
    Q_OBJECT

public:
    explicit InventoryMonitor(
        std::unique_ptr<InventoryProvider> provider, QObject *parent = nullptr);
    ~InventoryMonitor() override;

    const InventoryProvider &provider() const { return *m_provider; }
    InventoryProvider::Isolation setIsolated(const QUuid &vm, bool isolated, QString *error)
    {
        return m_provider->setIsolated(vm, isolated, error);
    }

    // Refreshes now, then every intervalMs.
    void start(int intervalMs = 2000);
    void stop();
    void refresh();

    // In the provider's order, as of the last successful listing.
    QList<VmRecord> vms() const;
    std::optional<VmRecord> vm(const QUuid &id) const;
    // Empty while the last listing succeeded.
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    // The first successful refresh reports every VM as added.
    void vmAdded(const mamori::appliance::VmRecord &vm);
    void vmRemoved(const mamori::appliance::VmRecord &vm);
    // Same id, different power, name or root.
    void vmChanged(
        const mamori::appliance::VmRecord &before, const mamori::appliance::VmRecord &after);
    void errorChanged(const QString &error);

private:
    void refreshOnce();
    void setError(const QString &error);

    std::unique_ptr<InventoryProvider> m_provider;
    QTimer m_timer;
    QList<QUuid> m_order;
    QHash<QUuid, VmRecord> m_vms;
    QString m_lastError;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
};

} // namespace mamori::appliance
