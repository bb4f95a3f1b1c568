// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// Internal to mamori_appliance_http: HttpServer's I/O thread. Accepts
// connections within the limits (closing idle or half-received ones to make
// room), drives each HttpConnection as epoll says its socket is ready, hands
// complete requests to the owner thread, sends the answers posted back, and
// closes connections that miss their deadlines.

#include "appliance/http/HttpConnection_p.h"

#include <QHash>

#include <thread>
#include <unordered_map>

namespace mamori::appliance::detail {

struct ServerCore;

struct LoopSettings
{
    unsigned connectionLimit = 256;
    unsigned perAddressLimit = 32;
    ConnectionLimits limits;
};

class HttpLoop
{
public:
    // Takes ownership of `listenFd`, `credentials` and `priorities`.
    HttpLoop(std::shared_ptr<ServerCore> core, int listenFd,
        gnutls_certificate_credentials_t credentials, gnutls_priority_t priorities,
        const LoopSettings &settings);
    ~HttpLoop(); // joins the thread
    HttpLoop(const HttpLoop &) = delete;
    HttpLoop &operator=(const HttpLoop &) = delete;

    bool start(QString *error);
    // Waits for the thread, which ends once the core says quit.
    void join();

private:
    struct Slot
    {
        std::unique_ptr<HttpConnection> connection;
        uint32_t events = 0; // registered with epoll
        bool busy = false; // counted in ServerCore::busy
    };

    void run();
    void acceptAll(Clock::time_point now);
    bool evict(const QString &peer, Clock::time_point now);
    void wakeUp(Clock::time_point now, bool *quit);
    void drive(Slot &slot, Clock::time_point now);
    bool dispatch(Slot &slot, HttpRequest request, Clock::time_point now);
    void settle(quint64 id);
    void close(quint64 id);
    void expire(Clock::time_point now);
    void closeListener();

    std::shared_ptr<ServerCore> m_core;
    int m_listenFd;
    int m_epollFd = -1;
    gnutls_certificate_credentials_t m_credentials;
    gnutls_priority_t m_priorities;
    LoopSettings m_settings;
    std::thread m_thread;

    std::unordered_map<quint64, Slot> m_slots;
    QHash<QString, int> m_perAddress;
    quint64 m_nextId = 16; // below: epoll tags of the listener and the wake-up fd
    Clock::time_point m_acceptPausedUntil;
    QByteArray m_date;
    qint64 m_dateSecond = -1;
};

} // namespace mamori::appliance::detail
