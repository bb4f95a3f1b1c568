// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel: what its rows show. Texts are made here, on request, so that a
// language switch only needs retranslate().
#include "FleetModel.h"
#include "FleetTree.h"
#include "StatusText.h"

#include <QBrush>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace mamori::console {

using protocol::ProtectionStatus;

namespace {

bool haveGui()
{
    return qobject_cast<QGuiApplication *>(QCoreApplication::instance()) != nullptr;
}

QVariant greyed()
{
    if (haveGui())
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    return QBrush(Qt::gray);
}

QVariant alignment(int column)
{
    if (column == FleetModel::IncidentsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace

static QString contactText(const QString &hostName, bool reachable, const QDateTime &lastContact)
{
    if (reachable)
        return FleetModel::tr("Last contact %1 (%2).")
            .arg(StatusText::time(lastContact), StatusText::age(lastContact));
    if (!lastContact.isValid())
        return FleetModel::tr("The appliance of %1 has not been reached yet.").arg(hostName);
    return FleetModel::tr("The appliance of %1 cannot be reached; last contact %2 (%3).")
        .arg(hostName, StatusText::time(lastContact), StatusText::age(lastContact));
}

// Unknown because the host's VM list could not be read, not because its
// appliance is unreachable: it says which.
static QString protectionText(const FleetHost *host, ProtectionStatus shown)
{
    if (shown == ProtectionStatus::Unknown && host->reachable && !host->vmsKnown())
        return FleetModel::tr("Unknown (not read)");
    return StatusText::protection(shown);
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (const FleetVm *vm = vmAt(index))
        return vmData(vm, index.column(), role);
    if (const FleetHost *host = hostAt(index))
        return hostData(host, index.column(), role);
    return {};
}

QVariant FleetModel::hostData(const FleetHost *host, int column, int role) const
{
    const ProtectionStatus shown = host->shownStatus();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return host->name;
        case PowerColumn: {
            const QString running =
                tr("%1 of %2 running").arg(host->running).arg(int(host->vms.size()));
            // Figures of an appliance out of reach are old: they say how old.
            return host->reachable ? running
                                   : tr("%1, %2").arg(running, StatusText::asOf(host->lastContact));
        }
        case ProtectionColumn:
            // Answers but not every read: it says so rather than "Unknown".
            if (shown == ProtectionStatus::Unknown && host->vmsKnown() && host->degraded())
                return tr("Degraded");
            return protectionText(host, shown);
        case PatternColumn:
            return host->patternVersion;
        case LastScanColumn: {
            const auto ms = host->oldestScan();
            if (!ms)
                return QString();
            if (*ms < 0)
                return tr("Never");
            return StatusText::time(QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC));
        }
        case IncidentsColumn:
            return host->openIncidents;
        }
        return {};
    case Qt::DecorationRole:
        return column == ProtectionColumn ? decoration(shown) : QVariant();
    case Qt::ForegroundRole:
        return host->vmsKnown() ? QVariant() : greyed();
    case Qt::ToolTipRole:
        return StatusText::toolTip(hostToolTip(host));
    case Qt::TextAlignmentRole:
        return alignment(column);
    case StatusRole:
        return int(shown);
    case LastKnownStatusRole:
        return int(host->worstStatus());
    case VmIdRole:
        return QVariant::fromValue(QUuid());
    case HostIdRole:
        return host->id;
    case SortRole:
        return sortKey(host->sortKeys, column);
    case ReachableRole:
        return host->reachable;
    case LastContactRole:
        return host->lastContact;
    case AsOfRole:
        return host->reachable ? QString() : StatusText::asOf(host->lastContact);
    case TroubleRole:
        return host->reachable ? host->trouble.text() : QString();
    }
    return {};
}

QVariant FleetModel::vmData(const FleetVm *vm, int column, int role) const
{
    const ProtectionStatus shown = vm->host->vmsKnown() ? vm->vm.status : ProtectionStatus::Unknown;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return vm->vm.name;
        case PowerColumn:
            return StatusText::power(vm->vm.power);
        case ProtectionColumn:
            return protectionText(vm->host, shown);
        case PatternColumn:
            return QString(); // the pattern is the host's, shown on its row
        case LastScanColumn:
            return vm->lastScan.isValid() ? StatusText::time(vm->lastScan) : tr("Never");
        case IncidentsColumn:
            return vm->openIncidents;
        }
        return {};
    case Qt::DecorationRole:
        return column == ProtectionColumn ? decoration(shown) : QVariant();
    case Qt::ForegroundRole:
        return vm->host->vmsKnown() ? QVariant() : greyed();
    case Qt::ToolTipRole:
        // Names are not markup, whoever chose them.
        return StatusText::toolTip(vmToolTip(vm));
    case Qt::TextAlignmentRole:
        return alignment(column);
    case StatusRole:
        return int(shown);
    case LastKnownStatusRole:
        return int(vm->vm.status);
    case VmIdRole:
        return QVariant::fromValue(vm->vm.id);
    case HostIdRole:
        return vm->host->id;
    case SortRole:
        return sortKey(vm->sortKeys, column);
    case MovedFromRole:
        if (vm->movedFrom.isNull())
            return QString();
        return tr("Moved from %1 at %2").arg(vm->movedFrom, StatusText::time(vm->movedAt));
    case MovedAtRole:
        return vm->movedAt;
    case ReasonRole:
        return vm->vm.reason;
    case ReachableRole:
        return vm->host->reachable;
    case LastContactRole:
        return vm->host->lastContact;
    case AsOfRole:
        return vm->host->reachable ? QString() : StatusText::asOf(vm->host->lastContact);
    case RootRole:
        return vm->vm.root;
    case LastScanRole:
        return vm->lastScan;
    case TroubleRole:
        return vm->host->reachable ? vm->host->trouble.text() : QString();
    }
    return {};
}

QString FleetModel::hostToolTip(const FleetHost *host) const
{
    QStringList lines {contactText(host->name, host->reachable, host->lastContact),
        tr("%n virtual machine(s)", nullptr, int(host->vms.size()))};
    if (!host->patternVersion.isEmpty())
        lines << tr("Pattern file: %1").arg(host->patternVersion);
    if (host->degraded())
        lines << host->trouble.text();
    return lines.join(QLatin1Char('\n'));
}

QString FleetModel::vmToolTip(const FleetVm *vm) const
{
    QStringList lines;
    const QString reason = StatusText::reason(vm->vm.reason);
    const QString state = reason.isEmpty()
        ? StatusText::protection(vm->vm.status)
        : tr("%1: %2").arg(StatusText::protection(vm->vm.status), reason);
    if (vm->host->vmsKnown()) {
        lines << state;
    } else if (vm->host->reachable) {
        lines << vm->host->trouble.text() << tr("Last known state: %1").arg(state);
    } else {
        lines << contactText(vm->host->name, false, vm->host->lastContact)
              << tr("Last known state: %1").arg(state);
    }
    const QString moved = data(indexOf(vm), MovedFromRole).toString();
    if (!moved.isEmpty())
        lines << moved;
    return lines.join(QLatin1Char('\n'));
}

QVariant FleetModel::decoration(ProtectionStatus status) const
{
    const QIcon icon = m_icons.value(int(status));
    return icon.isNull() ? QVariant() : QVariant(icon);
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case PowerColumn:
        return tr("Power");
    case ProtectionColumn:
        return tr("Protection");
    case PatternColumn:
        return tr("Pattern version");
    case LastScanColumn:
        return tr("Last scan");
    case IncidentsColumn:
        return tr("Open incidents");
    }
    return {};
}

void FleetModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_hosts.empty())
        return;
    emit dataChanged(index(0, 0), index(int(m_hosts.size()) - 1, ColumnCount - 1));
    for (const auto &host : m_hosts) {
        if (!host->vms.empty()) {
            const QModelIndex parent = indexOf(host.get());
            emit dataChanged(
                index(0, 0, parent), index(int(host->vms.size()) - 1, ColumnCount - 1, parent));
        }
    }
}

} // namespace mamori::console
