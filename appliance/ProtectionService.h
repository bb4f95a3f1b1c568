// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/ProtectionEvaluator.h"
#include "appliance/daemon/ApplianceServices.h"
#include "appliance/policy/Policy.h"
#include "appliance/scheduler/ScanScheduler.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

namespace mamori::appliance {

// Gathers the facts about a VM from the appliance's parts and evaluates its
// protection status.
class ProtectionService
{
public:
    // Everything the facts of any VM come from, read once: a listing of many
    // VMs asks the database a handful of questions, not several per VM.
    struct Snapshot
    {
        Policy policy;
        QString activePattern;
        QDateTime patternReleased;
        QHash<QString, ScanScheduler::VmScans> scans;
        QHash<QString, int> openIncidents;
        QStringList isolated;
        QDateTime now;
    };

    explicit ProtectionService(const ApplianceServices *services) : m_services(services) { }

    // `vmId` limits the per-VM parts to one VM.
    Snapshot snapshot(const QString &vmId = {}) const;
    ProtectionFacts facts(const VmRecord &vm, const Snapshot &snapshot) const;
    Protection evaluate(const VmRecord &vm, const Snapshot &snapshot) const
    {
        return evaluateProtection(vm, facts(vm, snapshot));
    }
    Protection evaluate(const VmRecord &vm) const
    {
        return evaluate(vm, snapshot(vm.id.toString(QUuid::WithoutBraces)));
    }

private:
    const ApplianceServices *m_services;
};

} // namespace mamori::appliance
