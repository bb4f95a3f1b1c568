// SPDX-License-Identifier: GPL-2.0-or-later
#include "AlertText.h"

#include "HostTrouble.h"
#include "protocol/EventType.h"

#include <QHash>

namespace mamori::console {

namespace type = protocol::event;

QString AlertText::typeName(const QString &eventType)
{
    static const QHash<QString, const char *> names {
        {QLatin1String(type::kApplianceStarted), QT_TR_NOOP("Appliance started")},
        {QLatin1String(type::kApplianceTrouble), QT_TR_NOOP("Appliance trouble")},
        {QLatin1String(type::kVmAdded), QT_TR_NOOP("VM added")},
        {QLatin1String(type::kVmRemoved), QT_TR_NOOP("VM removed")},
        {QLatin1String(type::kVmPower), QT_TR_NOOP("VM power changed")},
        {QLatin1String(type::kVmChanged), QT_TR_NOOP("VM changed")},
        {QLatin1String(type::kVmIsolation), QT_TR_NOOP("VM isolation")},
        {QLatin1String(type::kScanQueued), QT_TR_NOOP("Scan queued")},
        {QLatin1String(type::kScanStarted), QT_TR_NOOP("Scan started")},
        {QLatin1String(type::kScanProgress), QT_TR_NOOP("Scan progress")},
        {QLatin1String(type::kScanPaused), QT_TR_NOOP("Scan paused")},
        {QLatin1String(type::kScanResumed), QT_TR_NOOP("Scan resumed")},
        {QLatin1String(type::kScanFinished), QT_TR_NOOP("Scan finished")},
        {QLatin1String(type::kScanCancelled), QT_TR_NOOP("Scan cancelled")},
        {QLatin1String(type::kScanFailed), QT_TR_NOOP("Scan failed")},
        {QLatin1String(type::kScanIncomplete), QT_TR_NOOP("File not fully scanned")},
        {QLatin1String(type::kScanGovernor), QT_TR_NOOP("Scan load governor")},
        {QLatin1String(type::kIncidentOpened), QT_TR_NOOP("New incident")},
        {QLatin1String(type::kIncidentChanged), QT_TR_NOOP("Incident updated")},
        {QLatin1String(type::kIncidentReopened), QT_TR_NOOP("Incident reopened")},
        {QLatin1String(type::kPatternChanged), QT_TR_NOOP("Pattern file changed")},
        {QLatin1String(type::kPatternRefused), QT_TR_NOOP("Pattern file refused")},
        {QLatin1String(type::kPatternStale), QT_TR_NOOP("Pattern file update waiting")},
        {QLatin1String(type::kPolicyChanged), QT_TR_NOOP("Policy changed")},
        {QLatin1String(kReadFailedAlert), QT_TR_NOOP("Appliance answers incomplete")},
        {QLatin1String(kReadsRestoredAlert), QT_TR_NOOP("Appliance answers complete again")},
        {QLatin1String(kUnreachableAlert), QT_TR_NOOP("Contact lost")},
        {QLatin1String(kReachableAgainAlert), QT_TR_NOOP("Contact restored")}};
    const char *name = names.value(eventType);
    return name ? tr(name) : eventType;
}

QString AlertText::describe(const Alert &a, const VmName &vmName)
{
    const auto vm = [&] {
        if (!a.vmName.isEmpty())
            return a.vmName;
        const QString name = vmName ? vmName(a.vm) : QString();
        return name.isEmpty() ? a.vm.toString(QUuid::WithoutBraces) : name;
    };
    if (a.type == QLatin1String(type::kApplianceTrouble)) {
        const QString area = a.what == QLatin1String("inventory") ? tr("VM inventory")
            : a.what == QLatin1String("realtime") ? tr("Real-time scanning of %1").arg(vm())
                                                  : a.what;
        return tr("%1 has a problem. The appliance reports: %2").arg(area, a.message);
    }
    if (a.type == QLatin1String(kReadFailedAlert)) {
        const QString shown = a.what == QLatin1String(HostTrouble::kVms)
            ? tr("Its VMs are shown as unknown until it is read.")
            : tr("The appliance is shown as degraded until it is read.");
        return HostTrouble::failureText(a.what, a.failure) + QLatin1Char(' ') + shown;
    }
    if (a.type == QLatin1String(kUnreachableAlert)) {
        return tr("The appliance cannot be reached (%1). Its figures are shown greyed, as of "
                  "the last contact; the console keeps trying.")
            .arg(a.message);
    }
    if (a.type == QLatin1String(kReachableAgainAlert))
        return tr("The appliance answers again.");
    if (a.type == QLatin1String(kReadsRestoredAlert))
        return tr("Everything the console reads from the appliance is answered again.");
    if (a.type == QLatin1String(type::kPatternRefused))
        return tr("Pattern file %1 was refused and not installed. The appliance reports: %2")
            .arg(a.version, a.reason);
    if (a.type == QLatin1String(type::kPatternStale)) {
        return tr("Pattern file %1 has been available for %n hour(s) and is not installed yet.",
            nullptr, int(a.availableSeconds / 3600))
            .arg(a.newest);
    }
    if (a.type == QLatin1String(type::kScanIncomplete)) {
        const QString why = a.reason.startsWith(QLatin1String("limits exceeded"))
            ? tr("a size or depth limit was reached")
            : a.reason == QLatin1String("encrypted archive") ? tr("the archive is encrypted")
                                                             : a.reason;
        return tr("%1 in %2 could not be fully scanned: %3.").arg(a.path, vm(), why);
    }
    if (a.type == QLatin1String(type::kVmIsolation)) {
        return a.isolated ? tr("%1 was isolated from the network.").arg(vm())
                          : tr("%1 was released from isolation.").arg(vm());
    }
    if (a.type == QLatin1String(type::kIncidentOpened))
        return tr("%1 found in %2: %3").arg(a.threat, vm(), a.path);
    if (a.type == QLatin1String(type::kIncidentReopened))
        return tr("%1 found again in %2 after it was restored: %3").arg(a.threat, vm(), a.path);
    return typeName(a.type);
}

} // namespace mamori::console
