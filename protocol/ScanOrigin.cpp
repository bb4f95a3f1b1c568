// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/ScanOrigin.h"

namespace mamori::protocol {

QStringList scanOrigins()
{
    return {QStringLiteral("vm-start"), QStringLiteral("manual"), QStringLiteral("overflow"),
        QStringLiteral("new-vm"), QStringLiteral("pattern"), QStringLiteral("scheduled")};
}

int scanOriginUrgency(const QString &origin)
{
    static const QStringList origins = scanOrigins();
    const qsizetype i = origins.indexOf(origin);
    // "manual" stays 0 as it was before "vm-start" came first: the urgency
    // is stored with waiting jobs.
    return i < 0 ? 99 : int(i) - 1;
}

} // namespace mamori::protocol
