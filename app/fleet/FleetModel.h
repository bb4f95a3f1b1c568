// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/ProtectionStatus.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QIcon>
#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace mamori::console {

// The fleet as a tree: hosts (keyed by the console's local appliance id) at
// the top, their VMs (keyed by VM UUID) below. Every update changes rows in
// place (dataChanged, insert, remove, move), never with a reset, so that
// views keep their selection and scroll position while events stream in.
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
    };
    enum class Power { Running, Paused, ShutOff, Unknown };
    static constexpr qint64 kDepartedKeepMs = 120'000;

    explicit FleetModel(QObject *parent = nullptr);
    ~FleetModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds the host (at the end) or renames it. A new host counts as not
    // reached yet, so its VMs show Unknown until setHostReachable(true, ...).
    void setHost(int hostId, const QString &name);
    void removeHost(int hostId);
    // While unreachable, the host's VMs show Unknown, greyed, and keep their
    // last known state (LastKnownStatusRole) for the detail pane.
    void setHostReachable(int hostId, bool reachable, const QDateTime &lastContact);
    void setHostPatternVersion(int hostId, const QString &version);

    // The host's whole VM list (objects as in GET /api/v1/vms); VMs it no
    // longer lists leave it. A VM that another host lists is the same VM
    // (live migration): it moves here when this host reports it running, and
    // otherwise stays where it is, this host's copy (libvirt keeps a shut-off
    // one at the source) being where it goes if its own host drops it. Every
    // move keeps the VM's incidents and scans and sets MovedFromRole.
    void applyVmList(int hostId, const QJsonArray &vms);
    void applyVm(int hostId, const QJsonObject &vm);
    // Removes the VM from that host only: a late vm.removed from the source
    // of a migration does not remove it from its new host. A VM that leaves
    // its host with no other host listing it is remembered for
    // kDepartedKeepMs: if another host reports it in that time, it moved
    // there (the destination's appliance may well report after the source's).
    void removeVm(int hostId, const QUuid &vmId);
    // Open incidents as counted by one appliance; a VM shows the sum, so the
    // incidents recorded by the source of a migration stay with the VM.
    void setVmOpenIncidents(int hostId, const QUuid &vmId, int count);
    // The newest time wins, so the scan histories of two hosts combine.
    void setVmLastScan(const QUuid &vmId, const QDateTime &time);
    // Empties the model (e.g. when switching profiles): the one reset.
    void clear();

    QModelIndex hostIndex(int hostId, int column = 0) const;
    QModelIndex vmIndex(const QUuid &vmId, int column = 0) const;
    int hostCount() const { return int(m_hosts.size()); }
    int vmCount() const { return int(m_vmById.size()); }

    // Call after installing another translator: texts are made in data().
    void retranslate();

    static QString statusText(protocol::ProtectionStatus status);
    static QString powerText(Power power);
    static QString reasonText(const QString &reason);
    // A shape per status (never colour alone); needs a QGuiApplication.
    static QIcon statusIcon(protocol::ProtectionStatus status);

private:
    struct Host;
    struct Vm;
    struct VmReport;
    struct Summary;
    struct Departed;

    Host *hostAt(const QModelIndex &index) const;
    Vm *vmAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Host *host, int column = 0) const;
    QModelIndex indexOf(const Vm *vm, int column = 0) const;
    void emitRow(const Host *host, int first = NameColumn, int last = ColumnCount - 1);
    void emitRow(const Vm *vm, int first = NameColumn, int last = ColumnCount - 1);
    void emitHostIfChanged(Host *host, const Summary &before);
    static Summary summaryOf(const Host *host);
    static std::optional<VmReport> parseVm(const QJsonObject &object);

    bool place(Host *host, const VmReport &report, std::vector<std::unique_ptr<Vm>> &pending);
    void update(Vm *vm, const VmReport &report);
    void moveVm(Vm *vm, Host *to);
    void insertPending(Host *host, std::vector<std::unique_ptr<Vm>> &pending);
    void removeRows(Host *host, int first, int last);
    void setShadow(Vm *vm, Host *host, const VmReport &report);
    void dropShadow(Vm *vm, int hostId);
    bool handOver(Vm *vm);
    void rememberDeparture(const Vm &vm);
    void takeDeparture(Vm *vm);

    QVariant hostData(const Host *host, int column, int role) const;
    QVariant vmData(const Vm *vm, int column, int role) const;
    QString hostToolTip(const Host *host) const;
    QString vmToolTip(const Vm *vm) const;
    QVariant decoration(protocol::ProtectionStatus status) const;

    std::vector<std::unique_ptr<Host>> m_hosts;
    QHash<int, Host *> m_hostById;
    QHash<QUuid, Vm *> m_vmById;
    quint64 m_listMark = 0;
    QHash<QUuid, Departed> m_departed; // VMs gone from every host, for a while
    mutable std::array<QIcon, 6> m_icons; // drawn on first use
};

} // namespace mamori::console
