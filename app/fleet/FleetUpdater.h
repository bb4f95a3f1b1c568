// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/Alert.h"
#include "app/records/Incident.h"
#include "app/records/ScanJob.h"
#include "app/records/Vm.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>
#include <variant>

namespace mamori::console {

class AlertModel;
class FleetModel;
class IncidentModel;
class ScanJobModel;

// What the appliances report, gathered for one frame and then applied to
// each model in one batch: with 200 appliances reporting in the same second
// the views sort, filter and lay out once a frame, not once an appliance.
// Within a frame the latest word on a VM, job or incident wins; a whole list
// replaces what came before it.
class FleetUpdater : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFrameMs = 16;

    FleetUpdater(FleetModel *fleet, ScanJobModel *jobs, IncidentModel *incidents,
        AlertModel *alerts, QObject *parent = nullptr);

    void vmList(int hostId, const QList<Vm> &vms);
    void vm(int hostId, const Vm &vm);
    void vmChange(int hostId, const VmChange &change);
    void vmRemoved(int hostId, const QUuid &vmId);
    void vmScanned(const QUuid &vmId, const QDateTime &time);
    void jobList(int hostId, const QList<ScanJob> &jobs);
    void job(int hostId, const ScanJob &job);
    void incidentList(int hostId, const QList<Incident> &incidents);
    void incident(int hostId, const Incident &incident);
    void alert(const Alert &alert);
    // Drops what is pending for a host that leaves.
    void forget(int hostId);

    // Applies what is pending now (tests and benchmarks; otherwise the frame
    // timer does).
    void flush();
    bool isPending() const { return m_timer.isActive(); }

Q_SIGNALS:
    // After every flush: the models show everything reported so far.
    void flushed();

private:
    struct Removed
    {
    };
    using VmOp = std::variant<Vm, VmChange, Removed>;
    struct HostChanges
    {
        std::optional<QList<Vm>> vmList;
        QHash<QUuid, VmOp> vms;
        std::optional<QList<ScanJob>> jobList;
        QHash<QString, ScanJob> jobs;
        std::optional<QList<Incident>> incidentList;
        QHash<QString, Incident> incidents;
    };

    HostChanges &pending(int hostId);

    FleetModel *m_fleet;
    ScanJobModel *m_jobs;
    IncidentModel *m_incidents;
    AlertModel *m_alerts;
    QHash<int, HostChanges> m_pending;
    QHash<QUuid, QDateTime> m_scanned;
    QList<Alert> m_newAlerts;
    QTimer m_timer;
};

} // namespace mamori::console
