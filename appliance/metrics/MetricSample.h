// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/Metric.h"

#include <QString>
#include <QtGlobal>

#include <array>
#include <optional>

namespace mamori::appliance {

// One second (one sampler interval) of one scope's resource use.
//
// Units, the same for every scope so that they can be added and subtracted:
// - cpuPercent: percent of the WHOLE machine, all online CPUs together
//   (0..100). One core busy on a 2-CPU host is 50. Multiply by the host's
//   `cpus` (see MetricsSampler::cpuCount) for "percent of one core".
// - memoryBytes: host: MemTotal - MemAvailable; process scopes: resident set
//   (VmRSS); cgroup scopes: memory.current / memory.usage_in_bytes, which
//   includes the group's page cache.
// - readBps / writeBps: bytes per second. Host: whole devices from
//   /proc/diskstats. Processes: /proc/PID/io read_bytes / write_bytes (bytes
//   submitted to or dirtied for the block layer). Cgroups: io.stat / blkio.
struct MetricSample
{
    qint64 t = 0; // ms since the epoch, end of the interval
    double cpuPercent = 0;
    qint64 memoryBytes = 0;
    double readBps = 0;
    double writeBps = 0;

    friend bool operator==(const MetricSample &, const MetricSample &) = default;
};

// The metrics, their keys (used in JSON and in SQLite) and the scopes are
// the API's, shared with the console (protocol/Metric.h).
using protocol::kAllMetrics;
using protocol::Metric;
inline QString metricName(Metric metric)
{
    return protocol::metricKey(metric);
}
inline std::optional<Metric> metricFromName(const QString &name)
{
    return protocol::metricFromKey(name);
}
double metricValue(const MetricSample &sample, Metric metric);

namespace scope {
inline QString host()
{
    return protocol::hostScope();
}
inline QString appliance()
{
    return protocol::applianceScope();
}
inline QString vm(const QString &vmId)
{
    return protocol::vmScope(vmId);
}
} // namespace scope

} // namespace mamori::appliance
