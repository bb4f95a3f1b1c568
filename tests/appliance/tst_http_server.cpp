// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/http/HttpServer.h"
#include "appliance/http/TlsIdentity.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <optional>
#include <sys/stat.h>

using namespace mamori::appliance;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

HttpResponse json(const QJsonObject &o)
{
    HttpResponse r;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

// One external program; the test's event loop keeps running while it does,
// since the server's handler runs on this same thread.
struct Run
{
    QProcess process;
    QString bodyPath, headerPath;

    bool finished() const { return process.state() == QProcess::NotRunning; }
    int exitCode() const
    {
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    QByteArray output() { return process.readAllStandardOutput(); }
    int status() { return output().trimmed().toInt(); } // curl's -w %{http_code}
    QByteArray body() const { return readAll(bodyPath); }
    QJsonObject bodyJson() const { return QJsonDocument::fromJson(body()).object(); }
    QByteArray headers() const { return readAll(headerPath); }
    QString errorCode() const
    {
        return bodyJson().value("error").toObject().value("code").toString();
    }
};

} // namespace

#define WAIT_FOR(run) QTRY_VERIFY_WITH_TIMEOUT((run)->finished(), 30000)

class TestHttpServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<TlsIdentity> m_identity;
    QString m_curl;
    int m_runs = 0;
    int m_handled = 0;
    QList<HttpResponder> m_held;

    std::unique_ptr<Run> runTool(const QString &program, const QStringList &args)
    {
        auto run = std::make_unique<Run>();
        run->process.start(program, args);
        return run;
    }

    // curl against our server; prints only the status, keeps body and headers.
    std::unique_ptr<Run> curl(const QStringList &args, const QString &url)
    {
        auto run = std::make_unique<Run>();
        const QString stem = m_dir.filePath(QStringLiteral("run%1").arg(++m_runs));
        run->bodyPath = stem + QStringLiteral(".body");
        run->headerPath = stem + QStringLiteral(".headers");
        QStringList all {"-sS", "--max-time", "30", "-o", run->bodyPath, "-D", run->headerPath,
            "-w", "%{http_code}"};
        if (!args.contains(QStringLiteral("-k")))
            all << "--cacert" << m_dir.filePath(QStringLiteral("tls/cert.pem"));
        run->process.start(m_curl, all + args + QStringList {url});
        return run;
    }

    static QString url(const HttpServer &s, const QString &pathAndQuery)
    {
        return QStringLiteral("https://127.0.0.1:%1%2").arg(s.port()).arg(pathAndQuery);
    }

    HttpServer::Options options(quint16 port = 0) const
    {
        HttpServer::Options o;
        o.port = port;
        o.certificatePem = m_identity->certificatePem();
        o.privateKeyPem = m_identity->privateKeyPem();
        return o;
    }

    void handle(const HttpRequest &request, HttpResponder responder)
    {
        ++m_handled;
        if (request.path == QLatin1String("/later")) {
            QTimer::singleShot(200, this, [responder] {
                responder.respond(json({{"later", true}}));
            });
        } else if (request.path == QLatin1String("/hold")) {
            m_held.append(responder);
        } else if (request.path == QLatin1String("/drop")) {
            // dropped unanswered on purpose
        } else {
            QJsonObject query;
            for (const QString &key : request.query.uniqueKeys()) {
                QStringList values = request.query.values(key);
                values.sort();
                query.insert(key, QJsonArray::fromStringList(values));
            }
            responder.respond(json({{"method", QString::fromLatin1(request.method)},
                {"path", request.path}, {"query", query},
                {"x-test", QString::fromUtf8(request.headers.value("x-test"))},
                {"peer", request.peerAddress}, {"body", QString::fromUtf8(request.body.left(64))},
                {"bodySize", request.body.size()}}));
        }
    }

    bool startServer(HttpServer &server, quint16 port = 0)
    {
        server.setHandler([this](const HttpRequest &r, HttpResponder h) { handle(r, h); });
        QString error;
        if (!server.start(options(port), &error))
            qWarning("cannot start the server: %s", qPrintable(error));
        return server.port() != 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_identity = TlsIdentity::loadOrCreate(m_dir.path(), &error);
        QVERIFY2(m_identity, qPrintable(error));
        m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    }

    void init()
    {
        m_handled = 0;
        m_held.clear();
        // The server tests are curl's clients: libcurl is what the console uses.
        if (m_curl.isEmpty() && QByteArray(QTest::currentTestFunction()).startsWith("server"))
            QSKIP("the curl command is not installed");
    }

    void identityIsPrivateAndStable()
    {
        QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("tls"))), mode_t(0700));
        QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("tls/key.pem"))), mode_t(0600));
        QVERIFY(m_identity->certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
        QVERIFY(m_identity->privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        static const QRegularExpression form(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"));
        QVERIFY2(form.match(m_identity->fingerprint()).hasMatch(),
            qPrintable(m_identity->fingerprint()));
        QCOMPARE(QByteArray::fromBase64(m_identity->publicKeySha256Base64()).size(), 32);

        QString error;
        const auto again = TlsIdentity::loadOrCreate(m_dir.path(), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->fingerprint(), m_identity->fingerprint());
        QCOMPARE(again->publicKeySha256Base64(), m_identity->publicKeySha256Base64());
        QCOMPARE(again->privateKeyPem(), m_identity->privateKeyPem());
    }

    void identityMatchesOpenssl()
    {
        const QString cert = m_dir.filePath(QStringLiteral("tls/cert.pem"));
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            QSKIP("openssl is not installed to cross-check the certificate");
        auto run = runTool(openssl, {"x509", "-noout", "-fingerprint", "-sha256", "-in", cert});
        WAIT_FOR(run);
        const QByteArray line = run->output().trimmed();
        QCOMPARE(QString::fromLatin1(line.mid(line.indexOf('=') + 1)), m_identity->fingerprint());

        auto text = runTool(openssl, {"x509", "-noout", "-text", "-in", cert});
        WAIT_FOR(text);
        const QByteArray dump = text->output();
        for (const char *expected : {"Version: 3", "id-ecPublicKey", "P-256", "CA:FALSE",
                 "Digital Signature", "TLS Web Server Authentication", "DNS:localhost",
                 "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1"})
            QVERIFY2(dump.contains(expected), expected);
    }

    void identityRefusesKeyReadableByOthers_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("world") << 0644;
        QTest::newRow("group") << 0640;
    }

    void identityRefusesKeyReadableByOthers()
    {
        QFETCH(int, mode);
        QTemporaryDir dir;
        QString error;
        QVERIFY2(TlsIdentity::loadOrCreate(dir.path(), &error), qPrintable(error));
        const QByteArray key = QFile::encodeName(dir.filePath(QStringLiteral("tls/key.pem")));
        QCOMPARE(::chmod(key.constData(), mode_t(mode)), 0);
        QVERIFY(!TlsIdentity::loadOrCreate(dir.path(), &error));
        QVERIFY2(error.contains(QLatin1String("0600")), qPrintable(error));
    }

    void identityRefusesCertificateOfAnotherKey()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY2(TlsIdentity::loadOrCreate(dir.path(), &error), qPrintable(error));
        const QString cert = dir.filePath(QStringLiteral("tls/cert.pem"));
        QVERIFY(QFile::remove(cert));
        QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("tls/cert.pem")), cert));
        QVERIFY(!TlsIdentity::loadOrCreate(dir.path(), &error));
        QVERIFY2(error.contains(QLatin1String("does not belong")), qPrintable(error));
    }

    void serverParsesRequestsAndAnswersJson()
    {
        HttpServer server;
        QVERIFY(startServer(server));
        auto run = curl({"-H", "X-Test: Hello"}, url(server, "/echo/a%20b?x=2&x=1&y=%C3%A9"));
        auto post = curl({"-H", "Content-Type: application/json", "--data-binary", R"({"a":1})"},
            url(server, "/echo"));
        WAIT_FOR(run);
        QCOMPARE(run->exitCode(), 0);
        QCOMPARE(run->status(), 200);
        const QJsonObject o = run->bodyJson();
        QCOMPARE(o["method"].toString(), "GET");
        QCOMPARE(o["path"].toString(), "/echo/a b");
        QCOMPARE(o["query"]["x"].toArray(), QJsonArray({"1", "2"}));
        QCOMPARE(o["query"]["y"].toArray(), QJsonArray({QString::fromUtf8("\xC3\xA9")}));
        QCOMPARE(o["x-test"].toString(), "Hello");
        QCOMPARE(o["peer"].toString(), "127.0.0.1");
        const QByteArray headers = run->headers().toLower();
        QVERIFY(headers.contains("cache-control: no-store"));
        QVERIFY(headers.contains("x-content-type-options: nosniff"));
        QVERIFY(headers.contains("content-type: application/json"));

        WAIT_FOR(post);
        QCOMPARE(post->status(), 200);
        QCOMPARE(post->bodyJson()["method"].toString(), "POST");
        QCOMPARE(post->bodyJson()["body"].toString(), R"({"a":1})");
    }

    void serverLimitsBodySize_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("chunked");
        QTest::addColumn<int>("status");
        QTest::newRow("at the limit") << (1 << 20) << false << 200;
        QTest::newRow("over, content-length") << (2 << 20) << false << 413;
        QTest::newRow("over, chunked") << (2 << 20) << true << 413;
    }

    void serverLimitsBodySize()
    {
        QFETCH(int, size);
        QFETCH(bool, chunked);
        QFETCH(int, status);
        const QString path = m_dir.filePath(QStringLiteral("body%1").arg(size));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(size, 'x'));
        file.close();
        HttpServer server;
        QVERIFY(startServer(server));
        QStringList args {"--data-binary", "@" + path};
        if (chunked)
            args << "-H"
                 << "Transfer-Encoding: chunked";
        auto run = curl(args, url(server, "/echo"));
        WAIT_FOR(run);
        if (status == 200) {
            QCOMPARE(run->status(), 200);
            QCOMPARE(run->bodyJson()["bodySize"].toInt(), size);
            return;
        }
        QCOMPARE(m_handled, 0);
        QCOMPARE(run->status(), 413);
        QCOMPARE(run->errorCode(), "payload_too_large");
        QVERIFY(run->headers().toLower().contains("cache-control: no-store"));
    }

    void serverRefusesOversizeHeaders()
    {
        HttpServer server;
        QVERIFY(startServer(server));
        const QString header = "X-Big: " + QString(100 * 1024, QLatin1Char('h'));
        auto run = curl({"-H", header}, url(server, "/echo"));
        WAIT_FOR(run);
        QCOMPARE(run->status(), 431);
        QCOMPARE(run->errorCode(), "headers_too_large");
        QCOMPARE(m_handled, 0);
    }

    void serverHoldsConcurrentRequests()
    {
        HttpServer server;
        QVERIFY(startServer(server));
        std::vector<std::unique_ptr<Run>> runs;
        for (int i = 0; i < 5; ++i)
            runs.push_back(curl({}, url(server, QStringLiteral("/hold?i=%1").arg(i))));
        QTRY_COMPARE_WITH_TIMEOUT(m_held.size(), 5, 30000);
        QCOMPARE(server.pendingCount(), 5);
        // Answer in an order unrelated to arrival, each from a timer.
        for (int i = 0; i < 5; ++i) {
            const HttpResponder r = m_held[i];
            QTimer::singleShot(50 * (5 - i), this, [r, i] { r.respond(json({{"n", i}})); });
        }
        QList<int> answers;
        for (auto &run : runs) {
            WAIT_FOR(run);
            QCOMPARE(run->status(), 200);
            answers << run->bodyJson()["n"].toInt(-1);
        }
        std::sort(answers.begin(), answers.end());
        QCOMPARE(answers, QList<int>({0, 1, 2, 3, 4}));
        QCOMPARE(server.pendingCount(), 0);
    }

    void serverLongPollOutlastsIdleTimeout()
    {
        HttpServer server;
        server.setHandler([this](const HttpRequest &r, HttpResponder h) { handle(r, h); });
        HttpServer::Options o = options();
        o.idleTimeoutSeconds = 1;
        QString error;
        QVERIFY2(server.start(o, &error), qPrintable(error));
        auto run = curl({}, url(server, "/hold"));
        QTRY_COMPARE_WITH_TIMEOUT(m_held.size(), 1, 30000);
        const HttpResponder r = m_held.first();
        QTimer::singleShot(2500, this, [r] { r.respond(json({{"waited", true}})); });
        WAIT_FOR(run);
        QCOMPARE(run->status(), 200);
        QCOMPARE(run->bodyJson()["waited"].toBool(), true);
    }

    void serverAnswersDroppedRequestWithInternalError()
    {
        HttpServer server;
        QVERIFY(startServer(server));
        auto run = curl({}, url(server, "/drop"));
        WAIT_FOR(run);
        QCOMPARE(run->status(), 500);
        QCOMPARE(run->errorCode(), "internal");
    }

    void serverKeepsConnectionAcrossRequests()
    {
        HttpServer server;
        QVERIFY(startServer(server));
        auto run = runTool(m_curl,
            {"-sS", "--cacert", m_dir.filePath(QStringLiteral("tls/cert.pem")), "-o", "/dev/null",
                "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", url(server, "/later"),
                url(server, "/echo")});
        WAIT_FOR(run);
        QCOMPARE(run->output(), QByteArray("200 1\n200 0\n"));
    }

    void serverStopAnswersPendingFreesPortReportsInUse()
    {
        quint16 port = 0;
        {
            HttpServer server;
            QVERIFY(startServer(server));
            port = server.port();
            std::vector<std::unique_ptr<Run>> runs;
            for (int i = 0; i < 3; ++i)
                runs.push_back(curl({}, url(server, "/hold")));
            QTRY_COMPARE_WITH_TIMEOUT(m_held.size(), 3, 30000);
            QCOMPARE(server.pendingCount(), 3);
            server.stop();
            QCOMPARE(server.pendingCount(), 0);
            server.stop();
            for (auto &run : runs) {
                WAIT_FOR(run);
                QCOMPARE(run->status(), 503);
                QCOMPARE(run->errorCode(), "unavailable");
            }
            for (const HttpResponder &r : std::as_const(m_held)) {
                QVERIFY(r.answered());
                r.respond(json({{"too", "late"}})); // must do nothing
            }
        }
        HttpServer again;
        QVERIFY(startServer(again, port));
        QCOMPARE(again.port(), port);
        HttpServer third;
        QString error;
        QVERIFY(!third.start(options(port), &error));
        QVERIFY2(error.contains(QLatin1String("already in use")), qPrintable(error));
        auto run = curl({}, url(again, "/echo"));
        WAIT_FOR(run);
        QCOMPARE(run->status(), 200);
    }

    void serverRefusesPlainHttp()
    {
        HttpServer server;
        QVERIFY(startServer(server));
        auto run = curl({}, QStringLiteral("http://127.0.0.1:%1/echo").arg(server.port()));
        WAIT_FOR(run);
        QVERIFY(run->exitCode() != 0);
        QCOMPARE(m_handled, 0);
    }

    void serverPinnedPublicKey()
    {
        HttpServer server;
        QVERIFY(startServer(server));
        const QString pin = "sha256//" + QString::fromLatin1(m_identity->publicKeySha256Base64());
        auto good = curl({"-k", "--pinnedpubkey", pin}, url(server, "/echo"));
        WAIT_FOR(good);
        QCOMPARE(good->status(), 200);
        const QString wrong = "sha256//" + QString::fromLatin1(QByteArray(32, '\0').toBase64());
        auto bad = curl({"-k", "--pinnedpubkey", wrong}, url(server, "/echo"));
        WAIT_FOR(bad);
        QCOMPARE(bad->exitCode(), 90); // CURLE_SSL_PINNEDPUBKEYNOTMATCH
        QCOMPARE(m_handled, 1);
    }

    void serverOnIpv6Loopback()
    {
        HttpServer server;
        server.setHandler([this](const HttpRequest &r, HttpResponder h) { handle(r, h); });
        HttpServer::Options o = options();
        o.address = QStringLiteral("::1");
        QString error;
        if (!server.start(o, &error))
            QSKIP(qPrintable("no IPv6 loopback here: " + error));
        auto run = curl({}, QStringLiteral("https://[::1]:%1/echo").arg(server.port()));
        WAIT_FOR(run);
        QCOMPARE(run->status(), 200);
        QCOMPARE(run->bodyJson()["peer"].toString(), "::1");
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
