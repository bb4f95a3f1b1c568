// SPDX-License-Identifier: GPL-2.0-or-later
#include "RawTls.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

#include <arpa/inet.h>
#include <cerrno>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mamori::test {
namespace {

gnutls_session_t session(void *p)
{
    return static_cast<gnutls_session_t>(p);
}

bool waitFor(int fd, short events, const QDeadlineTimer &deadline)
{
    pollfd p {fd, events, 0};
    const int ms = int(std::max<qint64>(0, deadline.remainingTime()));
    return ::poll(&p, 1, ms) > 0;
}

} // namespace

QString RawResponse::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

RawTlsClient::~RawTlsClient()
{
    if (m_session)
        gnutls_deinit(session(m_session));
    if (m_credentials)
        gnutls_certificate_free_credentials(
            static_cast<gnutls_certificate_credentials_t>(m_credentials));
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawTlsClient::connectTcp(quint16 port, const QByteArray &source, int timeoutMs)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_fd < 0)
        return false;
    if (!source.isEmpty()) {
        sockaddr_in local {};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, source.constData(), &local.sin_addr);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0)
            return false;
    }
    sockaddr_in remote {};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) != 0
        && errno != EINPROGRESS)
        return false;
    if (!waitFor(m_fd, POLLOUT, QDeadlineTimer(timeoutMs)))
        return false;
    int error = 0;
    socklen_t length = sizeof error;
    return ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
}

bool RawTlsClient::handshake(int timeoutMs)
{
    gnutls_certificate_credentials_t credentials = nullptr;
    gnutls_session_t s = nullptr;
    gnutls_certificate_allocate_credentials(&credentials);
    m_credentials = credentials;
    gnutls_init(&s, GNUTLS_CLIENT | GNUTLS_NONBLOCK | GNUTLS_NO_SIGNAL);
    m_session = s;
    gnutls_set_default_priority(s);
    gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, credentials);
    gnutls_transport_set_int(s, m_fd);
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        const int rc = gnutls_handshake(s);
        if (rc == GNUTLS_E_SUCCESS)
            return true;
        if ((rc != GNUTLS_E_AGAIN && rc != GNUTLS_E_INTERRUPTED && gnutls_error_is_fatal(rc))
            || deadline.hasExpired())
            return false;
        waitFor(m_fd, gnutls_record_get_direction(s) ? POLLOUT : POLLIN, deadline);
    }
}

bool RawTlsClient::sendTls(QByteArrayView bytes)
{
    qsizetype sent = 0;
    const QDeadlineTimer deadline(10000);
    bool again = false;
    while (sent < bytes.size()) {
        const ssize_t n = again ? gnutls_record_send(session(m_session), nullptr, 0)
                                : gnutls_record_send(session(m_session), bytes.data() + sent,
                                    size_t(bytes.size() - sent));
        if (n > 0) {
            sent += n;
            again = false;
        } else if ((n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) && !deadline.hasExpired()) {
            again = true;
            waitFor(m_fd, POLLOUT, deadline);
        } else {
            return false;
        }
    }
    return true;
}

bool RawTlsClient::sendRaw(QByteArrayView bytes)
{
    return ::send(m_fd, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
}

bool RawTlsClient::closedByPeer() const
{
    pollfd p {m_fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0)
        return false;
    if (p.revents & (POLLERR | POLLHUP))
        return true;
    char c;
    const ssize_t n = ::recv(m_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

RawResponse RawTlsClient::readResponse(int timeoutMs, bool toHead)
{
    RawResponse r;
    QByteArray in;
    const QDeadlineTimer deadline(timeoutMs);
    qsizetype headEnd = -1;
    qint64 length = -1;
    for (;;) {
        if (headEnd < 0 && (headEnd = in.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = in.left(headEnd).split('\n');
            r.status = lines.value(0).split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                        lines[i].mid(colon + 1).trimmed());
            }
            length = toHead ? 0
                : r.headers.contains("content-length")
                ? r.headers.value("content-length").toLongLong()
                : -1;
        }
        if (headEnd >= 0 && length >= 0 && in.size() - headEnd - 4 >= length)
            break;
        char buffer[16384];
        const ssize_t n = gnutls_record_recv(session(m_session), buffer, sizeof buffer);
        if (n > 0) {
            in.append(buffer, qsizetype(n));
        } else if ((n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) && !deadline.hasExpired()) {
            waitFor(m_fd, POLLIN, deadline);
        } else {
            if (headEnd < 0 || length >= 0)
                r.status = 0; // cut off before the answer was whole
            break;
        }
    }
    if (headEnd >= 0) {
        r.body = in.mid(headEnd + 4, length >= 0 ? length : -1);
        r.json = QJsonDocument::fromJson(r.body).object();
    }
    return r;
}

RawResponse rawHttps(quint16 port, QByteArrayView request, int timeoutMs)
{
    RawTlsClient client;
    if (!client.connectTcp(port) || !client.handshake() || !client.sendTls(request))
        return {};
    return client.readResponse(timeoutMs, request.startsWith("HEAD "));
}

} // namespace mamori::test
