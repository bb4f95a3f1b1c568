// SPDX-License-Identifier: GPL-2.0-or-later
#include "VmActions.h"

#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/ScanJobModel.h"
#include "app/models/StatusText.h"

namespace mamori::ui {

using console::ApplianceConnection;
using console::IncidentAction;

VmActions::VmActions(console::Fleet *fleet, ConfirmFunction confirm)
    : m_fleet(fleet), m_confirm(std::move(confirm))
{ }

QString VmActions::label(Action action)
{
    switch (action) {
    case Action::ScanNow:
        return tr("&Scan now");
    case Action::Isolate:
        return tr("&Isolate VM…");
    case Action::Release:
        return tr("&Release VM");
    }
    return {};
}

QString VmActions::isolationIncident(int hostId, const QUuid &vm) const
{
    const console::Incident *best = nullptr;
    for (const console::Incident &i : m_fleet->incidents()->incidents(hostId)) {
        if (i.vm != vm)
            continue;
        // Open before resolved, then the newest.
        if (!best || (i.isOpen() && !best->isOpen())
            || (i.isOpen() == best->isOpen() && i.lastSeen > best->lastSeen))
            best = m_fleet->incidents()->incident(hostId, i.id);
    }
    return best ? best->id : QString();
}

QString VmActions::refusal(Action action, int hostId, const QUuid &vmId) const
{
    ApplianceConnection *c = m_fleet->connection(hostId);
    const console::Vm *vm = m_fleet->model()->vm(vmId);
    if (!c || !c->isOnline())
        return tr("The VM's appliance is not connected.");
    if (!vm)
        return tr("The appliance no longer lists this VM.");
    const QString deed =
        action == Action::ScanNow ? tr("start scans") : tr("isolate or release VMs");
    if (!c->mayAct())
        return console::StatusText::roleRefusal(c->role(), deed);
    switch (action) {
    case Action::ScanNow:
        for (const console::ScanJob &j : m_fleet->scanJobs()->jobs(hostId)) {
            if (j.vm == vmId && !j.hasEnded())
                return tr("A scan of this VM is already running or waiting.");
        }
        return {};
    case Action::Isolate:
        if (vm->isolated)
            return tr("The VM is already isolated.");
        if (isolationIncident(hostId, vmId).isEmpty())
            return tr("Isolation is recorded on an incident, and this VM has none.");
        return {};
    case Action::Release:
        if (!vm->isolated)
            return tr("The VM is not isolated.");
        if (isolationIncident(hostId, vmId).isEmpty())
            return tr("Release is recorded on an incident, and this VM has none.");
        return {};
    }
    return {};
}

bool VmActions::run(Action action, int hostId, const QUuid &vmId, Done done) const
{
    ApplianceConnection *c = m_fleet->connection(hostId);
    const console::Vm *vm = m_fleet->model()->vm(vmId);
    const QString why = refusal(action, hostId, vmId);
    if (!why.isEmpty() || !c || !vm) {
        done(why);
        return false;
    }
    const QString name = vm->name;
    if (action == Action::ScanNow) {
        c->startScans({vmId}, console::ScanKind::Full, {},
            [done, name](const console::Reply<QList<console::ScanJob>> &r) {
                done(r.ok() ? tr("A full scan of %1 is queued.").arg(name) : r.error.userMessage());
            });
        return true;
    }
    // Shown as plain text (defaultConfirm): the VM's name is the guest's.
    if (action == Action::Isolate
        && !m_confirm(tr("Cut VM %1 off the network? Its network links stay down until "
                         "you release it.")
                          .arg(name)))
        return false;
    const bool isolate = action == Action::Isolate;
    c->incidentAction(isolationIncident(hostId, vmId),
        isolate ? IncidentAction::IsolateVm : IncidentAction::ReleaseVm, {}, {},
        [done, name, isolate](const console::Reply<console::Incident> &r) {
            done(!r.ok()      ? r.error.userMessage()
                    : isolate ? tr("%1 is isolated from the network.").arg(name)
                              : tr("%1 is back on the network.").arg(name));
        });
    return true;
}

} // namespace mamori::ui
