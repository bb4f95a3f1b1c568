// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "MetricSample.h"
#include "MetricsStore.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace mamori::appliance {

// GET /api/v1/metrics?since=T&scope=S[&scope=S2...]
//
//   since  ms since the epoch; samples with t > since are returned. Absent:
//          the last hour. A client that polls passes the "now" of its
//          previous answer and gets only what is new.
//   scope  "host", "appliance" or "vm:<VM id>"; may repeat; absent: every
//          scope. Unknown scopes are left out of the answer.
//
// Answer (one object per scope, one array per metric, index i of each array
// is one sample, so that 50 VMs cost a few numbers each per second):
//
//   {
//     "now": 1718000000000,       // t of the newest sample; the next since
//     "since": 1717999990000,
//     "interval_ms": 1000,        // 1000 if since is within the hour before
//                                 // "now", else 60000 (minute averages)
//     "scopes": {
//       "host": {
//         "t":     [1717999991000, ...],  // ms since the epoch; for minute
//                                         // averages the minute's start
//         "cpu":   [12.34, ...],   // % of the whole machine (all CPUs), 2 decimals
//         "mem":   [123456789, ...],   // bytes
//         "read":  [40960, ...],   // bytes/s, integers
//         "write": [8192, ...]     // bytes/s, integers
//       },
//       "appliance": { ... },
//       "vm:6f1c...": { ... }
//     }
//   }
//
// The API layer adds "cpus" and "memory_total" of the host (see
// MetricsService::metricsJson) so that the console can show cores and %.
//
// Keeps, per scope, the last hour at the sampler's resolution (a ring of
// 3600) and the last 24 h as minute averages, in memory and in SQLite so that
// they survive a restart. Time is the samples' own t: tests inject samples
// with any clock, and "the last hour" is measured back from the newest
// sample. A sample not newer than its scope's last one is dropped (wall
// clock stepped back).
class MetricsHistory
{
public:
    static constexpr int kSecondsKept = 3600;
    static constexpr qint64 kHourMs = 3600 * 1000;
    static constexpr qint64 kMinuteMs = 60 * 1000;
    static constexpr qint64 kDayMs = 24 * kHourMs;

    explicit MetricsHistory(QSqlDatabase db = {});

    // The sampler's interval: "interval_ms" of 1 s answers.
    void setIntervalMs(int ms) { m_intervalMs = ms; }

    // Reads the minutes of the 24 h before `nowMs` (-1: the current time).
    bool load(QString *error = nullptr, qint64 nowMs = -1);

    // Each finished minute is written to SQLite; addAll() writes one tick's
    // scopes in one transaction.
    void add(const QString &scope, const MetricSample &sample);
    void addAll(const QHash<QString, MetricSample> &samples);
    // Writes the minutes in progress too (at shutdown): a restart within the
    // same minute merges into it.
    bool flush(QString *error = nullptr);
    QString lastError() const { return m_lastError; }

    // 1 s resolution when since lies within the hour before the newest
    // sample, else minute averages.
    QList<MetricSample> samplesSince(const QString &scope, qint64 sinceMs) const;
    QList<MetricSample> minutesSince(const QString &scope, qint64 sinceMs) const;
    QStringList scopes() const;
    qint64 latestTime() const { return m_latestT; }
    bool secondsCover(qint64 sinceMs) const { return sinceMs >= m_latestT - kHourMs; }

    QJsonObject toJson(qint64 sinceMs, const QStringList &scopeFilter = {}) const;

private:
    struct Minute
    {
        MetricSample average;
        int samples = 0;
    };
    struct Accumulator
    {
        qint64 minute = -1;
        double cpu = 0, mem = 0, read = 0, write = 0;
        int n = 0;
    };
    struct Series
    {
        QList<MetricSample> ring; // oldest at `head` once full
        int head = 0;
        QList<Minute> minutes; // ascending, 24 h at most
        Accumulator current;

        qsizetype size() const { return ring.size(); }
        const MetricSample &at(qsizetype i) const { return ring[(head + i) % ring.size()]; }
    };

    void append(const QString &scope, const MetricSample &sample);
    void finishMinute(const QString &scope, Series &series);
    void finishStaleMinutes();
    void persist(bool includeCurrent);

    MetricsStore m_store;
    QHash<QString, Series> m_series;
    QList<MetricsStore::MinuteRow> m_pending;
    qint64 m_latestT = 0;
    int m_intervalMs = 1000;
    QString m_lastError;
};

} // namespace mamori::appliance
