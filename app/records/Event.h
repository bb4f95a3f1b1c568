// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Incident.h"
#include "Parsed.h"
#include "ScanJob.h"
#include "Vm.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>
#include <variant>

namespace mamori::console {

// vm.added, vm.removed, vm.power, vm.changed, vm.isolation.
struct VmChange
{
    QUuid vm;
    QString name; // empty for vm.isolation
    Power power = Power::Unknown;
    std::optional<bool> isolated; // vm.isolation only

    bool operator==(const VmChange &) const = default;
};

// What the other events say (appliance.*, pattern.*, scan.incomplete,
// scan.governor): the fields each type has, the others empty.
struct EventNotice
{
    QUuid vm;
    QString path;
    QString reason;
    QString what;
    QString message;
    QString version;
    QString previous;
    QString how;
    QString newest;
    qint64 availableSeconds = 0;
    bool paused = false;

    bool operator==(const EventNotice &) const = default;
};

// One event of an appliance's stream (docs/api.md, Events). scan.* and
// incident.* carry the whole job or incident.
struct Event
{
    qint64 seq = 0;
    QDateTime time; // when the appliance wrote it
    QString type;
    std::variant<std::monostate, VmChange, ScanJob, Incident, EventNotice> data;
    // A known type whose data could not be read: what was wrong. The event
    // still counts (its sequence number is taken), its change cannot be
    // applied.
    QString dataError;

    template<typename T> const T *as() const { return std::get_if<T>(&data); }
};

// GET /api/v1/events.
struct EventPage
{
    QList<Event> events;
    qint64 lastSeq = 0;
    bool gap = false; // events after `after` were trimmed before we saw them
};

Parsed<Event> parseEvent(const QJsonObject &object);
Parsed<EventPage> parseEventPage(const QJsonObject &answer);
Parsed<EventPage> parseEventPage(const QByteArray &json);

} // namespace mamori::console
