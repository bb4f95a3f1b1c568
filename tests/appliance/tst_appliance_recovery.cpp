// SPDX-License-Identifier: GPL-2.0-or-later
// What a real appliance process does when things go wrong or get serious: a
// scan interrupted by kill -9 is queued again after the restart, an alert is
// retried until the webhook takes it, and real-time mode "block" denies
// opening an infected file (fanotify, where this process may use it).
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "TestHttp.h"
#include "WebhookReceiver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/fanotify.h>
#include <unistd.h>

using namespace mamori::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TestApplianceRecovery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    std::unique_ptr<WebhookReceiver> m_webhook;
    QString m_sec;
    QHash<QString, QString> m_vmIds; // name → id

    TestResponse get(const QString &path) { return m_http->request("GET", path, {}, m_sec); }
    TestResponse put(const QString &path, const QJsonObject &body)
    {
        return m_http->request("PUT", path, json(body), m_sec);
    }
    bool startAppliance()
    {
        if (!m_app->start())
            return false;
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_sec = m_http->token(QStringLiteral("sec"), kPassword);
        return !m_sec.isEmpty();
    }
    QJsonObject jobOf(const QString &vmName)
    {
        const QString id = m_vmIds.value(vmName);
        for (const QJsonValue &j :
            get(QStringLiteral("/api/v1/scans")).json[QStringLiteral("jobs")].toArray()) {
            if (j[QStringLiteral("vm")].toString() == id)
                return j.toObject();
        }
        return {};
    }
    QJsonObject waitForEvent(qint64 *after, const QString &type, int seconds = 30)
    {
        return m_http->waitForEvent(
            m_sec, after, type, seconds, [] { QCoreApplication::processEvents(); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(writeFile(m_app->vmsDir() + QStringLiteral("/desk-001/Windows/notepad.exe"),
            QByteArray("MZ notepad").repeated(100)));
        // Big enough that its first scan is still running when it is killed:
        // 2,000 distinct files of 48 KiB.
        QRandomGenerator random(20261126);
        QByteArray block(48 << 10, Qt::Uninitialized);
        for (int i = 0; i < 2000; ++i) {
            random.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            QVERIFY(writeFile(QStringLiteral("%1/desk-big/data/%2/file-%3.bin")
                                  .arg(m_app->vmsDir())
                                  .arg(i / 100)
                                  .arg(i),
                block));
        }
        const QString keys = m_work.filePath(QStringLiteral("keys"));
        const QString sigs = m_work.filePath(QStringLiteral("sigs"));
        QVERIFY(makeSignatures(sigs));
        const QString bundle = buildBundle(keys, sigs, 2026112601, m_work.path());
        QVERIFY(!bundle.isEmpty());
        QVERIFY(trustAndImport(keys, bundle, m_app->dataDir()));

        // The first delivery fails: the alert must be retried, not lost.
        m_webhook = std::make_unique<WebhookReceiver>(QList<int> {503, 200});
        QVERIFY(m_webhook->listen());
        m_app->setConfig(QStringLiteral(R"("inventory_interval_ms": 200, "webhook": "%1")")
                             .arg(m_webhook->url())
                             .toUtf8());
        QVERIFY(startAppliance());
        m_vmIds = m_http->waitForVms(m_sec, 2);
        QCOMPARE(m_vmIds.size(), 2);
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    // The new VM's first scan, interrupted by kill -9, is queued again when
    // the appliance comes back, marked with the restart, and then finishes.
    void interruptedScanIsQueuedAgainAfterRestart()
    {
        QJsonObject job;
        QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired()) {
            job = jobOf(QStringLiteral("desk-big"));
            if (job[QStringLiteral("state")] == QStringLiteral("running")
                && job[QStringLiteral("progress")][QStringLiteral("files")].toInteger() > 0)
                break;
            QVERIFY2(job[QStringLiteral("state")] != QStringLiteral("finished"),
                "the scan finished before it could be interrupted");
        }
        QCOMPARE(job[QStringLiteral("state")].toString(), QStringLiteral("running"));
        const QString id = job[QStringLiteral("id")].toString();
        QCOMPARE(job[QStringLiteral("restarts")].toInt(), 0);
        m_app->kill();

        QVERIFY(startAppliance());
        const QJsonObject again = get(QStringLiteral("/api/v1/scans/") + id).json;
        QCOMPARE(again[QStringLiteral("restarts")].toInt(), 1);
        QVERIFY2(QStringList({QStringLiteral("queued"), QStringLiteral("running")})
                     .contains(again[QStringLiteral("state")].toString()),
            QJsonDocument(again).toJson().constData());
        // Not a second job for the same VM: the interrupted one is the one.
        QTRY_COMPARE_WITH_TIMEOUT(
            get(QStringLiteral("/api/v1/scans/") + id).json[QStringLiteral("state")].toString(),
            QStringLiteral("finished"), 120000);
        int jobsForVm = 0;
        for (const QJsonValue &j :
            get(QStringLiteral("/api/v1/scans")).json[QStringLiteral("jobs")].toArray())
            jobsForVm += j[QStringLiteral("vm")] == m_vmIds.value(QStringLiteral("desk-big"));
        QCOMPARE(jobsForVm, 1);
        QVERIFY(get(QStringLiteral("/api/v1/scans/") + id)
                    .json[QStringLiteral("progress")][QStringLiteral("files")]
                    .toInteger()
            >= 2000);
    }

    // A detection goes to the webhook; the first try is refused (503) and
    // the same alert comes again until it is taken.
    void alertIsRetriedUntilTheWebhookTakesIt()
    {
        qint64 after =
            get(QStringLiteral("/api/v1/events")).json[QStringLiteral("last_seq")].toInteger();
        QVERIFY(
            writeFile(m_app->vmsDir() + QStringLiteral("/desk-001/Users/alice/Downloads/eicar.com"),
                eicar()));
        QVERIFY(!waitForEvent(&after, QStringLiteral("incident.opened")).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_webhook->bodies.size() >= 2, 30000);
        const QJsonObject first = QJsonDocument::fromJson(m_webhook->bodies.at(0)).object();
        const QJsonObject second = QJsonDocument::fromJson(m_webhook->bodies.at(1)).object();
        QCOMPARE(first[QStringLiteral("type")].toString(), QStringLiteral("detection"));
        QCOMPARE(first[QStringLiteral("data")][QStringLiteral("vm")].toString(),
            m_vmIds.value(QStringLiteral("desk-001")));
        QVERIFY(!first[QStringLiteral("data")][QStringLiteral("threat")].toString().isEmpty());
        QCOMPARE(second, first);
    }

    // Mode "block": opening an infected file fails with EPERM while a clean
    // one opens; an allowed content opens again.
    void blockModeDeniesOpeningAnInfectedFile()
    {
        const int probe = ::fanotify_init(FAN_CLASS_CONTENT | FAN_CLOEXEC, O_RDONLY);
        if (probe < 0)
            QSKIP(qPrintable(QStringLiteral("fanotify permission events are not permitted for this "
                                            "process (%1): on-access blocking is not tested here")
                                 .arg(QString::fromLocal8Bit(strerror(errno)))));
        ::close(probe);
        const QString vm = m_vmIds.value(QStringLiteral("desk-001"));
        QCOMPARE(put(QStringLiteral("/api/v1/policy"),
                     {{QStringLiteral("automatic_action"), QStringLiteral("none")},
                         {QStringLiteral("realtime"),
                             QJsonObject {{QStringLiteral("vms"),
                                 QJsonObject {{vm, QStringLiteral("block")}}}}}})
                     .status,
            200L);
        const QString infected =
            m_app->vmsDir() + QStringLiteral("/desk-001/Users/bob/payload.bin");
        const QString clean = m_app->vmsDir() + QStringLiteral("/desk-001/Windows/notepad.exe");

        qint64 after =
            get(QStringLiteral("/api/v1/events")).json[QStringLiteral("last_seq")].toInteger();
        // Created empty (allowed), then found after writing, left in place.
        QVERIFY(writeFile(infected, QByteArray("header ") + bodyMarker() + QByteArray(" trailer")));
        const QJsonObject opened = waitForEvent(&after, QStringLiteral("incident.opened"));
        QVERIFY(!opened.isEmpty());
        const QString incident = opened[QStringLiteral("data")][QStringLiteral("id")].toString();

        errno = 0;
        int fd = ::open(QFile::encodeName(infected).constData(), O_RDONLY | O_CLOEXEC);
        QCOMPARE(fd, -1);
        QCOMPARE(errno, EPERM);
        fd = ::open(QFile::encodeName(clean).constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        ::close(fd);

        // The admin allows the content: it opens from then on.
        QCOMPARE(m_http
                     ->request("POST", QStringLiteral("/api/v1/incidents/%1/actions").arg(incident),
                         json({{QStringLiteral("action"), QStringLiteral("allow")},
                             {QStringLiteral("note"), QStringLiteral("test tool")}}),
                         m_sec)
                     .status,
            200L);
        fd = ::open(QFile::encodeName(infected).constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY2(fd >= 0, strerror(errno));
        ::close(fd);

        QCOMPARE(put(QStringLiteral("/api/v1/policy"),
                     {{QStringLiteral("automatic_action"), QStringLiteral("quarantine")},
                         {QStringLiteral("realtime"),
                             QJsonObject {{QStringLiteral("vms"), QJsonObject {}}}}})
                     .status,
            200L);
        QVERIFY(QFile::remove(infected));
    }
};

QTEST_GUILESS_MAIN(TestApplianceRecovery)
#include "tst_appliance_recovery.moc"
