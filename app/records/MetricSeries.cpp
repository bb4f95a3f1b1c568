// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricSeries.h"

#include "RecordReader.h"
#include "protocol/JsonReader.h"

namespace mamori::console {
namespace {

using protocol::Metric;

// One scope's columns {"t": [...], "cpu": [...], ...}, as samples.
Parsed<QList<MetricPoint>> parseColumns(const QString &scope, const QJsonValue &value)
{
    const auto failure = [&scope](const QString &what) {
        return Parsed<QList<MetricPoint>>::failure(
            QStringLiteral("scopes.%1: %2").arg(scope, what));
    };
    if (!value.isObject())
        return failure(QStringLiteral("expected an object"));
    const QJsonObject o = value.toObject();
    const QJsonArray t = o.value(QLatin1String("t")).toArray();
    std::array<QJsonArray, protocol::kMetricCount> columns;
    for (Metric m : protocol::kAllMetrics) {
        const QJsonValue column = o.value(protocol::metricKey(m));
        if (!column.isArray())
            return failure(
                QStringLiteral("field '%1': expected an array").arg(protocol::metricKey(m)));
        columns[size_t(m)] = column.toArray();
        if (columns[size_t(m)].size() != t.size())
            return failure(QStringLiteral("field '%1' has %2 values for %3 times")
                               .arg(protocol::metricKey(m))
                               .arg(columns[size_t(m)].size())
                               .arg(t.size()));
    }
    QList<MetricPoint> points;
    points.reserve(t.size());
    for (qsizetype i = 0; i < t.size(); ++i) {
        std::array<double, protocol::kMetricCount> v {};
        for (size_t m = 0; m < v.size(); ++m) {
            const QJsonValue x = columns[m].at(i);
            if (!x.isDouble())
                return failure(QStringLiteral("field '%1': expected numbers")
                                   .arg(protocol::metricKey(Metric(m))));
            v[m] = x.toDouble();
        }
        const std::optional<qint64> time =
            t.at(i).isDouble() ? protocol::wholeNumber(t.at(i).toDouble()) : std::nullopt;
        if (!time)
            return failure(QStringLiteral("field 't': expected whole milliseconds"));
        points.append({*time, v[0], v[1], v[2], v[3]});
    }
    return points;
}

} // namespace

std::optional<double> Baseline::value(const QString &scope, Metric metric) const
{
    const auto it = scopes.constFind(scope);
    return it == scopes.cend() ? std::nullopt : (*it)[size_t(metric)];
}

Parsed<MetricSeries> parseMetricSeries(const QJsonObject &answer)
{
    RecordReader r(answer);
    MetricSeries s;
    s.now = r.integer(QStringLiteral("now"), 0, std::numeric_limits<qint64>::max());
    s.since = r.count(QStringLiteral("since"), 0, std::numeric_limits<qint64>::min(),
        std::numeric_limits<qint64>::max());
    s.intervalMs = int(r.count(QStringLiteral("interval_ms"), 1000, 1));
    s.cpus = int(r.count(QStringLiteral("cpus")));
    s.memoryTotal = r.optionalNumber(QStringLiteral("memory_total")).value_or(0);
    const QJsonObject scopes = r.object(QStringLiteral("scopes"));
    if (!r.ok())
        return Parsed<MetricSeries>::failure(r.error());
    for (auto it = scopes.begin(); it != scopes.end(); ++it) {
        Parsed<QList<MetricPoint>> points = parseColumns(it.key(), it.value());
        if (!points)
            return Parsed<MetricSeries>::failure(points.error());
        s.scopes.insert(it.key(), std::move(*points));
    }
    return s;
}

Parsed<MetricSeries> parseMetricSeries(const QByteArray &json)
{
    return parseBytes<MetricSeries>(
        json, [](const QJsonObject &o) { return parseMetricSeries(o); });
}

Parsed<Baseline> parseBaseline(const QJsonObject &answer)
{
    RecordReader r(answer);
    Baseline b;
    const QJsonObject scopes = r.object(QStringLiteral("scopes"));
    for (auto it = scopes.begin(); r.ok() && it != scopes.end(); ++it) {
        RecordReader scope = r.child(QStringLiteral("scopes")).child(it.key());
        auto &values = b.scopes[it.key()];
        for (Metric m : protocol::kAllMetrics) {
            RecordReader metric = scope.child(protocol::metricKey(m), true);
            values[size_t(m)] = metric.optionalNumber(QStringLiteral("value"));
            scope.adopt(metric);
        }
        const QJsonObject cpu =
            it.value().toObject().value(protocol::metricKey(Metric::Cpu)).toObject();
        const double start = cpu.value(QStringLiteral("start")).toDouble();
        b.origins.insert(it.key(),
            {cpu.value(QStringLiteral("source")).toString(),
                start > 0 ? QDateTime::fromMSecsSinceEpoch(qint64(start), Qt::UTC) : QDateTime()});
        r.adopt(scope);
    }
    return finish(r, std::move(b));
}

Parsed<Baseline> parseBaseline(const QByteArray &json)
{
    return parseBytes<Baseline>(json, [](const QJsonObject &o) { return parseBaseline(o); });
}

} // namespace mamori::console
