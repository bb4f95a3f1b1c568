// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "MetricSample.h"
#include "MetricsStore.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>

#include <array>
#include <optional>

namespace mamori::appliance {

// What "normal" looks like for each scope and metric, so that resource use
// can be shown as % of it (the product's headline numbers) and the governor
// can tell a busy host.
//
// automatic: the MEAN of the most recent 600 samples taken while no scan ran
//   (10 minutes at 1 s; older ones if scans have been running since, but
//   none older than 24 h), once there are at least 60. The mean, not the
//   median: baselines are compared with averages (a VM's disk I/O comes in
//   bursts, its median is often 0), and scan samples are already left out.
// captured: the admin asks for capture(N): the mean of every sample of the
//   next N seconds, whether or not scans run (counted and shown as
//   scanning_samples); it then stays fixed, per scope, over the automatic
//   value until resetToAutomatic().
//
// Both are kept in SQLite: a restart finds the captured values and the last
// automatic ones (saved once a minute, used until 60 fresh samples exist).
//
// GET /api/v1/baseline answer (toJson):
//   {
//     "capturing": null | {"duration_s": 60, "started": T|null, "elapsed_s": 12.0,
//                          "progress": 0.2},          // 0..1
//     "window_samples": 600, "min_samples": 60,
//     "floors": {"cpu": 1, "mem": 1048576, "read": 4096, "write": 4096},
//     "scopes": {
//       "host": {
//         "cpu":   {"value": 12.5, "source": "automatic", "window_start": T,
//                   "window_end": T, "samples": 600},
//         "mem":   {"value": 8.1e9, "source": "captured", "start": T, "duration_s": 60,
//                   "samples": 60, "scanning_samples": 0},
//         "read":  {"value": null, "source": "none", "samples": 12, "needed": 60},
//         ...
//       },
//       "vm:ID": {...}
//     }
//   }
// Units as in MetricSample; T in ms since the epoch.
class Baseline : public QObject
{
    Q_OBJECT
public:
    static constexpr int kWindowSamples = 600;
    static constexpr int kMinSamples = 60;
    // Denominators of percentOf() never go below these, so that an idle disk
    // (0 B/s) or an idle VM gives a finite, meaningful percentage.
    static constexpr double kCpuFloorPercent = 1.0; // % of the machine
    static constexpr double kMemoryFloorBytes = 1024.0 * 1024.0;
    static constexpr double kIoFloorBps = 4096.0;
    static double floorOf(Metric metric);

    struct Value
    {
        double value = 0;
        QString source; // "automatic" or "captured"
        qint64 windowStart = 0; // captured: start of the capture
        qint64 windowEnd = 0;
        int samples = 0;
        int scanningSamples = 0;
    };

    explicit Baseline(QSqlDatabase db = {}, QObject *parent = nullptr);
    bool load(QString *error = nullptr);

    void add(const QString &scope, const MetricSample &sample, bool scanning);
    void addAll(const QHash<QString, MetricSample> &samples, bool scanning);

    // Starts measuring with the next sample. False if already capturing or
    // durationSeconds is not in 1..86400.
    bool capture(int durationSeconds);
    void cancelCapture() { m_capture.reset(); }
    bool isCapturing() const { return m_capture.has_value(); }
    void resetToAutomatic();

    std::optional<Value> value(const QString &scope, Metric metric) const;
    // 100 * value / max(baseline, floor); nullopt when there is no baseline.
    std::optional<double> percentOf(const QString &scope, Metric metric, double value) const;
    QJsonObject toJson() const;
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void captureFinished();

private:
    struct Window
    {
        QList<MetricSample> ring; // no-scan samples; oldest at `head` once full
        int head = 0;
    };
    struct Capture
    {
        int durationSeconds = 0;
        qint64 start = -1;
        QHash<QString, std::array<double, 4>> sums;
        QHash<QString, int> counts;
        QHash<QString, int> scanning;
    };
    using Values = std::array<std::optional<Value>, 4>;

    std::optional<Value> automatic(const QString &scope, Metric metric) const;
    void addOne(const QString &scope, const MetricSample &sample, bool scanning);
    void maybeSaveAutomatic();
    void finishCapture();
    void saveAutomatic();

    MetricsStore m_store;
    QHash<QString, Window> m_windows;
    QHash<QString, Values> m_captured;
    QHash<QString, Values> m_restored; // automatic values from before a restart
    std::optional<Capture> m_capture;
    qint64 m_latestT = 0;
    qint64 m_lastSave = 0;
    QString m_lastError;
};

} // namespace mamori::appliance
