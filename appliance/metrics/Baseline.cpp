// SPDX-License-Identifier: GPL-2.0-or-later
#include "Baseline.h"

#include <QDebug>
#include <QJsonArray>
#include <QSet>

namespace mamori::appliance {

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;
constexpr qint64 kSaveEveryMs = 60 * 1000;

int indexOf(Metric metric)
{
    return int(metric);
}

} // namespace

double Baseline::floorOf(Metric metric)
{
    switch (metric) {
    case Metric::Cpu:
        return kCpuFloorPercent;
    case Metric::Memory:
        return kMemoryFloorBytes;
    case Metric::Read:
    case Metric::Write:
        return kIoFloorBps;
    }
    return 1.0;
}

Baseline::Baseline(QSqlDatabase db, QObject *parent) : QObject(parent), m_store(std::move(db)) { }

bool Baseline::load(QString *error)
{
    QList<MetricsStore::BaselineRow> rows;
    QString err;
    if (!m_store.loadBaselines(&rows, &err)) {
        m_lastError = err;
        if (error)
            *error = err;
        return false;
    }
    for (const MetricsStore::BaselineRow &row : std::as_const(rows)) {
        Value v {row.value, row.method, row.windowStart, row.windowEnd, row.samples,
            row.scanningSamples};
        auto &target = row.method == QLatin1String("captured") ? m_captured : m_restored;
        target[row.scope][indexOf(row.metric)] = v;
    }
    return true;
}

void Baseline::add(const QString &scope, const MetricSample &sample, bool scanning)
{
    addOne(scope, sample, scanning);
    maybeSaveAutomatic();
}

void Baseline::addAll(const QHash<QString, MetricSample> &samples, bool scanning)
{
    for (auto it = samples.cbegin(); it != samples.cend(); ++it)
        addOne(it.key(), it.value(), scanning);
    maybeSaveAutomatic();
}

void Baseline::addOne(const QString &scope, const MetricSample &sample, bool scanning)
{
    m_latestT = qMax(m_latestT, sample.t);
    if (m_capture) {
        if (m_capture->start < 0)
            m_capture->start = sample.t;
        if (sample.t >= m_capture->start + qint64(m_capture->durationSeconds) * 1000) {
            finishCapture();
        } else {
            auto &sums = m_capture->sums[scope];
            for (Metric m : kAllMetrics)
                sums[indexOf(m)] += metricValue(sample, m);
            ++m_capture->counts[scope];
            if (scanning)
                ++m_capture->scanning[scope];
        }
    }
    if (scanning)
        return;
    Window &w = m_windows[scope];
    if (!w.ring.isEmpty()) {
        const MetricSample &newest = w.ring[(w.head + w.ring.size() - 1) % w.ring.size()];
        if (sample.t <= newest.t)
            return;
    }
    if (w.ring.size() < kWindowSamples) {
        w.ring.append(sample);
    } else {
        w.ring[w.head] = sample;
        w.head = (w.head + 1) % kWindowSamples;
    }
}

bool Baseline::capture(int durationSeconds)
{
    if (m_capture || durationSeconds < 1 || durationSeconds > 86400)
        return false;
    m_capture = Capture {};
    m_capture->durationSeconds = durationSeconds;
    return true;
}

void Baseline::finishCapture()
{
    const Capture c = std::move(*m_capture);
    m_capture.reset();
    m_captured.clear();
    QList<MetricsStore::BaselineRow> rows;
    for (auto it = c.counts.cbegin(); it != c.counts.cend(); ++it) {
        const int n = it.value();
        const auto &sums = c.sums[it.key()];
        Values &values = m_captured[it.key()];
        for (Metric m : kAllMetrics) {
            Value v {sums[indexOf(m)] / n, QStringLiteral("captured"), c.start,
                c.start + qint64(c.durationSeconds) * 1000, n, c.scanning.value(it.key())};
            values[indexOf(m)] = v;
            rows.append(MetricsStore::BaselineRow {it.key(), m, v.source, v.value, v.windowStart,
                v.windowEnd, v.samples, v.scanningSamples});
        }
    }
    QString err;
    if (!m_store.replaceBaselines(QStringLiteral("captured"), rows, &err)) {
        qWarning("metrics: cannot save the captured baseline: %s", qPrintable(err));
        m_lastError = err;
    }
    Q_EMIT captureFinished();
}

void Baseline::resetToAutomatic()
{
    m_captured.clear();
    QString err;
    if (!m_store.replaceBaselines(QStringLiteral("captured"), {}, &err))
        m_lastError = err;
}

std::optional<Baseline::Value> Baseline::automatic(const QString &scope, Metric metric) const
{
    const auto it = m_windows.constFind(scope);
    if (it != m_windows.cend()) {
        const qint64 dayAgo = m_latestT - kDayMs;
        double sum = 0;
        int n = 0;
        qint64 first = 0, last = 0;
        for (const MetricSample &s : it->ring) {
            if (s.t < dayAgo)
                continue;
            sum += metricValue(s, metric);
            first = n == 0 ? s.t : qMin(first, s.t);
            last = qMax(last, s.t);
            ++n;
        }
        if (n >= kMinSamples)
            return Value {sum / n, QStringLiteral("automatic"), first, last, n, 0};
    }
    const auto restored = m_restored.constFind(scope);
    if (restored != m_restored.cend() && (*restored)[indexOf(metric)]
        && (*restored)[indexOf(metric)]->windowEnd >= m_latestT - kDayMs)
        return (*restored)[indexOf(metric)];
    return std::nullopt;
}

void Baseline::maybeSaveAutomatic()
{
    if (m_latestT - m_lastSave < kSaveEveryMs)
        return;
    m_lastSave = m_latestT;
    QSet<QString> scopes;
    for (auto it = m_windows.cbegin(); it != m_windows.cend(); ++it)
        scopes.insert(it.key());
    for (auto it = m_restored.cbegin(); it != m_restored.cend(); ++it)
        scopes.insert(it.key());
    QList<MetricsStore::BaselineRow> rows;
    for (const QString &scope : std::as_const(scopes)) {
        for (Metric m : kAllMetrics) {
            if (const auto v = automatic(scope, m))
                rows.append(MetricsStore::BaselineRow {
                    scope, m, v->source, v->value, v->windowStart, v->windowEnd, v->samples, 0});
        }
    }
    QString err;
    if (!m_store.replaceBaselines(QStringLiteral("automatic"), rows, &err))
        m_lastError = err;
}

std::optional<Baseline::Value> Baseline::value(const QString &scope, Metric metric) const
{
    const auto captured = m_captured.constFind(scope);
    if (captured != m_captured.cend() && (*captured)[indexOf(metric)])
        return (*captured)[indexOf(metric)];
    return automatic(scope, metric);
}

std::optional<double> Baseline::percentOf(const QString &scope, Metric metric, double v) const
{
    const auto base = value(scope, metric);
    if (!base)
        return std::nullopt;
    return 100.0 * v / qMax(base->value, floorOf(metric));
}

QJsonObject Baseline::toJson() const
{
    QSet<QString> scopes;
    for (const auto *hash : {&m_captured, &m_restored}) {
        for (auto it = hash->cbegin(); it != hash->cend(); ++it)
            scopes.insert(it.key());
    }
    for (auto it = m_windows.cbegin(); it != m_windows.cend(); ++it)
        scopes.insert(it.key());

    QJsonObject scopesJson;
    for (const QString &scope : std::as_const(scopes)) {
        QJsonObject metrics;
        for (Metric m : kAllMetrics) {
            QJsonObject o;
            if (const auto v = value(scope, m)) {
                o.insert(QStringLiteral("value"), v->value);
                o.insert(QStringLiteral("source"), v->source);
                o.insert(QStringLiteral("samples"), v->samples);
                if (v->source == QLatin1String("captured")) {
                    o.insert(QStringLiteral("start"), v->windowStart);
                    o.insert(QStringLiteral("duration_s"), (v->windowEnd - v->windowStart) / 1000);
                    o.insert(QStringLiteral("scanning_samples"), v->scanningSamples);
                } else {
                    o.insert(QStringLiteral("window_start"), v->windowStart);
                    o.insert(QStringLiteral("window_end"), v->windowEnd);
                }
            } else {
                o.insert(QStringLiteral("value"), QJsonValue::Null);
                o.insert(QStringLiteral("source"), QStringLiteral("none"));
                o.insert(QStringLiteral("samples"), m_windows.value(scope).ring.size());
                o.insert(QStringLiteral("needed"), kMinSamples);
            }
            metrics.insert(metricName(m), o);
        }
        scopesJson.insert(scope, metrics);
    }

    QJsonValue capturing = QJsonValue::Null;
    if (m_capture) {
        const double elapsed =
            m_capture->start < 0 ? 0.0 : double(m_latestT - m_capture->start) / 1000.0;
        capturing = QJsonObject {{QStringLiteral("duration_s"), m_capture->durationSeconds},
            {QStringLiteral("started"),
                m_capture->start < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(m_capture->start)},
            {QStringLiteral("elapsed_s"), elapsed},
            {QStringLiteral("progress"), qBound(0.0, elapsed / m_capture->durationSeconds, 1.0)}};
    }
    QJsonObject floors;
    for (Metric m : kAllMetrics)
        floors.insert(metricName(m), floorOf(m));
    return QJsonObject {{QStringLiteral("capturing"), capturing},
        {QStringLiteral("window_samples"), kWindowSamples},
        {QStringLiteral("min_samples"), kMinSamples}, {QStringLiteral("floors"), floors},
        {QStringLiteral("scopes"), scopesJson}};
}

} // namespace mamori::appliance
