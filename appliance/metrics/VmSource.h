// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace mamori::appliance {

// Where the resource use of one VM is read from.
//
// libvirt QEMU/KVM guests need no source of their own: libvirt puts each
// domain in its own cgroup (machine.slice/machine-qemu-N-NAME.scope), so
// CgroupV2 / CgroupV1 measure the whole QEMU process with its threads, vhost
// workers and helpers; libvirt's domain stats API would read the same
// counters through a slower, blocking call.
struct VmSource
{
    enum class Kind {
        CgroupV2, // `path`: the cgroup directory (cpu.stat, memory.current, io.stat)
        CgroupV1, // `path`: cgroup path relative to each controller's mount
                  // under `root` (cpuacct.usage, memory.usage_in_bytes,
                  // blkio.throttle.io_service_bytes)
        Processes, // `pids`: exactly these processes
        ProcessTree, // `pids`: these processes and all their descendants
    };

    Kind kind = Kind::Processes;
    QString path;
    QString root; // CgroupV1 only
    QList<qint64> pids;

    static VmSource cgroupV2(const QString &directory);
    static VmSource cgroupV1(
        const QString &relativePath, const QString &mountRoot = QStringLiteral("/sys/fs/cgroup"));
    static VmSource processes(const QList<qint64> &pids);
    static VmSource processTree(qint64 rootPid);

    friend bool operator==(const VmSource &, const VmSource &) = default;
};

} // namespace mamori::appliance
