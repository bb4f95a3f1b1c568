// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricsFeed.h"

#include "app/client/ApplianceClient.h"
#include "app/fleet/ApplianceConnection.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>

namespace mamori::console {

MetricsFeed::MetricsFeed(ApplianceConnection *connection, MetricsArchive *archive, QObject *parent)
    : QObject(parent), m_connection(connection), m_archive(archive)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &MetricsFeed::fetchNow);
}

MetricsFeed::~MetricsFeed() = default;

void MetricsFeed::setScopes(const QStringList &scopes)
{
    if (scopes == m_scopes)
        return;
    m_scopes = scopes;
    ++m_generation; // an answer for the old scopes is dropped
    m_inFlight = false;
    // Start where the archive leaves off for every scope, but within the hour
    // the appliance keeps at 1 s.
    const qint64 floor = QDateTime::currentMSecsSinceEpoch() - kFirstFetchMs;
    qint64 since = -1;
    for (const QString &scope : scopes) {
        const qint64 last =
            m_archive && m_connection ? m_archive->latestTime(m_connection->id(), scope) : 0;
        since = since < 0 ? last : std::min(since, last);
    }
    m_since = std::max(since, floor);
    if (isRunning())
        fetchNow();
}

void MetricsFeed::start()
{
    if (!m_timer.isActive())
        m_timer.start();
    fetchNow();
}

void MetricsFeed::stop()
{
    m_timer.stop();
}

void MetricsFeed::fetchNow()
{
    if (!m_connection || m_scopes.isEmpty() || m_inFlight
        || m_connection->state() != ApplianceConnection::State::Online)
        return;
    QString path = QStringLiteral("/api/v1/metrics?since=%1").arg(m_since);
    for (const QString &scope : std::as_const(m_scopes))
        path += QStringLiteral("&scope=") + QString::fromLatin1(QUrl::toPercentEncoding(scope));
    m_inFlight = true;
    QPointer<MetricsFeed> self(this);
    const quint64 generation = m_generation;
    m_connection->client()->request("GET", path, {}, [self, generation](ApiResult result) {
        if (!self || generation != self->m_generation)
            return;
        self->m_inFlight = false;
        if (!result.ok()) {
            Q_EMIT self->fetchFailed(result.error.userMessage());
            return;
        }
        self->onAnswer(result.json);
    });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastBaseline >= kBaselineEveryMs)
        fetchBaseline();
}

void MetricsFeed::fetchBaseline()
{
    if (!m_connection || m_connection->state() != ApplianceConnection::State::Online)
        return;
    m_lastBaseline = QDateTime::currentMSecsSinceEpoch();
    QPointer<MetricsFeed> self(this);
    m_connection->client()->request(
        "GET", QStringLiteral("/api/v1/baseline"), {}, [self](ApiResult result) {
            if (!self || !result.ok())
                return;
            self->m_baseline = result.json;
            Q_EMIT self->baselineChanged();
        });
}

QHash<QString, QList<MetricPoint>> MetricsFeed::parseSamples(const QJsonObject &answer)
{
    QHash<QString, QList<MetricPoint>> out;
    const QJsonObject scopes = answer.value(QLatin1String("scopes")).toObject();
    for (auto it = scopes.begin(); it != scopes.end(); ++it) {
        const QJsonObject s = it.value().toObject();
        const QJsonArray t = s.value(QLatin1String("t")).toArray();
        const QJsonArray cpu = s.value(QLatin1String("cpu")).toArray();
        const QJsonArray mem = s.value(QLatin1String("mem")).toArray();
        const QJsonArray rd = s.value(QLatin1String("read")).toArray();
        const QJsonArray wr = s.value(QLatin1String("write")).toArray();
        const qsizetype n = std::min({t.size(), cpu.size(), mem.size(), rd.size(), wr.size()});
        QList<MetricPoint> points;
        points.reserve(n);
        for (qsizetype i = 0; i < n; ++i) {
            // toInteger(): a time out of qint64's range (hostile or broken
            // answer) is 0, not undefined behaviour.
            points.append({t[i].toInteger(), cpu[i].toDouble(), mem[i].toDouble(), rd[i].toDouble(),
                wr[i].toDouble()});
        }
        out.insert(it.key(), points);
    }
    return out;
}

void MetricsFeed::onAnswer(const QJsonObject &answer)
{
    m_cpus = answer.value(QLatin1String("cpus")).toInt(m_cpus);
    m_memoryTotal = answer.value(QLatin1String("memory_total")).toDouble(m_memoryTotal);
    const qint64 now = answer.value(QLatin1String("now")).toInteger();
    if (now > m_since)
        m_since = now;
    const auto parsed = parseSamples(answer);
    if (m_archive && m_connection)
        m_archive->store(m_connection->id(), parsed);
    for (auto it = parsed.begin(); it != parsed.end(); ++it) {
        if (it.value().isEmpty())
            continue;
        m_latest.insert(it.key(), it.value().constLast());
        Q_EMIT samplesReceived(it.key(), it.value());
    }
}

std::optional<MetricPoint> MetricsFeed::latest(const QString &scope) const
{
    const auto it = m_latest.constFind(scope);
    if (it == m_latest.cend())
        return std::nullopt;
    return *it;
}

std::optional<double> MetricsFeed::baselineValue(
    const QJsonObject &baseline, const QString &scope, const QString &metric)
{
    const QJsonValue v = baseline.value(QLatin1String("scopes"))
                             .toObject()
                             .value(scope)
                             .toObject()
                             .value(metric)
                             .toObject()
                             .value(QLatin1String("value"));
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

} // namespace mamori::console
