// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "MetricSample.h"
#include "VmSource.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace mamori::appliance {

namespace procfs {
class ChildrenLookup;
}

// Samples the host, the appliance and every VM once per interval, from
// /proc, /sys/block and cgroups; see MetricSample for the units. Runs on the
// thread that owns it. Cost, measured on a loaded 2-vCPU VM: 0.1 ms per tick
// for host and appliance, plus about 25 us per VM read from its processes
// (descriptors stay open, see procfs::KeptFile); process trees are searched
// for new descendants only every rescanIntervalMs.
//
// "appliance" is this process and its descendants (helpers the scanner may
// start); its read/write fall back to rchar/wchar while the kernel's
// read_bytes/write_bytes have stayed 0 (no task I/O accounting).
//
// Every scope needs two readings for a rate, so a scope's first sample comes
// one interval after it was first read; a source that cannot be read (VM
// stopped, cgroup removed, PIDs gone) gives no sample for that tick.
class MetricsSampler : public QObject
{
    Q_OBJECT
public:
    explicit MetricsSampler(QObject *parent = nullptr);
    ~MetricsSampler() override;

    void setIntervalMs(int ms);
    int intervalMs() const { return m_timer.interval(); }
    void setRescanIntervalMs(int ms) { m_rescanMs = ms; }

    // Reads every source at once (so that the first samples come one
    // interval later) and starts the timer.
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    // Keeps the readings of VMs whose source did not change.
    void setVmSources(const QHash<QString, VmSource> &sources);
    QHash<QString, VmSource> vmSources() const;

    // The scheduler says whether a scan is running. A sample counts as
    // "scanning" if a scan ran at any moment of its interval, however short.
    void setScanning(bool running);
    bool isScanning() const { return m_scanning; }
    bool lastSampleScanning() const { return m_lastScanning; }

    // One tick now: reads everything, updates latest(), emits sampled().
    void sampleNow();
    // scope -> sample of the last tick (only scopes that gave one).
    const QHash<QString, MetricSample> &latest() const { return m_latest; }
    std::optional<MetricSample> latest(const QString &scope) const;
    int cpuCount() const { return m_cpus; }
    qint64 memoryTotalBytes() const { return m_memoryTotal; }

Q_SIGNALS:
    void sampled(qint64 t);

private:
    struct SourceState;
    struct HostState;
    std::optional<MetricSample> sampleHost(qint64 t, qint64 nowNs);
    std::optional<MetricSample> sampleSource(
        SourceState &state, qint64 t, qint64 nowNs, procfs::ChildrenLookup *children);

    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceRescan;
    int m_rescanMs = 5000;
    std::unique_ptr<HostState> m_host;
    std::unique_ptr<SourceState> m_self;
    QHash<QString, std::shared_ptr<SourceState>> m_vms;
    QHash<QString, MetricSample> m_latest;
    bool m_scanning = false;
    bool m_scanSeen = false;
    bool m_lastScanning = false;
    int m_cpus = 1;
    qint64 m_memoryTotal = 0;
};

} // namespace mamori::appliance
