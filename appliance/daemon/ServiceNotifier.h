// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace mamori::appliance {

// Tells the service manager (systemd, Type=notify) how the appliance is
// doing: ready once the HTTPS listener accepts connections, reloading
// around a `systemctl reload`, stopping. Without a service manager
// ($NOTIFY_SOCKET unset) every call does nothing.
class ServiceNotifier
{
public:
    void ready(const QString &status);
    void reloading();
    void stopping();

private:
    static void notify(const QByteArray &state);
};

} // namespace mamori::appliance
