// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/Incident.h"

#include <QString>

#include <optional>

namespace mamori::console {

// What the console knows of an incident's VM that decides its actions.
struct IncidentVmFacts
{
    std::optional<bool> isolated; // nullopt: the VM is not known (yet)
    bool image = false; // its files are inside a disk image the appliance only reads
};

// Why `action` cannot be done to `incident` now, in the admin's language, or
// nothing when it can. The same rules as the appliance's IncidentService
// (docs/api.md, Incident actions), so that a button is enabled exactly where
// the appliance would accept it; the appliance still decides.
std::optional<QString> incidentActionRefusal(
    IncidentAction action, const Incident &incident, const IncidentVmFacts &vm);

} // namespace mamori::console
