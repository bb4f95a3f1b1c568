// SPDX-License-Identifier: GPL-2.0-or-later
#include "FleetUpdater.h"

#include "app/models/AlertModel.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/ScanJobModel.h"

namespace mamori::console {

FleetUpdater::FleetUpdater(FleetModel *fleet, ScanJobModel *jobs, IncidentModel *incidents,
    AlertModel *alerts, QObject *parent)
    : QObject(parent), m_fleet(fleet), m_jobs(jobs), m_incidents(incidents), m_alerts(alerts)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kFrameMs);
    connect(&m_timer, &QTimer::timeout, this, &FleetUpdater::flush);
}

FleetUpdater::HostChanges &FleetUpdater::pending(int hostId)
{
    if (!m_timer.isActive())
        m_timer.start();
    return m_pending[hostId];
}

void FleetUpdater::vmList(int hostId, const QList<Vm> &vms)
{
    HostChanges &p = pending(hostId);
    p.vmList = vms;
    p.vms.clear(); // older than the list
}

void FleetUpdater::vm(int hostId, const Vm &vm)
{
    pending(hostId).vms.insert(vm.id, vm);
}

void FleetUpdater::vmChange(int hostId, const VmChange &change)
{
    HostChanges &p = pending(hostId);
    const auto it = p.vms.find(change.vm);
    if (it == p.vms.end()) {
        p.vms.insert(change.vm, change);
    } else if (Vm *known = std::get_if<Vm>(&*it)) {
        // The change on top of the record it follows.
        if (!change.name.isEmpty())
            known->name = change.name;
        if (change.power != Power::Unknown)
            known->power = change.power;
        if (change.isolated)
            known->isolated = *change.isolated;
    } else if (VmChange *earlier = std::get_if<VmChange>(&*it)) {
        if (!change.name.isEmpty())
            earlier->name = change.name;
        if (change.power != Power::Unknown)
            earlier->power = change.power;
        if (change.isolated)
            earlier->isolated = change.isolated;
    }
    // After a removal a change has nothing to change: the removal stands.
}

void FleetUpdater::vmRemoved(int hostId, const QUuid &vmId)
{
    pending(hostId).vms.insert(vmId, Removed {});
}

void FleetUpdater::vmScanned(const QUuid &vmId, const QDateTime &time)
{
    if (!m_timer.isActive())
        m_timer.start();
    QDateTime &newest = m_scanned[vmId];
    if (!newest.isValid() || time > newest)
        newest = time;
}

void FleetUpdater::jobList(int hostId, const QList<ScanJob> &jobs)
{
    HostChanges &p = pending(hostId);
    // The list replaces the reports of this frame, except an end that the
    // list, taken before it, does not know yet.
    QHash<QString, ScanJob> ends;
    for (const ScanJob &listed : jobs) {
        const auto reported = p.jobs.constFind(listed.id);
        if (reported != p.jobs.cend() && !reported->acceptsReport(listed))
            ends.insert(listed.id, *reported);
    }
    p.jobList = jobs;
    p.jobs = std::move(ends);
}

void FleetUpdater::job(int hostId, const ScanJob &job)
{
    QHash<QString, ScanJob> &jobs = pending(hostId).jobs;
    if (const auto reported = jobs.constFind(job.id);
        reported != jobs.cend() && !reported->acceptsReport(job))
        return;
    jobs.insert(job.id, job);
}

void FleetUpdater::incidentList(int hostId, const QList<Incident> &incidents)
{
    HostChanges &p = pending(hostId);
    p.incidentList = incidents;
    p.incidents.clear();
}

void FleetUpdater::incident(int hostId, const Incident &incident)
{
    pending(hostId).incidents.insert(incident.id, incident);
}

void FleetUpdater::alert(const Alert &alert)
{
    if (!m_timer.isActive())
        m_timer.start();
    m_newAlerts.append(alert);
}

void FleetUpdater::forget(int hostId)
{
    m_pending.remove(hostId);
    m_newAlerts.removeIf([hostId](const Alert &a) { return a.applianceId == hostId; });
}

void FleetUpdater::flush()
{
    m_timer.stop();
    const auto pendingNow = std::exchange(m_pending, {});
    const auto scanned = std::exchange(m_scanned, {});
    {
        FleetModel::Batch batch(m_fleet);
        for (auto it = pendingNow.cbegin(); it != pendingNow.cend(); ++it) {
            const int hostId = it.key();
            const HostChanges &p = it.value();
            if (p.vmList)
                m_fleet->applyVmList(hostId, *p.vmList);
            for (auto op = p.vms.cbegin(); op != p.vms.cend(); ++op) {
                if (const Vm *vm = std::get_if<Vm>(&*op))
                    m_fleet->applyVm(hostId, *vm);
                else if (const VmChange *change = std::get_if<VmChange>(&*op))
                    m_fleet->applyVmChange(hostId, *change);
                else
                    m_fleet->removeVm(hostId, op.key());
            }
        }
        for (auto it = scanned.cbegin(); it != scanned.cend(); ++it)
            m_fleet->setVmLastScan(it.key(), it.value());
    }
    for (auto it = pendingNow.cbegin(); it != pendingNow.cend(); ++it) {
        const HostChanges &p = it.value();
        if (p.jobList)
            m_jobs->setJobs(it.key(), *p.jobList);
        for (const ScanJob &job : p.jobs)
            m_jobs->applyJob(it.key(), job);
        if (p.incidentList)
            m_incidents->setIncidents(it.key(), *p.incidentList);
        for (const Incident &incident : p.incidents)
            m_incidents->applyIncident(it.key(), incident);
    }
    for (const Alert &alert : std::exchange(m_newAlerts, {}))
        m_alerts->addAlert(alert);
    Q_EMIT flushed();
}

} // namespace mamori::console
