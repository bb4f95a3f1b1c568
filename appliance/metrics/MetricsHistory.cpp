// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricsHistory.h"

#include <QDateTime>
#include <QDebug>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace mamori::appliance {

namespace {

qint64 minuteOf(qint64 t)
{
    // Floor, also for the (test-only) negative times.
    const qint64 m = MetricsHistory::kMinuteMs;
    return (t >= 0 ? t / m : (t - m + 1) / m) * m;
}

} // namespace

MetricsHistory::MetricsHistory(QSqlDatabase db) : m_store(std::move(db)) { }

bool MetricsHistory::load(QString *error, qint64 nowMs)
{
    if (nowMs < 0)
        nowMs = QDateTime::currentMSecsSinceEpoch();
    QList<MetricsStore::MinuteRow> rows;
    QString err;
    if (!m_store.loadMinutes(nowMs - kDayMs, &rows, &err)) {
        m_lastError = err;
        if (error)
            *error = err;
        return false;
    }
    for (const MetricsStore::MinuteRow &row : std::as_const(rows)) {
        Series &series = m_series[row.scope];
        if (!series.minutes.isEmpty() && series.minutes.last().average.t >= row.average.t)
            continue;
        series.minutes.append(Minute {row.average, row.samples});
        m_latestT = qMax(m_latestT, row.average.t);
    }
    return true;
}

void MetricsHistory::add(const QString &scope, const MetricSample &sample)
{
    append(scope, sample);
    finishStaleMinutes();
    persist(false);
}

void MetricsHistory::addAll(const QHash<QString, MetricSample> &samples)
{
    for (auto it = samples.cbegin(); it != samples.cend(); ++it)
        append(it.key(), it.value());
    finishStaleMinutes();
    persist(false);
}

bool MetricsHistory::flush(QString *error)
{
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        if (it->current.n > 0)
            finishMinute(it.key(), *it);
    }
    m_lastError.clear();
    persist(true);
    if (error)
        *error = m_lastError;
    return m_lastError.isEmpty();
}

void MetricsHistory::append(const QString &scope, const MetricSample &sample)
{
    Series &series = m_series[scope];
    if (series.size() > 0 && sample.t <= series.at(series.size() - 1).t)
        return;
    if (series.ring.size() < kSecondsKept) {
        series.ring.append(sample);
    } else {
        series.ring[series.head] = sample;
        series.head = (series.head + 1) % kSecondsKept;
    }
    const qint64 minute = minuteOf(sample.t);
    if (series.current.n > 0 && series.current.minute != minute)
        finishMinute(scope, series);
    Accumulator &acc = series.current;
    acc.minute = minute;
    acc.cpu += sample.cpuPercent;
    acc.mem += double(sample.memoryBytes);
    acc.read += sample.readBps;
    acc.write += sample.writeBps;
    ++acc.n;
    m_latestT = qMax(m_latestT, sample.t);
}

void MetricsHistory::finishMinute(const QString &scope, Series &series)
{
    Accumulator &acc = series.current;
    Minute m;
    m.samples = acc.n;
    m.average.t = acc.minute;
    m.average.cpuPercent = acc.cpu / acc.n;
    m.average.memoryBytes = qint64(std::llround(acc.mem / acc.n));
    m.average.readBps = acc.read / acc.n;
    m.average.writeBps = acc.write / acc.n;
    m_pending.append(MetricsStore::MinuteRow {scope, m.average, m.samples});
    if (!series.minutes.isEmpty() && series.minutes.last().average.t == m.average.t) {
        // The same minute flushed before (shutdown and restart within it).
        Minute &old = series.minutes.last();
        const double a = old.samples, b = m.samples, n = a + b;
        old.average.cpuPercent = (old.average.cpuPercent * a + m.average.cpuPercent * b) / n;
        old.average.memoryBytes = qint64(std::llround(
            (double(old.average.memoryBytes) * a + double(m.average.memoryBytes) * b) / n));
        old.average.readBps = (old.average.readBps * a + m.average.readBps * b) / n;
        old.average.writeBps = (old.average.writeBps * a + m.average.writeBps * b) / n;
        old.samples += m.samples;
    } else if (series.minutes.isEmpty() || series.minutes.last().average.t < m.average.t) {
        series.minutes.append(m);
    }
    acc = Accumulator {};
}

void MetricsHistory::finishStaleMinutes()
{
    const qint64 currentMinute = minuteOf(m_latestT);
    const qint64 dayAgo = m_latestT - kDayMs;
    for (auto it = m_series.begin(); it != m_series.end();) {
        Series &series = *it;
        // A scope that stopped giving samples (VM shut down) still gets its
        // last minute written.
        if (series.current.n > 0 && series.current.minute < currentMinute)
            finishMinute(it.key(), series);
        while (!series.minutes.isEmpty() && series.minutes.first().average.t < dayAgo)
            series.minutes.removeFirst();
        const bool stale = series.size() == 0 || series.at(series.size() - 1).t < dayAgo;
        if (stale && series.minutes.isEmpty() && series.current.n == 0)
            it = m_series.erase(it);
        else
            ++it;
    }
}

void MetricsHistory::persist(bool force)
{
    if (m_pending.isEmpty() && !force)
        return;
    QString err;
    if (!m_store.saveMinutes(m_pending, m_latestT - kDayMs, &err)) {
        if (err != m_lastError)
            qWarning("metrics: cannot save minute averages: %s", qPrintable(err));
        m_lastError = err;
    }
    // Kept only in memory if the database refuses them: retrying every
    // minute would only pile them up.
    m_pending.clear();
}

QList<MetricSample> MetricsHistory::samplesSince(const QString &scope, qint64 sinceMs) const
{
    if (!secondsCover(sinceMs))
        return minutesSince(scope, sinceMs);
    QList<MetricSample> out;
    const auto it = m_series.constFind(scope);
    if (it == m_series.cend())
        return out;
    const Series &series = *it;
    qsizetype lo = 0, hi = series.size();
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        if (series.at(mid).t <= sinceMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    out.reserve(series.size() - lo);
    for (qsizetype i = lo; i < series.size(); ++i)
        out.append(series.at(i));
    return out;
}

QList<MetricSample> MetricsHistory::minutesSince(const QString &scope, qint64 sinceMs) const
{
    QList<MetricSample> out;
    const auto it = m_series.constFind(scope);
    if (it == m_series.cend())
        return out;
    const auto first = std::upper_bound(it->minutes.cbegin(), it->minutes.cend(), sinceMs,
        [](qint64 t, const Minute &m) { return t < m.average.t; });
    for (auto m = first; m != it->minutes.cend(); ++m)
        out.append(m->average);
    return out;
}

QStringList MetricsHistory::scopes() const
{
    QStringList out = m_series.keys();
    out.sort();
    return out;
}

QJsonObject MetricsHistory::toJson(qint64 sinceMs, const QStringList &scopeFilter) const
{
    const bool seconds = secondsCover(sinceMs);
    QJsonObject scopesJson;
    const QStringList wanted = scopeFilter.isEmpty() ? scopes() : scopeFilter;
    for (const QString &scope : wanted) {
        if (!m_series.contains(scope))
            continue;
        const QList<MetricSample> samples =
            seconds ? samplesSince(scope, sinceMs) : minutesSince(scope, sinceMs);
        QJsonArray t, cpu, mem, read, write;
        for (const MetricSample &s : samples) {
            t.append(s.t);
            cpu.append(std::round(s.cpuPercent * 100.0) / 100.0);
            mem.append(s.memoryBytes);
            read.append(qint64(std::llround(s.readBps)));
            write.append(qint64(std::llround(s.writeBps)));
        }
        scopesJson.insert(scope,
            QJsonObject {{QStringLiteral("t"), t}, {metricName(Metric::Cpu), cpu},
                {metricName(Metric::Memory), mem}, {metricName(Metric::Read), read},
                {metricName(Metric::Write), write}});
    }
    return QJsonObject {{QStringLiteral("now"), m_latestT}, {QStringLiteral("since"), sinceMs},
        {QStringLiteral("interval_ms"), seconds ? m_intervalMs : int(kMinuteMs)},
        {QStringLiteral("scopes"), scopesJson}};
}

} // namespace mamori::appliance
