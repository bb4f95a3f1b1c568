// SPDX-License-Identifier: GPL-2.0-or-later
#include "HostTrouble.h"

#include <QStringList>

namespace mamori::console {

QString HostTrouble::areaName(const QString &area)
{
    if (area == QLatin1String(kInfo))
        return tr("the appliance information");
    if (area == QLatin1String(kVms))
        return tr("the VM list");
    if (area == QLatin1String(kPatterns))
        return tr("the pattern file status");
    if (area == QLatin1String(kJobs))
        return tr("the scan queue");
    if (area == QLatin1String(kIncidents))
        return tr("the incidents");
    if (area == QLatin1String(kPolicy))
        return tr("the policy");
    return area;
}

QString HostTrouble::failureText(const QString &area, const ApiError &error)
{
    return tr("Could not read %1: %2").arg(areaName(area), error.userMessage());
}

QString HostTrouble::text() const
{
    QStringList lines;
    bool vmsFailed = false;
    for (const Failure &f : failures) {
        lines << failureText(f.area, f.error);
        vmsFailed |= f.area == QLatin1String(kVms);
    }
    if (!vmsRead && !vmsFailed)
        lines << tr("The VM list has not been read yet.");
    if (!vmsRead)
        lines << tr("The protection of this host's VMs is unknown until the VM list is read.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace mamori::console
