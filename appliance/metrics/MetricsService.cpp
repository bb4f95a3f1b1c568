// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricsService.h"

#include <QDateTime>

namespace mamori::appliance {

MetricsService::MetricsService(QSqlDatabase db, QObject *parent)
    : QObject(parent), m_history(db), m_baseline(db)
{
    connect(&m_sampler, &MetricsSampler::sampled, this, &MetricsService::onSampled);
}

QList<const char *> MetricsService::schemaSteps()
{
    return MetricsStore::schemaSteps();
}

bool MetricsService::load(QString *error)
{
    return m_history.load(error) && m_baseline.load(error);
}

void MetricsService::start()
{
    m_history.setIntervalMs(m_sampler.intervalMs());
    m_sampler.start();
}

void MetricsService::stop()
{
    m_sampler.stop();
}

bool MetricsService::flush(QString *error)
{
    return m_history.flush(error);
}

void MetricsService::setGovernorBudgets(double cpuPercentOfBaseline, double ioPercentOfBaseline)
{
    ScanGovernor::Policy p = m_governor.policy();
    p.cpuPercentOfBaseline = cpuPercentOfBaseline;
    p.ioPercentOfBaseline = ioPercentOfBaseline;
    p.enabled = cpuPercentOfBaseline > 0 || ioPercentOfBaseline > 0;
    m_governor.setPolicy(p);
}

void MetricsService::onSampled()
{
    const QHash<QString, MetricSample> &samples = m_sampler.latest();
    m_history.addAll(samples);
    m_baseline.addAll(samples, m_sampler.lastSampleScanning());
    if (const auto host = m_sampler.latest(scope::host()))
        m_governor.evaluate(*host, m_sampler.latest(scope::appliance()), m_baseline);
}

QJsonObject MetricsService::metricsJson(qint64 sinceMs, const QStringList &scopes) const
{
    if (sinceMs < 0)
        sinceMs = m_history.latestTime() - MetricsHistory::kHourMs;
    QJsonObject out = m_history.toJson(sinceMs, scopes);
    out.insert(QStringLiteral("cpus"), m_sampler.cpuCount());
    out.insert(QStringLiteral("memory_total"), m_sampler.memoryTotalBytes());
    return out;
}

QJsonObject MetricsService::baselineJson() const
{
    QJsonObject out = m_baseline.toJson();
    out.insert(QStringLiteral("governor"), m_governor.toJson());
    return out;
}

} // namespace mamori::appliance
