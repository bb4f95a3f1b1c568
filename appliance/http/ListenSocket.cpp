// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/ListenSocket_p.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mamori::appliance::detail {

ListenSocket openListenSocket(const QString &address, quint16 port, QString *error)
{
    ListenSocket s;
    sockaddr_storage storage {};
    socklen_t length = 0;
    const QByteArray text = address.toLatin1();
    auto *v4 = reinterpret_cast<sockaddr_in *>(&storage);
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&storage);
    if (::inet_pton(AF_INET, text.constData(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        length = sizeof *v4;
    } else if (::inet_pton(AF_INET6, text.constData(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        length = sizeof *v6;
        s.ipv6 = true;
        s.dualStack = IN6_IS_ADDR_UNSPECIFIED(&v6->sin6_addr);
    } else {
        *error = QStringLiteral("listen address '%1' is not an IPv4 or IPv6 address").arg(address);
        return s;
    }
    const QString where = s.ipv6 ? QStringLiteral("[%1]:%2").arg(address).arg(port)
                                 : QStringLiteral("%1:%2").arg(address).arg(port);

    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        *error = QStringLiteral("cannot create a socket for %1: %2")
                     .arg(where, QString::fromLocal8Bit(std::strerror(errno)));
        return s;
    }
    const int on = 1;
    const int v6only = s.dualStack ? 0 : 1;
    // SO_REUSEADDR: a restart must not wait for old connections in TIME_WAIT.
    QString reason;
    bool ok = ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0
        && (!s.ipv6 || ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only) == 0);
    if (ok && ::bind(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0) {
        ok = false;
        if (errno == EADDRINUSE)
            reason = QStringLiteral("address %1 is already in use").arg(where);
        else if (errno == EADDRNOTAVAIL)
            reason = QStringLiteral("address %1 is not an address of this host").arg(where);
    }
    if (ok && ::listen(fd, SOMAXCONN) != 0)
        ok = false;
    if (ok) {
        sockaddr_storage bound {};
        socklen_t boundLength = sizeof bound;
        ok = ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLength) == 0;
        s.port = ntohs(bound.ss_family == AF_INET6
                ? reinterpret_cast<const sockaddr_in6 *>(&bound)->sin6_port
                : reinterpret_cast<const sockaddr_in *>(&bound)->sin_port);
    }
    if (!ok) {
        *error = !reason.isEmpty() ? reason
                                   : QStringLiteral("cannot listen on %1: %2")
                                         .arg(where, QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return s;
    }
    s.fd = fd;
    return s;
}

QString addressText(const sockaddr *address)
{
    char buf[INET6_ADDRSTRLEN] = {};
    if (!address)
        return {};
    if (address->sa_family == AF_INET) {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(address);
        ::inet_ntop(AF_INET, &v4->sin_addr, buf, sizeof buf);
    } else if (address->sa_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(address);
        if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr))
            ::inet_ntop(AF_INET, &v6->sin6_addr.s6_addr[12], buf, sizeof buf);
        else
            ::inet_ntop(AF_INET6, &v6->sin6_addr, buf, sizeof buf);
    }
    return QString::fromLatin1(buf);
}

} // namespace mamori::appliance::detail
