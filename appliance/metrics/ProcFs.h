// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>
#include <utility>

// Readers and parsers of the kernel's text interfaces. The parsers take the
// text so that tests can feed them odd input; the readers are thin.
namespace mamori::appliance::procfs {

// Reads a small pseudo-file in one go (no QFile buffering, no locale).
// nullopt if it cannot be opened, e.g. the process or cgroup is gone.
std::optional<QByteArray> readFile(const QByteArray &path);

// A pseudo-file read again and again: the descriptor stays open and is
// re-read from offset 0, which regenerates the text and costs a third of an
// open+read+close (the path lookup is most of it). An open /proc/PID file
// stays bound to its process: once that exits, reads fail rather than show a
// new process that reused the PID. On failure the file is opened again once
// (a cgroup re-created under the same path). Descriptors kept open by all
// KeptFiles together are capped (kMaxKeptFiles), beyond which a KeptFile
// opens and closes on every read, so that many processes cannot exhaust the
// appliance's descriptors.
class KeptFile
{
public:
    static constexpr int kMaxKeptFiles = 512;

    KeptFile() = default;
    explicit KeptFile(QByteArray path) : m_path(std::move(path)) { }
    ~KeptFile() { close(); }
    KeptFile(const KeptFile &) = delete;
    KeptFile &operator=(const KeptFile &) = delete;
    KeptFile(KeptFile &&other) noexcept;
    KeptFile &operator=(KeptFile &&other) noexcept;

    const QByteArray &path() const { return m_path; }
    std::optional<QByteArray> read();
    void close();

private:
    bool open();
    QByteArray m_path;
    int m_fd = -1;
};

struct CpuTimes
{
    quint64 busy = 0; // user+nice+system+irq+softirq+steal
    quint64 total = 0; // busy + idle + iowait
    int cpus = 0; // number of "cpuN" lines
};
// /proc/stat. guest and guest_nice are already inside user and nice.
std::optional<CpuTimes> parseProcStat(const QByteArray &text);

// /proc/meminfo: MemTotal and MemTotal - MemAvailable, in bytes.
struct MemInfo
{
    qint64 totalBytes = 0;
    qint64 usedBytes = 0;
};
std::optional<MemInfo> parseMeminfo(const QByteArray &text);

// /proc/diskstats: device name -> {sectors read, sectors written}. Sectors
// there are always 512 bytes, whatever the device's own sector size.
struct DiskCounters
{
    quint64 readSectors = 0;
    quint64 writtenSectors = 0;
};
QHash<QByteArray, DiskCounters> parseDiskstats(
    const QByteArray &text, const QSet<QByteArray> &devices);

// Devices of /sys/block whose I/O really reaches a disk: those with a
// `device` link (sd*, vd*, nvme*n*, xvd*, mmcblk*, ...). This leaves out
// partitions (never in /sys/block), loop, ram, zram, nbd and the stacked
// dm-* / md* devices, whose I/O the disks under them see again.
QSet<QByteArray> physicalBlockDevices(const QString &sysBlock = QStringLiteral("/sys/block"));

// /proc/PID/stat, the fields we use. Clock ticks.
struct ProcStat
{
    qint64 ppid = 0;
    quint64 cpuTicks = 0; // utime + stime + cutime + cstime
    quint64 startTime = 0; // ticks after boot: tells a reused PID apart
};
std::optional<ProcStat> parsePidStat(const QByteArray &text);

// /proc/PID/statm: resident pages (the same number VmRSS shows, cheaper).
std::optional<qint64> parseStatmResidentPages(const QByteArray &text);

// /proc/PID/io.
struct ProcIo
{
    quint64 readBytes = 0;
    quint64 writeBytes = 0;
    quint64 rchar = 0;
    quint64 wchar = 0;
};
std::optional<ProcIo> parsePidIo(const QByteArray &text);

// "key value" lines (cgroup v2 cpu.stat, memory.stat): the value of `key`.
std::optional<quint64> parseKeyedValue(const QByteArray &text, const QByteArray &key);

// cgroup v2 io.stat: rbytes and wbytes summed over all devices.
struct IoBytes
{
    quint64 readBytes = 0;
    quint64 writeBytes = 0;
};
IoBytes parseIoStat(const QByteArray &text);
// cgroup v1 blkio.throttle.io_service_bytes: "MAJ:MIN Read N" / "Write N".
IoBytes parseBlkioServiceBytes(const QByteArray &text);

// PIDs listed one per line (cgroup.procs).
QList<qint64> parsePidList(const QByteArray &text);

// Every process's parent, from /proc/*/stat: pid -> children.
QHash<qint64, QList<qint64>> processChildren();

// The children of a process, for one rediscovery of process trees. Reads
// /proc/PID/task/*/children where the kernel has them (CONFIG_PROC_CHILDREN;
// cost grows with the members' threads), else walks every /proc/PID/stat
// once (cost grows with the host's processes).
class ChildrenLookup
{
public:
    QList<qint64> operator()(qint64 pid);

private:
    std::optional<QHash<qint64, QList<qint64>>> m_all;
};

qint64 pageSize();
qint64 clockTicksPerSecond();

} // namespace mamori::appliance::procfs
