// SPDX-License-Identifier: GPL-2.0-or-later
//
// The appliance as a systemd service: the packaged config file, readiness
// and reload reported over $NOTIFY_SOCKET (sd_notify), and what a reload
// (SIGHUP) changes in a running appliance.
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestHttp.h"
#include "appliance/Config.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace mamori;

namespace {

// The service manager's end of sd_notify: a Unix datagram socket.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path) : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        std::memcpy(address.sun_path, encoded.constData(),
            std::min(size_t(encoded.size()), sizeof address.sun_path - 1));
        m_bound =
            m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isBound() const { return m_bound; }

    // The next message that contains `field` (earlier ones are kept in
    // `seen`); empty when none comes within 30 s.
    QByteArray waitFor(const QByteArray &field)
    {
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired()) {
            pollfd p {m_fd, POLLIN, 0};
            if (::poll(&p, 1, int(deadline.remainingTime())) <= 0)
                break;
            char buffer[4096];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                continue;
            const QByteArray message(buffer, n);
            seen << message;
            if (message.split('\n').contains(field))
                return message;
        }
        return {};
    }

    QList<QByteArray> seen;

private:
    QString m_path;
    int m_fd = -1;
    bool m_bound = false;
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TstApplianceService : public QObject
{
    Q_OBJECT

private:
    // An appliance started with NOTIFY_SOCKET pointing at `notify`.
    bool startNotified(test::ApplianceProcess &appliance, const QString &notifyPath)
    {
        qputenv("NOTIFY_SOCKET", QFile::encodeName(notifyPath));
        const bool started = appliance.start();
        qunsetenv("NOTIFY_SOCKET");
        return started;
    }

    static bool hangUp(const test::ApplianceProcess &appliance)
    {
        return ::kill(pid_t(appliance.pid()), SIGHUP) == 0;
    }

private slots:
    void packagedConfigNamesEverySetting()
    {
        const QString path = QStringLiteral(MAMORI_SOURCE_DIR "/appliance/dist/appliance.json");
        appliance::Config config;
        QString error;
        QVERIFY2(config.load(path, &error), qPrintable(error));
        QCOMPARE(config.listen, QStringLiteral("0.0.0.0:8443"));
        QCOMPARE(config.inventory, QStringLiteral("libvirt:qemu:///system"));
        // Each setting is in the file, right after the comment that explains it.
        const QStringList lines = QString::fromUtf8(readAll(path)).split(QLatin1Char('\n'));
        for (const QString &name : appliance::Config::settingNames()) {
            const qsizetype at =
                lines.indexOf(QRegularExpression(QStringLiteral("\\s*\"%1\":.*").arg(name)));
            QVERIFY2(at > 0, qPrintable(name));
            QVERIFY2(lines.at(at - 1).trimmed().startsWith(QLatin1String("//")), qPrintable(name));
        }
    }

    // What the listening socket can bind: numeric IPv4 or IPv6 only.
    void listenTakesANumericAddressAndPort_data()
    {
        QTest::addColumn<QString>("listen");
        QTest::addColumn<QString>("address"); // empty: refused
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4") << QStringLiteral("127.0.0.1:8443") << QStringLiteral("127.0.0.1")
                              << 8443;
        QTest::newRow("ipv6") << QStringLiteral("[::1]:8443") << QStringLiteral("::1") << 8443;
        QTest::newRow("any") << QStringLiteral("0.0.0.0:1") << QStringLiteral("0.0.0.0") << 1;
        QTest::newRow("name") << QStringLiteral("localhost:8443") << QString() << 0;
        QTest::newRow("no port") << QStringLiteral("127.0.0.1") << QString() << 0;
        QTest::newRow("port too big") << QStringLiteral("127.0.0.1:65536") << QString() << 0;
        QTest::newRow("scoped ipv6") << QStringLiteral("[fe80::1%eth0]:8443") << QString() << 0;
        QTest::newRow("trailing junk") << QStringLiteral("127.0.0.1x:8443") << QString() << 0;
        QTest::newRow("nul inside")
            << QStringLiteral("127.0.0.1") + QChar(0) + QStringLiteral(".9:8443") << QString() << 0;
        QTest::newRow("not latin-1")
            << QStringLiteral("127.0.0.") + QChar(0x0661) + QStringLiteral(":8443") << QString()
            << 0;
    }

    void listenTakesANumericAddressAndPort()
    {
        QFETCH(QString, listen);
        QFETCH(QString, address);
        QFETCH(int, port);
        QString host, error;
        quint16 p = 0;
        const bool ok = appliance::Config::splitListen(listen, &host, &p, &error);
        QCOMPARE(ok, !address.isEmpty());
        if (ok) {
            QCOMPARE(host, address);
            QCOMPARE(int(p), port);
        } else {
            QVERIFY(error.contains(QStringLiteral("--listen wants ADDRESS:PORT")));
        }
    }

    void commentLinesAreIgnoredAndNothingElse()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("// a comment\n{\n   // \"listen\": \"10.0.0.1:1\",\n"
                "  \"webhook\": \"https://hooks.example/a//b\"\n}\n");
        f.close();
        appliance::Config config;
        QString error;
        QVERIFY2(config.load(path, &error), qPrintable(error));
        QCOMPARE(config.listen, QStringLiteral("127.0.0.1:8443"));
        QCOMPARE(config.webhook, QStringLiteral("https://hooks.example/a//b"));

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\n  // fine\n  \"lisen\": \"127.0.0.1:1\"\n}\n");
        f.close();
        QVERIFY(!config.load(path, &error));
        QVERIFY2(error.contains(QLatin1String("lisen")), qPrintable(error));
    }

    void helpNamesTheDefaultDataFolder()
    {
        QByteArray out;
        QCOMPARE(test::ApplianceProcess::run({QStringLiteral("--help")}, {}, &out), 0);
        QVERIFY(!appliance::Config::defaultDataDir().isEmpty());
        QVERIFY2(out.contains(appliance::Config::defaultDataDir().toUtf8()), out.constData());
    }

    void readyOnlyOnceListeningThenReloads()
    {
        test::ApplianceProcess appliance;
        appliance.setConfig(R"("host_name": "before", "session_ttl_seconds": 3600)");
        NotifySocket notify(appliance.workDir() + QStringLiteral("/notify"));
        QVERIFY(notify.isBound());
        QVERIFY(startNotified(appliance, appliance.workDir() + QStringLiteral("/notify")));
        QVERIFY(appliance.addUser(
            QStringLiteral("alice"), QStringLiteral("security-admin"), "pw-alice-1"));

        const QByteArray ready = notify.waitFor("READY=1");
        QVERIFY2(!ready.isEmpty(), appliance.output().constData());
        QVERIFY2(ready.contains(QStringLiteral("STATUS=listening on https://127.0.0.1:%1")
                                    .arg(appliance.port())
                                    .toUtf8()),
            ready.constData());
        const test::TestHttp http(appliance.baseUrl(), appliance.certificatePath());
        const QString token = http.token(QStringLiteral("alice"), QStringLiteral("pw-alice-1"));
        QVERIFY(!token.isEmpty());

        // Settings that apply at once, and one that waits for a restart.
        appliance.setConfig(
            R"("host_name": "after", "session_ttl_seconds": 60, "max_concurrent_scans": 3)");
        QVERIFY(hangUp(appliance));
        QVERIFY(!notify.waitFor("RELOADING=1").isEmpty());
        QVERIFY(!notify.waitFor("READY=1").isEmpty());
        const auto info = http.request("GET", QStringLiteral("/api/v1/appliance"), {}, token);
        QCOMPARE(info.json.value(QStringLiteral("host_name")).toString(), QStringLiteral("after"));
        const auto login = http.login(QStringLiteral("alice"), QStringLiteral("pw-alice-1"));
        const QDateTime expires = QDateTime::fromString(
            login.json.value(QStringLiteral("expires")).toString(), Qt::ISODate);
        QVERIFY(expires.isValid());
        QVERIFY(expires <= QDateTime::currentDateTimeUtc().addSecs(61));
        const auto audit = http.request("GET", QStringLiteral("/api/v1/audit"), {}, token);
        bool reloadAudited = false;
        for (const QJsonValue &r : audit.json.value(QStringLiteral("records")).toArray()) {
            if (r[QLatin1String("action")].toString() == QLatin1String("appliance.reload")) {
                reloadAudited = true;
                QVERIFY(r[QLatin1String("detail")].toString().contains(
                    QLatin1String("max_concurrent_scans")));
            }
        }
        QVERIFY(reloadAudited);

        // A broken file changes nothing and the appliance keeps serving.
        QFile broken(appliance.workDir() + QStringLiteral("/config.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{\"host_name\": ");
        broken.close();
        QVERIFY(hangUp(appliance));
        QVERIFY(!notify.waitFor("RELOADING=1").isEmpty());
        QVERIFY(!notify.waitFor("READY=1").isEmpty());
        const auto still = http.request("GET", QStringLiteral("/api/v1/appliance"), {}, token);
        QCOMPARE(still.json.value(QStringLiteral("host_name")).toString(), QStringLiteral("after"));
        QVERIFY(appliance.stop());
        QVERIFY(appliance.output().contains("reload refused"));
        QVERIFY(appliance.output().contains("max_concurrent_scans: takes effect after a restart"));
        QVERIFY(!notify.waitFor("STOPPING=1").isEmpty());
    }

    void reloadFetchesFromANewPatternSource()
    {
        test::ApplianceProcess appliance;
        const QString feed =
            test::installPatternWithUpdate(appliance.workDir(), appliance.dataDir(), 2026120501);
        QVERIFY(!feed.isEmpty());
        appliance.setConfig({});
        QVERIFY(appliance.start());
        QVERIFY(appliance.addUser(
            QStringLiteral("alice"), QStringLiteral("security-admin"), "pw-alice-1"));
        const test::TestHttp http(appliance.baseUrl(), appliance.certificatePath());
        const QString token = http.token(QStringLiteral("alice"), QStringLiteral("pw-alice-1"));
        auto active = [&] {
            return http.request("GET", QStringLiteral("/api/v1/patterns"), {}, token)
                .json.value(QStringLiteral("active"))[QLatin1String("version")]
                .toString();
        };
        QCOMPARE(active(), QStringLiteral("2026120501"));

        appliance.setConfig(QStringLiteral(R"("pattern_source": "%1")").arg(feed).toUtf8());
        QVERIFY(hangUp(appliance));
        QTRY_COMPARE_WITH_TIMEOUT(active(), QStringLiteral("2026120502"), 30000);
        QVERIFY(appliance.stop());
    }
};

QTEST_GUILESS_MAIN(TstApplianceService)
#include "tst_appliance_service.moc"
