// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel: the tree, the appliances' VM reports applied to it, and live
// migration.
//
// A VM is one row however many hosts list it: it lives on the host that runs
// it. Another host listing it without running it (the incoming, paused copy
// of a migration, or the shut-off definition libvirt keeps at the source) is
// remembered as a "shadow", so that when the VM's own host drops it first,
// it moves to that host with its history instead of vanishing and coming
// back as a stranger.
#include "FleetModel.h"

#include "FleetTree.h"

#include <QLoggingCategory>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>

namespace mamori::console {

Q_LOGGING_CATEGORY(lcFleet, "mamori.console.fleet")

using protocol::ProtectionStatus;

// What a host row shows of its VMs, taken when a batch first touches the
// host: a difference at the end repaints the host row.
struct FleetModel::Summary
{
    ProtectionStatus status;
    int running;
    int vms;
    int openIncidents;
    bool forced = false; // its own fields changed: repaint whatever the roll-up
    bool operator==(const Summary &) const = default;
};

// A VM that left its host while no other host listed it: where it was and
// the history it takes along if it turns up on another host soon.
struct FleetModel::Departed
{
    int hostId = 0;
    QString hostName;
    qint64 atMs = 0;
    QDateTime lastScan;
    QVarLengthArray<std::pair<int, int>, 1> incidentsBySource;
};

namespace {

FleetModel::Column columnOfChange(const Vm &a, const Vm &b, int *last)
{
    int first = FleetModel::ColumnCount;
    *last = -1;
    const auto mark = [&](bool changed, int column) {
        if (!changed)
            return;
        first = std::min(first, column);
        *last = std::max(*last, column);
    };
    mark(a.name != b.name || a.root != b.root || a.realtime != b.realtime
            || a.isolated != b.isolated,
        FleetModel::NameColumn);
    mark(a.power != b.power, FleetModel::PowerColumn);
    mark(a.status != b.status || a.reason != b.reason, FleetModel::ProtectionColumn);
    return FleetModel::Column(first);
}

} // namespace

FleetModel::FleetModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_resortTimer.setSingleShot(true);
    m_resortTimer.setInterval(kResortMs);
    connect(&m_resortTimer, &QTimer::timeout, this, &FleetModel::resortNow);
}

FleetModel::~FleetModel() = default;

FleetHost *FleetModel::hostAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalPointer() || size_t(index.row()) >= m_hosts.size())
        return nullptr;
    return m_hosts[size_t(index.row())].get();
}

FleetVm *FleetModel::vmAt(const QModelIndex &index) const
{
    if (!index.isValid() || !index.internalPointer())
        return nullptr;
    const auto *host = static_cast<const FleetHost *>(index.internalPointer());
    if (size_t(index.row()) >= host->vms.size())
        return nullptr;
    return host->vms[size_t(index.row())].get();
}

QModelIndex FleetModel::indexOf(const FleetHost *host, int column) const
{
    return createIndex(host->row, column, nullptr);
}

QModelIndex FleetModel::indexOf(const FleetVm *vm, int column) const
{
    return createIndex(vm->row, column, vm->host);
}

QModelIndex FleetModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return size_t(row) < m_hosts.size() ? createIndex(row, column, nullptr) : QModelIndex();
    const FleetHost *host = parent.column() == 0 ? hostAt(parent) : nullptr;
    if (!host || size_t(row) >= host->vms.size())
        return {};
    // A VM's index carries its host, so parent() needs no search.
    return createIndex(row, column, const_cast<FleetHost *>(host));
}

QModelIndex FleetModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    return indexOf(static_cast<const FleetHost *>(child.internalPointer()));
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_hosts.size());
    const FleetHost *host = parent.column() == 0 ? hostAt(parent) : nullptr;
    return host ? int(host->vms.size()) : 0;
}

int FleetModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QModelIndex FleetModel::hostIndex(int hostId, int column) const
{
    const FleetHost *host = m_hostById.value(hostId);
    return host ? indexOf(host, column) : QModelIndex();
}

QModelIndex FleetModel::vmIndex(const QUuid &vmId, int column) const
{
    const FleetVm *vm = m_vmById.value(vmId);
    return vm && vm->row >= 0 ? indexOf(vm, column) : QModelIndex();
}

const Vm *FleetModel::vm(const QUuid &id) const
{
    const FleetVm *node = m_vmById.value(id);
    return node && node->row >= 0 ? &node->vm : nullptr;
}

QList<Vm> FleetModel::vms(int hostId) const
{
    QList<Vm> out;
    if (const FleetHost *host = m_hostById.value(hostId)) {
        out.reserve(qsizetype(host->vms.size()));
        for (const auto &vm : host->vms)
            out.append(vm->vm);
    }
    return out;
}

std::array<int, FleetModel::kStatusCount> FleetModel::vmsByStatus() const
{
    std::array<int, kStatusCount> all {};
    for (const auto &host : m_hosts) {
        if (!host->vmsKnown()) {
            all[size_t(ProtectionStatus::Unknown)] += int(host->vms.size());
            continue;
        }
        for (size_t s = 0; s < all.size(); ++s)
            all[s] += host->statusCounts[s];
    }
    return all;
}

void FleetModel::setStatusIcons(const QList<QIcon> &icons)
{
    m_icons = icons;
    retranslate(); // every decoration changes
}

// ---- batches ---------------------------------------------------------------

void FleetModel::beginBatch()
{
    ++m_batchDepth;
}

void FleetModel::endBatch()
{
    if (--m_batchDepth == 0)
        announce();
}

void FleetModel::touch(FleetHost *host)
{
    if (!m_dirtyHosts.contains(host)) {
        m_dirtyHosts.insert(host,
            std::make_shared<Summary>(Summary {
                host->shownStatus(), host->running, int(host->vms.size()), host->openIncidents}));
    }
}

void FleetModel::touch(FleetVm *vm, int first, int last)
{
    if (vm->row < 0 || first > last)
        return; // not in the model yet: its insertion tells the views
    vm->dirtyFirst = std::min(vm->dirtyFirst, first);
    vm->dirtyLast = std::max(vm->dirtyLast, last);
    m_dirtyVms.insert(vm);
}

void FleetModel::forget(FleetVm *vm)
{
    m_dirtyVms.remove(vm);
    m_resortVms.remove(vm);
}

void FleetModel::announce()
{
    if (!m_dirtyVms.isEmpty()) {
        QHash<FleetHost *, QList<FleetVm *>> byHost;
        for (FleetVm *vm : std::as_const(m_dirtyVms)) {
            byHost[vm->host].append(vm);
            noteSortChange(vm);
        }
        m_dirtyVms.clear();
        for (auto it = byHost.begin(); it != byHost.end(); ++it) {
            QList<FleetVm *> &rows = it.value();
            std::sort(rows.begin(), rows.end(),
                [](const FleetVm *a, const FleetVm *b) { return a->row < b->row; });
            // One signal per run of adjacent rows, over the columns any of
            // them changed.
            for (qsizetype i = 0; i < rows.size();) {
                qsizetype j = i;
                int first = rows[i]->dirtyFirst;
                int last = rows[i]->dirtyLast;
                while (j + 1 < rows.size() && rows[j + 1]->row == rows[j]->row + 1) {
                    ++j;
                    first = std::min(first, rows[j]->dirtyFirst);
                    last = std::max(last, rows[j]->dirtyLast);
                }
                for (qsizetype k = i; k <= j; ++k) {
                    rows[k]->dirtyFirst = ColumnCount;
                    rows[k]->dirtyLast = -1;
                }
                emit dataChanged(indexOf(rows[i], first), indexOf(rows[j], last));
                i = j + 1;
            }
        }
    }
    const auto hosts = std::exchange(m_dirtyHosts, {});
    for (auto it = hosts.begin(); it != hosts.end(); ++it) {
        FleetHost *host = it.key();
        const Summary now {
            host->shownStatus(), host->running, int(host->vms.size()), host->openIncidents};
        if (it.value()->forced || !(now == *it.value())) {
            noteSortChange(host);
            emit dataChanged(indexOf(host), indexOf(host, ColumnCount - 1));
        }
    }
}

FleetSortKeys FleetModel::sortKeysOf(const FleetVm *vm)
{
    FleetSortKeys k;
    k.name = vm->vm.name;
    k.power = int(vm->vm.power);
    k.status = int(vm->host->vmsKnown() ? vm->vm.status : ProtectionStatus::Unknown);
    k.lastScan = vm->lastScan.isValid() ? vm->lastScan.toMSecsSinceEpoch() : -1;
    k.incidents = vm->openIncidents;
    return k;
}

FleetSortKeys FleetModel::sortKeysOf(const FleetHost *host)
{
    FleetSortKeys k;
    k.name = host->name;
    k.power = host->running;
    k.status = int(host->shownStatus());
    k.pattern = host->patternVersion;
    k.lastScan = host->oldestScan().value_or(0);
    k.incidents = host->openIncidents;
    return k;
}

QVariant FleetModel::sortKey(const FleetSortKeys &keys, int column)
{
    switch (column) {
    case NameColumn:
        return keys.name;
    case PowerColumn:
        return keys.power;
    case ProtectionColumn:
        return keys.status;
    case PatternColumn:
        return keys.pattern;
    case LastScanColumn:
        return keys.lastScan;
    case IncidentsColumn:
        return keys.incidents;
    }
    return {};
}

void FleetModel::noteSortChange(FleetVm *vm)
{
    if (!(sortKeysOf(vm) == vm->sortKeys)) {
        m_resortVms.insert(vm);
        if (!m_resortTimer.isActive())
            m_resortTimer.start();
    }
}

void FleetModel::noteSortChange(FleetHost *host)
{
    if (!(sortKeysOf(host) == host->sortKeys)) {
        m_resortHosts.insert(host);
        if (!m_resortTimer.isActive())
            m_resortTimer.start();
    }
}

void FleetModel::resortNow()
{
    m_resortTimer.stop();
    // Per host, one signal over the rows whose keys changed (a few extra
    // rows in between cost the proxy nothing worth another signal).
    QHash<FleetHost *, std::pair<int, int>> vmRows;
    for (FleetVm *vm : std::exchange(m_resortVms, {})) {
        vm->sortKeys = sortKeysOf(vm);
        auto it = vmRows.find(vm->host);
        if (it == vmRows.end())
            vmRows.insert(vm->host, {vm->row, vm->row});
        else
            *it = {std::min(it->first, vm->row), std::max(it->second, vm->row)};
    }
    const QList<int> sortOnly {SortRole};
    for (auto it = vmRows.cbegin(); it != vmRows.cend(); ++it) {
        const QModelIndex parent = indexOf(it.key());
        emit dataChanged(
            index(it->first, 0, parent), index(it->second, ColumnCount - 1, parent), sortOnly);
    }
    int first = std::numeric_limits<int>::max(), last = -1;
    for (FleetHost *host : std::exchange(m_resortHosts, {})) {
        host->sortKeys = sortKeysOf(host);
        first = std::min(first, host->row);
        last = std::max(last, host->row);
    }
    if (last >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1), sortOnly);
}

// ---- hosts -----------------------------------------------------------------

void FleetModel::setHost(int hostId, const QString &name)
{
    Batch batch(this);
    if (FleetHost *host = m_hostById.value(hostId)) {
        if (host->name != name) {
            touch(host);
            m_dirtyHosts[host]->forced = true;
            host->name = name;
            // A VM matches a search through its host's name too.
            for (const auto &vm : host->vms)
                touch(vm.get(), NameColumn, NameColumn);
        }
        return;
    }
    auto host = std::make_unique<FleetHost>();
    host->id = hostId;
    host->name = name;
    host->row = int(m_hosts.size());
    host->sortKeys = sortKeysOf(host.get());
    beginInsertRows({}, host->row, host->row);
    m_hostById.insert(hostId, host.get());
    m_hosts.push_back(std::move(host));
    endInsertRows();
}

void FleetModel::removeHost(int hostId)
{
    FleetHost *host = m_hostById.value(hostId);
    if (!host)
        return;
    Batch batch(this);
    // VMs that another host still lists go there instead of vanishing.
    for (int row = int(host->vms.size()) - 1; row >= 0; --row)
        handOver(host->vms[size_t(row)].get());
    const QSet<QUuid> shadows = host->shadows;
    for (const QUuid &id : shadows)
        dropShadow(m_vmById.value(id), hostId);
    const int row = host->row;
    beginRemoveRows({}, row, row);
    for (const auto &vm : host->vms) {
        forget(vm.get());
        m_vmById.remove(vm->vm.id);
    }
    m_dirtyHosts.remove(host);
    m_resortHosts.remove(host);
    m_hostById.remove(hostId);
    m_hosts.erase(m_hosts.begin() + row);
    for (size_t i = size_t(row); i < m_hosts.size(); ++i)
        m_hosts[i]->row = int(i);
    endRemoveRows();
    // Its appliance no longer counts incidents for VMs that migrated away.
    for (FleetVm *vm : std::as_const(m_vmById)) {
        for (const auto &source : vm->incidentsBySource) {
            if (source.first == hostId) {
                countIncidents(vm, hostId, 0);
                break;
            }
        }
    }
}

void FleetModel::setHostReachable(int hostId, bool reachable, const QDateTime &lastContact)
{
    FleetHost *host = m_hostById.value(hostId);
    if (!host)
        return;
    const bool flipped = host->reachable != reachable;
    if (!flipped && host->lastContact == lastContact)
        return;
    Batch batch(this);
    if (!flipped) {
        // Only the time moved on: nothing a view paints, but a detail pane
        // may show it.
        host->lastContact = lastContact;
        emit dataChanged(
            indexOf(host), indexOf(host, ColumnCount - 1), {LastContactRole, Qt::ToolTipRole});
        return;
    }
    touch(host);
    m_dirtyHosts[host]->forced = true;
    host->reachable = reachable;
    host->lastContact = lastContact;
    for (const auto &vm : host->vms)
        touch(vm.get());
}

void FleetModel::setHostTrouble(int hostId, const HostTrouble &trouble)
{
    FleetHost *host = m_hostById.value(hostId);
    if (!host || host->trouble == trouble)
        return;
    Batch batch(this);
    touch(host);
    m_dirtyHosts[host]->forced = true;
    host->trouble = trouble;
    for (const auto &vm : host->vms)
        touch(vm.get());
}

void FleetModel::setHostPatternVersion(int hostId, const QString &version)
{
    FleetHost *host = m_hostById.value(hostId);
    if (!host || host->patternVersion == version)
        return;
    Batch batch(this);
    touch(host);
    m_dirtyHosts[host]->forced = true;
    host->patternVersion = version;
}

// ---- VMs -------------------------------------------------------------------

void FleetModel::applyVmList(int hostId, const QList<Vm> &vms)
{
    FleetHost *host = m_hostById.value(hostId);
    if (!host) {
        qCWarning(lcFleet) << "VM list for unknown host" << hostId;
        return;
    }
    Batch batch(this);
    const quint64 mark = ++m_listMark;
    std::vector<std::unique_ptr<FleetVm>> pending;
    QSet<QUuid> shadowed;
    for (const Vm &report : vms) {
        if (place(host, report, pending))
            m_vmById.value(report.id)->mark = mark;
        else
            shadowed.insert(report.id);
    }
    const QSet<QUuid> previous = host->shadows;
    for (const QUuid &id : previous) {
        if (!shadowed.contains(id))
            dropShadow(m_vmById.value(id), hostId);
    }
    // Backwards, so that a hand-over (which takes a row out) leaves the rows
    // still to visit where they are.
    for (int row = int(host->vms.size()) - 1; row >= 0; --row) {
        FleetVm *vm = host->vms[size_t(row)].get();
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

void FleetModel::applyVm(int hostId, const Vm &vm)
{
    FleetHost *host = m_hostById.value(hostId);
    if (!host) {
        qCWarning(lcFleet) << "ignored a VM report for host" << hostId;
        return;
    }
    Batch batch(this);
    std::vector<std::unique_ptr<FleetVm>> pending;
    place(host, vm, pending);
    insertPending(host, pending);
}

void FleetModel::applyVmChange(int hostId, const VmChange &change)
{
    FleetVm *node = m_vmById.value(change.vm);
    if (!node || node->row < 0)
        return;
    Vm report = node->vm;
    if (node->host->id != hostId) {
        // A shadow's power may make it the VM's new home (a migration's
        // destination starting it).
        const auto it = std::find_if(node->shadows.begin(), node->shadows.end(),
            [hostId](const auto &s) { return s.first == hostId; });
        if (it == node->shadows.end())
            return;
        report = it->second;
    }
    if (!change.name.isEmpty())
        report.name = change.name;
    if (change.power != Power::Unknown)
        report.power = change.power;
    if (change.isolated)
        report.isolated = *change.isolated;
    applyVm(hostId, report);
}

void FleetModel::removeVm(int hostId, const QUuid &vmId)
{
    FleetVm *vm = m_vmById.value(vmId);
    if (!vm || vm->row < 0)
        return;
    Batch batch(this);
    if (vm->host->id != hostId)
        dropShadow(vm, hostId);
    else if (!handOver(vm))
        removeRows(vm->host, vm->row, vm->row);
}

void FleetModel::setVmLastScan(const QUuid &vmId, const QDateTime &time)
{
    if (FleetVm *vm = m_vmById.value(vmId)) {
        Batch batch(this);
        mergeLastScan(vm, time);
    }
}

void FleetModel::mergeLastScan(FleetVm *vm, const QDateTime &time)
{
    if (!time.isValid() || (vm->lastScan.isValid() && vm->lastScan >= time))
        return;
    vm->lastScan = time;
    touch(vm, LastScanColumn, LastScanColumn);
    touch(vm->host);
    m_dirtyHosts[vm->host]->forced = true; // the host shows its oldest
}

bool FleetModel::place(
    FleetHost *host, const Vm &report, std::vector<std::unique_ptr<FleetVm>> &pending)
{
    FleetVm *vm = m_vmById.value(report.id);
    if (!vm) {
        auto created = std::make_unique<FleetVm>();
        created->host = host;
        created->vm.id = report.id;
        vm = created.get();
        takeDeparture(vm);
        m_vmById.insert(report.id, vm);
        pending.push_back(std::move(created));
    } else if (vm->host != host) {
        if (report.power != Power::Running) {
            setShadow(vm, host, report);
            countIncidents(vm, host->id, report.openIncidents);
            mergeLastScan(vm, report.lastScan);
            return false;
        }
        dropShadow(vm, host->id);
        moveVm(vm, host);
    }
    update(vm, report);
    return true;
}

void FleetModel::update(FleetVm *vm, const Vm &report)
{
    const bool inModel = vm->row >= 0;
    FleetHost *host = vm->host;
    int last = -1;
    const int first = columnOfChange(vm->vm, report, &last);
    if (inModel) {
        touch(host);
        host->count(*vm, -1);
    }
    vm->vm = report;
    if (inModel)
        host->count(*vm, +1);
    touch(vm, first, last);
    countIncidents(vm, host->id, report.openIncidents);
    mergeLastScan(vm, report.lastScan);
}

void FleetModel::countIncidents(FleetVm *vm, int hostId, int count)
{
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
    const bool inModel = vm->row >= 0;
    if (inModel) {
        touch(vm->host);
        vm->host->count(*vm, -1);
    }
    vm->openIncidents = total;
    if (inModel)
        vm->host->count(*vm, +1);
    touch(vm, IncidentsColumn, IncidentsColumn);
}

void FleetModel::moveVm(FleetVm *vm, FleetHost *to)
{
    FleetHost *from = vm->host;
    touch(from);
    touch(to);
    const int row = vm->row;
    const int destination = int(to->vms.size());
    beginMoveRows(indexOf(from), row, row, indexOf(to), destination);
    std::unique_ptr<FleetVm> owned = std::move(from->vms[size_t(row)]);
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
    touch(vm); // its moved note, and its greying if the hosts differ in reach
}

void FleetModel::setShadow(FleetVm *vm, FleetHost *host, const Vm &report)
{
    for (auto &shadow : vm->shadows) {
        if (shadow.first == host->id) {
            shadow.second = report;
            return;
        }
    }
    vm->shadows.append({host->id, report});
    host->shadows.insert(vm->vm.id);
}

void FleetModel::dropShadow(FleetVm *vm, int hostId)
{
    if (!vm)
        return;
    for (qsizetype i = 0; i < vm->shadows.size(); ++i) {
        if (vm->shadows[i].first == hostId) {
            vm->shadows.remove(i);
            break;
        }
    }
    if (FleetHost *host = m_hostById.value(hostId))
        host->shadows.remove(vm->vm.id);
}

bool FleetModel::handOver(FleetVm *vm)
{
    if (vm->shadows.isEmpty())
        return false;
    // The newest shadow: most likely the destination of a migration.
    const auto [hostId, report] = vm->shadows.last();
    dropShadow(vm, hostId);
    FleetHost *to = m_hostById.value(hostId);
    if (!to)
        return handOver(vm);
    moveVm(vm, to);
    update(vm, report);
    return true;
}

void FleetModel::rememberDeparture(const FleetVm &vm)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_departed.removeIf([now](const auto &d) { return now - d.value().atMs > kDepartedKeepMs; });
    m_departed.insert(
        vm.vm.id, {vm.host->id, vm.host->name, now, vm.lastScan, vm.incidentsBySource});
}

void FleetModel::takeDeparture(FleetVm *vm)
{
    const auto it = m_departed.constFind(vm->vm.id);
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

void FleetModel::insertPending(FleetHost *host, std::vector<std::unique_ptr<FleetVm>> &pending)
{
    if (pending.empty())
        return;
    touch(host);
    const int first = int(host->vms.size());
    beginInsertRows(indexOf(host), first, first + int(pending.size()) - 1);
    for (auto &vm : pending) {
        vm->row = int(host->vms.size());
        vm->sortKeys = sortKeysOf(vm.get());
        host->count(*vm, +1);
        host->vms.push_back(std::move(vm));
    }
    endInsertRows();
    pending.clear();
}

void FleetModel::removeRows(FleetHost *host, int first, int last)
{
    touch(host);
    beginRemoveRows(indexOf(host), first, last);
    for (int row = first; row <= last; ++row) {
        FleetVm &vm = *host->vms[size_t(row)];
        host->count(vm, -1);
        while (!vm.shadows.isEmpty())
            dropShadow(&vm, vm.shadows.last().first);
        rememberDeparture(vm);
        forget(&vm);
        m_vmById.remove(vm.vm.id);
    }
    host->vms.erase(host->vms.begin() + first, host->vms.begin() + last + 1);
    host->renumber(first);
    endRemoveRows();
}

void FleetModel::clear()
{
    beginResetModel();
    m_resortTimer.stop();
    m_resortVms.clear();
    m_resortHosts.clear();
    m_dirtyVms.clear();
    m_dirtyHosts.clear();
    m_departed.clear();
    m_vmById.clear();
    m_hostById.clear();
    m_hosts.clear();
    endResetModel();
}

} // namespace mamori::console
