// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/Event.h"
#include "app/records/Vm.h"
#include "protocol/ProtectionStatus.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>
#include <QTimer>
#include <QUuid>

#include <array>
#include <memory>
#include <vector>

namespace mamori::console {

struct FleetHost;
struct FleetSortKeys;
struct HostTrouble;
struct FleetVm;

// The fleet as a tree: hosts (keyed by the console's local appliance id) at
// the top, their VMs (keyed by VM UUID) below. Every update changes rows in
// place (dataChanged, insert, remove, move), never with a reset, so that
// views keep their selection and scroll position while events stream in.
// Changes made inside a batch are announced when it ends, one dataChanged
// per run of changed rows of a host and one per changed host row, so that a
// frame's worth of changes costs the proxy and the view one pass.
class FleetModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        PowerColumn,
        ProtectionColumn,
        PatternColumn,
        LastScanColumn,
        IncidentsColumn,
        ColumnCount
    };
    enum Role {
        // int(protocol::ProtectionStatus) as shown: Unknown while the host's
        // appliance is unreachable; on a host row, the worst of its VMs.
        StatusRole = Qt::UserRole + 1,
        LastKnownStatusRole, // as last reported, for the detail pane
        VmIdRole, // QUuid; null on host rows
        HostIdRole, // int, on host and VM rows
        SortRole, // numbers and times as numbers (FleetFilterModel sorts by it)
        MovedFromRole, // QString "Moved from A at T"; empty when never migrated
        MovedAtRole, // QDateTime of the last migration
        ReasonRole, // QString: the appliance's reason word, e.g. "scan_overdue"
        ReachableRole, // bool: the host's appliance answers
        LastContactRole, // QDateTime: last answer from the host's appliance
        RootRole, // QString: the VM's file root (empty when not shown to the role)
        LastScanRole, // QDateTime of the last scan a VM row shows (invalid: never)
        // QString: what the host's appliance answers but could not be read,
        // and why (HostTrouble::text); empty when nothing is amiss.
        TroubleRole,
        // QString "as of 2026-12-05 14:02 (5 minutes ago)" while the host's
        // appliance is unreachable, else empty. Rows whose ReachableRole is
        // false hold old figures: views sort them after the live ones
        // (FleetFilterModel) and "top" lists leave them out.
        AsOfRole,
    };
    static constexpr int kStatusCount = int(protocol::ProtectionStatus::Infected) + 1;
    // A VM that leaves its host while no other host lists it is remembered
    // this long: if another host reports it meanwhile, it moved there (the
    // destination's appliance may well report after the source's).
    static constexpr qint64 kDepartedKeepMs = 120'000;
    // How long a changed row may keep its place in a sorted view. A view
    // re-sorting is a layout of every row it shows (10,000 in a fleet): once
    // in this time, not once an event. Its cells change at once.
    static constexpr int kResortMs = 500;

    explicit FleetModel(QObject *parent = nullptr);
    ~FleetModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The icon of each protection status (indexed by it), for the
    // protection column: the GUI draws them, app/ paints nothing.
    void setStatusIcons(const QList<QIcon> &icons);

    // Adds the host (at the end) or renames it. A new host counts as not
    // reached yet, so its VMs show Unknown until setHostReachable(true, ...).
    void setHost(int hostId, const QString &name);
    void removeHost(int hostId);
    // While unreachable, the host's VMs show Unknown, greyed, and keep their
    // last known state (LastKnownStatusRole) for the detail pane.
    void setHostReachable(int hostId, bool reachable, const QDateTime &lastContact);
    void setHostPatternVersion(int hostId, const QString &version);
    // What its appliance could not read: without the VM list its VMs show
    // Unknown (their last known state in LastKnownStatusRole); with other
    // failed reads the host shows "Degraded", never better than Unknown.
    void setHostTrouble(int hostId, const HostTrouble &trouble);

    // The host's whole VM list (GET /api/v1/vms); VMs it no longer lists
    // leave it. A VM that another host lists is the same VM (live
    // migration): it moves here when this host reports it running, and
    // otherwise stays where it is, this host's copy (libvirt keeps a
    // shut-off one at the source) being where it goes if its own host drops
    // it. Every move keeps the VM's incidents and scans and sets
    // MovedFromRole. A VM's open incidents are summed over the hosts that
    // report it; its last scan is the newest any of them reports.
    void applyVmList(int hostId, const QList<Vm> &vms);
    // One VM added or changed (GET /api/v1/vms/{id}).
    void applyVm(int hostId, const Vm &vm);
    // What a vm.* event says (name, power, isolation) of a VM the host has.
    void applyVmChange(int hostId, const VmChange &change);
    // Removes the VM from that host only: a late vm.removed from the source
    // of a migration does not remove it from its new host.
    void removeVm(int hostId, const QUuid &vmId);
    // The newest time wins, so the scan histories of two hosts combine.
    void setVmLastScan(const QUuid &vmId, const QDateTime &time);
    // Empties the model (e.g. when switching profiles): the one reset.
    void clear();

    // Batches nest; the outermost end announces what changed.
    void beginBatch();
    void endBatch();
    class Batch
    {
    public:
        explicit Batch(FleetModel *model) : m_model(model) { m_model->beginBatch(); }
        ~Batch() { m_model->endBatch(); }
        Batch(const Batch &) = delete;
        Batch &operator=(const Batch &) = delete;

    private:
        FleetModel *m_model;
    };

    // Gives the rows that changed since the last re-sort their new sort
    // keys now (SortRole), instead of at the next kResortMs tick.
    void resortNow();
    bool isResortPending() const { return m_resortTimer.isActive(); }

    QModelIndex hostIndex(int hostId, int column = 0) const;
    QModelIndex vmIndex(const QUuid &vmId, int column = 0) const;
    int hostCount() const { return int(m_hosts.size()); }
    int vmCount() const { return int(m_vmById.size()); }
    // The VM as the host it lives on last reported it; nullptr when unknown.
    const Vm *vm(const QUuid &id) const;
    // The VMs shown under the host, in row order.
    QList<Vm> vms(int hostId) const;
    // Every VM by the status it shows (Unknown on an unreachable host and
    // on one whose VM list could not be read).
    std::array<int, kStatusCount> vmsByStatus() const;

    // Call after installing another translator: texts are made in data().
    void retranslate();

private:
    struct Summary;
    struct Departed;

    FleetHost *hostAt(const QModelIndex &index) const;
    FleetVm *vmAt(const QModelIndex &index) const;
    QModelIndex indexOf(const FleetHost *host, int column = 0) const;
    QModelIndex indexOf(const FleetVm *vm, int column = 0) const;
    void touch(FleetHost *host);
    void touch(FleetVm *vm, int first = NameColumn, int last = ColumnCount - 1);
    void forget(FleetVm *vm);
    void announce();
    void noteSortChange(FleetVm *vm);
    void noteSortChange(FleetHost *host);
    static FleetSortKeys sortKeysOf(const FleetVm *vm);
    static FleetSortKeys sortKeysOf(const FleetHost *host);
    static QVariant sortKey(const FleetSortKeys &keys, int column);

    bool place(FleetHost *host, const Vm &report, std::vector<std::unique_ptr<FleetVm>> &pending);
    void update(FleetVm *vm, const Vm &report);
    void countIncidents(FleetVm *vm, int hostId, int count);
    void mergeLastScan(FleetVm *vm, const QDateTime &time);
    void moveVm(FleetVm *vm, FleetHost *to);
    void insertPending(FleetHost *host, std::vector<std::unique_ptr<FleetVm>> &pending);
    void removeRows(FleetHost *host, int first, int last);
    void setShadow(FleetVm *vm, FleetHost *host, const Vm &report);
    void dropShadow(FleetVm *vm, int hostId);
    bool handOver(FleetVm *vm);
    void rememberDeparture(const FleetVm &vm);
    void takeDeparture(FleetVm *vm);

    QVariant hostData(const FleetHost *host, int column, int role) const;
    QVariant vmData(const FleetVm *vm, int column, int role) const;
    QString hostToolTip(const FleetHost *host) const;
    QString vmToolTip(const FleetVm *vm) const;
    QVariant decoration(protocol::ProtectionStatus status) const;

    std::vector<std::unique_ptr<FleetHost>> m_hosts;
    QHash<int, FleetHost *> m_hostById;
    QHash<QUuid, FleetVm *> m_vmById;
    QHash<QUuid, Departed> m_departed;
    quint64 m_listMark = 0;
    QList<QIcon> m_icons;

    int m_batchDepth = 0;
    QSet<FleetVm *> m_dirtyVms;
    QHash<FleetHost *, std::shared_ptr<Summary>> m_dirtyHosts; // with their state before the batch
    QSet<FleetVm *> m_resortVms;
    QSet<FleetHost *> m_resortHosts;
    QTimer m_resortTimer;
};

} // namespace mamori::console
