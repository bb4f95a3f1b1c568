// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel: the tree's structure and the host-level updates. VM lists are
// applied in FleetVms.cpp, texts and roles made in FleetModelData.cpp.
#include "FleetModel_p.h"

namespace mamori::console {

FleetModel::FleetModel(QObject *parent) : QAbstractItemModel(parent) { }

FleetModel::~FleetModel() = default;

FleetModel::Host *FleetModel::hostAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalPointer() || size_t(index.row()) >= m_hosts.size())
        return nullptr;
    return m_hosts[size_t(index.row())].get();
}

FleetModel::Vm *FleetModel::vmAt(const QModelIndex &index) const
{
    if (!index.isValid() || !index.internalPointer())
        return nullptr;
    const auto *host = static_cast<const Host *>(index.internalPointer());
    if (size_t(index.row()) >= host->vms.size())
        return nullptr;
    return host->vms[size_t(index.row())].get();
}

QModelIndex FleetModel::indexOf(const Host *host, int column) const
{
    return createIndex(host->row, column, nullptr);
}

QModelIndex FleetModel::indexOf(const Vm *vm, int column) const
{
    return createIndex(vm->row, column, vm->host);
}

QModelIndex FleetModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return size_t(row) < m_hosts.size() ? createIndex(row, column, nullptr) : QModelIndex();
    const Host *host = parent.column() == 0 ? hostAt(parent) : nullptr;
    if (!host || size_t(row) >= host->vms.size())
        return {};
    // A VM's index carries its host, so parent() needs no search.
    return createIndex(row, column, const_cast<Host *>(host));
}

QModelIndex FleetModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    return indexOf(static_cast<const Host *>(child.internalPointer()));
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_hosts.size());
    const Host *host = parent.column() == 0 ? hostAt(parent) : nullptr;
    return host ? int(host->vms.size()) : 0;
}

int FleetModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QModelIndex FleetModel::hostIndex(int hostId, int column) const
{
    const Host *host = m_hostById.value(hostId);
    return host ? indexOf(host, column) : QModelIndex();
}

QModelIndex FleetModel::vmIndex(const QUuid &vmId, int column) const
{
    const Vm *vm = m_vmById.value(vmId);
    return vm && vm->row >= 0 ? indexOf(vm, column) : QModelIndex();
}

void FleetModel::emitRow(const Host *host, int first, int last)
{
    emit dataChanged(indexOf(host, first), indexOf(host, last));
}

void FleetModel::emitRow(const Vm *vm, int first, int last)
{
    emit dataChanged(indexOf(vm, first), indexOf(vm, last));
}

FleetModel::Summary FleetModel::summaryOf(const Host *host)
{
    return {host->shownStatus(), host->running, int(host->vms.size()), host->openIncidents};
}

void FleetModel::emitHostIfChanged(Host *host, const Summary &before)
{
    if (!(summaryOf(host) == before))
        emitRow(host);
}

void FleetModel::setHost(int hostId, const QString &name)
{
    if (Host *host = m_hostById.value(hostId)) {
        if (host->name != name) {
            host->name = name;
            emitRow(host, NameColumn, NameColumn);
            // A VM matches a search through its host's name too.
            if (!host->vms.empty()) {
                const QModelIndex parent = indexOf(host);
                emit dataChanged(index(0, NameColumn, parent),
                    index(int(host->vms.size()) - 1, NameColumn, parent));
            }
        }
        return;
    }
    auto host = std::make_unique<Host>();
    host->id = hostId;
    host->name = name;
    host->row = int(m_hosts.size());
    beginInsertRows({}, host->row, host->row);
    m_hostById.insert(hostId, host.get());
    m_hosts.push_back(std::move(host));
    endInsertRows();
}

void FleetModel::removeHost(int hostId)
{
    Host *host = m_hostById.value(hostId);
    if (!host)
        return;
    // VMs that another host still lists go there instead of vanishing.
    for (int row = int(host->vms.size()) - 1; row >= 0; --row)
        handOver(host->vms[size_t(row)].get());
    const QSet<QUuid> shadows = host->shadows;
    for (const QUuid &id : shadows)
        dropShadow(m_vmById.value(id), hostId);
    const int row = host->row;
    beginRemoveRows({}, row, row);
    for (const auto &vm : host->vms)
        m_vmById.remove(vm->id);
    m_hostById.remove(hostId);
    m_hosts.erase(m_hosts.begin() + row);
    for (size_t i = size_t(row); i < m_hosts.size(); ++i)
        m_hosts[i]->row = int(i);
    endRemoveRows();
    // Its appliance no longer counts incidents for VMs that migrated away.
    for (Vm *vm : std::as_const(m_vmById)) {
        const auto it = std::find_if(vm->incidentsBySource.begin(), vm->incidentsBySource.end(),
            [&](const auto &p) { return p.first == hostId; });
        if (it != vm->incidentsBySource.end())
            setVmOpenIncidents(hostId, vm->id, 0);
    }
}

void FleetModel::setHostReachable(int hostId, bool reachable, const QDateTime &lastContact)
{
    Host *host = m_hostById.value(hostId);
    if (!host)
        return;
    const bool flipped = host->reachable != reachable;
    if (!flipped && host->lastContact == lastContact)
        return;
    host->reachable = reachable;
    host->lastContact = lastContact;
    if (!flipped) {
        // Only the time moved on: nothing a view paints, but a detail pane
        // may show it.
        emit dataChanged(
            indexOf(host), indexOf(host, ColumnCount - 1), {LastContactRole, Qt::ToolTipRole});
        return;
    }
    emitRow(host);
    if (!host->vms.empty()) {
        const QModelIndex parent = indexOf(host);
        emit dataChanged(
            index(0, 0, parent), index(int(host->vms.size()) - 1, ColumnCount - 1, parent));
    }
}

void FleetModel::setHostPatternVersion(int hostId, const QString &version)
{
    Host *host = m_hostById.value(hostId);
    if (!host || host->patternVersion == version)
        return;
    host->patternVersion = version;
    emitRow(host, PatternColumn, PatternColumn);
}

void FleetModel::setVmOpenIncidents(int hostId, const QUuid &vmId, int count)
{
    Vm *vm = m_vmById.value(vmId);
    if (!vm)
        return;
    auto &sources = vm->incidentsBySource;
    auto it = std::find_if(
        sources.begin(), sources.end(), [&](const auto &p) { return p.first == hostId; });
    if (it != sources.end() && count > 0)
        it->second = count;
    else if (it != sources.end())
        sources.erase(it);
    else if (count > 0)
        sources.append({hostId, count});
    int total = 0;
    for (const auto &source : sources)
        total += source.second;
    if (total == vm->openIncidents)
        return;
    Host *host = vm->host;
    const Summary before = summaryOf(host);
    host->count(*vm, -1);
    vm->openIncidents = total;
    host->count(*vm, +1);
    emitRow(vm, IncidentsColumn, IncidentsColumn);
    emitHostIfChanged(host, before);
}

void FleetModel::setVmLastScan(const QUuid &vmId, const QDateTime &time)
{
    Vm *vm = m_vmById.value(vmId);
    if (!vm || !time.isValid() || (vm->lastScan.isValid() && vm->lastScan >= time))
        return;
    vm->lastScan = time;
    emitRow(vm, LastScanColumn, LastScanColumn);
    emitRow(vm->host, LastScanColumn, LastScanColumn); // the host shows its oldest
}

void FleetModel::clear()
{
    beginResetModel();
    m_departed.clear();
    m_vmById.clear();
    m_hostById.clear();
    m_hosts.clear();
    endResetModel();
}

} // namespace mamori::console
