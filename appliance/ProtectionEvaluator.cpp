// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/ProtectionEvaluator.h"

#include <QFileInfo>

#include <algorithm>

namespace mamori::appliance {

using protocol::ProtectionStatus;

QJsonObject Protection::toJson() const
{
    return {{QStringLiteral("status"), protocol::protectionStatusName(status)},
            {QStringLiteral("reason"), reason}};
}

Protection evaluateProtection(const VmRecord &vm, const ProtectionFacts &facts)
{
    if (facts.openIncidents > 0)
        return {ProtectionStatus::Infected, QStringLiteral("open_incident")};
    if (vm.isImage()) {
        const bool readable = std::any_of(vm.disks.cbegin(), vm.disks.cend(),
            [](const VmDisk &d) { return d.isReadable() && QFileInfo(d.source).isReadable(); });
        if (!readable)
            return {ProtectionStatus::Unprotected, QStringLiteral("disks_unreadable")};
    } else {
        const QFileInfo root(vm.root);
        if (vm.root.isEmpty() || !root.isDir() || !root.isReadable())
            return {ProtectionStatus::Unprotected, QStringLiteral("root_unreadable")};
    }
    if (!facts.patternInstalled)
        return {ProtectionStatus::Unprotected, QStringLiteral("no_pattern")};
    if (facts.realtimeOff && !vm.isImage())
        return {ProtectionStatus::Unprotected, QStringLiteral("realtime_off")};
    if (facts.scanning)
        return {ProtectionStatus::Scanning, QStringLiteral("scanning")};
    if (facts.patternTooOld)
        return {ProtectionStatus::AtRisk, QStringLiteral("pattern_outdated")};
    if (facts.neverFullyScanned)
        return {ProtectionStatus::AtRisk, QStringLiteral("never_scanned")};
    if (facts.fullScanOverdue)
        return {ProtectionStatus::AtRisk, QStringLiteral("scan_overdue")};
    if (facts.scannedWithOlderPattern)
        return {ProtectionStatus::AtRisk, QStringLiteral("scanned_with_older_pattern")};
    if (!facts.unscannable.isEmpty())
        return {ProtectionStatus::AtRisk, QStringLiteral("filesystem_not_scannable")};
    return {ProtectionStatus::Protected, QStringLiteral("ok")};
}

} // namespace mamori::appliance
