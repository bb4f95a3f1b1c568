// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/daemon/ServiceNotifier.h"

#include <ctime>
#include <systemd/sd-daemon.h>

namespace mamori::appliance {

void ServiceNotifier::notify(const QByteArray &state)
{
    // Children (qemu-nbd) inherit $NOTIFY_SOCKET; the unit's
    // NotifyAccess=main makes systemd ignore anything they might send.
    ::sd_notify(0, state.constData());
}

void ServiceNotifier::ready(const QString &text)
{
    notify("READY=1\nSTATUS=" + text.toUtf8());
}

void ServiceNotifier::reloading()
{
    // MONOTONIC_USEC lets systemd 253 and later (Type=notify-reload) tell
    // this reload from an earlier one; older versions ignore it.
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const qint64 usec = qint64(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
    notify("RELOADING=1\nSTATUS=reloading the configuration and the pattern\nMONOTONIC_USEC="
        + QByteArray::number(usec));
}

void ServiceNotifier::stopping()
{
    notify("STOPPING=1\nSTATUS=stopping");
}

} // namespace mamori::appliance
