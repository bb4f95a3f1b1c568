// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QStringList>

namespace mamori::appliance {

// `mamori-appliance db check|restore` and `mamori-appliance identity renew`:
// the ways out of a damaged database or identity (docs/reliability.md).
int runDbCommand(const QStringList &args);
int runIdentityCommand(const QStringList &args);

} // namespace mamori::appliance
