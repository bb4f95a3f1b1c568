// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/Role.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace mamori::appliance {

// What a role may see of the appliance's objects (docs/api.md, Roles): the
// one place that shapes them, for the REST answers and for the event
// stream alike, so that an event never shows a role more than the REST
// answer about the same thing would.

// A VM as GET /api/v1/vms shows it: no file root for virtualization-admin.
QJsonObject vmForRole(QJsonObject vm, protocol::Role role);
// An incident, for the roles that may read incidents at all.
QJsonObject incidentForRole(QJsonObject incident, protocol::Role role);
// A scan job as GET /api/v1/scans shows it.
QJsonObject jobForRole(QJsonObject job, protocol::Role role);

// Every event type the appliance records, with the REST resource whose
// answer its data mirrors. A role that may not read that resource sees the
// event (its sequence number, time and type) with only the VM it concerns.
struct EventKind
{
    const char *type;
    const char *method;
    const char *pattern; // of AccessPolicy's endpoint table
};
const QList<EventKind> &eventKinds();

// An event's data as `role` may see it. A type missing from eventKinds() is
// treated like an incident's (the most guarded) and logged once.
QJsonObject eventDataForRole(const QString &type, const QJsonObject &data, protocol::Role role);

} // namespace mamori::appliance
