// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace mamori::protocol {

// Security duty is separate from virtualization duty (DESIGN.md, Roles).
enum class Role {
    SecurityAdmin,
    VirtualizationAdmin,
    Auditor,
};

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
QStringList allRoleNames();

} // namespace mamori::protocol
