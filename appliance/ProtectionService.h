// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/ProtectionEvaluator.h"
#include "appliance/daemon/ApplianceServices.h"

namespace mamori::appliance {

// Gathers the facts about a VM from the appliance's parts and evaluates its
// protection status.
class ProtectionService
{
public:
    explicit ProtectionService(const ApplianceServices *services) : m_services(services) {}

    ProtectionFacts facts(const VmRecord &vm) const;
    Protection evaluate(const VmRecord &vm) const { return evaluateProtection(vm, facts(vm)); }

private:
    const ApplianceServices *m_services;
};

} // namespace mamori::appliance
