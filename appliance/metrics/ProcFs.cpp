// SPDX-License-Identifier: GPL-2.0-or-later
#include "ProcFs.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace mamori::appliance::procfs {

namespace {

// Splits on runs of spaces, tabs and newlines without allocating empty parts.
QList<QByteArray> fields(const QByteArray &line)
{
    QList<QByteArray> out;
    qsizetype i = 0;
    const qsizetype n = line.size();
    while (i < n) {
        while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\n'))
            ++i;
        const qsizetype start = i;
        while (i < n && line[i] != ' ' && line[i] != '\t' && line[i] != '\n')
            ++i;
        if (i > start)
            out.append(line.mid(start, i - start));
    }
    return out;
}

quint64 toU64(const QByteArray &text)
{
    bool ok = false;
    const quint64 v = text.toULongLong(&ok);
    return ok ? v : 0;
}

} // namespace

std::optional<QByteArray> readFile(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    QByteArray out;
    char buffer[8192];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            // A process that exits while we read gives ESRCH.
            ::close(fd);
            return std::nullopt;
        }
        if (got == 0)
            break;
        out.append(buffer, got);
    }
    ::close(fd);
    return out;
}

std::optional<CpuTimes> parseProcStat(const QByteArray &text)
{
    CpuTimes times;
    bool haveTotal = false;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.startsWith("cpu"))
            continue;
        if (line.size() > 3 && line[3] >= '0' && line[3] <= '9') {
            ++times.cpus;
            continue;
        }
        const QList<QByteArray> f = fields(line);
        if (f.size() < 8)
            return std::nullopt;
        quint64 v[8] {};
        for (int i = 0; i < 8; ++i)
            v[i] = toU64(f[i + 1]);
        // user nice system idle iowait irq softirq steal
        times.busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
        times.total = times.busy + v[3] + v[4];
        haveTotal = true;
    }
    if (!haveTotal || times.cpus == 0)
        return std::nullopt;
    return times;
}

std::optional<MemInfo> parseMeminfo(const QByteArray &text)
{
    qint64 total = -1;
    qint64 available = -1;
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> f = fields(line);
        if (f.size() < 2)
            continue;
        if (f[0] == "MemTotal:")
            total = qint64(toU64(f[1])) * 1024;
        else if (f[0] == "MemAvailable:")
            available = qint64(toU64(f[1])) * 1024;
    }
    if (total < 0 || available < 0)
        return std::nullopt;
    return MemInfo {total, qMax<qint64>(0, total - available)};
}

QHash<QByteArray, DiskCounters> parseDiskstats(const QByteArray &text, const QSet<QByteArray> &devices)
{
    QHash<QByteArray, DiskCounters> out;
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> f = fields(line);
        // major minor name reads merged sectors ms writes merged sectors ...
        if (f.size() < 10 || !devices.contains(f[2]))
            continue;
        out.insert(f[2], DiskCounters {toU64(f[5]), toU64(f[9])});
    }
    return out;
}

QSet<QByteArray> physicalBlockDevices(const QString &sysBlock)
{
    QSet<QByteArray> out;
    const QStringList names = QDir(sysBlock).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::System);
    for (const QString &name : names) {
        if (QFileInfo::exists(sysBlock + QLatin1Char('/') + name + QStringLiteral("/device")))
            out.insert(name.toUtf8());
    }
    return out;
}

std::optional<ProcStat> parsePidStat(const QByteArray &text)
{
    // The command name may hold spaces and parentheses: fields start after
    // the LAST ')'.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> f = fields(text.mid(close + 1));
    if (f.size() < 20)
        return std::nullopt;
    ProcStat s;
    s.ppid = qint64(toU64(f[1]));
    s.cpuTicks = toU64(f[11]) + toU64(f[12]) + toU64(f[13]) + toU64(f[14]);
    s.startTime = toU64(f[19]);
    return s;
}

std::optional<qint64> parseStatmResidentPages(const QByteArray &text)
{
    const QList<QByteArray> f = fields(text);
    if (f.size() < 2)
        return std::nullopt;
    return qint64(toU64(f[1]));
}

std::optional<ProcIo> parsePidIo(const QByteArray &text)
{
    ProcIo io;
    int seen = 0;
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> f = fields(line);
        if (f.size() < 2)
            continue;
        const quint64 v = toU64(f[1]);
        if (f[0] == "rchar:")
            io.rchar = v, ++seen;
        else if (f[0] == "wchar:")
            io.wchar = v, ++seen;
        else if (f[0] == "read_bytes:")
            io.readBytes = v, ++seen;
        else if (f[0] == "write_bytes:")
            io.writeBytes = v, ++seen;
    }
    if (seen == 0)
        return std::nullopt;
    return io;
}

std::optional<quint64> parseKeyedValue(const QByteArray &text, const QByteArray &key)
{
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> f = fields(line);
        if (f.size() >= 2 && f[0] == key)
            return toU64(f[1]);
    }
    return std::nullopt;
}

IoBytes parseIoStat(const QByteArray &text)
{
    IoBytes io;
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> f = fields(line);
        for (qsizetype i = 1; i < f.size(); ++i) {
            if (f[i].startsWith("rbytes="))
                io.readBytes += toU64(f[i].mid(7));
            else if (f[i].startsWith("wbytes="))
                io.writeBytes += toU64(f[i].mid(7));
        }
    }
    return io;
}

IoBytes parseBlkioServiceBytes(const QByteArray &text)
{
    IoBytes io;
    for (const QByteArray &line : text.split('\n')) {
        // The closing "Total N" line has no device and would count twice.
        const QList<QByteArray> f = fields(line);
        if (f.size() != 3 || !f[0].contains(':'))
            continue;
        if (f[1] == "Read")
            io.readBytes += toU64(f[2]);
        else if (f[1] == "Write")
            io.writeBytes += toU64(f[2]);
    }
    return io;
}

QList<qint64> parsePidList(const QByteArray &text)
{
    QList<qint64> out;
    for (const QByteArray &f : fields(text)) {
        bool ok = false;
        const qint64 pid = f.toLongLong(&ok);
        if (ok && pid > 0)
            out.append(pid);
    }
    return out;
}

QHash<qint64, QList<qint64>> processChildren()
{
    QHash<qint64, QList<qint64>> children;
    DIR *dir = ::opendir("/proc");
    if (!dir)
        return children;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
            continue;
        const QByteArray name(entry->d_name);
        const auto text = readFile("/proc/" + name + "/stat");
        if (!text)
            continue;
        if (const auto stat = parsePidStat(*text))
            children[stat->ppid].append(name.toLongLong());
    }
    ::closedir(dir);
    return children;
}

qint64 pageSize()
{
    static const qint64 size = ::sysconf(_SC_PAGESIZE);
    return size;
}

qint64 clockTicksPerSecond()
{
    static const qint64 ticks = ::sysconf(_SC_CLK_TCK);
    return ticks;
}

} // namespace mamori::appliance::procfs
