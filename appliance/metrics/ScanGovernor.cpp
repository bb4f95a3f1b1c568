// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScanGovernor.h"

#include "Baseline.h"

namespace mamori::appliance {

namespace {

// A gap longer than this (sampler stopped, machine suspended) starts the
// count again rather than counting as a long busy or calm stretch.
constexpr qint64 kMaxStepMs = 5000;

QString formatBps(double bps)
{
    if (bps >= 1024.0 * 1024.0)
        return QStringLiteral("%1 MiB/s").arg(bps / (1024.0 * 1024.0), 0, 'f', 1);
    return QStringLiteral("%1 KiB/s").arg(bps / 1024.0, 0, 'f', 1);
}

} // namespace

ScanGovernor::ScanGovernor(QObject *parent) : QObject(parent) { }

void ScanGovernor::setPolicy(const Policy &policy)
{
    m_policy = policy;
    if (!m_policy.enabled && m_paused) {
        m_paused = false;
        m_reason.clear();
        m_hold = {};
        m_overMs = m_underMs = 0;
        Q_EMIT resumeRequested();
    }
}

void ScanGovernor::evaluate(const MetricSample &host, const std::optional<MetricSample> &appliance,
    const Baseline &baseline)
{
    const QString h = scope::host();
    const auto cpu = baseline.value(h, Metric::Cpu);
    const auto read = baseline.value(h, Metric::Read);
    const auto write = baseline.value(h, Metric::Write);
    std::optional<double> io;
    if (read || write)
        io = (read ? read->value : 0.0) + (write ? write->value : 0.0);
    evaluate(host, appliance, cpu ? std::optional<double>(cpu->value) : std::nullopt, io);
}

void ScanGovernor::evaluate(const MetricSample &host, const std::optional<MetricSample> &appliance,
    std::optional<double> cpuBaseline, std::optional<double> ioBaseline)
{
    const qint64 step = m_prevT < 0 ? 1000 : host.t - m_prevT;
    m_prevT = host.t;
    if (step <= 0)
        return; // the same tick twice, or the clock went back
    if (step > kMaxStepMs)
        m_overMs = m_underMs = 0;
    const qint64 dt = step > kMaxStepMs ? 1000 : step;

    const MetricSample self = appliance.value_or(MetricSample {});
    m_cpu.value = qMax(0.0, host.cpuPercent - self.cpuPercent);
    m_io.value = qMax(0.0, host.readBps + host.writeBps - self.readBps - self.writeBps);
    m_cpu.baseline = cpuBaseline;
    m_io.baseline = ioBaseline;
    m_cpu.threshold = cpuBaseline
        ? qMax(*cpuBaseline, m_policy.cpuFloorPercent) * m_policy.cpuPercentOfBaseline / 100.0
        : 0.0;
    m_io.threshold = ioBaseline
        ? qMax(*ioBaseline, m_policy.ioFloorBps) * m_policy.ioPercentOfBaseline / 100.0
        : 0.0;
    if (!m_policy.enabled)
        return;

    const bool cpuOver = m_cpu.threshold > 0 && m_cpu.value > m_cpu.threshold;
    const bool ioOver = m_io.threshold > 0 && m_io.value > m_io.threshold;
    const bool cpuCalm =
        m_cpu.threshold <= 0 || m_cpu.value < m_cpu.threshold * m_policy.resumeFraction;
    const bool ioCalm =
        m_io.threshold <= 0 || m_io.value < m_io.threshold * m_policy.resumeFraction;

    if (!m_paused) {
        m_overMs = cpuOver || ioOver ? m_overMs + dt : 0;
        if (m_overMs < qint64(m_policy.pauseAfterSeconds) * 1000)
            return;
        QStringList parts;
        if (cpuOver)
            parts << QStringLiteral("CPU of the host without the appliance %1 % > %2 % "
                                    "(%3 % of baseline %4 %)")
                         .arg(m_cpu.value, 0, 'f', 1)
                         .arg(m_cpu.threshold, 0, 'f', 1)
                         .arg(m_policy.cpuPercentOfBaseline, 0, 'f', 0)
                         .arg(*m_cpu.baseline, 0, 'f', 1);
        if (ioOver)
            parts << QStringLiteral("disk I/O of the host without the appliance %1 > %2 "
                                    "(%3 % of baseline %4)")
                         .arg(formatBps(m_io.value), formatBps(m_io.threshold))
                         .arg(m_policy.ioPercentOfBaseline, 0, 'f', 0)
                         .arg(formatBps(*m_io.baseline));
        m_reason =
            parts.join(QStringLiteral("; ")) + QStringLiteral(" for %1 s").arg(m_overMs / 1000);
        m_hold = {{QStringLiteral("code"), QStringLiteral("host_busy")}};
        if (cpuOver)
            m_hold.insert(QStringLiteral("cpu"), figureJson(m_cpu));
        if (ioOver)
            m_hold.insert(QStringLiteral("io"), figureJson(m_io));
        m_paused = true;
        m_since = host.t;
        m_overMs = m_underMs = 0;
        Q_EMIT pauseRequested(m_reason);
        return;
    }
    m_underMs = cpuCalm && ioCalm ? m_underMs + dt : 0;
    if (m_underMs < qint64(m_policy.resumeAfterSeconds) * 1000)
        return;
    m_paused = false;
    m_reason.clear();
    m_hold = {};
    m_since = host.t;
    m_overMs = m_underMs = 0;
    Q_EMIT resumeRequested();
}

QJsonObject ScanGovernor::figureJson(const Figure &f)
{
    return QJsonObject {{QStringLiteral("value"), f.value},
        {QStringLiteral("threshold"), f.threshold > 0 ? QJsonValue(f.threshold) : QJsonValue()},
        {QStringLiteral("baseline"), f.baseline ? QJsonValue(*f.baseline) : QJsonValue()}};
}

QJsonObject ScanGovernor::toJson() const
{
    const auto figure = &ScanGovernor::figureJson;
    return QJsonObject {{QStringLiteral("enabled"), m_policy.enabled},
        {QStringLiteral("paused"), m_paused}, {QStringLiteral("reason"), m_reason},
        {QStringLiteral("since"), m_since}, {QStringLiteral("cpu"), figure(m_cpu)},
        {QStringLiteral("io"), figure(m_io)}};
}

void ScanGovernor::reset()
{
    m_paused = false;
    m_reason.clear();
    m_hold = {};
    m_since = 0;
    m_prevT = -1;
    m_overMs = m_underMs = 0;
}

} // namespace mamori::appliance
