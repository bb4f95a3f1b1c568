// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/Role.h"

namespace mamori::protocol {

QString roleName(Role role)
{
    switch (role) {
    case Role::SecurityAdmin:
        return QStringLiteral("security-admin");
    case Role::VirtualizationAdmin:
        return QStringLiteral("virtualization-admin");
    case Role::Auditor:
        return QStringLiteral("auditor");
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role r : {Role::SecurityAdmin, Role::VirtualizationAdmin, Role::Auditor}) {
        if (roleName(r) == name)
            return r;
    }
    return std::nullopt;
}

QStringList allRoleNames()
{
    return {roleName(Role::SecurityAdmin), roleName(Role::VirtualizationAdmin),
            roleName(Role::Auditor)};
}

} // namespace mamori::protocol
