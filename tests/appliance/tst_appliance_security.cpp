// SPDX-License-Identifier: GPL-2.0-or-later
// Patterns, scans, real-time detection, incidents and policy through the API
// of a real appliance process.
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "TestHttp.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TestApplianceSecurity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    QString m_sec, m_virt;
    QHash<QString, QString> m_vmIds; // name → id

    TestResponse get(const QString &path) { return m_http->request("GET", path, {}, m_sec); }
    TestResponse post(const QString &path, const QJsonObject &body, const QString &token = {})
    {
        return m_http->request("POST", path, json(body), token.isEmpty() ? m_sec : token);
    }
    QJsonObject vm(const QString &name)
    {
        return get(QStringLiteral("/api/v1/vms/") + m_vmIds.value(name)).json;
    }
    QJsonObject waitForEvent(qint64 *after, const QString &type, int seconds = 30)
    {
        return m_http->waitForEvent(m_sec, after, type, seconds);
    }
    qint64 lastSeq()
    {
        return get(QStringLiteral("/api/v1/events")).json[QStringLiteral("last_seq")].toInteger();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(m_app->addUser(
            QStringLiteral("virt"), QStringLiteral("virtualization-admin"), kPassword.toUtf8()));
        // Three desktops cloned from one master: the same files in each.
        for (const QString &name :
            {QStringLiteral("desk-001"), QStringLiteral("desk-002"), QStringLiteral("desk-003")}) {
            for (int i = 0; i < 40; ++i)
                QVERIFY(writeFile(
                    QStringLiteral("%1/%2/Windows/file-%3.dll").arg(m_app->vmsDir(), name).arg(i),
                    QByteArray("MZ") + QByteArray::number(i).repeated(500)));
        }
        // A signed pattern, trusted and imported offline before the start;
        // the newer one waits in a feed folder for an update.
        const QString feed = installPatternWithUpdate(m_work.path(), m_app->dataDir(), 2026112501);
        QVERIFY(!feed.isEmpty());
        m_app->setConfig(QStringLiteral(R"("inventory_interval_ms": 200, "pattern_source": "%1")")
                             .arg(feed)
                             .toUtf8());
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_sec = m_http->token(QStringLiteral("sec"), kPassword);
        m_virt = m_http->token(QStringLiteral("virt"), kPassword);
        QVERIFY(!m_sec.isEmpty() && !m_virt.isEmpty());
        m_vmIds = m_http->waitForVms(m_sec, 3);
        QCOMPARE(m_vmIds.size(), 3);
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    void patternIsActiveAndVmsNeedAScan()
    {
        const TestResponse p = get(QStringLiteral("/api/v1/patterns"));
        QCOMPARE(p.json[QStringLiteral("active")][QStringLiteral("version")].toString(),
            QStringLiteral("2026112501"));
        // A new desktop gets a quick scan at once; until a full scan it is at risk.
        QTRY_VERIFY_WITH_TIMEOUT(get(QStringLiteral("/api/v1/scans?state=queued"))
                                     .json[QStringLiteral("jobs")]
                                     .toArray()
                                     .isEmpty()
                && get(QStringLiteral("/api/v1/scans?state=running"))
                       .json[QStringLiteral("jobs")]
                       .toArray()
                       .isEmpty(),
            30000);
        QCOMPARE(
            vm(QStringLiteral("desk-001"))[QStringLiteral("protection")][QStringLiteral("reason")]
                .toString(),
            QStringLiteral("never_scanned"));
    }

    void virtualizationAdminHasNoSecurityActions()
    {
        const TestResponse scan = post(QStringLiteral("/api/v1/scans"),
            {{QStringLiteral("vms"), QStringLiteral("all")},
                {QStringLiteral("kind"), QStringLiteral("full")}},
            m_virt);
        QCOMPARE(scan.status, 403L);
        QCOMPARE(
            m_http->request("GET", QStringLiteral("/api/v1/incidents"), {}, m_virt).status, 403L);
        QCOMPARE(m_http->request("POST", QStringLiteral("/api/v1/patterns/rollback"), "{}", m_virt)
                     .status,
            403L);
        // Counts only: the VM list still says how many incidents are open.
        QVERIFY(m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, m_virt)
                    .json[QStringLiteral("vms")][0]
                    .toObject()
                    .contains(QStringLiteral("open_incidents")));
    }

    // One VM at a time, with the scan cache shared by the clones.
    void fullScanOfAllVmsRunsOneAtATimeWithCacheHits()
    {
        qint64 after = lastSeq();
        const TestResponse r = post(QStringLiteral("/api/v1/scans"),
            {{QStringLiteral("vms"), QStringLiteral("all")},
                {QStringLiteral("kind"), QStringLiteral("full")}});
        QCOMPARE(r.status, 200L);
        const QJsonArray jobs = r.json[QStringLiteral("jobs")].toArray();
        QCOMPARE(jobs.size(), 3);
        int running = 0, maxRunning = 0, finished = 0;
        qint64 hits = 0;
        QDeadlineTimer deadline(120000);
        while (finished < 3 && !deadline.hasExpired()) {
            const TestResponse ev =
                get(QStringLiteral("/api/v1/events?after=%1&wait=10").arg(after));
            for (const QJsonValue &e : ev.json[QStringLiteral("events")].toArray()) {
                after = e[QStringLiteral("seq")].toInteger();
                const QString type = e[QStringLiteral("type")].toString();
                if (type == QLatin1String("scan.started"))
                    maxRunning = std::max(maxRunning, ++running);
                if (type == QLatin1String("scan.finished")) {
                    --running;
                    ++finished;
                    hits +=
                        e[QStringLiteral("data")][QStringLiteral("cache")][QStringLiteral("hits")]
                            .toInteger();
                }
            }
        }
        QCOMPARE(finished, 3);
        QCOMPARE(maxRunning, 1);
        // Without a filter the history lists them too.
        QVERIFY(get(QStringLiteral("/api/v1/scans")).json[QStringLiteral("jobs")].toArray().size()
            >= 3);
        QVERIFY2(hits >= 80, qPrintable(QString::number(hits))); // the 2nd and 3rd clone: all hits
        QCOMPARE(
            vm(QStringLiteral("desk-002"))[QStringLiteral("protection")][QStringLiteral("status")]
                .toString(),
            QStringLiteral("protected"));
    }

    void aVmIsNeverTwiceInTheQueueAndQueuedJobsCancel()
    {
        QVERIFY(m_http
                    ->request("PUT", QStringLiteral("/api/v1/policy"),
                        json({{QStringLiteral("max_concurrent_scans"), 1}}), m_sec)
                    .status
            == 200);
        const QJsonObject body {{QStringLiteral("vms"),
                                    QJsonArray {m_vmIds.value(QStringLiteral("desk-001")),
                                        m_vmIds.value(QStringLiteral("desk-002")),
                                        m_vmIds.value(QStringLiteral("desk-003"))}},
            {QStringLiteral("kind"), QStringLiteral("quick")}};
        const QJsonArray first =
            post(QStringLiteral("/api/v1/scans"), body).json[QStringLiteral("jobs")].toArray();
        const QJsonArray again =
            post(QStringLiteral("/api/v1/scans"), body).json[QStringLiteral("jobs")].toArray();
        QCOMPARE(first.size(), 3);
        QCOMPARE(again.size(), 3);
        // Asking again returns the VM's queued job; a new job only when the
        // first one has left the queue meanwhile.
        for (int i = 0; i < 3; ++i) {
            if (again[i][QStringLiteral("id")] != first[i][QStringLiteral("id")])
                QVERIFY(get(QStringLiteral("/api/v1/scans/")
                            + first[i][QStringLiteral("id")].toString())
                            .json[QStringLiteral("state")]
                    != QStringLiteral("queued"));
        }
        QSet<QString> queuedVms;
        for (const QJsonValue &j : get(QStringLiteral("/api/v1/scans?state=queued"))
                                       .json[QStringLiteral("jobs")]
                                       .toArray()) {
            const QString vm = j[QStringLiteral("vm")].toString();
            QVERIFY2(!queuedVms.contains(vm), "a VM is twice in the queue");
            queuedVms.insert(vm);
        }
        const QString id = again[2][QStringLiteral("id")].toString();
        const TestResponse cancelled =
            m_http->request("DELETE", QStringLiteral("/api/v1/scans/") + id, {}, m_sec);
        QVERIFY2(cancelled.status == 200 || cancelled.errorCode() == QLatin1String("conflict"),
            cancelled.body.constData());
        QTRY_VERIFY_WITH_TIMEOUT(
            QStringList({QStringLiteral("cancelled"), QStringLiteral("finished")})
                .contains(get(QStringLiteral("/api/v1/scans/") + id)
                              .json[QStringLiteral("state")]
                              .toString()),
            30000);
        QCOMPARE(m_http->request("DELETE", QStringLiteral("/api/v1/scans/nope"), {}, m_sec).status,
            404L);
    }

    void customScanOutsideTheVmIsRefused()
    {
        const TestResponse r = post(QStringLiteral("/api/v1/scans"),
            {{QStringLiteral("vms"), QJsonArray {m_vmIds.value(QStringLiteral("desk-001"))}},
                {QStringLiteral("kind"), QStringLiteral("custom")},
                {QStringLiteral("paths"), QJsonArray {QStringLiteral("/../../etc/passwd")}}});
        QCOMPARE(r.status, 400L);
        QCOMPARE(r.errorCode(), QStringLiteral("path_outside_vm"));
    }

    // A file written after the scans ran is found by real-time scanning,
    // quarantined, and restored byte for byte.
    void realtimeDetectionQuarantineAndRestore()
    {
        qint64 after = lastSeq();
        const QString path =
            m_app->vmsDir() + QStringLiteral("/desk-003/Users/alice/Downloads/invoice.pdf.exe");
        const QByteArray content = QByteArray("header ") + bodyMarker() + QByteArray(" trailer");
        QVERIFY(writeFile(path, content));
        const QJsonObject opened = waitForEvent(&after, QStringLiteral("incident.opened"));
        QVERIFY2(!opened.isEmpty(), "no incident.opened event");
        const QJsonObject incident = opened[QStringLiteral("data")].toObject();
        QCOMPARE(incident[QStringLiteral("threat")].toString(),
            QStringLiteral("Mamori.Test.Body.UNOFFICIAL"));
        QCOMPARE(incident[QStringLiteral("path")].toString(),
            QStringLiteral("/Users/alice/Downloads/invoice.pdf.exe"));
        QCOMPARE(
            incident[QStringLiteral("vm")].toString(), m_vmIds.value(QStringLiteral("desk-003")));
        const QString id = incident[QStringLiteral("id")].toString();
        QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("/api/v1/incidents/") + id)
                                      .json[QStringLiteral("action")]
                                      .toString(),
            QStringLiteral("quarantined"), 10000);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(
            vm(QStringLiteral("desk-003"))[QStringLiteral("protection")][QStringLiteral("status")]
                .toString(),
            QStringLiteral("infected"));

        // Restore gives back the exact bytes; restoring twice makes no sense.
        const TestResponse restored = post(QStringLiteral("/api/v1/incidents/%1/actions").arg(id),
            {{QStringLiteral("action"), QStringLiteral("restore")},
                {QStringLiteral("note"), QStringLiteral("false positive check")}});
        QCOMPARE(restored.status, 200L);
        QFile back(path);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), content);
        const TestResponse twice = post(QStringLiteral("/api/v1/incidents/%1/actions").arg(id),
            {{QStringLiteral("action"), QStringLiteral("restore")}});
        QCOMPARE(twice.status, 409L);
        QCOMPARE(twice.errorCode(), QStringLiteral("conflict"));

        QCOMPARE(post(QStringLiteral("/api/v1/incidents/%1/actions").arg(id),
                     {{QStringLiteral("action"), QStringLiteral("resolve")},
                         {QStringLiteral("note"), QStringLiteral("done")}})
                     .status,
            200L);
        const QJsonArray history = get(QStringLiteral("/api/v1/incidents/") + id)
                                       .json[QStringLiteral("history")]
                                       .toArray();
        QVERIFY(history.size() >= 2);
        bool audited = false;
        for (const QJsonValue &r :
            get(QStringLiteral("/api/v1/audit")).json[QStringLiteral("records")].toArray())
            audited |= r[QStringLiteral("action")] == QStringLiteral("incident.restore")
                && r[QStringLiteral("target")] == id;
        QVERIFY(audited);
    }

    void policyIsValidatedAndApplied()
    {
        const TestResponse bad = m_http->request("PUT", QStringLiteral("/api/v1/policy"),
            json({{QStringLiteral("max_concurrent_scans"), 0}}), m_sec);
        QCOMPARE(bad.status, 400L);
        QVERIFY(bad.json[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
            QLatin1String("max_concurrent_scans")));
        QCOMPARE(m_http
                     ->request("PUT", QStringLiteral("/api/v1/policy"),
                         json({{QStringLiteral("colour"), 1}}), m_sec)
                     .status,
            400L);
        const QString id = m_vmIds.value(QStringLiteral("desk-002"));
        const TestResponse off = m_http->request("PUT", QStringLiteral("/api/v1/policy"),
            json({{QStringLiteral("realtime"),
                QJsonObject {{QStringLiteral("vms"), QJsonObject {{id, QStringLiteral("off")}}}}}}),
            m_sec);
        QCOMPARE(off.status, 200L);
        QCOMPARE(
            vm(QStringLiteral("desk-002"))[QStringLiteral("protection")][QStringLiteral("reason")]
                .toString(),
            QStringLiteral("realtime_off"));
        QCOMPARE(m_http
                     ->request("PUT", QStringLiteral("/api/v1/policy"),
                         json({{QStringLiteral("realtime"),
                             QJsonObject {{QStringLiteral("vms"), QJsonObject {}}}}}),
                         m_sec)
                     .status,
            200L);
    }

    void patternUpdateFromTheSourceAndRollback()
    {
        const TestResponse updated = post(QStringLiteral("/api/v1/patterns/update"), {});
        QCOMPARE(updated.status, 200L);
        QCOMPARE(updated.json[QStringLiteral("active")][QStringLiteral("version")].toString(),
            QStringLiteral("2026112502"));
        // Scanned with the old pattern: at risk until scanned again.
        QCOMPARE(
            vm(QStringLiteral("desk-001"))[QStringLiteral("protection")][QStringLiteral("status")]
                .toString(),
            QStringLiteral("at-risk"));
        const TestResponse rolled = post(QStringLiteral("/api/v1/patterns/rollback"), {});
        QCOMPARE(rolled.status, 200L);
        QCOMPARE(rolled.json[QStringLiteral("active")][QStringLiteral("version")].toString(),
            QStringLiteral("2026112501"));
        bool sawRollback = false;
        for (const QJsonValue &r :
            get(QStringLiteral("/api/v1/audit")).json[QStringLiteral("records")].toArray())
            sawRollback |= r[QStringLiteral("action")] == QStringLiteral("pattern.rollback")
                && r[QStringLiteral("outcome")] == QStringLiteral("success");
        QVERIFY(sawRollback);
    }
};

QTEST_GUILESS_MAIN(TestApplianceSecurity)
#include "tst_appliance_security.moc"
