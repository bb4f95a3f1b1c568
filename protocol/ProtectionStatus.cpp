// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/ProtectionStatus.h"

namespace mamori::protocol {

QString protectionStatusName(ProtectionStatus status)
{
    switch (status) {
    case ProtectionStatus::Protected:
        return QStringLiteral("protected");
    case ProtectionStatus::Scanning:
        return QStringLiteral("scanning");
    case ProtectionStatus::Unknown:
        return QStringLiteral("unknown");
    case ProtectionStatus::AtRisk:
        return QStringLiteral("at-risk");
    case ProtectionStatus::Unprotected:
        return QStringLiteral("unprotected");
    case ProtectionStatus::Infected:
        return QStringLiteral("infected");
    }
    return {};
}

std::optional<ProtectionStatus> protectionStatusFromName(const QString &name)
{
    for (auto s : {ProtectionStatus::Protected, ProtectionStatus::Scanning,
                   ProtectionStatus::Unknown, ProtectionStatus::AtRisk,
                   ProtectionStatus::Unprotected, ProtectionStatus::Infected}) {
        if (protectionStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

} // namespace mamori::protocol
