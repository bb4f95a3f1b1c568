// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpConnection_p.h"

#include <cerrno>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mamori::appliance::detail {
namespace {

constexpr qsizetype kReadChunk = 16 * 1024;
constexpr qsizetype kReadPerTurn = 64 * 1024; // then parse before reading on
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr QByteArrayView kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

} // namespace

HttpConnection::HttpConnection(quint64 id, int fd, QString peer, gnutls_session_t session,
    const ConnectionLimits &limits, Clock::time_point now)
    : m_id(id), m_fd(fd), m_peer(std::move(peer)), m_session(session), m_limits(limits),
      m_since(now), m_deadline(now + limits.requestTimeout)
{ }

HttpConnection::~HttpConnection()
{
    gnutls_deinit(m_session);
    ::close(m_fd);
}

uint32_t HttpConnection::interest() const
{
    switch (m_state) {
    case State::Handshake:
        return m_wantWrite ? EPOLLOUT : EPOLLIN;
    case State::Reading:
        return EPOLLIN | (m_out.isEmpty() ? 0u : uint32_t(EPOLLOUT));
    case State::Handler:
        return EPOLLRDHUP; // only to notice a client that leaves a long poll
    case State::Writing:
        return EPOLLOUT;
    case State::Lingering:
        return EPOLLIN;
    case State::Closed:
        break;
    }
    return 0;
}

Clock::time_point HttpConnection::deadline() const
{
    if (m_state == State::Handler)
        return Clock::time_point::max();
    return m_state == State::Closed ? Clock::time_point::min() : m_deadline;
}

int HttpConnection::evictionClass() const
{
    switch (m_state) {
    case State::Lingering:
        return 3;
    case State::Reading:
        return m_requestStarted ? 1 : 2;
    case State::Handshake:
        return 1;
    default:
        return 0;
    }
}

std::optional<HttpRequest> HttpConnection::advance(Clock::time_point now, const QByteArray &date)
{
    if (m_state == State::Handshake)
        handshake(now);
    if (!m_out.isEmpty() && m_state != State::Closed && m_state != State::Lingering)
        flush(now); // an answer, or a 100 Continue while the body comes
    while (m_state == State::Reading) {
        if (auto request = consume(now, date))
            return request;
        if (m_state != State::Reading || !readSome())
            break;
    }
    if (m_state == State::Lingering)
        drain();
    return std::nullopt;
}

void HttpConnection::handshake(Clock::time_point now)
{
    for (;;) {
        const int rc = gnutls_handshake(m_session);
        if (rc == GNUTLS_E_SUCCESS) {
            m_state = State::Reading;
            m_wantWrite = false;
            // The first request's time runs from the connection's start.
            m_requestStarted = true;
            Q_UNUSED(now);
            return;
        }
        if (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED) {
            m_wantWrite = gnutls_record_get_direction(m_session) == 1;
            return;
        }
        if (gnutls_error_is_fatal(rc)) {
            m_state = State::Closed;
            return;
        }
    }
}

bool HttpConnection::readSome()
{
    if (m_eof)
        return false;
    char buffer[kReadChunk];
    qsizetype total = 0;
    for (;;) {
        const ssize_t n = gnutls_record_recv(m_session, buffer, sizeof buffer);
        if (n > 0) {
            m_in.append(buffer, qsizetype(n));
            total += n;
            if (total >= kReadPerTurn)
                return true;
            continue;
        }
        if (n == 0) {
            m_eof = true;
            return true; // consume() sees the end
        }
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            return total > 0;
        // A renegotiation (not offered), a broken record, a reset connection.
        m_state = State::Closed;
        return false;
    }
}

std::optional<HttpRequest> HttpConnection::consume(Clock::time_point now, const QByteArray &date)
{
    if (!m_head) {
        // Blank lines between requests are skipped (RFC 9112 section 2.2).
        qsizetype blank = 0;
        while (m_in.size() >= blank + 2 && m_in[blank] == '\r' && m_in[blank + 1] == '\n')
            blank += 2;
        m_in.remove(0, blank);
        if (m_in.isEmpty()) {
            if (m_eof)
                m_state = State::Closed;
            return std::nullopt;
        }
        if (!m_requestStarted) {
            m_requestStarted = true;
            m_since = now;
            m_deadline = now + m_limits.requestTimeout;
        }
        HeadParse parsed = parseRequestHead(m_in, m_limits.http);
        if (parsed.status == HeadParse::Status::Failed) {
            fail(parsed.error, now, date);
            return std::nullopt;
        }
        if (parsed.status == HeadParse::Status::Incomplete) {
            if (m_eof)
                m_state = State::Closed;
            return std::nullopt;
        }
        m_in.remove(0, parsed.consumed);
        m_head = std::move(parsed.head);
        m_body.clear();
        m_chunks = ChunkedDecoder();
        m_keepAlive = m_head->keepAlive;
        const bool bodyComing = m_head->chunked || m_head->contentLength > 0;
        if (m_head->expectContinue && bodyComing && m_in.isEmpty()) {
            m_out.append(kContinue.data(), kContinue.size());
            flush(now);
            if (m_state != State::Reading)
                return std::nullopt;
        }
    }

    if (m_head->chunked) {
        qsizetype used = 0;
        HttpError error;
        const auto status = m_chunks.feed(m_in, &used, &m_body, m_limits.http.maxBodyBytes, &error);
        m_in.remove(0, used);
        if (status == ChunkedDecoder::Status::Failed) {
            fail(error, now, date);
            return std::nullopt;
        }
        if (status == ChunkedDecoder::Status::NeedMore) {
            if (m_eof)
                m_state = State::Closed;
            return std::nullopt;
        }
    } else {
        const qsizetype take =
            qsizetype(std::min<qint64>(m_head->contentLength - m_body.size(), m_in.size()));
        m_body.append(m_in.constData(), take);
        m_in.remove(0, take);
        if (m_body.size() < m_head->contentLength) {
            if (m_eof)
                m_state = State::Closed;
            return std::nullopt;
        }
    }

    HttpRequest request;
    request.method = std::move(m_head->method);
    request.path = std::move(m_head->path);
    request.query = std::move(m_head->query);
    request.headers = std::move(m_head->headers);
    request.body = std::move(m_body);
    request.peerAddress = m_peer;
    m_body = QByteArray();
    m_headOnly = request.method == "HEAD";
    m_head.reset();
    m_state = State::Handler;
    m_since = now;
    return request;
}

void HttpConnection::respond(const HttpResponse &r, Clock::time_point now, const QByteArray &date)
{
    if (m_state != State::Handler)
        return;
    m_closeAfter = !m_keepAlive;
    m_out += serializeResponse(r, m_closeAfter, m_headOnly, date);
    m_state = State::Writing;
    m_since = now;
    m_deadline = now + m_limits.idleTimeout;
}

void HttpConnection::fail(const HttpError &error, Clock::time_point now, const QByteArray &date)
{
    // What follows the bad part cannot be trusted to be a request: answer
    // and close.
    m_head.reset();
    m_in.clear();
    m_keepAlive = false;
    m_closeAfter = true;
    m_out += serializeResponse(jsonError(error.code, error.message), true, false, date);
    m_state = State::Writing;
    m_since = now;
    m_deadline = now + m_limits.idleTimeout;
    flush(now);
}

void HttpConnection::flush(Clock::time_point now)
{
    while (m_sent < m_out.size()) {
        const ssize_t n = m_sendPending
            ? gnutls_record_send(m_session, nullptr, 0)
            : gnutls_record_send(m_session, m_out.constData() + m_sent,
                size_t(std::min<qsizetype>(m_out.size() - m_sent, kReadChunk)));
        if (n > 0) {
            m_sent += n;
            m_sendPending = false;
            if (m_state == State::Writing)
                m_deadline = now + m_limits.idleTimeout; // progress: the client reads
            continue;
        }
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) {
            m_sendPending = true;
            m_wantWrite = true;
            return;
        }
        m_state = State::Closed;
        return;
    }
    m_wantWrite = false;
    m_out.clear();
    m_sent = 0;
    if (m_state == State::Writing)
        answered(now);
}

void HttpConnection::answered(Clock::time_point now)
{
    if (m_closeAfter) {
        linger(now);
        return;
    }
    m_state = State::Reading;
    m_requestStarted = false;
    m_since = now;
    m_deadline = now + m_limits.idleTimeout;
}

// Closing at once would reset a connection whose client is still sending
// (a body we refused): the client might then lose our answer. So say
// goodbye, stop writing, and read what still comes for a moment.
void HttpConnection::linger(Clock::time_point now)
{
    gnutls_bye(m_session, GNUTLS_SHUT_WR);
    ::shutdown(m_fd, SHUT_WR);
    m_state = State::Lingering;
    m_since = now;
    m_deadline = now + kLingerTime;
    drain();
}

void HttpConnection::drain()
{
    char buffer[kReadChunk];
    for (int i = 0; i < 64; ++i) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n > 0)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        m_state = State::Closed; // end of stream, or an error
        return;
    }
}

} // namespace mamori::appliance::detail
