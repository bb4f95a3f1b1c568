// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/ProtectionService.h"

#include "appliance/incidents/IncidentService.h"
#include "appliance/patterns/PatternService.h"
#include "appliance/policy/PolicyStore.h"
#include "appliance/scheduler/ScanScheduler.h"

namespace mamori::appliance {

ProtectionFacts ProtectionService::facts(const VmRecord &vm) const
{
    const ApplianceServices &s = *m_services;
    const QString id = vm.id.toString(QUuid::WithoutBraces);
    const Policy policy = s.policy ? s.policy->policy() : Policy{};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ProtectionFacts f;
    if (s.patterns) {
        const QString active = s.patterns->activeVersion();
        f.patternInstalled = !active.isEmpty();
        // Asked for every VM of a listing: read the time, not the whole status.
        const QDateTime released = s.patterns->activeReleased();
        f.patternTooOld = released.isValid()
                          && released.secsTo(now) > qint64(policy.maxPatternAgeHours) * 3600;
        if (s.scans) {
            const QString scannedWith = s.scans->lastScanPattern(id);
            f.scannedWithOlderPattern = !scannedWith.isEmpty() && scannedWith != active;
        }
    }
    f.realtimeOff = policy.realtimeMode(id) == QLatin1String("off");
    if (s.incidents) {
        f.openIncidents = s.incidents->openCount(id);
        f.isolated = s.incidents->isIsolated(id);
    }
    if (s.scans) {
        f.scanning = s.scans->isScanning(id);
        const QDateTime lastFull = s.scans->lastCompletedScan(id, true);
        f.neverFullyScanned = !lastFull.isValid();
        f.fullScanOverdue =
            lastFull.isValid() && lastFull.daysTo(now) > policy.maxDaysBetweenFullScans;
    }
    return f;
}

} // namespace mamori::appliance
