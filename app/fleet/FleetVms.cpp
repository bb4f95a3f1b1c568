// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel: applying the appliances' VM reports, and live migration.
//
// A VM is one row however many hosts list it: it lives on the host that runs
// it. Another host listing it without running it (the incoming, paused copy
// of a migration, or the shut-off definition libvirt keeps at the source) is
// remembered as a "shadow", so that when the VM's own host drops it first,
// it moves to that host with its history instead of vanishing and coming
// back as a stranger.
#include "FleetModel_p.h"

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

std::optional<FleetModel::VmReport> FleetModel::parseVm(const QJsonObject &object)
{
    VmReport report;
    report.id = QUuid::fromString(object.value(QLatin1String("id")).toString());
    if (report.id.isNull())
        return std::nullopt;
    report.name = object.value(QLatin1String("name")).toString();
    report.power = powerFromName(object.value(QLatin1String("power")).toString());
    const QJsonObject protection = object.value(QLatin1String("protection")).toObject();
    // A status word from a newer appliance is shown as Unknown, not guessed.
    report.status =
        protocol::protectionStatusFromName(protection.value(QLatin1String("status")).toString())
            .value_or(ProtectionStatus::Unknown);
    report.reason = protection.value(QLatin1String("reason")).toString();
    report.root = object.value(QLatin1String("root")).toString();
    return report;
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
    QSet<QUuid> shadowed;
    for (const QJsonValue &value : vms) {
        const auto report = parseVm(value.toObject());
        if (!report)
            continue;
        if (place(host, *report, pending))
            m_vmById.value(report->id)->mark = mark;
        else
            shadowed.insert(report->id);
    }
    const QSet<QUuid> previous = host->shadows;
    for (const QUuid &id : previous) {
        if (!shadowed.contains(id))
            dropShadow(m_vmById.value(id), hostId);
    }
    // Backwards, so that a hand-over (which takes a row out) leaves the rows
    // still to visit where they are.
    for (int row = int(host->vms.size()) - 1; row >= 0; --row) {
        Vm *vm = host->vms[size_t(row)].get();
        if (vm->mark != mark)
            handOver(vm);
    }
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
        qCWarning(lcFleet) << "ignored a VM report for host" << hostId;
        return;
    }
    std::vector<std::unique_ptr<Vm>> pending;
    place(host, *report, pending);
    insertPending(host, pending);
}

void FleetModel::removeVm(int hostId, const QUuid &vmId)
{
    Vm *vm = m_vmById.value(vmId);
    if (!vm || vm->row < 0)
        return;
    if (vm->host->id != hostId)
        dropShadow(vm, hostId);
    else if (!handOver(vm))
        removeRows(vm->host, vm->row, vm->row);
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
        takeDeparture(vm);
        m_vmById.insert(report.id, vm);
        pending.push_back(std::move(created));
    } else if (vm->host != host) {
        if (report.power != Power::Running) {
            setShadow(vm, host, report);
            return false;
        }
        dropShadow(vm, host->id);
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

void FleetModel::setShadow(Vm *vm, Host *host, const VmReport &report)
{
    for (auto &shadow : vm->shadows) {
        if (shadow.first == host->id) {
            shadow.second = report;
            return;
        }
    }
    vm->shadows.append({host->id, report});
    host->shadows.insert(vm->id);
}

void FleetModel::dropShadow(Vm *vm, int hostId)
{
    if (!vm)
        return;
    for (qsizetype i = 0; i < vm->shadows.size(); ++i) {
        if (vm->shadows[i].first == hostId) {
            vm->shadows.remove(i);
            break;
        }
    }
    if (Host *host = m_hostById.value(hostId))
        host->shadows.remove(vm->id);
}

bool FleetModel::handOver(Vm *vm)
{
    if (vm->shadows.isEmpty())
        return false;
    // The newest shadow: most likely the destination of a migration.
    const auto [hostId, report] = vm->shadows.last();
    dropShadow(vm, hostId);
    Host *to = m_hostById.value(hostId);
    if (!to)
        return handOver(vm);
    moveVm(vm, to);
    update(vm, report);
    return true;
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

void FleetModel::rememberDeparture(const Vm &vm)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_departed.removeIf([now](const auto &d) { return now - d.value().atMs > kDepartedKeepMs; });
    m_departed.insert(vm.id, {vm.host->id, vm.host->name, now, vm.lastScan, vm.incidentsBySource});
}

void FleetModel::takeDeparture(Vm *vm)
{
    const auto it = m_departed.constFind(vm->id);
    if (it == m_departed.cend())
        return;
    const Departed d = *it;
    m_departed.erase(it);
    if (d.hostId == vm->host->id || QDateTime::currentMSecsSinceEpoch() - d.atMs > kDepartedKeepMs)
        return; // back where it was, or too long ago to be the same journey
    vm->movedFrom = d.hostName;
    vm->movedAt = QDateTime::currentDateTimeUtc();
    vm->lastScan = d.lastScan;
    vm->incidentsBySource = d.incidentsBySource;
    for (const auto &source : d.incidentsBySource)
        vm->openIncidents += source.second;
}

void FleetModel::removeRows(Host *host, int first, int last)
{
    const Summary before = summaryOf(host);
    beginRemoveRows(indexOf(host), first, last);
    for (int row = first; row <= last; ++row) {
        Vm &vm = *host->vms[size_t(row)];
        host->count(vm, -1);
        while (!vm.shadows.isEmpty())
            dropShadow(&vm, vm.shadows.last().first);
        rememberDeparture(vm);
        m_vmById.remove(vm.id);
    }
    host->vms.erase(host->vms.begin() + first, host->vms.begin() + last + 1);
    host->renumber(first);
    endRemoveRows();
    emitHostIfChanged(host, before);
}

} // namespace mamori::console
