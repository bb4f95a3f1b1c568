// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/ProtectionService.h"

#include "appliance/incidents/IncidentService.h"
#include "appliance/patterns/PatternService.h"
#include "appliance/policy/PolicyStore.h"
#include "appliance/scheduler/ScanScheduler.h"

namespace mamori::appliance {

ProtectionService::Snapshot ProtectionService::snapshot(const QString &vmId) const
{
    const ApplianceServices &s = *m_services;
    Snapshot snap;
    snap.policy = s.policy ? s.policy->policy() : Policy {};
    snap.now = QDateTime::currentDateTimeUtc();
    if (s.patterns) {
        snap.activePattern = s.patterns->activeVersion();
        snap.patternReleased = s.patterns->activeReleased();
    }
    if (s.scans)
        snap.scans = s.scans->scansByVm(vmId);
    if (s.incidents) {
        snap.openIncidents = s.incidents->openCountsByVm();
        snap.isolated = s.incidents->isolatedVms();
    }
    return snap;
}

ProtectionFacts ProtectionService::facts(const VmRecord &vm, const Snapshot &snap) const
{
    const ApplianceServices &s = *m_services;
    const QString id = vm.id.toString(QUuid::WithoutBraces);
    const ScanScheduler::VmScans scans = snap.scans.value(id);
    ProtectionFacts f;
    if (s.patterns) {
        f.patternInstalled = !snap.activePattern.isEmpty();
        f.patternTooOld = snap.patternReleased.isValid()
            && snap.patternReleased.secsTo(snap.now)
                > qint64(snap.policy.maxPatternAgeHours) * 3600;
        f.scannedWithOlderPattern =
            !scans.lastFullScanPattern.isEmpty() && scans.lastFullScanPattern != snap.activePattern;
    }
    f.realtimeOff = snap.policy.realtimeMode(id) == QLatin1String("off");
    if (s.incidents) {
        f.openIncidents = snap.openIncidents.value(id);
        f.isolated = snap.isolated.contains(id);
    }
    if (s.scans) {
        f.scanning = s.scans->isScanning(id);
        f.neverFullyScanned = !scans.lastFullScan.isValid();
        f.fullScanOverdue = scans.lastFullScan.isValid()
            && scans.lastFullScan.daysTo(snap.now) > snap.policy.maxDaysBetweenFullScans;
        f.unscannable = scans.unscannable;
    }
    return f;
}

} // namespace mamori::appliance
