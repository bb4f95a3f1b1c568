// SPDX-License-Identifier: GPL-2.0-or-later
#include "EventFollower.h"

#include <QJsonArray>
#include <QTimer>

#include <cmath>

namespace mamori::console {

namespace {

// A long poll may take `wait` seconds by design; allow this much more
// before calling the appliance unreachable.
constexpr int kLongPollGraceSeconds = 15;

std::optional<qint64> exactInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (std::trunc(d) != d || d < 0 || d > 9007199254740992.0)
        return std::nullopt;
    return qint64(d);
}

} // namespace

EventFollower::EventFollower(ApplianceClient *client, qint64 lastSeq, QObject *parent)
    : QObject(parent), m_client(client), m_lastSeq(lastSeq)
{
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &EventFollower::poll);
}

EventFollower::~EventFollower()
{
    stop();
}

void EventFollower::setBackoff(int firstMs, int maxMs)
{
    m_backoffFirstMs = std::max(1, firstMs);
    m_backoffMaxMs = std::max(m_backoffFirstMs, maxMs);
}

void EventFollower::start()
{
    if (m_running)
        return;
    m_running = true;
    m_backoffMs = 0;
    poll();
}

void EventFollower::stop()
{
    m_running = false;
    m_retryTimer->stop();
    if (m_pending && m_client)
        m_client->cancel(m_pending);
    m_pending = 0;
}

void EventFollower::poll()
{
    if (!m_running || m_pending || !m_client)
        return;
    const QString path =
        QStringLiteral("/api/v1/events?after=%1&wait=%2").arg(m_lastSeq).arg(m_waitSeconds);
    RequestOptions options;
    options.timeoutMs = (m_waitSeconds + kLongPollGraceSeconds) * 1000;
    options.maxTries = 1; // our own back-off, which never gives up
    m_pending = m_client->request(
        "GET", path, {},
        [this](const ApiResult &result) {
            m_pending = 0;
            handle(result);
        },
        options);
}

void EventFollower::handle(const ApiResult &result)
{
    if (!result.ok()) {
        failed(result.error);
        return;
    }
    const QJsonValue events = result.json.value(QLatin1String("events"));
    const auto applianceLastSeq = exactInteger(result.json.value(QLatin1String("last_seq")));
    QList<QJsonObject> fresh;
    qint64 seq = m_lastSeq;
    bool wellFormed = events.isArray() && applianceLastSeq.has_value();
    for (const QJsonValue &v : events.toArray()) {
        const auto eventSeq = exactInteger(v.toObject().value(QLatin1String("seq")));
        if (!v.isObject() || !eventSeq) {
            wellFormed = false;
            break;
        }
        // Never twice: an event at or below what we have was delivered already.
        if (*eventSeq <= seq)
            continue;
        seq = *eventSeq;
        fresh.append(v.toObject());
    }
    if (!wellFormed) {
        ApiError e;
        e.kind = ApiError::Kind::Protocol;
        e.address = m_client ? m_client->address() : QString();
        e.message = QStringLiteral("the events answer is not as docs/api.md describes");
        failed(e);
        return;
    }

    const QPointer<EventFollower> alive(this);
    m_backoffMs = 0;
    m_lastContact = QDateTime::currentDateTimeUtc();
    m_lastError = {};
    setReachable(true);
    if (!alive)
        return;
    if (fresh.isEmpty() && *applianceLastSeq < m_lastSeq) {
        m_lastSeq = 0;
        emit historyReset(*applianceLastSeq);
        if (!alive)
            return;
        emit lastSeqChanged(m_lastSeq);
    } else if (!fresh.isEmpty()) {
        m_lastSeq = seq;
        emit eventsReceived(fresh);
        if (!alive)
            return;
        emit lastSeqChanged(m_lastSeq);
    }
    if (alive)
        poll();
}

void EventFollower::failed(const ApiError &error)
{
    const QPointer<EventFollower> alive(this);
    m_lastError = error;
    using Kind = ApiError::Kind;
    // The appliance that answers "forbidden" is reachable; one that does not
    // answer, answers garbage or is not the trusted one is not.
    const bool answered = error.kind == Kind::Http && error.httpStatus < 500;
    if (answered)
        m_lastContact = QDateTime::currentDateTimeUtc();
    if (error.kind != Kind::Cancelled)
        setReachable(answered);
    if (!alive)
        return;
    emit errorOccurred(error);
    if (!alive)
        return;
    if (error.kind == Kind::Cancelled) {
        m_running = false;
        return;
    }
    m_backoffMs = m_backoffMs ? std::min(m_backoffMs * 2, m_backoffMaxMs) : m_backoffFirstMs;
    if (m_running)
        m_retryTimer->start(m_backoffMs);
}

void EventFollower::setReachable(bool reachable)
{
    if (m_reachable == reachable)
        return;
    m_reachable = reachable;
    emit reachableChanged(reachable);
}

} // namespace mamori::console
