// SPDX-License-Identifier: GPL-2.0-or-later
#include "BenchSupport.h"

#include <QFile>
#include <QList>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mamori::bench {

qint64 monoNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double selfCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

qint64 cpuNsOf(pid_t pid)
{
    // utime and stime are fields 14 and 15, after the ")" of the command.
    const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const QList<QByteArray> f = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 13)
        return 0;
    const double ticks = double(f[11].toLongLong() + f[12].toLongLong());
    return qint64(ticks * 1e9 / double(sysconf(_SC_CLK_TCK)));
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const auto i = std::clamp<qsizetype>(
        qsizetype(std::ceil(q * double(values.size()))) - 1, 0, qsizetype(values.size()) - 1);
    return values[size_t(i)];
}

quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

size_t appendToByteArray(char *data, size_t size, size_t n, void *byteArray)
{
    static_cast<QByteArray *>(byteArray)->append(data, qsizetype(size * n));
    return size * n;
}

} // namespace mamori::bench
