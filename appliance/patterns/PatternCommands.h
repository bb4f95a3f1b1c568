// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QStringList>

namespace mamori::appliance {

// `mamori-appliance pattern ...`: keygen, build, trust, import, status, help.
// `args` starts with "pattern" (a program name before it is skipped).
// Returns the exit code: 0 done, 1 failed, 2 usage error.
int runPatternCommand(const QStringList &args);

} // namespace mamori::appliance
