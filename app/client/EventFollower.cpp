// SPDX-License-Identifier: GPL-2.0-or-later
#include "EventFollower.h"

#include "protocol/ApiPaths.h"

#include <QTimer>

namespace mamori::console {

namespace {

// A long poll may take `wait` seconds by design; allow this much more
// before calling the appliance unreachable.
constexpr int kLongPollGraceSeconds = 15;

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
    const QString path = protocol::path::make(protocol::path::kEvents,
        {{QStringLiteral("after"), QString::number(m_lastSeq)},
            {QStringLiteral("wait"), QString::number(m_waitSeconds)}});
    RequestOptions options;
    options.timeoutMs = (m_waitSeconds + kLongPollGraceSeconds) * 1000;
    options.maxTries = 1; // our own back-off, which never gives up
    options.stallSeconds = 0; // a long poll is silent until there is news
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
    Parsed<EventPage> page = parseEventPage(result.json);
    if (!page) {
        ApiError e;
        e.kind = ApiError::Kind::Protocol;
        e.address = m_client ? m_client->address() : QString();
        e.message = QStringLiteral("the events answer: ") + page.error();
        failed(e);
        return;
    }
    QList<Event> fresh;
    qint64 seq = m_lastSeq;
    for (Event &e : (*page).events) {
        // Never twice: an event at or below what we have was delivered already.
        if (e.seq <= seq)
            continue;
        seq = e.seq;
        fresh.append(std::move(e));
    }

    const QPointer<EventFollower> alive(this);
    m_backoffMs = 0;
    m_lastContact = QDateTime::currentDateTimeUtc();
    m_lastError = {};
    setReachable(true);
    if (!alive)
        return;
    if (fresh.isEmpty() && page->lastSeq < m_lastSeq) {
        m_lastSeq = 0;
        emit historyReset(page->lastSeq);
        if (!alive)
            return;
        emit lastSeqChanged(m_lastSeq);
    } else if (!fresh.isEmpty()) {
        m_lastSeq = seq;
        emit eventsReceived(fresh);
        if (!alive)
            return;
        if (page->gap) {
            emit gapDetected();
            if (!alive)
                return;
        }
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
