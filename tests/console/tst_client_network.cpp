// SPDX-License-Identifier: GPL-2.0-or-later
// The console's network client against servers that misbehave, its error
// messages and its secret stores; no appliance needed.
#include "app/client/ApplianceClient.h"
#include "app/client/CurlMulti.h"
#include "app/client/KeychainSecretStore.h"
#include "app/client/SecretStore.h"
#include "protocol/ErrorCode.h"

#include <QPointer>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

using namespace mamori::console;

namespace {

// A pin no server has: requests get as far as the handshake.
const QString kFingerprint = QString(QStringLiteral("00:")).repeated(31) + QStringLiteral("00");
const QByteArray kKey = QByteArray(32, '\0').toBase64();

// Accepts connections and, per `mode`, stays silent, answers garbage or
// answers plain HTTP.
class FakeServer : public QTcpServer
{
public:
    enum class Mode { Silent, Garbage, Http };
    explicit FakeServer(Mode mode) : m_mode(mode)
    {
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                ++accepted;
                if (m_mode == Mode::Garbage)
                    s->write("garbage, not TLS\r\n\r\n\x01\x02\x03");
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    s->readAll();
                    if (m_mode == Mode::Http)
                        s->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }
    QString url(const QString &scheme = QStringLiteral("https")) const
    {
        return QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(serverPort());
    }
    int accepted = 0;

private:
    Mode m_mode;
};

ApiResult get(ApplianceClient &client, const QByteArray &method = "GET")
{
    std::optional<ApiResult> got;
    client.request(method, QStringLiteral("/api/v1/vms"), {}, [&](const ApiResult &r) { got = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000); }();
    return got.value_or(ApiResult {});
}

size_t discard(char *, size_t size, size_t count, void *)
{
    return size * count;
}

CURL *plainGet(const QByteArray &url)
{
    CURL *easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_URL, url.constData());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    return easy;
}

} // namespace

class TestClientNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusedConnection()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        CurlMulti multi;
        ApplianceClient client(
            &multi, QStringLiteral("https://127.0.0.1:%1").arg(port), QStringLiteral("alice"));
        client.setPin(kFingerprint, kKey);
        client.setRetryDelay(10);
        const ApiResult r = get(client);
        QCOMPARE(r.error.kind, ApiError::Kind::Refused);
        QCOMPARE(r.error.address, QStringLiteral("127.0.0.1:%1").arg(port));
        QVERIFY(r.error.userMessage().contains(r.error.address));
        QVERIFY(r.error.userMessage().contains(QStringLiteral("refused")));
    }

    void silentServerTimesOutAndGetIsRetried()
    {
        FakeServer server(FakeServer::Mode::Silent);
        CurlMulti multi;
        ApplianceClient client(&multi, server.url(), QStringLiteral("alice"));
        client.setPin(kFingerprint, kKey);
        client.setDefaultTimeout(300);
        client.setRetryDelay(10);
        QCOMPARE(get(client).error.kind, ApiError::Kind::Timeout);
        QCOMPARE(server.accepted, 3);
        // Not idempotent: tried once only.
        QCOMPARE(get(client, "POST").error.kind, ApiError::Kind::Timeout);
        QCOMPARE(server.accepted, 4);
    }

    void garbageInsteadOfTls()
    {
        FakeServer server(FakeServer::Mode::Garbage);
        CurlMulti multi;
        ApplianceClient client(&multi, server.url(), QStringLiteral("alice"));
        client.setPin(kFingerprint, kKey);
        const ApiResult r = get(client);
        QVERIFY2(r.error.kind == ApiError::Kind::Tls || r.error.kind == ApiError::Kind::Protocol,
            qPrintable(r.error.toString()));
        QVERIFY(!client.isBlocked());

        std::optional<std::pair<CertificateInfo, ApiError>> probed;
        client.probeCertificate([&](CertificateInfo c, ApiError e) { probed.emplace(c, e); });
        QTRY_VERIFY(probed.has_value());
        QVERIFY(probed->first.isNull());
        QCOMPARE(probed->second.kind, ApiError::Kind::Tls);
    }

    void callbacksNeverRunInsideTheCall()
    {
        CurlMulti multi;
        ApplianceClient client(
            &multi, QStringLiteral("https://127.0.0.1:1"), QStringLiteral("alice"));
        bool called = false;
        client.request("GET", QStringLiteral("/x"), {}, [&](const ApiResult &) { called = true; });
        QVERIFY(!called); // not trusted yet, but the answer still comes later
        QTRY_VERIFY(called);
    }

    void curlMultiIsReentrant()
    {
        FakeServer server(FakeServer::Mode::Http);
        FakeServer silent(FakeServer::Mode::Silent);
        const QByteArray url = server.url(QStringLiteral("http")).toUtf8() + "/";
        const QByteArray never = silent.url(QStringLiteral("http")).toUtf8() + "/";
        QPointer<CurlMulti> multi = new CurlMulti;
        int completed = 0;
        // Each completion starts the next transfer and cancels one that hangs.
        std::function<void()> next = [&] {
            CURL *easy = plainGet(url);
            CURL *stray = plainGet(never);
            multi->start(stray, [](CURLcode) { QFAIL("a cancelled transfer completed"); });
            multi->start(easy, [&, easy, stray](CURLcode code) {
                QCOMPARE(code, CURLE_OK);
                multi->cancel(stray);
                curl_easy_cleanup(stray);
                curl_easy_cleanup(easy);
                if (++completed < 20)
                    next();
            });
        };
        for (int i = 0; i < 4; ++i)
            next();
        QTRY_VERIFY_WITH_TIMEOUT(completed >= 20, 30000);
        QTRY_COMPARE(multi->runningCount(), 0);

        // A completion may even destroy the multi handle.
        CURL *a = plainGet(url);
        CURL *b = plainGet(url);
        multi->start(b, [](CURLcode) {});
        multi->start(a, [&](CURLcode) { delete multi.data(); });
        QTRY_VERIFY(multi.isNull());
        curl_easy_cleanup(a);
        curl_easy_cleanup(b);
    }

    void everyErrorHasAUserMessage()
    {
        using mamori::protocol::ErrorCode;
        QSet<QString> messages;
        for (int c = int(ErrorCode::BadRequest); c <= int(ErrorCode::Internal); ++c) {
            ApiError e;
            e.kind = ApiError::Kind::Http;
            e.code = mamori::protocol::errorCodeName(ErrorCode(c));
            e.httpStatus = mamori::protocol::httpStatusFor(ErrorCode(c));
            e.address = QStringLiteral("127.0.0.1:8443");
            const QString m = e.userMessage();
            QVERIFY2(!m.contains(QStringLiteral("HTTP")), qPrintable(e.code));
            messages.insert(m);
        }
        // Bad request and unsupported media type share one: both are console faults.
        QCOMPARE(messages.size(), int(ErrorCode::Internal) - int(ErrorCode::BadRequest));
        for (auto kind :
            {ApiError::Kind::Refused, ApiError::Kind::Timeout, ApiError::Kind::Tls,
                ApiError::Kind::PinMismatch, ApiError::Kind::Protocol, ApiError::Kind::Cancelled}) {
            ApiError e;
            e.kind = kind;
            QVERIFY(!e.userMessage().isEmpty());
        }
        ApiError locked;
        locked.kind = ApiError::Kind::Http;
        locked.code = QStringLiteral("locked_out");
        locked.retryAfterSeconds = 14 * 60 - 5;
        QVERIFY(locked.userMessage().startsWith(QStringLiteral("Too many failed sign-ins")));
        QVERIFY(locked.userMessage().contains(QStringLiteral("14")));
        ApiError unknown;
        unknown.kind = ApiError::Kind::Http;
        unknown.httpStatus = 502;
        QVERIFY(unknown.userMessage().contains(QStringLiteral("502")));
    }

    void memorySecretStore()
    {
        MemorySecretStore store;
        QVERIFY(!store.isPersistent());
        std::optional<SecretResult> got;
        const auto keep = [&](SecretResult r) { got = r; };
        store.writeSecret(QStringLiteral("k"), QStringLiteral("s3cret"), keep);
        QVERIFY(!got); // asynchronous like a keyring
        QTRY_VERIFY(got && got->ok());
        got.reset();
        store.readSecret(QStringLiteral("k"), keep);
        QTRY_VERIFY(got);
        QCOMPARE(got->secret, QStringLiteral("s3cret"));
        got.reset();
        store.removeSecret(QStringLiteral("k"), keep);
        QTRY_VERIFY(got);
        got.reset();
        store.readSecret(QStringLiteral("k"), keep);
        QTRY_VERIFY(got);
        QCOMPARE(got->status, SecretResult::Status::NotFound);
    }

    void keychainReportsWhatItCan()
    {
        // Without a keyring (as in CI) the store says so; with one, a key
        // nobody wrote is simply not found. It never invents a secret.
        KeychainSecretStore store(
            QStringLiteral("mamori-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        QSignalSpy unavailable(&store, &SecretStore::unavailable);
        std::optional<SecretResult> got;
        store.readSecret(QStringLiteral("nobody"), [&](SecretResult r) { got = r; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 60000);
        QVERIFY(got->status != SecretResult::Status::Ok);
        if (got->status == SecretResult::Status::Unavailable) {
            QCOMPARE(unavailable.count(), 1);
            QVERIFY(!store.isAvailable());
            QVERIFY(!store.isPersistent());
            got.reset();
            store.writeSecret(
                QStringLiteral("k"), QStringLiteral("v"), [&](SecretResult r) { got = r; });
            QTRY_VERIFY(got.has_value());
            QCOMPARE(got->status, SecretResult::Status::Unavailable);
        }
    }
};

QTEST_GUILESS_MAIN(TestClientNetwork)
#include "tst_client_network.moc"
