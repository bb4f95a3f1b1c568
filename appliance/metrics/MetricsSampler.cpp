// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricsSampler.h"

#include "ProcFs.h"
#include "ProcessSet.h"

#include <QDateTime>
#include <QFileInfo>

#include <unistd.h>

namespace mamori::appliance {

namespace {

// Device lists change rarely (hot-plug); re-reading /sys/block costs a
// directory walk, so not every tick.
constexpr qint64 kDeviceRefreshNs = 30'000'000'000;

procfs::KeptFile fileIn(const QString &dir, const char *name)
{
    return procfs::KeptFile(QFile::encodeName(dir + QLatin1Char('/') + QLatin1String(name)));
}

} // namespace

struct MetricsSampler::HostState
{
    std::optional<procfs::CpuTimes> cpu;
    QHash<QByteArray, procfs::DiskCounters> disks;
    QSet<QByteArray> devices;
    qint64 devicesReadNs = -1;
    qint64 prevNs = -1;
};

struct MetricsSampler::SourceState
{
    VmSource source;
    ProcessSet procs;
    std::optional<SourceCounters> prev;
    qint64 prevNs = 0;

    // Cgroup files by controller; a missing one is measured from the group's
    // processes instead (e.g. cgroup v2 without the memory or io controller
    // enabled for this group, cgroup v1 without a blkio hierarchy).
    procfs::KeptFile procsFile, cpuFile, memoryFile, ioFile;
    bool resolved = false;

    explicit SourceState(const VmSource &s) : source(s)
    {
        if (s.kind == VmSource::Kind::Processes || s.kind == VmSource::Kind::ProcessTree) {
            procs.setMode(s.kind == VmSource::Kind::Processes ? ProcessSet::Mode::Listed
                                                              : ProcessSet::Mode::Tree);
            procs.setPids(s.pids);
        }
    }

    bool isCgroup() const
    {
        return source.kind == VmSource::Kind::CgroupV2 || source.kind == VmSource::Kind::CgroupV1;
    }

    // Finds the group's files; a cgroup v1 group that does not exist yet is
    // looked for again on the next tick.
    bool resolve()
    {
        if (resolved)
            return true;
        if (source.kind == VmSource::Kind::CgroupV2) {
            procsFile = fileIn(source.path, "cgroup.procs");
            cpuFile = fileIn(source.path, "cpu.stat");
            memoryFile = fileIn(source.path, "memory.current");
            ioFile = fileIn(source.path, "io.stat");
            return resolved = true;
        }
        const auto under = [&](const char *controller) {
            return source.root + QLatin1Char('/') + QLatin1String(controller) + QLatin1Char('/')
                + source.path;
        };
        const QString cpuDir =
            QFileInfo::exists(under("cpuacct")) ? under("cpuacct") : under("cpu,cpuacct");
        const QString memoryDir = under("memory");
        const QString ioDir = under("blkio");
        for (const QString &dir : {cpuDir, memoryDir, ioDir}) {
            if (QFileInfo::exists(dir + QStringLiteral("/cgroup.procs"))) {
                procsFile = fileIn(dir, "cgroup.procs");
                cpuFile = fileIn(cpuDir, "cpuacct.usage");
                memoryFile = fileIn(memoryDir, "memory.usage_in_bytes");
                ioFile = fileIn(ioDir, "blkio.throttle.io_service_bytes");
                return resolved = true;
            }
        }
        return false;
    }

    std::optional<SourceCounters> readCgroup()
    {
        const auto procsText = resolve() ? procsFile.read() : std::nullopt;
        if (!procsText) {
            resolved = false;
            procs.reset();
            return std::nullopt;
        }
        std::optional<double> cpu;
        std::optional<qint64> memory;
        std::optional<procfs::IoBytes> io;
        const auto cpuText = cpuFile.read();
        const auto memoryText = memoryFile.read();
        const auto ioText = ioFile.read();
        if (source.kind == VmSource::Kind::CgroupV2) {
            if (const auto usec =
                    cpuText ? procfs::parseKeyedValue(*cpuText, "usage_usec") : std::nullopt)
                cpu = double(*usec) / 1e6;
            if (ioText)
                io = procfs::parseIoStat(*ioText);
        } else {
            if (cpuText)
                cpu = double(cpuText->trimmed().toULongLong()) / 1e9;
            if (ioText)
                io = procfs::parseBlkioServiceBytes(*ioText);
        }
        if (memoryText)
            memory = memoryText->trimmed().toLongLong();
        SourceCounters fallback;
        if (!cpu || !memory || !io) {
            procs.setMode(ProcessSet::Mode::Listed);
            procs.setPids(procfs::parsePidList(*procsText));
            procs.update(nullptr);
            fallback = procs.counters();
        }
        SourceCounters c;
        c.cpuSeconds = cpu.value_or(fallback.cpuSeconds);
        c.memoryBytes = memory.value_or(fallback.memoryBytes);
        c.readBytes = io ? double(io->readBytes) : fallback.readBytes;
        c.writeBytes = io ? double(io->writeBytes) : fallback.writeBytes;
        return c;
    }

    std::optional<SourceCounters> read(procfs::ChildrenLookup *children)
    {
        if (isCgroup())
            return readCgroup();
        if (!procs.update(children))
            return std::nullopt;
        return procs.counters();
    }
};

MetricsSampler::MetricsSampler(QObject *parent)
    : QObject(parent), m_host(std::make_unique<HostState>()),
      m_self(std::make_unique<SourceState>(VmSource::processTree(qint64(::getpid()))))
{
    m_self->procs.setCharFallback(true);
    m_timer.setInterval(1000);
    m_clock.start();
    connect(&m_timer, &QTimer::timeout, this, &MetricsSampler::sampleNow);
}

MetricsSampler::~MetricsSampler() = default;

void MetricsSampler::setIntervalMs(int ms)
{
    m_timer.setInterval(qMax(10, ms));
}

void MetricsSampler::start()
{
    m_latest.clear();
    sampleNow();
    m_timer.start();
}

void MetricsSampler::stop()
{
    m_timer.stop();
}

void MetricsSampler::setVmSources(const QHash<QString, VmSource> &sources)
{
    QHash<QString, std::shared_ptr<SourceState>> next;
    for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
        const auto old = m_vms.constFind(it.key());
        if (old != m_vms.cend() && (*old)->source == it.value())
            next.insert(it.key(), *old);
        else
            next.insert(it.key(), std::make_shared<SourceState>(it.value()));
    }
    m_vms = std::move(next);
}

QHash<QString, VmSource> MetricsSampler::vmSources() const
{
    QHash<QString, VmSource> out;
    for (auto it = m_vms.cbegin(); it != m_vms.cend(); ++it)
        out.insert(it.key(), (*it)->source);
    return out;
}

void MetricsSampler::setScanning(bool running)
{
    m_scanning = running;
    if (running)
        m_scanSeen = true;
}

std::optional<MetricSample> MetricsSampler::latest(const QString &scope) const
{
    const auto it = m_latest.constFind(scope);
    if (it == m_latest.cend())
        return std::nullopt;
    return *it;
}

std::optional<MetricSample> MetricsSampler::sampleHost(qint64 t, qint64 nowNs)
{
    HostState &h = *m_host;
    const auto statText = procfs::readFile("/proc/stat");
    const auto cpu = statText ? procfs::parseProcStat(*statText) : std::nullopt;
    const auto memText = procfs::readFile("/proc/meminfo");
    const auto mem = memText ? procfs::parseMeminfo(*memText) : std::nullopt;
    if (h.devicesReadNs < 0 || nowNs - h.devicesReadNs >= kDeviceRefreshNs) {
        h.devices = procfs::physicalBlockDevices();
        h.devicesReadNs = nowNs;
    }
    const auto diskText = procfs::readFile("/proc/diskstats");
    const auto disks = diskText ? procfs::parseDiskstats(*diskText, h.devices)
                                : QHash<QByteArray, procfs::DiskCounters> {};
    if (cpu)
        m_cpus = cpu->cpus;
    if (mem)
        m_memoryTotal = mem->totalBytes;

    std::optional<MetricSample> out;
    if (cpu && mem && h.cpu && h.prevNs >= 0 && nowNs > h.prevNs) {
        const double seconds = double(nowNs - h.prevNs) / 1e9;
        MetricSample s;
        s.t = t;
        const double total = double(cpu->total) - double(h.cpu->total);
        const double busy = double(cpu->busy) - double(h.cpu->busy);
        s.cpuPercent = total > 0 ? qBound(0.0, 100.0 * busy / total, 100.0) : 0.0;
        s.memoryBytes = mem->usedBytes;
        double readSectors = 0;
        double writtenSectors = 0;
        // Only devices present in both readings: one that appeared or was
        // replaced has no meaningful delta.
        for (auto it = disks.cbegin(); it != disks.cend(); ++it) {
            const auto before = h.disks.constFind(it.key());
            if (before == h.disks.cend() || it->readSectors < before->readSectors
                || it->writtenSectors < before->writtenSectors)
                continue;
            readSectors += double(it->readSectors - before->readSectors);
            writtenSectors += double(it->writtenSectors - before->writtenSectors);
        }
        s.readBps = readSectors * 512.0 / seconds;
        s.writeBps = writtenSectors * 512.0 / seconds;
        out = s;
    }
    h.cpu = cpu;
    h.disks = disks;
    h.prevNs = nowNs;
    return out;
}

std::optional<MetricSample> MetricsSampler::sampleSource(
    SourceState &state, qint64 t, qint64 nowNs, procfs::ChildrenLookup *children)
{
    const auto current = state.read(children);
    if (!current) {
        state.prev.reset();
        return std::nullopt;
    }
    std::optional<MetricSample> out;
    if (state.prev && nowNs > state.prevNs) {
        const double seconds = double(nowNs - state.prevNs) / 1e9;
        // A counter that went backwards (cgroup re-created under the same
        // path, process set re-based) gives 0 for this tick, not a negative
        // rate.
        const auto rate = [&](double now, double before) {
            return qMax(0.0, now - before) / seconds;
        };
        MetricSample s;
        s.t = t;
        s.cpuPercent = 100.0 * rate(current->cpuSeconds, state.prev->cpuSeconds) / qMax(1, m_cpus);
        s.memoryBytes = current->memoryBytes;
        s.readBps = rate(current->readBytes, state.prev->readBytes);
        s.writeBps = rate(current->writeBytes, state.prev->writeBytes);
        out = s;
    }
    state.prev = current;
    state.prevNs = nowNs;
    return out;
}

void MetricsSampler::sampleNow()
{
    const qint64 t = QDateTime::currentMSecsSinceEpoch();
    const qint64 nowNs = m_clock.nsecsElapsed();
    m_lastScanning = m_scanSeen || m_scanning;
    m_scanSeen = m_scanning;

    procfs::ChildrenLookup children;
    const bool rescan = !m_sinceRescan.isValid() || m_sinceRescan.elapsed() >= m_rescanMs;
    if (rescan)
        m_sinceRescan.start();
    procfs::ChildrenLookup *tree = rescan ? &children : nullptr;

    m_latest.clear();
    if (const auto host = sampleHost(t, nowNs))
        m_latest.insert(scope::host(), *host);
    if (const auto self = sampleSource(*m_self, t, nowNs, tree))
        m_latest.insert(scope::appliance(), *self);
    for (auto it = m_vms.cbegin(); it != m_vms.cend(); ++it) {
        if (const auto vm = sampleSource(**it, t, nowNs, tree))
            m_latest.insert(scope::vm(it.key()), *vm);
    }
    if (!m_latest.isEmpty())
        Q_EMIT sampled(t);
}

} // namespace mamori::appliance
