// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/inventory/InventoryMonitor.h"

namespace mamori::appliance {

InventoryMonitor::InventoryMonitor(std::unique_ptr<InventoryProvider> provider, QObject *parent)
    : QObject(parent), m_provider(std::move(provider))
{
    Q_ASSERT(m_provider);
    connect(&m_timer, &QTimer::timeout, this, &InventoryMonitor::refresh);
}

InventoryMonitor::~InventoryMonitor() = default;

void InventoryMonitor::start(int intervalMs)
{
    m_timer.start(intervalMs);
    refresh();
}

void InventoryMonitor::stop()
{
    m_timer.stop();
}

void InventoryMonitor::refresh()
{
    // A slot that calls refresh() while we are emitting would otherwise emit
    // its own diff in the middle of ours; run it after ours instead.
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    do {
        m_refreshAgain = false;
        refreshOnce();
    } while (m_refreshAgain);
    m_refreshing = false;
}

void InventoryMonitor::refreshOnce()
{
    QList<VmRecord> listed;
    QString error;
    if (!m_provider->list(&listed, &error)) {
        // A hypervisor that does not answer has not lost its VMs: reporting
        // them removed would raise alarms and drop their scan history.
        setError(error.isEmpty() ? QStringLiteral("inventory listing failed") : error);
        return;
    }

    QList<QUuid> order;
    QHash<QUuid, VmRecord> now;
    order.reserve(listed.size());
    for (const VmRecord &vm : std::as_const(listed)) {
        if (vm.id.isNull() || now.contains(vm.id))
            continue;
        order.append(vm.id);
        now.insert(vm.id, vm);
    }

    QList<VmRecord> removed;
    QList<std::pair<VmRecord, VmRecord>> changed;
    QList<VmRecord> added;
    for (const QUuid &id : std::as_const(m_order)) {
        if (!now.contains(id))
            removed.append(m_vms.value(id));
    }
    for (const QUuid &id : std::as_const(order)) {
        const auto before = m_vms.constFind(id);
        if (before == m_vms.cend())
            added.append(now.value(id));
        else if (*before != now.value(id))
            changed.append({*before, now.value(id)});
    }

    // Update first, so that slots asking vms() see the state being announced.
    m_order = std::move(order);
    m_vms = std::move(now);
    setError(QString());
    for (const VmRecord &vm : std::as_const(removed))
        Q_EMIT vmRemoved(vm);
    for (const auto &[before, after] : std::as_const(changed))
        Q_EMIT vmChanged(before, after);
    for (const VmRecord &vm : std::as_const(added))
        Q_EMIT vmAdded(vm);
}

void InventoryMonitor::setError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    Q_EMIT errorChanged(m_lastError);
}

QList<VmRecord> InventoryMonitor::vms() const
{
    QList<VmRecord> result;
    result.reserve(m_order.size());
    for (const QUuid &id : m_order)
        result.append(m_vms.value(id));
    return result;
}

std::optional<VmRecord> InventoryMonitor::vm(const QUuid &id) const
{
    const auto it = m_vms.constFind(id);
    if (it == m_vms.cend())
        return std::nullopt;
    return *it;
}

} // namespace mamori::appliance
