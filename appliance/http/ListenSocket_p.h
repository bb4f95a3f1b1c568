// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// Internal to mamori_appliance_http: socket helpers for HttpServer.

#include <QString>

struct sockaddr;

namespace mamori::appliance::detail {

struct ListenSocket
{
    int fd = -1;
    bool ipv6 = false;
    bool dualStack = false; // "::": IPv4 clients too
    quint16 port = 0; // as bound, also when 0 was asked for
};

// Binds and listens ourselves rather than letting MHD do it, so that a
// failure says why ("already in use") instead of MHD's bare NULL.
ListenSocket openListenSocket(const QString &address, quint16 port, QString *error);

// "127.0.0.1" or "::1"; an IPv4 client of a dual-stack socket in IPv4 form.
QString addressText(const sockaddr *address);

} // namespace mamori::appliance::detail
