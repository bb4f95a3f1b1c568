// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpExchange_p.h"
#include "appliance/http/HttpLoop_p.h"
#include "appliance/http/ListenSocket_p.h"

#include <QDateTime>
#include <QDebug>
#include <QMetaObject>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mamori::appliance::detail {
namespace {

constexpr quint64 kListenerTag = 1;
constexpr quint64 kWakeTag = 2;
constexpr int kMaxEvents = 64;
// How often deadlines are looked at: they are seconds, this is precise enough.
constexpr auto kTick = std::chrono::milliseconds(250);
// An idle connection must have waited this long before a newcomer may close it.
constexpr auto kEvictionGrace = std::chrono::seconds(1);
// After running out of file descriptors, accepting waits this long.
constexpr auto kAcceptPause = std::chrono::milliseconds(100);

} // namespace

HttpLoop::HttpLoop(std::shared_ptr<ServerCore> core, int listenFd,
    gnutls_certificate_credentials_t credentials, gnutls_priority_t priorities,
    const LoopSettings &settings)
    : m_core(std::move(core)), m_listenFd(listenFd), m_credentials(credentials),
      m_priorities(priorities), m_settings(settings)
{ }

HttpLoop::~HttpLoop()
{
    join();
    m_slots.clear();
    closeListener();
    if (m_epollFd >= 0)
        ::close(m_epollFd);
    gnutls_priority_deinit(m_priorities);
    gnutls_certificate_free_credentials(m_credentials);
}

bool HttpLoop::start(QString *error)
{
    m_epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    epoll_event listener {EPOLLIN, {.u64 = kListenerTag}};
    epoll_event wake {EPOLLIN, {.u64 = kWakeTag}};
    if (m_epollFd < 0 || ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_listenFd, &listener) != 0
        || ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_core->wakeFd, &wake) != 0) {
        *error = QStringLiteral("cannot set up epoll: %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_thread = std::thread([this] { run(); });
    return true;
}

void HttpLoop::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void HttpLoop::closeListener()
{
    if (m_listenFd < 0)
        return;
    if (m_epollFd >= 0)
        ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, m_listenFd, nullptr);
    ::close(m_listenFd);
    m_listenFd = -1;
}

void HttpLoop::run()
{
    epoll_event events[kMaxEvents];
    bool quit = false;
    while (!quit) {
        const int n = ::epoll_wait(m_epollFd, events, kMaxEvents, int(kTick.count()));
        if (n < 0 && errno != EINTR) {
            qWarning("mamori-http: epoll_wait failed: %s", std::strerror(errno));
            break;
        }
        const auto now = Clock::now();
        const qint64 second = QDateTime::currentSecsSinceEpoch();
        if (second != m_dateSecond) {
            m_dateSecond = second;
            m_date = httpDate(second);
        }
        for (int i = 0; i < n; ++i) {
            const quint64 tag = events[i].data.u64;
            if (tag == kListenerTag) {
                acceptAll(now);
            } else if (tag == kWakeTag) {
                wakeUp(now, &quit);
            } else if (auto it = m_slots.find(tag); it != m_slots.end()) {
                const uint32_t happened = events[i].events;
                const bool gone = (happened & (EPOLLERR | EPOLLHUP))
                    || ((happened & EPOLLRDHUP)
                        && it->second.connection->state() == HttpConnection::State::Handler);
                if (gone) {
                    it->second.connection->drop();
                    settle(tag);
                } else {
                    drive(it->second, now);
                    settle(tag);
                }
            }
        }
        if (m_listenFd >= 0 && m_acceptPausedUntil != Clock::time_point()
            && now >= m_acceptPausedUntil) {
            m_acceptPausedUntil = {};
            epoll_event listener {EPOLLIN, {.u64 = kListenerTag}};
            ::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, m_listenFd, &listener);
        }
        expire(now);
    }
    while (!m_slots.empty())
        close(m_slots.begin()->first);
    closeListener();
}

void HttpLoop::wakeUp(Clock::time_point now, bool *quit)
{
    uint64_t count = 0;
    if (::read(m_core->wakeFd, &count, sizeof count) < 0 && errno != EAGAIN)
        qWarning("mamori-http: reading the wake-up counter failed: %s", std::strerror(errno));
    std::vector<std::pair<quint64, HttpResponse>> answers;
    bool stopping = false;
    {
        std::lock_guard lock(m_core->mutex);
        answers.swap(m_core->answers);
        stopping = m_core->stopping;
        *quit = m_core->quit;
    }
    if (stopping)
        closeListener(); // no new connections; the port is free again
    for (auto &[id, response] : answers) {
        auto it = m_slots.find(id);
        if (it == m_slots.end() || it->second.connection->state() != HttpConnection::State::Handler)
            continue; // the client went away meanwhile
        it->second.connection->exchange.reset();
        it->second.connection->respond(response, now, m_date);
        drive(it->second, now);
        settle(id);
    }
}

void HttpLoop::drive(Slot &slot, Clock::time_point now)
{
    // A request the handler need not see (the server is stopping) is
    // answered here, and the connection goes on with the next one.
    while (auto request = slot.connection->advance(now, m_date)) {
        if (dispatch(slot, std::move(*request), now))
            return;
    }
}

bool HttpLoop::dispatch(Slot &slot, HttpRequest request, Clock::time_point now)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->connection = slot.connection->id();
    exchange->core = m_core;
    {
        std::lock_guard lock(m_core->mutex);
        if (m_core->stopping) {
            slot.connection->respond(jsonError(protocol::ErrorCode::Unavailable,
                                         QStringLiteral("the server is stopping")),
                now, m_date);
            return false;
        }
        m_core->pending.emplace(exchange.get(), exchange);
    }
    slot.connection->exchange = exchange;
    QMetaObject::invokeMethod(
        m_core->owner,
        [deliver = m_core->deliver, exchange, request = std::move(request)] {
            deliver(exchange, request);
        },
        Qt::QueuedConnection);
    return true;
}

// Brings the books in line with the connection's state: the busy count,
// what epoll waits for, or its end.
void HttpLoop::settle(quint64 id)
{
    auto it = m_slots.find(id);
    if (it == m_slots.end())
        return;
    Slot &slot = it->second;
    const auto state = slot.connection->state();
    if (state == HttpConnection::State::Closed) {
        close(id);
        return;
    }
    const bool busy =
        state == HttpConnection::State::Handler || state == HttpConnection::State::Writing;
    if (busy != slot.busy) {
        slot.busy = busy;
        std::lock_guard lock(m_core->mutex);
        m_core->busy += busy ? 1 : -1;
        if (m_core->busy == 0)
            m_core->drained.notify_all();
    }
    const uint32_t events = slot.connection->interest();
    if (events != slot.events) {
        epoll_event e {events, {.u64 = id}};
        ::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, slot.connection->fd(), &e);
        slot.events = events;
    }
}

void HttpLoop::close(quint64 id)
{
    auto it = m_slots.find(id);
    if (it == m_slots.end())
        return;
    Slot &slot = it->second;
    if (slot.connection->exchange)
        slot.connection->exchange->close();
    if (slot.busy) {
        std::lock_guard lock(m_core->mutex);
        if (--m_core->busy == 0)
            m_core->drained.notify_all();
    }
    ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, slot.connection->fd(), nullptr);
    auto count = m_perAddress.find(slot.connection->peer());
    if (count != m_perAddress.end() && --*count <= 0)
        m_perAddress.erase(count);
    m_slots.erase(it);
}

// The connection to give up for a newcomer when all slots are taken:
// lingering, then idle, then half-received ones, the longest-waiting first;
// never one whose request is with the handler or whose answer is being
// sent, nor an idle one that has waited less than kEvictionGrace (a busy
// client reuses its connection within milliseconds: closing those would
// only make clients close each other's). When one client address has used
// up its own slots (`peer`), only its lingering and idle connections may
// go: what it sends half-way hurts nobody else.
bool HttpLoop::evict(const QString &peer, Clock::time_point now)
{
    quint64 victim = 0;
    int bestClass = 0;
    Clock::time_point bestSince = Clock::time_point::max();
    for (const auto &[id, slot] : m_slots) {
        const int rank = slot.connection->evictionClass();
        const bool young = slot.connection->since() > now - kEvictionGrace;
        if (rank == 0 || (rank == 2 && young)
            || (!peer.isEmpty() && (rank == 1 || slot.connection->peer() != peer)))
            continue;
        if (rank > bestClass || (rank == bestClass && slot.connection->since() < bestSince)) {
            victim = id;
            bestClass = rank;
            bestSince = slot.connection->since();
        }
    }
    if (victim == 0)
        return false;
    close(victim);
    return true;
}

void HttpLoop::acceptAll(Clock::time_point now)
{
    for (;;) {
        sockaddr_storage address {};
        socklen_t length = sizeof address;
        const int fd = ::accept4(m_listenFd, reinterpret_cast<sockaddr *>(&address), &length,
            SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO)
                continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // The listener would stay readable and spin the loop.
                qWarning("mamori-http: cannot accept connections: %s", std::strerror(errno));
                epoll_event none {0, {.u64 = kListenerTag}};
                ::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, m_listenFd, &none);
                m_acceptPausedUntil = now + kAcceptPause;
            }
            return;
        }
        const QString peer = addressText(reinterpret_cast<const sockaddr *>(&address));
        if ((unsigned(m_perAddress.value(peer)) >= m_settings.perAddressLimit && !evict(peer, now))
            || (m_slots.size() >= m_settings.connectionLimit && !evict({}, now))) {
            ::close(fd);
            continue;
        }
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        gnutls_session_t session = nullptr;
        if (gnutls_init(&session, GNUTLS_SERVER | GNUTLS_NONBLOCK | GNUTLS_NO_SIGNAL) < 0
            || gnutls_priority_set(session, m_priorities) < 0
            || gnutls_credentials_set(session, GNUTLS_CRD_CERTIFICATE, m_credentials) < 0) {
            if (session)
                gnutls_deinit(session);
            ::close(fd);
            continue;
        }
        gnutls_certificate_server_set_request(session, GNUTLS_CERT_IGNORE);
        gnutls_handshake_set_timeout(session, 0); // our own deadline applies
        gnutls_transport_set_int(session, fd);
        const quint64 id = m_nextId++;
        Slot slot;
        slot.connection =
            std::make_unique<HttpConnection>(id, fd, peer, session, m_settings.limits, now);
        slot.events = slot.connection->interest();
        epoll_event e {slot.events, {.u64 = id}};
        if (::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &e) != 0)
            continue; // the connection's destructor closes it
        m_slots.emplace(id, std::move(slot));
        ++m_perAddress[peer];
    }
}

void HttpLoop::expire(Clock::time_point now)
{
    std::vector<quint64> late;
    for (const auto &[id, slot] : m_slots) {
        if (slot.connection->deadline() <= now)
            late.push_back(id);
    }
    for (quint64 id : late)
        close(id);
}

} // namespace mamori::appliance::detail
