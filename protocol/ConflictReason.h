// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace mamori::protocol {

// Why a `conflict` (409) was refused, when the appliance can say exactly:
// sent as the error object's "reason" next to its code (docs/api.md,
// Errors), so that the console tells the administrator what state the item
// is in and what to do. Stable: never rename one, add.
enum class ConflictReason {
    IncidentResolved, // acknowledge or assign on a resolved incident
    AlreadyAcknowledged, // acknowledge on an acknowledged incident
    AlreadyResolved, // resolve on a resolved incident
    AlreadyQuarantined, // quarantine of a file already in quarantine
    NotInQuarantine, // restore of a file that is not in quarantine
    FileDeleted, // a file action on a file that was deleted
    FileAllowed, // a file action (or allow) on a file that is allowed
    VmAlreadyIsolated, // isolate-vm on an isolated VM
    VmNotIsolated, // release-vm on a VM that is not isolated
    FileMissing, // the file is no longer where it was found
    FileChanged, // the file no longer has the detected content, or changed meanwhile
    FileExists, // restore: another file now has the original's name
};

QString conflictReasonName(ConflictReason reason);
std::optional<ConflictReason> conflictReasonFromName(const QString &name);

} // namespace mamori::protocol
