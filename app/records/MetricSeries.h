// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Parsed.h"
#include "protocol/Metric.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace mamori::console {

// One sample of one scope ("host", "appliance", "vm:<id>"): CPU in % of the
// whole machine, memory in bytes, disk read and write in bytes/s; t in ms
// since the epoch.
struct MetricPoint
{
    qint64 t = 0;
    double cpu = 0;
    double mem = 0;
    double read = 0;
    double write = 0;

    double value(protocol::Metric metric) const
    {
        const double values[] = {cpu, mem, read, write};
        return values[int(metric)];
    }
    bool operator==(const MetricPoint &) const = default;
};

// GET /api/v1/metrics: the samples of each scope after `since`.
struct MetricSeries
{
    qint64 now = 0; // pass back as `since` next time
    qint64 since = 0;
    int intervalMs = 1000; // 60000: minute averages
    int cpus = 0;
    double memoryTotal = 0; // bytes
    QHash<QString, QList<MetricPoint>> scopes;
};

// GET /api/v1/baseline: each scope's baseline per metric, where there is one.
struct Baseline
{
    QHash<QString, std::array<std::optional<double>, protocol::kMetricCount>> scopes;
    // Where a scope's CPU baseline comes from: "automatic", "captured" (then
    // when its capture started), "none".
    struct Origin
    {
        QString source;
        QDateTime captured;
        bool operator==(const Origin &) const = default;
    };
    QHash<QString, Origin> origins;

    std::optional<double> value(const QString &scope, protocol::Metric metric) const;
    bool operator==(const Baseline &) const = default;
};

Parsed<MetricSeries> parseMetricSeries(const QJsonObject &answer);
Parsed<MetricSeries> parseMetricSeries(const QByteArray &json);
Parsed<Baseline> parseBaseline(const QJsonObject &answer);
Parsed<Baseline> parseBaseline(const QByteArray &json);

} // namespace mamori::console
