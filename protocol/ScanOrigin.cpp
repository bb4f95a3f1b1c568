// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/ScanOrigin.h"

namespace mamori::protocol {

QStringList scanOrigins()
{
    return {QStringLiteral("manual"), QStringLiteral("overflow"), QStringLiteral("new-vm"),
        QStringLiteral("pattern"), QStringLiteral("scheduled")};
}

int scanOriginUrgency(const QString &origin)
{
    static const QStringList origins = scanOrigins();
    const qsizetype i = origins.indexOf(origin);
    return i < 0 ? 99 : int(i);
}

} // namespace mamori::protocol
