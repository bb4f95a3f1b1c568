// SPDX-License-Identifier: GPL-2.0-or-later
#include "ProcFs.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <charconv>
#include <dirent.h>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>
#include <utility>

namespace mamori::appliance::procfs {

namespace {

// Parsing without allocating: these run for every process of every VM each
// second, and /proc/stat's "intr" line alone holds thousands of numbers.
using Sv = std::string_view;

Sv view(const QByteArray &text)
{
    return Sv(text.constData(), size_t(text.size()));
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

// The next whitespace-separated token of `s`, consumed; empty at the end.
Sv nextToken(Sv &s)
{
    size_t i = 0;
    while (i < s.size() && isSpace(s[i]))
        ++i;
    const size_t start = i;
    while (i < s.size() && !isSpace(s[i]))
        ++i;
    const Sv token = s.substr(start, i - start);
    s.remove_prefix(i);
    return token;
}

// The next line of `s`, consumed, without its newline.
bool nextLine(Sv &s, Sv *line)
{
    if (s.empty())
        return false;
    const size_t nl = s.find('\n');
    *line = s.substr(0, nl);
    s.remove_prefix(nl == Sv::npos ? s.size() : nl + 1);
    return true;
}

quint64 toU64(Sv text)
{
    quint64 v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && ptr != text.data() ? v : 0;
}

int g_keptFiles = 0; // only the sampler's thread uses KeptFiles

std::optional<QByteArray> readAll(int fd, bool fromStart)
{
    QByteArray out;
    char buffer[8192];
    off_t offset = 0;
    for (;;) {
        const ssize_t got = fromStart ? ::pread(fd, buffer, sizeof buffer, offset)
                                      : ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        // A process that exits while we read gives ESRCH; a removed cgroup
        // ENODEV.
        if (got < 0)
            return std::nullopt;
        if (got == 0)
            return out;
        out.append(buffer, got);
        offset += got;
    }
}
} // namespace

std::optional<QByteArray> readFile(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    auto text = readAll(fd, false);
    ::close(fd);
    return text;
}

KeptFile::KeptFile(KeptFile &&other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1))
{ }

KeptFile &KeptFile::operator=(KeptFile &&other) noexcept
{
    if (this != &other) {
        close();
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

bool KeptFile::open()
{
    m_fd = ::open(m_path.constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        return false;
    ++g_keptFiles;
    return true;
}

void KeptFile::close()
{
    if (m_fd < 0)
        return;
    ::close(m_fd);
    m_fd = -1;
    --g_keptFiles;
}

std::optional<QByteArray> KeptFile::read()
{
    if (m_fd >= 0) {
        if (auto text = readAll(m_fd, true); text && !text->isEmpty())
            return text;
        close();
    }
    if (g_keptFiles >= kMaxKeptFiles)
        return readFile(m_path);
    if (!open())
        return std::nullopt;
    return readAll(m_fd, true);
}

std::optional<CpuTimes> parseProcStat(const QByteArray &text)
{
    CpuTimes times;
    bool haveTotal = false;
    Sv rest = view(text), line;
    while (nextLine(rest, &line)) {
        if (!line.starts_with("cpu"))
            continue;
        if (line.size() > 3 && line[3] >= '0' && line[3] <= '9') {
            ++times.cpus;
            continue;
        }
        nextToken(line);
        quint64 v[8] {};
        for (quint64 &value : v) {
            const Sv token = nextToken(line);
            if (token.empty())
                return std::nullopt;
            value = toU64(token);
        }
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
    Sv rest = view(text), line;
    while ((total < 0 || available < 0) && nextLine(rest, &line)) {
        const Sv key = nextToken(line);
        if (key == "MemTotal:")
            total = qint64(toU64(nextToken(line))) * 1024;
        else if (key == "MemAvailable:")
            available = qint64(toU64(nextToken(line))) * 1024;
    }
    if (total < 0 || available < 0)
        return std::nullopt;
    return MemInfo {total, qMax<qint64>(0, total - available)};
}

QHash<QByteArray, DiskCounters> parseDiskstats(
    const QByteArray &text, const QSet<QByteArray> &devices)
{
    QHash<QByteArray, DiskCounters> out;
    Sv rest = view(text), line;
    while (nextLine(rest, &line)) {
        // major minor name reads merged sectors ms writes merged sectors ...
        nextToken(line);
        nextToken(line);
        const Sv name = nextToken(line);
        const QByteArray device = QByteArray::fromRawData(name.data(), qsizetype(name.size()));
        if (!devices.contains(device))
            continue;
        Sv f[7];
        for (Sv &token : f)
            token = nextToken(line);
        if (f[6].empty())
            continue;
        out.insert(QByteArray(name.data(), qsizetype(name.size())),
            DiskCounters {toU64(f[2]), toU64(f[6])});
    }
    return out;
}

QSet<QByteArray> physicalBlockDevices(const QString &sysBlock)
{
    QSet<QByteArray> out;
    const QStringList names =
        QDir(sysBlock).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::System);
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
    Sv rest = view(text).substr(size_t(close) + 1);
    Sv f[20];
    for (Sv &token : f)
        token = nextToken(rest);
    if (f[19].empty())
        return std::nullopt;
    ProcStat s;
    s.ppid = qint64(toU64(f[1]));
    s.cpuTicks = toU64(f[11]) + toU64(f[12]) + toU64(f[13]) + toU64(f[14]);
    s.startTime = toU64(f[19]);
    return s;
}

std::optional<qint64> parseStatmResidentPages(const QByteArray &text)
{
    Sv rest = view(text);
    nextToken(rest);
    const Sv resident = nextToken(rest);
    if (resident.empty())
        return std::nullopt;
    return qint64(toU64(resident));
}

std::optional<ProcIo> parsePidIo(const QByteArray &text)
{
    ProcIo io;
    const std::pair<Sv, quint64 ProcIo::*> keys[] = {{"rchar:", &ProcIo::rchar},
        {"wchar:", &ProcIo::wchar}, {"read_bytes:", &ProcIo::readBytes},
        {"write_bytes:", &ProcIo::writeBytes}};
    int seen = 0;
    Sv rest = view(text), line;
    while (nextLine(rest, &line)) {
        const Sv key = nextToken(line);
        for (const auto &[name, member] : keys) {
            if (key == name) {
                io.*member = toU64(nextToken(line));
                ++seen;
            }
        }
    }
    if (seen == 0)
        return std::nullopt;
    return io;
}

std::optional<quint64> parseKeyedValue(const QByteArray &text, const QByteArray &key)
{
    Sv rest = view(text), line;
    while (nextLine(rest, &line)) {
        if (nextToken(line) == view(key)) {
            const Sv value = nextToken(line);
            if (!value.empty())
                return toU64(value);
        }
    }
    return std::nullopt;
}

IoBytes parseIoStat(const QByteArray &text)
{
    IoBytes io;
    Sv rest = view(text), line;
    while (nextLine(rest, &line)) {
        nextToken(line); // MAJ:MIN
        for (Sv token = nextToken(line); !token.empty(); token = nextToken(line)) {
            if (token.starts_with("rbytes="))
                io.readBytes += toU64(token.substr(7));
            else if (token.starts_with("wbytes="))
                io.writeBytes += toU64(token.substr(7));
        }
    }
    return io;
}

IoBytes parseBlkioServiceBytes(const QByteArray &text)
{
    IoBytes io;
    Sv rest = view(text), line;
    while (nextLine(rest, &line)) {
        // The closing "Total N" line has no device and would count twice.
        const Sv device = nextToken(line);
        const Sv op = nextToken(line);
        const Sv value = nextToken(line);
        if (device.find(':') == Sv::npos || value.empty())
            continue;
        if (op == "Read")
            io.readBytes += toU64(value);
        else if (op == "Write")
            io.writeBytes += toU64(value);
    }
    return io;
}

QList<qint64> parsePidList(const QByteArray &text)
{
    QList<qint64> out;
    Sv rest = view(text);
    for (Sv token = nextToken(rest); !token.empty(); token = nextToken(rest)) {
        if (const quint64 pid = toU64(token))
            out.append(qint64(pid));
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

QList<qint64> ChildrenLookup::operator()(qint64 pid)
{
    static const bool haveChildFiles = [] {
        const QByteArray self = QByteArray::number(qint64(::getpid()));
        return ::access(
                   QByteArray("/proc/" + self + "/task/" + self + "/children").constData(), R_OK)
            == 0;
    }();
    if (!haveChildFiles) {
        if (!m_all)
            m_all = processChildren();
        return m_all->value(pid);
    }
    QList<qint64> out;
    const QByteArray taskDir = "/proc/" + QByteArray::number(pid) + "/task";
    DIR *dir = ::opendir(taskDir.constData());
    if (!dir)
        return out;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
            continue;
        if (const auto text = readFile(taskDir + '/' + entry->d_name + "/children"))
            out.append(parsePidList(*text));
    }
    ::closedir(dir);
    return out;
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
