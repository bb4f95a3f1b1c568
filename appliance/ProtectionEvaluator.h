// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/inventory/Inventory.h"
#include "protocol/ProtectionStatus.h"

#include <QJsonObject>

namespace mamori::appliance {

// What the appliance knows beyond the inventory that decides protection.
struct ProtectionFacts
{
    bool patternInstalled = false;
    bool patternTooOld = false;
    bool realtimeOff = false;
    int openIncidents = 0;
    bool scanning = false;
    bool neverFullyScanned = true;
    bool fullScanOverdue = false;
    bool scannedWithOlderPattern = false;
    bool isolated = false;
    QStringList unscannable; // image VMs: what the newest full scan could not read
};

struct Protection
{
    protocol::ProtectionStatus status = protocol::ProtectionStatus::Unprotected;
    QString reason; // stable word, docs/api.md

    QJsonObject toJson() const;
};

// The one place that decides a VM's protection status (DESIGN.md): the
// worst fact wins. An image VM has no real-time scanning (nothing can watch
// inside a disk image without an agent): its status rests on its full scans.
Protection evaluateProtection(const VmRecord &vm, const ProtectionFacts &facts);

} // namespace mamori::appliance
