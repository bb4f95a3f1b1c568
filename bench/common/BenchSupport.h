// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// What the benchmark drivers share: clocks, /proc readings, percentiles,
// a free loopback port, libcurl's body callback.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdio>
#include <sys/types.h>
#include <vector>

// Progress on stderr (the tables go to stdout).
#define say(format, ...)                                                                           \
    (std::fprintf(stderr, format "\n" __VA_OPT__(, ) __VA_ARGS__), std::fflush(stderr))

namespace mamori::bench {

qint64 monoNs();
// CPU time this process used so far, in seconds.
double selfCpuSeconds();
// User + system CPU time of `pid` so far (0 when it is gone).
qint64 cpuNsOf(pid_t pid);

QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &data);

// The q-quantile (0..1) by the nearest-rank method; NaN when empty.
double percentile(std::vector<double> values, double q);

// A TCP port on 127.0.0.1 that was free a moment ago.
quint16 freePort();

// CURLOPT_WRITEFUNCTION appending to the QByteArray in CURLOPT_WRITEDATA.
size_t appendToByteArray(char *data, size_t size, size_t n, void *byteArray);

} // namespace mamori::bench
