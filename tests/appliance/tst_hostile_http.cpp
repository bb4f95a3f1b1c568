// SPDX-License-Identifier: GPL-2.0-or-later
// The HTTP layer under attack (docs/security.md, Hostile network): requests
// curl would refuse or normalise, sent byte for byte, and slow clients that
// try to hold every connection, against a real mamori-appliance process.
#include "ApplianceProcess.h"
#include "RawTls.h"
#include "TestHttp.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using mamori::test::ApplianceProcess;
using mamori::test::RawResponse;
using mamori::test::RawTlsClient;
using mamori::test::TestHttp;
using mamori::test::TestRequest;
using mamori::test::TestResponse;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

// Clients that each send one byte a second and reconnect when the appliance
// drops them, until told to stop. Half never finish their TLS handshake;
// the other half finish it and then trickle an HTTP request's headers.
class SlowClients
{
public:
    SlowClients(quint16 port, int count, int addresses) : m_port(port)
    {
        for (int i = 0; i < count; ++i)
            m_clients.push_back(
                {i % 2 == 0, "127.0.0." + QByteArray::number(2 + i % addresses), nullptr, 0});
    }
    ~SlowClients() { stop(); }

    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int connected() const { return m_connected; }
    int dropped() const { return m_dropped; }
    // Connections the harness held open at the last tick.
    int open() const { return m_open; }

private:
    struct Client
    {
        bool inHandshake;
        QByteArray source;
        std::unique_ptr<RawTlsClient> tls;
        int sent;
    };

    void run()
    {
        static const QByteArray hello = QByteArray::fromHex("160301020001") + QByteArray(600, 'x');
        static const QByteArray head =
            "GET /api/v1/vms HTTP/1.1\r\nHost: mamori\r\nX-Slow: " + QByteArray(600, 's');
        while (!m_stop) {
            QElapsedTimer tick;
            tick.start();
            int open = 0;
            for (Client &c : m_clients) {
                if (m_stop)
                    break;
                if (c.tls && c.tls->closedByPeer()) {
                    c.tls.reset();
                    ++m_dropped;
                }
                if (!c.tls) {
                    auto tls = std::make_unique<RawTlsClient>();
                    if (!tls->connectTcp(m_port, c.source, 2000)
                        || (!c.inHandshake && !tls->handshake(2000)))
                        continue;
                    c.tls = std::move(tls);
                    c.sent = 0;
                    ++m_connected;
                }
                const QByteArray &script = c.inHandshake ? hello : head;
                const QByteArrayView next(script.constData() + c.sent % script.size(), 1);
                const bool ok = c.inHandshake ? c.tls->sendRaw(next) : c.tls->sendTls(next);
                if (!ok) {
                    c.tls.reset();
                    ++m_dropped;
                    continue;
                }
                ++c.sent;
                ++open;
            }
            m_open = open;
            while (!m_stop && tick.elapsed() < 1000)
                QThread::msleep(20);
        }
    }

    quint16 m_port;
    std::vector<Client> m_clients;
    std::thread m_thread;
    std::atomic<bool> m_stop {false};
    std::atomic<int> m_connected {0}, m_dropped {0}, m_open {0};
};

} // namespace

class TestHostileHttp : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    QString m_token;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!ApplianceProcess::program().isEmpty());
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword.toUtf8()));
        // A short request deadline, so that the slow-client test is short too.
        m_app->setConfig(R"("request_timeout_seconds": 2)");
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_token = m_http->token(QStringLiteral("sec"), kPassword);
        QVERIFY(!m_token.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    void malformedRequestsGetJsonErrors_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QByteArray auth = "Authorization: Bearer TOKEN\r\n";
        const QByteArray get = "GET /api/v1/vms HTTP/1.1\r\nHost: a\r\n";
        const QByteArray post = "POST /api/v1/session HTTP/1.1\r\nHost: a\r\n"
                                "Content-Type: application/json\r\n";
        // Paths: the first one answered the VM list before.
        QTest::newRow("%00 then ..")
            << "GET /api/v1/vms%00/../incidents HTTP/1.1\r\nHost: a\r\n" + auth + "\r\n"
            << 400 << "bad_request";
        QTest::newRow("dot segment") << "GET /api/v1/vms/../incidents HTTP/1.1\r\n" + auth + "\r\n"
                                     << 400 << "bad_request";
        QTest::newRow("escaped dot segment") << "GET /api/v1/%2e%2E/v1/vms HTTP/1.1\r\n" + auth
                + "\r\n" << 400 << "bad_request";
        QTest::newRow("single dot") << "GET /api/v1/./vms HTTP/1.1\r\n" + auth + "\r\n"
                                    << 400 << "bad_request";
        QTest::newRow("escaped slash") << "GET /api/v1%2fvms HTTP/1.1\r\n" + auth + "\r\n"
                                       << 400 << "bad_request";
        QTest::newRow("escaped newline") << "GET /api/v1/vms%0a HTTP/1.1\r\n" + auth + "\r\n"
                                         << 400 << "bad_request";
        QTest::newRow("raw control byte") << "GET /api/v1/vms\x01 HTTP/1.1\r\n" + auth + "\r\n"
                                          << 400 << "bad_request";
        QTest::newRow("bad escape") << "GET /api/v1/vms%zz HTTP/1.1\r\n" + auth + "\r\n"
                                    << 400 << "bad_request";
        QTest::newRow("not UTF-8") << "GET /api/v1/vms/%ff HTTP/1.1\r\n" + auth + "\r\n"
                                   << 400 << "bad_request";
        QTest::newRow("%00 in the query") << "GET /api/v1/events?after=%00 HTTP/1.1\r\n" + auth
                + "\r\n" << 400 << "bad_request";
        QTest::newRow("absolute form") << "GET https://a/api/v1/vms HTTP/1.1\r\n" + auth + "\r\n"
                                       << 400 << "bad_request";
        // Framing of the body.
        QTest::newRow("negative length") << post + "Content-Length: -1\r\n\r\n"
                                         << 400 << "bad_request";
        QTest::newRow("malformed length") << post + "Content-Length: 12abc\r\n\r\n"
                                          << 400 << "bad_request";
        QTest::newRow("two lengths")
            << post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello" << 400 << "bad_request";
        QTest::newRow("huge length") << post + "Content-Length: 99999999999999999999999\r\n\r\n"
                                     << 413 << "payload_too_large";
        QTest::newRow("length over the limit") << post + "Content-Length: 2097152\r\n\r\n"
                                               << 413 << "payload_too_large";
        QTest::newRow("both framings")
            << post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
            << 400 << "bad_request";
        QTest::newRow("other coding") << post + "Transfer-Encoding: gzip\r\n\r\n"
                                      << 400 << "bad_request";
        QTest::newRow("chunk over the limit")
            << post + "Transfer-Encoding: chunked\r\n\r\n200001\r\n"
            << 413 << "payload_too_large";
        QTest::newRow("malformed chunk") << post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
                                         << 400 << "bad_request";
        // Head.
        QTest::newRow("header too large") << get + "X-Big: " + QByteArray(40 * 1024, 'h')
                + "\r\n\r\n" << 431 << "headers_too_large";
        QByteArray many = get;
        for (int i = 0; i < 150; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("too many headers") << many + "\r\n" << 431 << "headers_too_large";
        QTest::newRow("version") << QByteArray("GET /api/v1/vms HTTP/2.0\r\n\r\n") << 400
                                 << "bad_request";
        QTest::newRow("no request line") << QByteArray("HELLO\r\n\r\n") << 400 << "bad_request";
        QTest::newRow("bare LF") << QByteArray("GET /api/v1/vms HTTP/1.1\nHost: a\n\n") << 400
                                 << "bad_request";
        QTest::newRow("folded header") << get + "X-A: a\r\n b\r\n\r\n" << 400 << "bad_request";
        QTest::newRow("control in a header") << get + "X-A: a\x01z\r\n\r\n" << 400 << "bad_request";
        QTest::newRow("space before colon") << get + "X-A : a\r\n\r\n" << 400 << "bad_request";
    }

    // Whatever is wrong with a request, the answer is JSON with the error
    // code docs/api.md gives, and the handler never sees it.
    void malformedRequestsGetJsonErrors()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, code);
        request.replace("TOKEN", m_token.toLatin1());
        const RawResponse r = mamori::test::rawHttps(m_app->port(), request);
        QCOMPARE(r.status, status);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(r.errorCode(), code);
        QVERIFY(!r.json[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
        QVERIFY(!r.body.contains("\"vms\""));
    }

    // The same requests well formed are served (so the refusals above are
    // about the form, not the route).
    void wellFormedRawRequestIsServed()
    {
        const RawResponse r = mamori::test::rawHttps(m_app->port(),
            "GET /api/v1/vms HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + m_token.toLatin1()
                + "\r\n\r\n");
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.contains(QStringLiteral("vms")));
        // A body is not a head: line feeds in it are fine.
        const QByteArray body = "{\n  \"user\": \"sec\",\n  \"password\": \"nope-nope\"\n}\n";
        const RawResponse login = mamori::test::rawHttps(m_app->port(),
            "POST /api/v1/session HTTP/1.1\r\nContent-Type: application/json\r\n"
            "Content-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(login.errorCode(), QStringLiteral("bad_credentials"));
        const RawResponse head =
            mamori::test::rawHttps(m_app->port(), "HEAD /api/v1/nothing HTTP/1.1\r\n\r\n");
        QCOMPARE(head.status, 404);
        QVERIFY(head.body.isEmpty());
    }

    // 300 clients from 10 addresses send a byte a second, more than the 256
    // connection slots; a login from another address succeeds throughout.
    void slowClientsDoNotLockOthersOut()
    {
        SlowClients attack(m_app->port(), 300, 10);
        attack.start();
        QTRY_VERIFY_WITH_TIMEOUT(attack.open() >= 200, 90000);
        int logins = 0;
        QElapsedTimer during;
        during.start();
        while (during.elapsed() < 8000) {
            TestRequest login {"POST", QStringLiteral("/api/v1/session"),
                TestHttp::loginBody(QStringLiteral("sec"), kPassword), {}, "127.0.0.1", 15000};
            const TestResponse r = m_http->requestAll({login}).first();
            QVERIFY2(r.status == 200,
                qPrintable(QStringLiteral("login %1 after %2 ms: %3 %4")
                               .arg(logins)
                               .arg(during.elapsed())
                               .arg(r.status)
                               .arg(r.curlError)));
            ++logins;
        }
        const int dropped = attack.dropped();
        attack.stop();
        QVERIFY(logins >= 3);
        // The appliance cut the slow ones off (by their deadline, or to make room).
        QVERIFY2(dropped >= 100, qPrintable(QString::number(dropped)));
    }
};

QTEST_GUILESS_MAIN(TestHostileHttp)
#include "tst_hostile_http.moc"
