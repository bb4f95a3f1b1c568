// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"
#include "protocol/ProtectionStatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace mamori::console {

enum class Power { Running, Paused, ShutOff, Unknown };
// Unavailable: an image VM, whose disks nothing can watch from outside.
enum class RealtimeMode { On, Off, Block, Unavailable, Unknown };
// Directory: the VM's files are a folder on the host; Image: its disks are
// read from outside (docs/api.md, Virtual machines).
enum class VmKind { Directory, Image, Unknown };

Power powerFromName(const QString &name);
QString realtimeModeName(RealtimeMode mode);
RealtimeMode realtimeModeFromName(const QString &name);

// One disk of a VM as the appliance sees it in the domain.
struct VmDisk
{
    QString target; // the guest's name for it, "vda"
    QString type; // "file", "block", "network", ...
    QString format; // the driver type, "qcow2"
    QString source;
    QStringList backing; // the backing chain's paths, nearest first
    QString goldenImage; // the bottom of that chain; empty without one
    bool readable = false;

    bool operator==(const VmDisk &) const = default;
};

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
    VmKind kind = VmKind::Unknown;
    QList<VmDisk> disks; // only VMs with disks have them
    QString goldenImage; // that of the first disk with a backing chain

    bool operator==(const Vm &) const = default;
};

Parsed<Vm> parseVm(const QJsonObject &object);
// GET /api/v1/vms/{id}.
Parsed<Vm> parseVm(const QByteArray &json);
// GET /api/v1/vms: {"vms": [...]}.
Parsed<QList<Vm>> parseVmList(const QJsonObject &answer);
Parsed<QList<Vm>> parseVmList(const QByteArray &json);

} // namespace mamori::console
