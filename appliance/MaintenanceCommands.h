// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/patterns/PatternCommands.h"

#include <QStringList>

namespace mamori::appliance {

// `mamori-appliance db check|restore` and `mamori-appliance identity renew`:
// the ways out of a damaged database or identity (docs/reliability.md).
int runDbCommand(const QStringList &args);
int runIdentityCommand(const QStringList &args);

// How `pattern import` records its switch in the appliance's database while
// the appliance is stopped: the data folder's lock held for the command's
// life, the same intent, audit record and event as the appliance writes
// (PatternChanges). An appliance running there records the switch itself.
std::unique_ptr<PatternSwitchRecorder> offlinePatternRecorder(
    const QString &dataDir, QString *error);

} // namespace mamori::appliance
