// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QStringList>

namespace mamori::appliance {

// `mamori-appliance lab ...`: a whole host on this machine (DESIGN.md, lab
// mode), and `lab migrate` between two such hosts.
int runLabCommand(const QStringList &args);

} // namespace mamori::appliance
