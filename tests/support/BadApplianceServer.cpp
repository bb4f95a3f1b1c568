// SPDX-License-Identifier: GPL-2.0-or-later
#include "BadApplianceServer.h"

#include <QHostAddress>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>
#include <QUrlQuery>

namespace mamori::test {

namespace {

// Well-formed answers of an idle appliance with one protected VM.
const QByteArray kVm = R"({"id": "6f1d0a3e-0000-4000-8000-0000000000b1", "name": "desk-bad",
    "power": "running", "protection": {"status": "protected", "reason": "ok"},
    "realtime": "on", "last_scan": "2026-11-25T21:53:00Z", "last_full_scan": "2026-11-25T21:53:00Z",
    "open_incidents": 0, "isolated": false, "root": ""})";

const QHash<QString, QByteArray> &goodAnswers()
{
    static const QHash<QString, QByteArray> answers {
        {QStringLiteral("/api/v1/appliance"),
            R"({"id": "2b0c0000-0000-4000-8000-0000000000b1", "host_name": "bad-host",
            "versions": {"appliance": "0.1.0", "engine": "1.0", "pattern": ""},
            "uptime_seconds": 60, "started": "2026-11-25T21:53:00Z",
            "policy": {"max_concurrent_scans": 1}, "user": "admin", "role": "security-admin"})"},
        {QStringLiteral("/api/v1/vms"), "{\"vms\": [" + kVm + "]}"},
        {QStringLiteral("/api/v1/vms/6f1d0a3e-0000-4000-8000-0000000000b1"), kVm},
        {QStringLiteral("/api/v1/patterns"),
            R"({"active": null, "previous": [], "source": {"url": "", "newest": null}})"},
        {QStringLiteral("/api/v1/scans"), R"({"jobs": [], "paused": false})"},
        {QStringLiteral("/api/v1/incidents"), R"({"incidents": []})"},
        {QStringLiteral("/api/v1/policy"),
            R"({"max_concurrent_scans": 1, "schedule": {"enabled": false, "days": [],
            "window_start": "01:00", "window_end": "05:00", "kind": "quick"}, "hot_paths": [],
            "automatic_action": "quarantine", "realtime": {"default": "on", "vms": {}},
            "limits": {"max_file_size_mb": 10, "max_scan_size_mb": 40, "max_recursion": 8,
            "max_files": 100}, "exclusions": [], "at_risk": {"max_pattern_age_hours": 24,
            "max_days_between_full_scans": 7}, "patterns": {"rescan_on_change": false,
            "check_minutes": 0}, "governor": {"cpu_percent_of_baseline": 150,
            "io_percent_of_baseline": 200}})"},
    };
    return answers;
}

QByteArray head(int status, qint64 contentLength)
{
    const QByteArray reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Error";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(contentLength) + "\r\n\r\n";
}

} // namespace

BadApplianceServer::BadApplianceServer(
    const QByteArray &certificatePem, const QByteArray &keyPem, QObject *parent)
    : QTcpServer(parent), m_certificate(certificatePem, QSsl::Pem),
      m_key(keyPem, QSsl::Ec, QSsl::Pem)
{ }

BadApplianceServer::~BadApplianceServer()
{
    close();
}

bool BadApplianceServer::start()
{
    return !m_certificate.isNull() && !m_key.isNull() && listen(QHostAddress::LocalHost, 0);
}

QString BadApplianceServer::baseUrl() const
{
    return QStringLiteral("https://127.0.0.1:%1").arg(serverPort());
}

void BadApplianceServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setLocalCertificate(m_certificate);
    socket->setPrivateKey(m_key);
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    connect(socket, &QSslSocket::readyRead, this, [this, socket] { readRequests(socket); });
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QSslSocket::errorOccurred, socket, [socket] { socket->abort(); });
    socket->startServerEncryption();
}

void BadApplianceServer::readRequests(QSslSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    // After a fault the connection is the fault's: what else comes is ignored.
    while (!socket->property("spoiled").toBool()) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        qint64 length = 0;
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            break;
        const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
        buffer.remove(0, end + 4 + length);
        answer(socket, request.value(0), request.value(1));
    }
    socket->setProperty("buffer", buffer);
}

void BadApplianceServer::answer(
    QSslSocket *socket, const QByteArray &method, const QByteArray &target)
{
    const QUrl url(QString::fromLatin1(target));
    const QString path = url.path();
    ++m_requests[path];
    if (method == "POST" && path == QLatin1String("/api/v1/session"))
        return send(socket, path, 200,
            R"({"token": "bad-token", "user": "admin", "role": "security-admin",
            "expires": "2099-01-01T00:00:00Z"})");
    if (path == QLatin1String("/api/v1/events")) {
        const QByteArray idle = R"({"events": [], "last_seq": 0, "gap": false})";
        // An idle appliance: the first poll at once, so that the console
        // sees it reachable, later ones when their wait is over.
        if (!m_eventsAnswered) {
            m_eventsAnswered = true;
            return send(socket, path, 200, idle);
        }
        const int wait = QUrlQuery(url).queryItemValue(QStringLiteral("wait")).toInt();
        const QPointer<QSslSocket> alive(socket);
        QTimer::singleShot(wait * 1000, this, [this, alive, path, idle] {
            if (alive)
                send(alive, path, 200, idle);
        });
        return;
    }
    const Fault fault = m_faults.value(path, Fault::None);
    if (method == "GET" && fault != Fault::None)
        return sendFault(socket, path, fault);
    const auto good = goodAnswers().constFind(path);
    if (good == goodAnswers().constEnd())
        return send(socket, path, 404, R"({"error": {"code": "not_found", "message": "no such"}})");
    send(socket, path, 200, *good);
}

void BadApplianceServer::send(
    QSslSocket *socket, const QString &path, int status, const QByteArray &body)
{
    m_bodyBytes[path] += body.size();
    socket->write(head(status, body.size()) + body);
}

void BadApplianceServer::sendFault(QSslSocket *socket, const QString &path, Fault fault)
{
    switch (fault) {
    case Fault::None:
        return;
    case Fault::InvalidJson:
        return send(socket, path, 200, "{\"vms\": [this is not JSON");
    case Fault::ServerError:
        return send(socket, path, 500,
            R"({"error": {"code": "internal", "message": "the database is locked"}})");
    case Fault::Oversize: {
        socket->setProperty("spoiled", true);
        const QByteArray some(1024, ' ');
        m_bodyBytes[path] += some.size();
        socket->write(head(200, qint64(1) << 30) + some);
        return;
    }
    case Fault::CutMidAnswer: {
        socket->setProperty("spoiled", true);
        const QByteArray part = "{\"vms\": [" + QByteArray(91, ' ');
        m_bodyBytes[path] += part.size();
        socket->write(head(200, 1000) + part);
        socket->disconnectFromHost(); // after what was written is sent
        return;
    }
    case Fault::Drip: {
        socket->setProperty("spoiled", true);
        socket->write(head(200, 1000));
        auto *drip = new QTimer(socket);
        connect(drip, &QTimer::timeout, socket, [this, socket, path] {
            m_bodyBytes[path] += 1;
            socket->write(" ");
        });
        drip->start(1000);
        return;
    }
    }
}

} // namespace mamori::test
