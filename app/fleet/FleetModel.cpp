// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel: the tree's structure and its updates. Texts and roles are in
// FleetModelData.cpp.
#include "app/fleet/FleetModel_p.h"

#include <QLoggingCategory>

namespace mamori::console {

Q_LOGGING_CATEGORY(lcFleet, "mamori.console.fleet")

namespace {

FleetModel::Power powerFromName(const QString &name)
{
    using Power = FleetModel::Power;
    if (name == QLatin1String("running"))
        return Power::Running;
    if (name == QLatin1String("paused"))
        return Power::Paused;
    if (name == QLatin1String("shut-off"))
        return Power::ShutOff;
    return Power::Unknown;
}

} // namespace

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

void FleetModel::applyVmList(int hostId, const QJsonArray &vms)
{
    Host *host = m_hostById.value(hostId);
    if (!host) {
        qCWarning(lcFleet) << "VM list for unknown host" << hostId;
        return;
    }
    const quint64 mark = ++m_listMark;
    std::vector<std::unique_ptr<Vm>> pending;
    for (const QJsonValue &value : vms) {
        const auto report = parseVm(value.toObject());
        if (!report)
            continue;
        if (place(host, *report, pending))
            m_vmById.value(report->id)->mark = mark;
    }
    // Removed in runs from the end, so that rows before a run stay valid.
    for (int last = int(host->vms.size()) - 1; last >= 0; --last) {
        if (host->vms[size_t(last)]->mark == mark)
            continue;
        int first = last;
        while (first > 0 && host->vms[size_t(first - 1)]->mark != mark)
            --first;
        removeRows(host, first, last);
        last = first;
    }
    insertPending(host, pending);
}

void FleetModel::applyVm(int hostId, const QJsonObject &vm)
{
    Host *host = m_hostById.value(hostId);
    const auto report = parseVm(vm);
    if (!host || !report) {
        qCWarning(lcFleet) << "ignored VM for host" << hostId;
        return;
    }
    std::vector<std::unique_ptr<Vm>> pending;
    place(host, *report, pending);
    insertPending(host, pending);
}

void FleetModel::removeVm(int hostId, const QUuid &vmId)
{
    Vm *vm = m_vmById.value(vmId);
    if (vm && vm->host->id == hostId && vm->row >= 0)
        removeRows(vm->host, vm->row, vm->row);
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
    m_vmById.clear();
    m_hostById.clear();
    m_hosts.clear();
    endResetModel();
}

bool FleetModel::place(
    Host *host, const VmReport &report, std::vector<std::unique_ptr<Vm>> &pending)
{
    Vm *vm = m_vmById.value(report.id);
    if (!vm) {
        auto created = std::make_unique<Vm>();
        created->id = report.id;
        created->host = host;
        vm = created.get();
        m_vmById.insert(report.id, vm);
        pending.push_back(std::move(created));
    } else if (vm->host != host) {
        // A VM lives where it runs: the source of a migration keeps a
        // shut-off copy that must not take it back.
        if (report.power != Power::Running)
            return false;
        moveVm(vm, host);
    }
    update(vm, report);
    return true;
}

void FleetModel::update(Vm *vm, const VmReport &report)
{
    if (vm->name == report.name && vm->power == report.power && vm->status == report.status
        && vm->reason == report.reason && vm->root == report.root) {
        return;
    }
    const bool inModel = vm->row >= 0;
    Host *host = vm->host;
    const Summary before = summaryOf(host);
    if (inModel)
        host->count(*vm, -1);
    vm->name = report.name;
    vm->power = report.power;
    vm->status = report.status;
    vm->reason = report.reason;
    vm->root = report.root;
    if (inModel) {
        host->count(*vm, +1);
        emitRow(vm);
        emitHostIfChanged(host, before);
    }
}

void FleetModel::moveVm(Vm *vm, Host *to)
{
    Host *from = vm->host;
    const Summary fromBefore = summaryOf(from);
    const Summary toBefore = summaryOf(to);
    const int row = vm->row;
    const int destination = int(to->vms.size());
    beginMoveRows(indexOf(from), row, row, indexOf(to), destination);
    std::unique_ptr<Vm> owned = std::move(from->vms[size_t(row)]);
    from->vms.erase(from->vms.begin() + row);
    from->renumber(row);
    from->count(*vm, -1);
    vm->host = to;
    vm->row = destination;
    vm->movedFrom = from->name;
    vm->movedAt = QDateTime::currentDateTimeUtc();
    to->count(*vm, +1);
    to->vms.push_back(std::move(owned));
    endMoveRows();
    emitHostIfChanged(from, fromBefore);
    emitHostIfChanged(to, toBefore);
    emitRow(vm); // its moved note, and its greying if the hosts differ in reach
}

void FleetModel::insertPending(Host *host, std::vector<std::unique_ptr<Vm>> &pending)
{
    if (pending.empty())
        return;
    const Summary before = summaryOf(host);
    const int first = int(host->vms.size());
    beginInsertRows(indexOf(host), first, first + int(pending.size()) - 1);
    for (auto &vm : pending) {
        vm->row = int(host->vms.size());
        host->count(*vm, +1);
        host->vms.push_back(std::move(vm));
    }
    endInsertRows();
    pending.clear();
    emitHostIfChanged(host, before);
}

void FleetModel::removeRows(Host *host, int first, int last)
{
    const Summary before = summaryOf(host);
    beginRemoveRows(indexOf(host), first, last);
    for (int row = first; row <= last; ++row) {
        const Vm &vm = *host->vms[size_t(row)];
        host->count(vm, -1);
        m_vmById.remove(vm.id);
    }
    host->vms.erase(host->vms.begin() + first, host->vms.begin() + last + 1);
    host->renumber(first);
    endRemoveRows();
    emitHostIfChanged(host, before);
}

FleetModel::Summary FleetModel::summaryOf(const Host *host)
{
    return {host->shownStatus(), host->running, int(host->vms.size()), host->openIncidents};
}

std::optional<FleetModel::VmReport> FleetModel::parseVm(const QJsonObject &object)
{
    VmReport report;
    report.id = QUuid::fromString(object.value(QLatin1String("id")).toString());
    if (report.id.isNull())
        return std::nullopt;
    report.name = object.value(QLatin1String("name")).toString();
    report.power = powerFromName(object.value(QLatin1String("power")).toString());
    const QJsonObject protection = object.value(QLatin1String("protection")).toObject();
    // A status word from a newer appliance is shown as Unknown rather than guessed.
    report.status =
        protocol::protectionStatusFromName(protection.value(QLatin1String("status")).toString())
            .value_or(ProtectionStatus::Unknown);
    report.reason = protection.value(QLatin1String("reason")).toString();
    report.root = object.value(QLatin1String("root")).toString();
    return report;
}

} // namespace mamori::console
