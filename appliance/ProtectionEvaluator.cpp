// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/ProtectionEvaluator.h"

#include <QFileInfo>

namespace mamori::appliance {

using protocol::ProtectionStatus;

QJsonObject Protection::toJson() const
{
    return {{QStringLiteral("status"), protocol::protectionStatusName(status)},
            {QStringLiteral("reason"), reason}};
}

Protection evaluateProtection(const VmRecord &vm, const ProtectionFacts &facts)
{
    const QFileInfo root(vm.root);
    if (vm.root.isEmpty() || !root.isDir() || !root.isReadable())
        return {ProtectionStatus::Unprotected, QStringLiteral("root_unreadable")};
    if (!facts.patternInstalled)
        return {ProtectionStatus::Unprotected, QStringLiteral("no_pattern")};
    return {ProtectionStatus::Protected, QStringLiteral("ok")};
}

} // namespace mamori::appliance
