// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel: what its rows show. Texts are made here, on request, so that a
// language switch only needs retranslate().
#include "FleetModel_p.h"

#include <QBrush>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <limits>

namespace mamori::console {

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

QString timeText(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QVariant alignment(int column)
{
    if (column == FleetModel::IncidentsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace

QString FleetModel::statusText(ProtectionStatus status)
{
    switch (status) {
    case ProtectionStatus::Protected:
        return tr("Protected");
    case ProtectionStatus::Scanning:
        return tr("Scanning");
    case ProtectionStatus::Unknown:
        return tr("Unknown (unreachable)");
    case ProtectionStatus::AtRisk:
        return tr("At risk");
    case ProtectionStatus::Unprotected:
        return tr("Unprotected");
    case ProtectionStatus::Infected:
        return tr("Infected");
    }
    return {};
}

QString FleetModel::powerText(Power power)
{
    switch (power) {
    case Power::Running:
        return tr("Running");
    case Power::Paused:
        return tr("Paused");
    case Power::ShutOff:
        return tr("Shut off");
    case Power::Unknown:
        break;
    }
    return tr("Unknown", "power state");
}

QString FleetModel::reasonText(const QString &reason)
{
    static const QHash<QString, const char *> texts = {
        {QStringLiteral("no_pattern"), QT_TR_NOOP("No pattern file is installed.")},
        {QStringLiteral("realtime_off"), QT_TR_NOOP("Real-time scanning is off.")},
        {QStringLiteral("root_unreadable"), QT_TR_NOOP("The VM's files cannot be read.")},
        {QStringLiteral("scan_overdue"), QT_TR_NOOP("A full scan is overdue.")},
        {QStringLiteral("pattern_outdated"), QT_TR_NOOP("The pattern file is out of date.")},
        {QStringLiteral("open_incident"), QT_TR_NOOP("An incident is open.")},
        {QStringLiteral("never_scanned"), QT_TR_NOOP("The VM has never had a full scan.")},
        {QStringLiteral("scanning"), QT_TR_NOOP("A scan is running.")},
        {QStringLiteral("scanned_with_older_pattern"),
            QT_TR_NOOP("The last full scan used an older pattern file.")},
        {QStringLiteral("disks_unreadable"), QT_TR_NOOP("The VM's disks cannot be read.")},
        {QStringLiteral("filesystem_not_scannable"),
            QT_TR_NOOP("A file system on the VM's disks cannot be scanned.")},
        {QStringLiteral("ok"), ""},
    };
    const auto it = texts.constFind(reason);
    if (it == texts.constEnd())
        return reason; // a newer appliance's word: better shown raw than hidden
    return **it ? tr(*it) : QString();
}

static QString ageText(const QDateTime &time)
{
    const qint64 secs = time.secsTo(QDateTime::currentDateTimeUtc());
    if (secs < 60)
        return FleetModel::tr("just now");
    if (secs < 3600)
        return FleetModel::tr("%n minute(s) ago", nullptr, int(secs / 60));
    if (secs < 86400)
        return FleetModel::tr("%n hour(s) ago", nullptr, int(secs / 3600));
    return FleetModel::tr("%n day(s) ago", nullptr, int(secs / 86400));
}

static QString contactText(const QString &hostName, bool reachable, const QDateTime &lastContact)
{
    if (reachable)
        return FleetModel::tr("Last contact %1 (%2).")
            .arg(timeText(lastContact), ageText(lastContact));
    if (!lastContact.isValid())
        return FleetModel::tr("The appliance of %1 has not been reached yet.").arg(hostName);
    return FleetModel::tr("The appliance of %1 cannot be reached; last contact %2 (%3).")
        .arg(hostName, timeText(lastContact), ageText(lastContact));
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (const Vm *vm = vmAt(index))
        return vmData(vm, index.column(), role);
    if (const Host *host = hostAt(index))
        return hostData(host, index.column(), role);
    return {};
}

QVariant FleetModel::hostData(const Host *host, int column, int role) const
{
    const ProtectionStatus shown = host->shownStatus();
    // The host is only as well covered as its least recently scanned VM; a
    // VM never scanned counts as -1.
    auto oldest = [host]() -> QVariant {
        if (host->vms.empty())
            return {};
        qint64 result = std::numeric_limits<qint64>::max();
        for (const auto &vm : host->vms)
            result =
                std::min(result, vm->lastScan.isValid() ? vm->lastScan.toMSecsSinceEpoch() : -1);
        return result;
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return host->name;
        case PowerColumn:
            return tr("%1 of %2 running").arg(host->running).arg(int(host->vms.size()));
        case ProtectionColumn:
            return statusText(shown);
        case PatternColumn:
            return host->patternVersion;
        case LastScanColumn: {
            const QVariant ms = oldest();
            if (!ms.isValid())
                return QString();
            if (ms.toLongLong() < 0)
                return tr("Never");
            return timeText(QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC));
        }
        case IncidentsColumn:
            return host->openIncidents;
        }
        return {};
    case Qt::DecorationRole:
        return column == ProtectionColumn ? decoration(shown) : QVariant();
    case Qt::ForegroundRole:
        return host->reachable ? QVariant() : greyed();
    case Qt::ToolTipRole:
        return hostToolTip(host);
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
        switch (column) {
        case NameColumn:
            return host->name;
        case PowerColumn:
            return host->running;
        case ProtectionColumn:
            return int(shown);
        case PatternColumn:
            return host->patternVersion;
        case LastScanColumn:
            return oldest();
        case IncidentsColumn:
            return host->openIncidents;
        }
        return {};
    case ReachableRole:
        return host->reachable;
    case LastContactRole:
        return host->lastContact;
    }
    return {};
}

QVariant FleetModel::vmData(const Vm *vm, int column, int role) const
{
    const ProtectionStatus shown = vm->host->reachable ? vm->status : ProtectionStatus::Unknown;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return vm->name;
        case PowerColumn:
            return powerText(vm->power);
        case ProtectionColumn:
            return statusText(shown);
        case PatternColumn:
            return QString(); // the pattern is the host's, shown on its row
        case LastScanColumn:
            return vm->lastScan.isValid() ? timeText(vm->lastScan) : tr("Never");
        case IncidentsColumn:
            return vm->openIncidents;
        }
        return {};
    case Qt::DecorationRole:
        return column == ProtectionColumn ? decoration(shown) : QVariant();
    case Qt::ForegroundRole:
        return vm->host->reachable ? QVariant() : greyed();
    case Qt::ToolTipRole:
        return vmToolTip(vm);
    case Qt::TextAlignmentRole:
        return alignment(column);
    case StatusRole:
        return int(shown);
    case LastKnownStatusRole:
        return int(vm->status);
    case VmIdRole:
        return QVariant::fromValue(vm->id);
    case HostIdRole:
        return vm->host->id;
    case SortRole:
        switch (column) {
        case NameColumn:
            return vm->name;
        case PowerColumn:
            return int(vm->power);
        case ProtectionColumn:
            return int(shown);
        case PatternColumn:
            return QString();
        case LastScanColumn:
            return vm->lastScan.isValid() ? vm->lastScan.toMSecsSinceEpoch() : qint64(-1);
        case IncidentsColumn:
            return vm->openIncidents;
        }
        return {};
    case MovedFromRole:
        if (vm->movedFrom.isNull())
            return QString();
        return tr("Moved from %1 at %2").arg(vm->movedFrom, timeText(vm->movedAt));
    case MovedAtRole:
        return vm->movedAt;
    case ReasonRole:
        return vm->reason;
    case ReachableRole:
        return vm->host->reachable;
    case LastContactRole:
        return vm->host->lastContact;
    case RootRole:
        return vm->root;
    }
    return {};
}

QString FleetModel::hostToolTip(const Host *host) const
{
    QStringList lines {contactText(host->name, host->reachable, host->lastContact),
        tr("%n virtual machine(s)", nullptr, int(host->vms.size()))};
    if (!host->patternVersion.isEmpty())
        lines << tr("Pattern file: %1").arg(host->patternVersion);
    return lines.join(QLatin1Char('\n'));
}

QString FleetModel::vmToolTip(const Vm *vm) const
{
    QStringList lines;
    const QString reason = reasonText(vm->reason);
    const QString state = reason.isEmpty() ? statusText(vm->status)
                                           : tr("%1: %2").arg(statusText(vm->status), reason);
    if (vm->host->reachable) {
        lines << state;
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
    QIcon &icon = m_icons[size_t(status)];
    if (icon.isNull() && haveGui())
        icon = statusIcon(status);
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
