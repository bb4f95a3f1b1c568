// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace mamori::appliance {

// Messages to the host's syslog daemon through its socket (/dev/log), as
// syslog(3) sends them ("<PRI>Mmm dd hh:mm:ss mamori-appliance[PID]: ..."),
// but to a socket the config names (tests use their own) and without ever
// blocking: a syslog daemon that does not keep up loses messages rather
// than stalling the appliance (they are counted).
class SyslogWriter
{
public:
    enum Facility { Daemon = 3, AuthPriv = 10 };
    enum Severity { Alert = 1, Warning = 4, Notice = 5, Info = 6 };

    explicit SyslogWriter(QString socketPath);
    ~SyslogWriter();
    SyslogWriter(const SyslogWriter &) = delete;
    SyslogWriter &operator=(const SyslogWriter &) = delete;

    // True when the socket took the message. Reconnects when the syslog
    // daemon was restarted.
    bool write(Facility facility, Severity severity, const QByteArray &message);
    qint64 lost() const { return m_lost; }

private:
    bool connectSocket();
    void disconnectSocket();

    QString m_path;
    int m_fd = -1;
    bool m_stream = false; // the daemon listens on a stream socket: messages end with NUL
    qint64 m_lost = 0;
};

} // namespace mamori::appliance
