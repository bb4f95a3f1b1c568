// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

class QSslSocket;

namespace mamori::test {

// An appliance that half answers, on loopback over TLS, for the console's
// tests (docs/reliability.md, A half-answering appliance): it signs anybody
// in and answers the event stream as an idle appliance does (the first poll
// at once, later ones after their wait), and each read of the console's
// state correctly or with the fault set for its path. Runs on the test's
// event loop (QTcpServer and QSslSocket in server mode: Qt 6.4 has no
// QSslServer).
class BadApplianceServer : public QTcpServer
{
    Q_OBJECT

public:
    enum class Fault {
        None, // a well-formed answer
        InvalidJson, // 200 with a body that is not JSON
        ServerError, // 500
        Oversize, // says its body is 1 GiB, sends 1 KiB of it and waits
        CutMidAnswer, // says 1000 bytes, sends 100, closes the connection
        Drip, // says 1000 bytes and sends one a second
    };

    // `certificatePem` and `keyPem`: the identity it presents.
    BadApplianceServer(
        const QByteArray &certificatePem, const QByteArray &keyPem, QObject *parent = nullptr);
    ~BadApplianceServer() override;

    // Listens on 127.0.0.1, on a free port.
    bool start();
    QString baseUrl() const;

    // How GET `path` (without its query; "/api/v1/vms") answers from now on.
    void setFault(const QString &path, Fault fault) { m_faults.insert(path, fault); }
    void clearFaults() { m_faults.clear(); }
    // Requests seen for `path` (without query), answered or not.
    int requests(const QString &path) const { return m_requests.value(path); }
    // Body bytes sent for `path`.
    qint64 bodyBytesSent(const QString &path) const { return m_bodyBytes.value(path); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void readRequests(QSslSocket *socket);
    void answer(QSslSocket *socket, const QByteArray &method, const QByteArray &target);
    void send(QSslSocket *socket, const QString &path, int status, const QByteArray &body);
    void sendFault(QSslSocket *socket, const QString &path, Fault fault);

    QSslCertificate m_certificate;
    QSslKey m_key;
    QHash<QString, Fault> m_faults;
    QHash<QString, int> m_requests;
    QHash<QString, qint64> m_bodyBytes;
    bool m_eventsAnswered = false;
};

} // namespace mamori::test
