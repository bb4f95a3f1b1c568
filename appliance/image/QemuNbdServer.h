// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <sys/types.h>

namespace mamori::appliance::image {

// One `qemu-nbd` exporting one disk image on a Unix socket, for as long as
// this object lives. The appliance creates and listens on the socket itself
// and hands it over by systemd socket activation, so the export is ready
// the moment start() returns, with no window in which a client could be
// refused. Without --persistent, qemu-nbd ends when its one client
// disconnects; the child also gets SIGTERM if the thread that started it
// ends (PR_SET_PDEATHSIG), so that an appliance that dies leaves no export
// behind.
class QemuNbdServer
{
public:
    struct Options
    {
        QString image; // the file or block device
        QString format; // "qcow2" or "raw": never probed
        QString socketPath; // created; must not exist
        bool readOnly = true; // scans: always
        bool allocationDepth = true; // --allocation-depth
        // Reads bypass the host's page cache (O_DIRECT, --cache=none) where
        // the image's file system allows it: a scan reads scattered pieces of
        // an image, which the kernel's readahead would turn into megabytes
        // each, pushing the VMs' own data out of the host's memory.
        bool directIo = true;
        QString exportName = {}; // --export-name; empty: qemu-nbd's default ""
    };

    QemuNbdServer() = default;
    ~QemuNbdServer();
    QemuNbdServer(const QemuNbdServer &) = delete;
    QemuNbdServer &operator=(const QemuNbdServer &) = delete;

    bool start(const Options &options, QString *error);
    // Waits up to `graceMs` for the server to end by itself (its client has
    // disconnected), then ends it; removes the socket.
    void stop(int graceMs = 5000);
    bool isRunning() const { return m_pid > 0; }
    pid_t pid() const { return m_pid; }
    // What qemu-nbd wrote to stderr, for an error message.
    QString diagnostics();

    // qemu-nbd on PATH or in /usr/bin; empty if none.
    static QString program();
    // A Unix socket path must fit sockaddr_un (107 bytes).
    static bool fitsSocketPath(const QString &path);

private:
    pid_t m_pid = -1;
    int m_pidfd = -1;
    int m_stderr = -1;
    QString m_socketPath;
    QByteArray m_diagnostics;
};

} // namespace mamori::appliance::image
