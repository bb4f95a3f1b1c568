// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace mamori::protocol {

// Who asked for a scan, most urgent first: the appliance runs waiting jobs
// in this order, then first come first served (docs/api.md, Scans).
QStringList scanOrigins();
// The place of `origin` in scanOrigins(), "manual" being 0 ("vm-start" is
// -1); an unknown one waits last.
int scanOriginUrgency(const QString &origin);

} // namespace mamori::protocol
