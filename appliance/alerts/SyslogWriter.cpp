// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/alerts/SyslogWriter.h"

#include <QDateTime>
#include <QFile>

#include <array>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

// RFC 3164's timestamp, local time, with English month names whatever the locale.
QByteArray timestamp()
{
    static constexpr std::array<const char *, 12> months {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime now = QDateTime::currentDateTime();
    return QByteArray(months[size_t(now.date().month() - 1)]) + ' '
        + QByteArray::number(now.date().day()).rightJustified(2, ' ') + ' '
        + now.time().toString(QStringLiteral("hh:mm:ss")).toLatin1();
}

} // namespace

SyslogWriter::SyslogWriter(QString socketPath) : m_path(std::move(socketPath)) { }

SyslogWriter::~SyslogWriter()
{
    disconnectSocket();
}

bool SyslogWriter::connectSocket()
{
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    const QByteArray path = QFile::encodeName(m_path);
    if (path.isEmpty() || size_t(path.size()) >= sizeof address.sun_path)
        return false;
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    for (const int type : {SOCK_DGRAM, SOCK_STREAM}) {
        m_fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (m_fd < 0)
            return false;
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
            m_stream = type == SOCK_STREAM;
            return true;
        }
        const bool wrongType = errno == EPROTOTYPE;
        disconnectSocket();
        if (!wrongType)
            return false;
    }
    return false;
}

void SyslogWriter::disconnectSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool SyslogWriter::write(Facility facility, Severity severity, const QByteArray &message)
{
    QByteArray line = '<' + QByteArray::number(int(facility) * 8 + int(severity)) + '>'
        + timestamp() + " mamori-appliance[" + QByteArray::number(::getpid()) + "]: " + message;
    if (m_stream)
        line += '\0';
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_fd < 0 && !connectSocket())
            break;
        if (::send(m_fd, line.constData(), size_t(line.size()), MSG_NOSIGNAL | MSG_DONTWAIT)
            == line.size())
            return true;
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EMSGSIZE)
            break; // the daemon is behind, or the message is too long for it
        disconnectSocket(); // the daemon restarted: try a new connection once
    }
    ++m_lost;
    return false;
}

} // namespace mamori::appliance
