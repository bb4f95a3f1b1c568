// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QStringList>

namespace mamori::appliance {

// Runs `mamori-appliance ARGS...` and returns the process exit code.
int runCommandLine(const QStringList &arguments);

} // namespace mamori::appliance
