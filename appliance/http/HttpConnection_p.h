// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// Internal to mamori_appliance_http: one client connection of HttpServer's
// I/O thread — its TLS session, what it has received and what it still has
// to send, and where it stands. It knows nothing of epoll or of the other
// connections; the loop asks it what it waits for and when it must go.

#include "appliance/http/HttpWire.h"

#include <chrono>
#include <cstdint>
#include <gnutls/gnutls.h>
#include <memory>
#include <optional>

namespace mamori::appliance::detail {

struct Exchange;

using Clock = std::chrono::steady_clock;

struct ConnectionLimits
{
    HttpLimits http;
    // A request (for a new connection: the TLS handshake too) must have come
    // whole within this time of its first byte.
    Clock::duration requestTimeout = std::chrono::seconds(10);
    // A kept-alive connection may wait this long for its next request, and a
    // client this long between reading parts of an answer.
    Clock::duration idleTimeout = std::chrono::seconds(60);
};

class HttpConnection
{
public:
    enum class State {
        Handshake, // TLS handshake
        Reading, // waiting for or receiving a request
        Handler, // the request is with the handler; nothing is read meanwhile
        Writing, // sending the answer
        Lingering, // answered with "Connection: close": reading what still comes, then closing
        Closed, // to be dropped
    };

    // Takes ownership of `fd` and `session` (whose transport is `fd`).
    HttpConnection(quint64 id, int fd, QString peer, gnutls_session_t session,
        const ConnectionLimits &limits, Clock::time_point now);
    ~HttpConnection();
    HttpConnection(const HttpConnection &) = delete;
    HttpConnection &operator=(const HttpConnection &) = delete;

    // Does what the socket allows now: handshake, read and parse, send.
    // Returns a request when one has come whole (the state is then Handler).
    std::optional<HttpRequest> advance(Clock::time_point now, const QByteArray &date);
    // Queues the handler's answer (state Handler); advance() sends it.
    void respond(const HttpResponse &r, Clock::time_point now, const QByteArray &date);
    // The client went away (hang-up, error, or half-close while the handler works).
    void drop() { m_state = State::Closed; }

    quint64 id() const { return m_id; }
    int fd() const { return m_fd; }
    const QString &peer() const { return m_peer; }
    State state() const { return m_state; }
    // The epoll events this connection waits for.
    uint32_t interest() const;
    // When it must be closed if nothing changes; max() for never (a handler has it).
    Clock::time_point deadline() const;
    // Which to close first when connection slots run short: 0 never (a
    // handler has it, or its answer is being sent), otherwise the higher
    // the sooner — lingering, then idle, then half-received.
    int evictionClass() const;
    // Since when it is in its current condition; older goes first.
    Clock::time_point since() const { return m_since; }

    // The request with the handler, if any (the loop closes it with the connection).
    std::shared_ptr<Exchange> exchange;

private:
    void handshake(Clock::time_point now);
    bool readSome(); // false: nothing more to read now
    std::optional<HttpRequest> consume(Clock::time_point now, const QByteArray &date);
    void fail(const HttpError &error, Clock::time_point now, const QByteArray &date);
    void flush(Clock::time_point now);
    void answered(Clock::time_point now);
    void linger(Clock::time_point now);
    void drain();

    quint64 m_id;
    int m_fd;
    QString m_peer;
    gnutls_session_t m_session;
    ConnectionLimits m_limits;
    State m_state = State::Handshake;
    bool m_wantWrite = false; // the TLS layer waits for the socket to take data

    QByteArray m_in; // received and not yet parsed
    bool m_eof = false;
    std::optional<RequestHead> m_head; // of the request whose body is coming
    QByteArray m_body;
    ChunkedDecoder m_chunks;
    bool m_keepAlive = true;
    bool m_headOnly = false; // the request was HEAD: its answer has no body

    QByteArray m_out;
    qsizetype m_sent = 0;
    bool m_sendPending = false; // gnutls_record_send said "again": resume with (NULL, 0)
    bool m_closeAfter = false; // after m_out: linger and close

    bool m_requestStarted = true; // bytes of a request (or the handshake) have come
    Clock::time_point m_since; // of the current state, or of the request's first byte
    Clock::time_point m_deadline;
};

} // namespace mamori::appliance::detail
