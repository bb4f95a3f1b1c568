// SPDX-License-Identifier: GPL-2.0-or-later
#include "IncidentActions.h"

#include "app/client/ApiError.h"
#include "protocol/ErrorCode.h"

namespace mamori::console {

namespace {

using protocol::ConflictReason;

QString imageVmRefusal()
{
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.code = protocol::errorCodeName(protocol::ErrorCode::ImageVmReadOnly);
    return e.userMessage();
}

std::optional<ConflictReason> conflictOf(
    IncidentAction action, const Incident &i, const IncidentVmFacts &vm)
{
    const bool resolved = i.state == IncidentState::Resolved;
    switch (action) {
    case IncidentAction::Acknowledge:
        if (resolved)
            return ConflictReason::IncidentResolved;
        if (i.state == IncidentState::Acknowledged)
            return ConflictReason::AlreadyAcknowledged;
        return std::nullopt;
    case IncidentAction::Assign:
        return resolved ? std::optional(ConflictReason::IncidentResolved) : std::nullopt;
    case IncidentAction::Resolve:
        return resolved ? std::optional(ConflictReason::AlreadyResolved) : std::nullopt;
    case IncidentAction::IsolateVm:
        return vm.isolated.value_or(false) ? std::optional(ConflictReason::VmAlreadyIsolated)
                                           : std::nullopt;
    case IncidentAction::ReleaseVm:
        return vm.isolated && !*vm.isolated ? std::optional(ConflictReason::VmNotIsolated)
                                            : std::nullopt;
    case IncidentAction::Allow:
        return i.action == FileAction::Allowed ? std::optional(ConflictReason::FileAllowed)
                                               : std::nullopt;
    case IncidentAction::Restore:
        return i.action == FileAction::Quarantined ? std::nullopt
                                                   : std::optional(ConflictReason::NotInQuarantine);
    case IncidentAction::Quarantine:
    case IncidentAction::Delete:
        if (i.action == FileAction::Deleted)
            return ConflictReason::FileDeleted;
        if (i.action == FileAction::Allowed)
            return ConflictReason::FileAllowed;
        if (action == IncidentAction::Quarantine && i.action == FileAction::Quarantined)
            return ConflictReason::AlreadyQuarantined;
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> incidentActionRefusal(
    IncidentAction action, const Incident &incident, const IncidentVmFacts &vm)
{
    const bool fileAction = action == IncidentAction::Quarantine || action == IncidentAction::Delete
        || action == IncidentAction::Restore;
    // The appliance refuses these on an image VM before it looks at the file.
    if (fileAction && vm.image)
        return imageVmRefusal();
    if (const auto reason = conflictOf(action, incident, vm))
        return ApiError::conflictText(*reason);
    return std::nullopt;
}

} // namespace mamori::console
