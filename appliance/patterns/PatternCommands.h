// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/patterns/PatternStore.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace mamori::appliance {

// Records the switch `pattern import` makes while no appliance runs to
// record it: its intent before (the store's activation hook), its audit
// record and event after, as the appliance does (PatternChanges).
class PatternSwitchRecorder
{
public:
    virtual ~PatternSwitchRecorder() = default;
    virtual PatternStore::ActivationHook hook() = 0;
    virtual void switched(qint64 version, qint64 previous, const QString &how) = 0;
};
// For a data folder: a recorder; null and no *error when an appliance runs
// there (it records the switch itself); null and *error when the record
// cannot be kept (the import is then refused).
using PatternSwitchRecorders =
    std::function<std::unique_ptr<PatternSwitchRecorder>(const QString &dataDir, QString *error)>;

// `mamori-appliance pattern ...`: keygen, build, trust, import, status, help.
// `args` starts with "pattern" (a program name before it is skipped).
// Returns the exit code: 0 done, 1 failed, 2 usage error.
// `recorders`: how an import is recorded; none: not at all (the library's
// own tests).
int runPatternCommand(const QStringList &args, const PatternSwitchRecorders &recorders = {});

} // namespace mamori::appliance
