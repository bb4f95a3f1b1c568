// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/http/HttpMessage.h"

#include <QObject>

#include <functional>
#include <memory>

namespace mamori::appliance {

namespace detail {
struct Exchange;
class HttpLoop;
struct ResponderTicket;
struct ServerCore;
} // namespace detail

// The way to answer one request, now or later (a long poll keeps it). Copies
// share one state; the first respond() wins. Safe to use from any thread,
// after the client went away and after the server stopped. When the last
// copy is dropped unanswered, the client gets a 500 "internal" error.
class HttpResponder
{
public:
    HttpResponder() = default;
    void respond(HttpResponse r) const;
    bool answered() const;

private:
    friend class HttpServer;
    explicit HttpResponder(std::shared_ptr<detail::ResponderTicket> ticket);
    std::shared_ptr<detail::ResponderTicket> m_ticket;
};

// HTTPS server: HTTP/1.1 over GnuTLS on one I/O thread (epoll), parsed by
// HttpWire's pure functions. Every complete request is handed to the thread
// that owns this object, where the handler runs; a request waiting for its
// answer holds no thread. Whatever the client sends, the answer is JSON with
// an error code of docs/api.md (or the connection is closed: a TLS failure,
// a deadline missed). Every response gets Cache-Control: no-store and
// X-Content-Type-Options: nosniff.
//
// Slow clients cannot hold the slots: a request must arrive whole within
// requestTimeoutSeconds of its first byte (a new connection's TLS handshake
// counts), and when the connection limit is reached, a new connection
// closes an idle or half-received one, the longest-waiting first, instead
// of being turned away (HttpLoop::evict says which). Connections whose
// request is with the handler (a long poll) are never closed for that.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString address = QStringLiteral("127.0.0.1"); // an IPv4 or IPv6 literal; "::" = dual stack
        quint16 port = 8443; // 0 = any free port
        QByteArray certificatePem, privateKeyPem;
        qint64 maxBodyBytes = 1 << 20;
        qsizetype maxHeadBytes = 32 * 1024; // request line and headers
        unsigned connectionLimit = 256, perAddressLimit = 32;
        unsigned idleTimeoutSeconds = 60; // a kept-alive connection waiting for its next request
        unsigned requestTimeoutSeconds = 10; // from a request's first byte to its last
    };
    using Handler = std::function<void(const HttpRequest &, HttpResponder)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override; // stops

    void setHandler(Handler h);
    bool start(const Options &o, QString *error);
    // Answers every request still waiting with 503 "unavailable", gives the
    // answers a moment (at most 2 s) to reach their clients, then stops.
    void stop();
    quint16 port() const { return m_port; }
    // Requests handed (or on their way) to the handler and not answered yet.
    int pendingCount() const;

private:
    void dispatch(const std::shared_ptr<detail::Exchange> &exchange, const HttpRequest &request);

    Handler m_handler;
    std::shared_ptr<detail::ServerCore> m_core;
    std::unique_ptr<detail::HttpLoop> m_loop;
    quint16 m_port = 0;
};

} // namespace mamori::appliance
