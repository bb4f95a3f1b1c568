// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"
#include "protocol/ProtectionStatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

namespace mamori::console {

enum class Power { Running, Paused, ShutOff, Unknown };
enum class RealtimeMode { On, Off, Block, Unknown };

Power powerFromName(const QString &name);
QString realtimeModeName(RealtimeMode mode);
RealtimeMode realtimeModeFromName(const QString &name);

// A virtual machine as GET /api/v1/vms lists it (docs/api.md, Virtual
// machines). Times are UTC; an invalid one means "never".
struct Vm
{
    QUuid id;
    QString name;
    Power power = Power::Unknown;
    // A status word from a newer appliance reads as Unknown, not guessed.
    protocol::ProtectionStatus status = protocol::ProtectionStatus::Unknown;
    QString reason; // the appliance's word for why, e.g. "scan_overdue"
    RealtimeMode realtime = RealtimeMode::Unknown;
    QDateTime lastScan;
    QDateTime lastFullScan;
    int openIncidents = 0;
    bool isolated = false;
    QString root; // the VM's files on the host; empty when not shown to the role

    bool operator==(const Vm &) const = default;
};

Parsed<Vm> parseVm(const QJsonObject &object);
// GET /api/v1/vms/{id}.
Parsed<Vm> parseVm(const QByteArray &json);
// GET /api/v1/vms: {"vms": [...]}.
Parsed<QList<Vm>> parseVmList(const QJsonObject &answer);
Parsed<QList<Vm>> parseVmList(const QByteArray &json);

} // namespace mamori::console
