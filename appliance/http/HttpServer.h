// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/http/HttpMessage.h"

#include <QObject>

#include <functional>
#include <memory>

struct MHD_Daemon;

namespace mamori::appliance {

namespace detail {
struct Exchange;
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

// HTTPS server on libmicrohttpd. MHD's single internal thread does the network
// I/O; every complete request is suspended there and handed to the thread
// that owns this object, where the handler runs. A request waiting for its
// answer holds no thread. Every response gets Cache-Control: no-store and
// X-Content-Type-Options: nosniff.
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
        unsigned connectionLimit = 256, perAddressLimit = 32, idleTimeoutSeconds = 60;
        size_t connectionMemoryLimit = 64 * 1024; // bounds the request header size
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
    MHD_Daemon *m_daemon = nullptr;
    QByteArray m_certificatePem, m_privateKeyPem; // MHD keeps pointers to them
    quint16 m_port = 0;
};

} // namespace mamori::appliance
