// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "MetricsArchive.h"
#include "app/fleet/ApplianceConnection.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace mamori::console {

// Polls one appliance for the samples of some scopes (GET /api/v1/metrics
// with `since` = the "now" of the previous answer), writes them to the
// archive and hands them on; fetches GET /api/v1/baseline now and then. At
// most one metrics request is in flight: a slow appliance is polled slower.
class MetricsFeed : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kFirstFetchMs = 3590 * 1000; // within the appliance's 1 s hour
    static constexpr int kBaselineEveryMs = 30 * 1000;

    MetricsFeed(
        ApplianceConnection *connection, MetricsArchive *archive, QObject *parent = nullptr);
    ~MetricsFeed() override;

    ApplianceConnection *connection() const { return m_connection; }
    // A new scope is fetched from where the archive leaves off (at most the
    // last hour).
    void setScopes(const QStringList &scopes);
    QStringList scopes() const { return m_scopes; }
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    void fetchNow();
    void fetchBaseline();

    // The newest answer's "cpus" and "memory_total" (0 until known).
    int cpus() const { return m_cpus; }
    double memoryTotal() const { return m_memoryTotal; }
    // GET /api/v1/baseline as last received.
    const Baseline &baseline() const { return m_baseline; }
    // The latest sample received per scope.
    std::optional<MetricPoint> latest(const QString &scope) const;

Q_SIGNALS:
    void samplesReceived(const QString &scope, const QList<mamori::console::MetricPoint> &points);
    void baselineChanged();
    void fetchFailed(const QString &message);

private:
    void onAnswer(const MetricSeries &answer);

    QPointer<ApplianceConnection> m_connection;
    MetricsArchive *m_archive;
    QStringList m_scopes;
    QTimer m_timer;
    qint64 m_since = 0;
    bool m_inFlight = false;
    quint64 m_generation = 0;
    qint64 m_lastBaseline = 0;
    int m_cpus = 0;
    double m_memoryTotal = 0;
    Baseline m_baseline;
    QHash<QString, MetricPoint> m_latest;
};

} // namespace mamori::console
