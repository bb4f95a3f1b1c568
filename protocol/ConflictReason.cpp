// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/ConflictReason.h"

#include <array>
#include <utility>

namespace mamori::protocol {
namespace {

constexpr std::array kNames {
    std::pair {ConflictReason::IncidentResolved, "incident_resolved"},
    std::pair {ConflictReason::AlreadyAcknowledged, "already_acknowledged"},
    std::pair {ConflictReason::AlreadyResolved, "already_resolved"},
    std::pair {ConflictReason::AlreadyQuarantined, "already_quarantined"},
    std::pair {ConflictReason::NotInQuarantine, "not_in_quarantine"},
    std::pair {ConflictReason::FileDeleted, "file_deleted"},
    std::pair {ConflictReason::FileAllowed, "file_allowed"},
    std::pair {ConflictReason::VmAlreadyIsolated, "vm_already_isolated"},
    std::pair {ConflictReason::VmNotIsolated, "vm_not_isolated"},
    std::pair {ConflictReason::FileMissing, "file_missing"},
    std::pair {ConflictReason::FileChanged, "file_changed"},
    std::pair {ConflictReason::FileExists, "file_exists"},
};

} // namespace

QString conflictReasonName(ConflictReason reason)
{
    for (const auto &[r, name] : kNames) {
        if (r == reason)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<ConflictReason> conflictReasonFromName(const QString &name)
{
    for (const auto &[r, n] : kNames) {
        if (name == QLatin1String(n))
            return r;
    }
    return std::nullopt;
}

} // namespace mamori::protocol
