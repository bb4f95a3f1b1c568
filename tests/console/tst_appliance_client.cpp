// SPDX-License-Identifier: GPL-2.0-or-later
// The console's appliance client against real mamori-appliance processes.
#include "ApplianceProcess.h"
#include "TestHttp.h"
#include "app/client/ApplianceClient.h"
#include "app/client/CurlMulti.h"
#include "app/client/EventFollower.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

using namespace mamori::console;
using mamori::test::ApplianceProcess;
using mamori::test::TestHttp;

namespace {

const QString kAlice = QStringLiteral("alice");
const QString kBob = QStringLiteral("bob");
const QString kCarol = QStringLiteral("carol");
const QString kVirt = QStringLiteral("virt");
const QString kPassword = QStringLiteral("correct horse battery");

PasswordProvider fixedPassword(const QString &password, int *asked = nullptr)
{
    return [password, asked](const QString &, PasswordReply reply) {
        if (asked)
            ++*asked;
        reply(password);
    };
}

// Runs the event loop until `done` delivers; the GUI thread never blocks.
template<typename T> T waitFor(std::optional<T> &slot, int timeoutMs = 30000)
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(slot.has_value(), timeoutMs); }();
    return slot.value_or(T {});
}

} // namespace

class TestApplianceClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApplianceProcess> m_a; // main appliance
    std::unique_ptr<ApplianceProcess> m_b; // another identity; 2 s sessions
    std::unique_ptr<CurlMulti> m_multi;

    CertificateInfo probe(ApplianceClient &client)
    {
        std::optional<std::pair<CertificateInfo, ApiError>> got;
        client.probeCertificate([&](CertificateInfo c, ApiError e) { got.emplace(c, e); });
        const auto [cert, error] = waitFor(got);
        [&] { QVERIFY2(error.ok(), qPrintable(error.toString())); }();
        return cert;
    }

    ApiResult call(ApplianceClient &client, const QByteArray &method, const QString &path,
        const QJsonObject &body = {})
    {
        std::optional<ApiResult> got;
        client.request(method, path, body, [&](const ApiResult &r) { got = r; });
        return waitFor(got);
    }

    ApiResult login(ApplianceClient &client, const QString &password)
    {
        std::optional<ApiResult> got;
        client.login(password, [&](const ApiResult &r) { got = r; });
        return waitFor(got);
    }

    std::unique_ptr<ApplianceClient> pinnedClient(const ApplianceProcess &app, const QString &user)
    {
        auto client = std::make_unique<ApplianceClient>(m_multi.get(), app.baseUrl(), user);
        client->setPin(probe(*client));
        return client;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!ApplianceProcess::program().isEmpty());
        m_multi = std::make_unique<CurlMulti>();
        m_a = std::make_unique<ApplianceProcess>();
        QVERIFY(m_a->addUser(kAlice, QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(m_a->addUser(kBob, QStringLiteral("auditor"), kPassword.toUtf8()));
        QVERIFY(m_a->addUser(kVirt, QStringLiteral("virtualization-admin"), kPassword.toUtf8()));
        QVERIFY(QDir().mkpath(m_a->vmsDir() + QStringLiteral("/desk-001")));
        QVERIFY(QDir().mkpath(m_a->vmsDir() + QStringLiteral("/desk-002")));
        m_a->setConfig(R"("inventory_interval_ms": 200)");
        QVERIFY(m_a->start());
        m_b = std::make_unique<ApplianceProcess>();
        QVERIFY(m_b->addUser(kAlice, QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(m_b->addUser(kCarol, QStringLiteral("auditor"), kPassword.toUtf8()));
        m_b->setConfig(R"("session_ttl_seconds": 2, "inventory_interval_ms": 200)");
        QVERIFY(m_b->start());
    }

    void cleanupTestCase()
    {
        m_multi.reset();
        if (m_a)
            QVERIFY(m_a->stop());
        if (m_b)
            QVERIFY(m_b->stop());
    }

    void probeShowsTheFingerprintTheAppliancePrinted()
    {
        ApplianceClient client(m_multi.get(), m_a->baseUrl(), kAlice);
        const CertificateInfo cert = probe(client);
        QCOMPARE(cert.fingerprint, m_a->fingerprint());
        QVERIFY(!cert.spkiSha256Base64.isEmpty());
        QVERIFY(cert.notBefore.isValid() && cert.notAfter > QDateTime::currentDateTimeUtc());
        QFile pem(m_a->certificatePath());
        QVERIFY(pem.open(QIODevice::ReadOnly));
        QCOMPARE(CertificateInfo::fromPem(pem.readAll()).fingerprint, m_a->fingerprint());
        QVERIFY(!client.isSignedIn());
    }

    void unpinnedClientSendsNothing()
    {
        ApplianceClient client(m_multi.get(), m_a->baseUrl(), kAlice);
        const ApiResult r = login(client, kPassword);
        QCOMPARE(r.error.kind, ApiError::Kind::Tls);
        QCOMPARE(r.error.code, QStringLiteral("not_trusted"));
        QVERIFY(!r.error.userMessage().isEmpty());
    }

    void pinnedLoginAndVms()
    {
        auto client = pinnedClient(*m_a, kAlice);
        QSignalSpy signedIn(client.get(), &ApplianceClient::signedIn);
        const ApiResult r = login(*client, kPassword);
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        QCOMPARE(signedIn.count(), 1);
        QCOMPARE(client->signedInUser(), kAlice);
        QCOMPARE(client->roleName(), QStringLiteral("security-admin"));
        QCOMPARE(client->role(), mamori::protocol::Role::SecurityAdmin);
        QVERIFY(client->sessionExpires() > QDateTime::currentDateTimeUtc());

        const ApiResult vms = call(*client, "GET", QStringLiteral("/api/v1/vms"));
        QVERIFY2(vms.ok(), qPrintable(vms.error.toString()));
        QCOMPARE(vms.json.value(QStringLiteral("vms")).toArray().size(), 2);
        const ApiResult missing = call(*client, "GET", QStringLiteral("/api/v1/nothing"));
        QCOMPARE(missing.error.kind, ApiError::Kind::Http);
        QCOMPARE(missing.error.code, QStringLiteral("not_found"));

        std::optional<ApiResult> out;
        client->logout([&](const ApiResult &lr) { out = lr; });
        QVERIFY(waitFor(out).ok());
        QVERIFY(!client->isSignedIn());
    }

    void signsInByItselfAndReportsForbidden()
    {
        auto client = pinnedClient(*m_a, kVirt);
        int asked = 0;
        client->setPasswordProvider(fixedPassword(kPassword, &asked));
        const ApiResult r = call(*client, "GET", QStringLiteral("/api/v1/audit"));
        QCOMPARE(asked, 1);
        QCOMPARE(client->role(), mamori::protocol::Role::VirtualizationAdmin);
        QCOMPARE(r.error.kind, ApiError::Kind::Http);
        QCOMPARE(r.error.httpStatus, 403);
        QCOMPARE(r.error.code, QStringLiteral("forbidden"));
        QCOMPARE(
            r.error.userMessage(), QStringLiteral("Your role on this appliance may not do this."));
    }

    void wrongPasswordIsBadCredentials()
    {
        auto client = pinnedClient(*m_a, kBob);
        const ApiResult r = login(*client, QStringLiteral("wrong"));
        QCOMPARE(r.error.kind, ApiError::Kind::Http);
        QCOMPARE(r.error.httpStatus, 401);
        QCOMPARE(r.error.code, QStringLiteral("bad_credentials"));
        QVERIFY(r.error.userMessage().contains(QStringLiteral("password")));
        QVERIFY(!client->isSignedIn());

        // A wrong stored password is tried once, not until the user is locked out.
        int asked = 0;
        client->setPasswordProvider(fixedPassword(QStringLiteral("also wrong"), &asked));
        QCOMPARE(call(*client, "GET", QStringLiteral("/api/v1/vms")).error.code,
            QStringLiteral("bad_credentials"));
        QCOMPARE(call(*client, "GET", QStringLiteral("/api/v1/vms")).error.code,
            QStringLiteral("bad_credentials"));
        QCOMPARE(asked, 1);
        QVERIFY(login(*client, kPassword).ok());
        QVERIFY(call(*client, "GET", QStringLiteral("/api/v1/vms")).ok());
    }

    void pinMismatchBlocksAndSendsNoCredentials()
    {
        ApplianceClient onA(m_multi.get(), m_a->baseUrl(), kAlice);
        const CertificateInfo certA = probe(onA);
        ApplianceClient client(m_multi.get(), m_b->baseUrl(), kAlice); // B, with A's pin
        client.setPin(certA);
        QSignalSpy mismatch(&client, &ApplianceClient::pinMismatch);
        const ApiResult r = login(client, kPassword);
        QCOMPARE(r.error.kind, ApiError::Kind::PinMismatch);
        QVERIFY(client.isBlocked());
        QCOMPARE(mismatch.count(), 1);
        QCOMPARE(mismatch.at(0).at(0).toString(), m_b->fingerprint());
        QVERIFY(r.error.userMessage().contains(m_b->baseUrl().mid(8)));
        // Blocked: fails at once, without connecting.
        QCOMPARE(call(client, "GET", QStringLiteral("/api/v1/vms")).error.kind,
            ApiError::Kind::PinMismatch);

        // B saw no sign-in at all: its audit log has only carol's own.
        TestHttp http(m_b->baseUrl(), m_b->certificatePath());
        const auto audit =
            http.request("GET", QStringLiteral("/api/v1/audit"), {}, http.token(kCarol, kPassword));
        QCOMPARE(audit.status, 200L);
        QVERIFY(!audit.json.value(QStringLiteral("records")).toArray().isEmpty());
        for (const QJsonValue &v : audit.json.value(QStringLiteral("records")).toArray())
            QCOMPARE(v[QStringLiteral("user")].toString(), kCarol);

        // Re-trust after comparing the fingerprint: works again.
        const CertificateInfo certB = probe(client);
        QCOMPARE(certB.fingerprint, m_b->fingerprint());
        client.setPin(certB);
        QVERIFY(!client.isBlocked());
        QVERIFY(login(client, kPassword).ok());
    }

    void certificateFingerprintIsCheckedToo()
    {
        // Right key, wrong certificate fingerprint: refused before the request.
        ApplianceClient client(m_multi.get(), m_a->baseUrl(), kAlice);
        const CertificateInfo cert = probe(client);
        client.setPin(m_b->fingerprint(), cert.spkiSha256Base64);
        const ApiResult r = login(client, kPassword);
        QCOMPARE(r.error.kind, ApiError::Kind::PinMismatch);
        QVERIFY2(
            r.error.message.contains(QStringLiteral("certificate")), qPrintable(r.error.message));
        QVERIFY(client.isBlocked());
    }

    void expiredSessionSignsInAgain()
    {
        auto client = pinnedClient(*m_b, kAlice);
        int asked = 0;
        client->setPasswordProvider(fixedPassword(kPassword, &asked));
        QSignalSpy signedIn(client.get(), &ApplianceClient::signedIn);
        QVERIFY(login(*client, kPassword).ok());
        const QDateTime expires = client->sessionExpires();
        QVERIFY(expires.isValid());
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > expires.addMSecs(500), 10000);
        const ApiResult r = call(*client, "GET", QStringLiteral("/api/v1/vms"));
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        QCOMPARE(signedIn.count(), 2);
        QCOMPARE(asked, 1);
    }

    void manyConcurrentRequestsComplete()
    {
        auto a = pinnedClient(*m_a, kAlice);
        auto b = pinnedClient(*m_b, kAlice);
        a->setPasswordProvider(fixedPassword(kPassword));
        b->setPasswordProvider(fixedPassword(kPassword));
        int ok = 0;
        int failed = 0;
        int cancelledCalled = 0;
        for (int i = 0; i < 40; ++i) {
            ApplianceClient &c = i % 2 ? *a : *b;
            const auto id = c.request("GET", QStringLiteral("/api/v1/appliance"), {},
                [&](const ApiResult &r) { ++(r.ok() ? ok : failed); });
            if (i % 5 == 0) {
                c.cancel(id);
                c.request("GET", QStringLiteral("/api/v1/vms"), {},
                    [&](const ApiResult &) { ++cancelledCalled; });
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(ok + failed + cancelledCalled, 40, 60000);
        QCOMPARE(failed, 0);
        QCOMPARE(ok, 32);
        QCOMPARE(cancelledCalled, 8);
        QCOMPARE(m_multi->runningCount(), 0);
        // A client destroyed mid-flight takes its transfers with it.
        b->request("GET", QStringLiteral("/api/v1/events?after=1000000&wait=30"), {},
            [&](const ApiResult &) { ++failed; });
        QTRY_VERIFY(m_multi->runningCount() > 0);
        b.reset();
        QCOMPARE(m_multi->runningCount(), 0);
        QVERIFY(call(*a, "GET", QStringLiteral("/api/v1/vms")).ok());
        QCOMPARE(failed, 0);
    }

    void trustedServerAnsweringGarbage()
    {
        // A TLS server with A's own key and certificate, so that the pin holds.
        QFile certFile(m_a->certificatePath());
        QFile keyFile(QDir(m_a->dataDir()).filePath(QStringLiteral("tls/key.pem")));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        QVERIFY(!tls.privateKey().isNull());
        QSslServer server;
        server.setSslConfiguration(tls);
        QByteArray answer;
        connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [&] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &answer] {
                if (socket->readAll().contains("\r\n\r\n"))
                    socket->write(answer);
            });
        });
        QVERIFY(server.listen(QHostAddress::LocalHost));

        ApplianceClient client(
            m_multi.get(), QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()), kAlice);
        ApplianceClient onA(m_multi.get(), m_a->baseUrl(), kAlice);
        client.setPin(probe(onA));
        const auto http = [](const QByteArray &status, const QByteArray &body) {
            return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        answer = http("200 OK", "{\"vms\": [1, 2");
        ApiResult r = call(client, "GET", QStringLiteral("/api/v1/vms"));
        QCOMPARE(r.error.kind, ApiError::Kind::Protocol);
        answer = http("200 OK", "[1, 2]");
        QCOMPARE(call(client, "GET", QStringLiteral("/api/v1/vms")).error.kind,
            ApiError::Kind::Protocol);
        answer = http("200 OK", "{\"a\": \"" + QByteArray(4096, 'x') + "\"}");
        client.setMaxResponseSize(1024);
        r = call(client, "GET", QStringLiteral("/api/v1/vms"));
        QCOMPARE(r.error.kind, ApiError::Kind::Protocol);
        QCOMPARE(r.error.code, QStringLiteral("response_too_large"));
        answer = http("429 Too Many Requests\r\nRetry-After: 600",
            R"({"error": {"code": "locked_out", "message": "x"}})");
        r = call(client, "POST", QStringLiteral("/api/v1/session"));
        QCOMPARE(r.error.code, QStringLiteral("locked_out"));
        QCOMPARE(r.error.retryAfterSeconds, 600);
        QVERIFY(r.error.userMessage().contains(QStringLiteral("10")));
        QVERIFY(!client.isBlocked());
    }

    void eventFollowerCatchesUpAcrossRestart();
};

void TestApplianceClient::eventFollowerCatchesUpAcrossRestart()
{
    ApplianceProcess c;
    QVERIFY(c.addUser(kCarol, QStringLiteral("auditor"), kPassword.toUtf8()));
    c.setConfig(R"("inventory_interval_ms": 200)");
    const auto addVm = [&c](const QString &name) {
        return QDir().mkpath(c.vmsDir() + QLatin1Char('/') + name);
    };
    QVERIFY(addVm(QStringLiteral("before")));
    QVERIFY(c.start());
    const quint16 port = c.port();

    auto client = pinnedClient(c, kCarol);
    client->setPasswordProvider(fixedPassword(kPassword));
    EventFollower follower(client.get(), 0);
    follower.setBackoff(100, 1000);
    QList<Event> received;
    connect(&follower, &EventFollower::eventsReceived, this,
        [&](const QList<Event> &events) { received += events; });
    QSignalSpy reachable(&follower, &EventFollower::reachableChanged);
    QSignalSpy lastSeq(&follower, &EventFollower::lastSeqChanged);
    const auto hasVm = [&received](const QString &name) {
        for (const Event &e : std::as_const(received))
            if (e.type == QLatin1String("vm.added") && e.as<VmChange>()
                && e.as<VmChange>()->name == name)
                return true;
        return false;
    };
    follower.start();
    QTRY_VERIFY_WITH_TIMEOUT(hasVm(QStringLiteral("before")), 20000);
    QVERIFY(follower.isReachable());
    QVERIFY(follower.lastContact().isValid());
    QCOMPARE(reachable.count(), 1);

    c.kill();
    QTRY_COMPARE_WITH_TIMEOUT(reachable.count(), 2, 20000);
    QCOMPARE(reachable.at(1).at(0).toBool(), false);
    QVERIFY(addVm(QStringLiteral("during")));
    QVERIFY(c.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)}));
    QCOMPARE(c.port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(reachable.count(), 3, 30000);
    QCOMPARE(reachable.at(2).at(0).toBool(), true);
    QVERIFY(addVm(QStringLiteral("after")));
    QTRY_VERIFY_WITH_TIMEOUT(
        hasVm(QStringLiteral("during")) && hasVm(QStringLiteral("after")), 30000);
    QCOMPARE(lastSeq.last().at(0).toLongLong(), follower.lastSeq());

    // Exactly what the appliance holds, in order, nothing twice, nothing left out.
    TestHttp http(c.baseUrl(), c.certificatePath());
    const auto all = http.request(
        "GET", QStringLiteral("/api/v1/events?after=0"), {}, http.token(kCarol, kPassword));
    QCOMPARE(all.status, 200L);
    QList<qint64> expected;
    for (const QJsonValue &v : all.json.value(QStringLiteral("events")).toArray())
        if (v[QStringLiteral("seq")].toInteger() <= follower.lastSeq())
            expected.append(v[QStringLiteral("seq")].toInteger());
    QList<qint64> got;
    for (const Event &e : std::as_const(received))
        got.append(e.seq);
    QCOMPARE(got, expected);
    for (qsizetype i = 1; i < got.size(); ++i)
        QVERIFY(got[i] > got[i - 1]);
    follower.stop();
    QVERIFY(c.stop());
}

QTEST_GUILESS_MAIN(TestApplianceClient)
#include "tst_appliance_client.moc"
