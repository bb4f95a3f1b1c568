// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/MetricSeries.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

namespace mamori::console {

// The samples the console received, per appliance and scope, in
// <dataDir>/metrics.sqlite (mode 0600, WAL, versioned schema), so that the
// 1 h and 24 h windows survive a restart. Keeps `retention` (default 24 h,
// measured back from the newest sample) and at most `maxSamples` rows (the
// oldest go first). Use it from the thread that opened it only.
class MetricsArchive
{
    Q_DECLARE_TR_FUNCTIONS(MetricsArchive)

public:
    // The newest schema this program knows; a database with a higher
    // PRAGMA user_version is refused and left as it is.
    static int schemaVersion();
    static constexpr qint64 kDefaultRetentionMs = 24LL * 3600 * 1000;
    static constexpr qint64 kDefaultMaxSamples = 2'000'000;

    MetricsArchive();
    ~MetricsArchive();
    MetricsArchive(const MetricsArchive &) = delete;
    MetricsArchive &operator=(const MetricsArchive &) = delete;

    bool open(const QString &dataDir, QString *error = nullptr);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }

    void setRetentionMs(qint64 ms) { m_retentionMs = ms; }
    qint64 retentionMs() const { return m_retentionMs; }
    void setMaxSamples(qint64 rows) { m_maxSamples = rows; }
    qint64 maxSamples() const { return m_maxSamples; }

    // One transaction; a sample with the same appliance, scope and t replaces
    // the earlier one. Prunes every few hundred stores.
    bool store(int applianceId, const QString &scope, const QList<MetricPoint> &points);
    // Every scope of one answer in one transaction (a host with 50 VMs sends
    // 52 scopes a second; one commit each was the archive's main cost).
    bool store(int applianceId, const QHash<QString, QList<MetricPoint>> &byScope);
    // Samples with from <= t <= to, ascending; bucketMs > 0 averages them
    // per bucket (t = the bucket's start).
    QList<MetricPoint> samples(int applianceId, const QString &scope, qint64 fromMs, qint64 toMs,
        qint64 bucketMs = 0) const;
    // t of the newest sample of the scope; 0 when there is none.
    qint64 latestTime(int applianceId, const QString &scope) const;
    qint64 count() const;
    // Applies the retention (from the newest sample of all) and the size bound.
    bool prune();
    bool removeAppliance(int applianceId);

private:
    bool fail(const QString &message) const;
    bool migrate();

    QString m_connection;
    QString m_path;
    qint64 m_retentionMs = kDefaultRetentionMs;
    qint64 m_maxSamples = kDefaultMaxSamples;
    int m_storesSincePrune = 0;
    mutable QString m_lastError;
};

} // namespace mamori::console
