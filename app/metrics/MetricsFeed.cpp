// SPDX-License-Identifier: GPL-2.0-or-later
#include "MetricsFeed.h"

#include "app/fleet/ApplianceConnection.h"

#include <QDateTime>
#include <QPointer>

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
    if (!m_connection || m_scopes.isEmpty() || m_inFlight || !m_connection->isOnline())
        return;
    m_inFlight = true;
    QPointer<MetricsFeed> self(this);
    const quint64 generation = m_generation;
    m_connection->fetchMetrics(
        m_since, m_scopes, [self, generation](const Reply<MetricSeries> &reply) {
            if (!self || generation != self->m_generation)
                return;
            self->m_inFlight = false;
            if (!reply.ok()) {
                Q_EMIT self->fetchFailed(reply.error.userMessage());
                return;
            }
            self->onAnswer(reply.value);
        });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastBaseline >= kBaselineEveryMs)
        fetchBaseline();
}

void MetricsFeed::fetchBaseline()
{
    if (!m_connection || !m_connection->isOnline())
        return;
    m_lastBaseline = QDateTime::currentMSecsSinceEpoch();
    QPointer<MetricsFeed> self(this);
    m_connection->fetchBaseline([self](const Reply<Baseline> &reply) {
        if (!self || !reply.ok())
            return;
        self->m_baseline = reply.value;
        Q_EMIT self->baselineChanged();
    });
}

void MetricsFeed::onAnswer(const MetricSeries &answer)
{
    if (answer.cpus > 0)
        m_cpus = answer.cpus;
    if (answer.memoryTotal > 0)
        m_memoryTotal = answer.memoryTotal;
    if (answer.now > m_since)
        m_since = answer.now;
    if (m_archive && m_connection)
        m_archive->store(m_connection->id(), answer.scopes);
    for (auto it = answer.scopes.begin(); it != answer.scopes.end(); ++it) {
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

} // namespace mamori::console
