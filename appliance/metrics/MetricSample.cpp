// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricSample.h"

#include "VmSource.h"

namespace mamori::appliance {

double metricValue(const MetricSample &sample, Metric metric)
{
    switch (metric) {
    case Metric::Cpu:
        return sample.cpuPercent;
    case Metric::Memory:
        return double(sample.memoryBytes);
    case Metric::Read:
        return sample.readBps;
    case Metric::Write:
        return sample.writeBps;
    }
    return 0;
}

VmSource VmSource::cgroupV2(const QString &directory)
{
    VmSource s;
    s.kind = Kind::CgroupV2;
    s.path = directory;
    return s;
}

VmSource VmSource::cgroupV1(const QString &relativePath, const QString &mountRoot)
{
    VmSource s;
    s.kind = Kind::CgroupV1;
    s.path = relativePath;
    s.root = mountRoot;
    return s;
}

VmSource VmSource::processes(const QList<qint64> &pids)
{
    VmSource s;
    s.kind = Kind::Processes;
    s.pids = pids;
    return s;
}

VmSource VmSource::processTree(qint64 rootPid)
{
    VmSource s;
    s.kind = Kind::ProcessTree;
    s.pids = {rootPid};
    return s;
}

} // namespace mamori::appliance
