// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Confirm.h"

#include <QCoreApplication>
#include <QString>
#include <QUuid>

#include <functional>

namespace mamori::console {
class Fleet;
struct Vm;
} // namespace mamori::console

namespace mamori::ui {

// What can be done to one VM (its page, the Hosts and VMs page's menu):
// scan it now, cut it off the network, let it back. Each action knows when
// it may run (role, connection, the VM's state) and says why not; isolation
// is an incident action on the appliance (docs/api.md), so it goes through
// the VM's newest open incident.
class VmActions
{
    Q_DECLARE_TR_FUNCTIONS(VmActions)

public:
    enum class Action { ScanNow, Isolate, Release };
    using Done = std::function<void(const QString &result)>;

    VmActions(console::Fleet *fleet, ConfirmFunction confirm);

    static QString label(Action action);
    // Empty when `action` may run now, else why not (for the tooltip).
    QString refusal(Action action, int hostId, const QUuid &vm) const;
    // Runs it after confirmation where it is destructive; `done` gets the
    // outcome in words (at once when it may not run; never when the admin
    // says no). True when a request went to the appliance.
    bool run(Action action, int hostId, const QUuid &vm, Done done) const;
    // The incident isolation goes through: the VM's newest open one, else
    // its newest; empty when it has none.
    QString isolationIncident(int hostId, const QUuid &vm) const;

private:
    console::Fleet *m_fleet;
    ConfirmFunction m_confirm;
};

} // namespace mamori::ui
