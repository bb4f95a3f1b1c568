// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Baseline.h"
#include "MetricsHistory.h"
#include "MetricsSampler.h"
#include "ScanGovernor.h"

#include <QObject>
#include <QSqlDatabase>

namespace mamori::appliance {

// The metrics part of the daemon, wired: every tick of the sampler goes to
// the history, to the baseline (flagged with whether a scan ran during it)
// and, for the host, to the governor.
//
// Wiring in the daemon:
//   db.migrateModule("metrics", MetricsService::schemaSteps(), &err);
//   MetricsService metrics(db.db());  metrics.load(&err);  metrics.start();
//   inventory change  -> metrics.setVmSources({vmId: VmSource::cgroupV2(dir) |
//                                              VmSource::processTree(pid)})
//   scheduler job started/paused/resumed/finished ->
//       metrics.setScanning(scheduler.anyRunning() && !scheduler.isPaused())
//   governor pauseRequested(reason) -> scheduler.setPaused(true, reason)
//   governor resumeRequested()      -> scheduler.setPaused(false, {})
//   policy change -> governor budgets (governorCpuPercent, governorIoPercent)
//   shutdown -> metrics.flush() before the database closes
class MetricsService : public QObject
{
    Q_OBJECT
public:
    explicit MetricsService(QSqlDatabase db, QObject *parent = nullptr);
    static QList<const char *> schemaSteps();

    bool load(QString *error);
    void start();
    void stop();
    bool flush(QString *error = nullptr);

    void setVmSources(const QHash<QString, VmSource> &sources) { m_sampler.setVmSources(sources); }
    void setScanning(bool running) { m_sampler.setScanning(running); }
    void setGovernorBudgets(double cpuPercentOfBaseline, double ioPercentOfBaseline);

    // GET /api/v1/metrics: MetricsHistory::toJson plus the host's "cpus"
    // and "memory_total" (bytes). sinceMs < 0: the last hour.
    QJsonObject metricsJson(qint64 sinceMs, const QStringList &scopes) const;
    // GET /api/v1/baseline: Baseline::toJson plus "governor" (ScanGovernor::toJson).
    QJsonObject baselineJson() const;

    MetricsSampler &sampler() { return m_sampler; }
    MetricsHistory &history() { return m_history; }
    Baseline &baseline() { return m_baseline; }
    ScanGovernor &governor() { return m_governor; }

private:
    void onSampled();

    MetricsSampler m_sampler;
    MetricsHistory m_history;
    Baseline m_baseline;
    ScanGovernor m_governor;
};

} // namespace mamori::appliance
