// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <optional>

namespace mamori::protocol {

// A VM's protection status (DESIGN.md). Ordered from best to worst so that a
// host can roll up the worst state of its VMs with std::max.
enum class ProtectionStatus {
    Protected,
    Scanning,
    Unknown,
    AtRisk,
    Unprotected,
    Infected,
};

QString protectionStatusName(ProtectionStatus status);
std::optional<ProtectionStatus> protectionStatusFromName(const QString &name);

} // namespace mamori::protocol
