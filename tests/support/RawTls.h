// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace mamori::test {

struct RawResponse
{
    int status = 0; // 0: no complete answer
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QJsonObject json;

    QString errorCode() const;
};

// A TLS client that sends exactly the bytes it is given, for requests that
// curl would refuse or normalise (a "%00" or "/../" in a path, a negative
// Content-Length) and for clients that send slowly. Blocking, with
// timeouts; no certificate check (these tests attack, they do not trust).
class RawTlsClient
{
public:
    RawTlsClient() = default;
    ~RawTlsClient();
    RawTlsClient(const RawTlsClient &) = delete;
    RawTlsClient &operator=(const RawTlsClient &) = delete;

    // TCP to 127.0.0.1:port, from the local address `source` when given.
    bool connectTcp(quint16 port, const QByteArray &source = {}, int timeoutMs = 5000);
    bool handshake(int timeoutMs = 5000);
    bool sendTls(QByteArrayView bytes);
    // On the TCP socket itself, as a client that never finishes its handshake would.
    bool sendRaw(QByteArrayView bytes);
    // One answer: its head, then Content-Length bytes (or up to the close);
    // an answer to HEAD has no body whatever its Content-Length says.
    RawResponse readResponse(int timeoutMs = 10000, bool toHead = false);
    // True when the server has closed the connection (or reset it).
    bool closedByPeer() const;

private:
    int m_fd = -1;
    void *m_session = nullptr; // gnutls_session_t
    void *m_credentials = nullptr;
};

// Connects, handshakes, sends `request` and reads one answer.
RawResponse rawHttps(quint16 port, QByteArrayView request, int timeoutMs = 10000);

} // namespace mamori::test
