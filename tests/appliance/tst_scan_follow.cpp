// SPDX-License-Identifier: GPL-2.0-or-later
// Scans an administrator can follow, against a real appliance: a scan
// reports what the VM's previous scan of its kind went through (expected
// totals), and a security administrator can start a waiting scan at once
// ("run now": ahead of the queue and past the limit of concurrent scans,
// refused to other roles, audited).
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "TestHttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");
const QStringList kVms {QStringLiteral("vm-a"), QStringLiteral("vm-b"), QStringLiteral("vm-c"),
    QStringLiteral("vm-d"), QStringLiteral("vm-e")};

} // namespace

class TestScanFollow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    QString m_sec, m_virt;
    QHash<QString, QString> m_vmIds; // name → id

    TestResponse get(const QString &path) { return m_http->request("GET", path, {}, m_sec); }
    QJsonObject job(const QString &id) { return get(QStringLiteral("/api/v1/scans/") + id).json; }
    bool idle()
    {
        for (const char *state : {"queued", "running", "paused"}) {
            if (!get(QStringLiteral("/api/v1/scans?state=") + QLatin1String(state))
                     .json[QStringLiteral("jobs")]
                     .toArray()
                     .isEmpty())
                return false;
        }
        return true;
    }
    // Queues a full scan of `names`; their job ids in that order.
    QStringList scan(const QStringList &names)
    {
        QJsonArray vms;
        for (const QString &n : names)
            vms.append(m_vmIds.value(n));
        const TestResponse r = m_http->request("POST", QStringLiteral("/api/v1/scans"),
            json({{QStringLiteral("vms"), vms}, {QStringLiteral("kind"), QStringLiteral("full")}}),
            m_sec);
        QStringList ids;
        for (const QJsonValue &j : r.json[QStringLiteral("jobs")].toArray())
            ids.append(j[QStringLiteral("id")].toString());
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(m_app->addUser(
            QStringLiteral("virt"), QStringLiteral("virtualization-admin"), kPassword.toUtf8()));
        // Distinct files per VM (no scan cache hits between them); the first
        // VM's scan takes a while, so that the others wait behind it.
        for (const QString &name : kVms) {
            const int files = name == kVms.constFirst() ? 3000 : 300;
            for (int i = 0; i < files; ++i)
                QVERIFY(writeFile(
                    QStringLiteral("%1/%2/Data/f%3.bin").arg(m_app->vmsDir(), name).arg(i),
                    (name + QString::number(i)).toUtf8().repeated(2000)));
        }
        const QString feed = installPatternWithUpdate(m_work.path(), m_app->dataDir(), 2026120501);
        QVERIFY(!feed.isEmpty());
        m_app->setConfig(QByteArrayLiteral(R"("inventory_interval_ms": 200)"));
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_sec = m_http->token(QStringLiteral("sec"), kPassword);
        m_virt = m_http->token(QStringLiteral("virt"), kPassword);
        QVERIFY(!m_sec.isEmpty() && !m_virt.isEmpty());
        m_vmIds = m_http->waitForVms(m_sec, int(kVms.size()));
        QCOMPARE(m_vmIds.size(), kVms.size());
        // The new VMs' first (quick) scans.
        QTRY_VERIFY_WITH_TIMEOUT(idle(), 120000);
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    void runNowStartsAWaitingScanAtOnce()
    {
        // The first VM's files change after its first scan, so that this
        // full scan has to scan all 3,000 again (not take them from the scan
        // cache in a fraction of a second) and the others wait behind it.
        for (int i = 0; i < 3000; ++i)
            QVERIFY(writeFile(
                QStringLiteral("%1/%2/Data/f%3.bin").arg(m_app->vmsDir(), kVms.constFirst()).arg(i),
                (QStringLiteral("changed-") + QString::number(i)).toUtf8().repeated(2000)));
        const QStringList ids = scan(kVms);
        QCOMPARE(ids.size(), kVms.size());
        const QString last = ids.constLast();
        QCOMPARE(job(last)[QStringLiteral("state")].toString(), QStringLiteral("queued"));

        // Not for a virtualization administrator.
        const QString runNow = QStringLiteral("/api/v1/scans/%1/run-now").arg(last);
        const TestResponse refused = m_http->request("POST", runNow, {}, m_virt);
        QCOMPARE(refused.status, 403L);
        QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));

        // The last in the queue starts although another scan runs (the
        // policy allows one at a time).
        const TestResponse started = m_http->request("POST", runNow, {}, m_sec);
        QCOMPARE(started.status, 200L);
        QCOMPARE(started.json[QStringLiteral("state")].toString(), QStringLiteral("running"));
        QTRY_VERIFY_WITH_TIMEOUT(idle(), 180000);
        const QDateTime lastStarted = QDateTime::fromString(
            job(last)[QStringLiteral("started")].toString(), Qt::ISODateWithMs);
        for (const QString &waiting : ids.mid(1, ids.size() - 2)) {
            const QDateTime waitingStarted = QDateTime::fromString(
                job(waiting)[QStringLiteral("started")].toString(), Qt::ISODateWithMs);
            QVERIFY2(lastStarted < waitingStarted, qPrintable(waiting));
        }
        for (const QString &id : ids)
            QCOMPARE(job(id)[QStringLiteral("state")].toString(), QStringLiteral("finished"));

        // Audited, and refused for a job that no longer waits.
        bool audited = false;
        for (const QJsonValue &r :
            get(QStringLiteral("/api/v1/audit")).json[QStringLiteral("records")].toArray())
            audited |= r[QStringLiteral("action")] == QStringLiteral("scan.run-now")
                && r[QStringLiteral("target")] == last
                && r[QStringLiteral("outcome")] == QStringLiteral("success");
        QVERIFY(audited);
        const TestResponse again = m_http->request("POST", runNow, {}, m_sec);
        QCOMPARE(again.status, 409L);
        QCOMPARE(again.errorCode(), QStringLiteral("conflict"));
    }

    void aScanExpectsWhatThePreviousScanWentThrough()
    {
        qint64 after =
            get(QStringLiteral("/api/v1/events")).json[QStringLiteral("last_seq")].toInteger();
        const QStringList ids = scan({QStringLiteral("vm-b")});
        QCOMPARE(ids.size(), 1);
        QJsonObject started;
        while (started.isEmpty()) {
            const QJsonObject e =
                m_http->waitForEvent(m_sec, &after, QStringLiteral("scan.started"), 60);
            QVERIFY(!e.isEmpty());
            if (e[QStringLiteral("data")][QStringLiteral("id")] == ids[0])
                started = e[QStringLiteral("data")].toObject();
        }
        QTRY_VERIFY_WITH_TIMEOUT(idle(), 120000);
        // vm-b's full scan in the first test went through 300 files.
        QCOMPARE(started[QStringLiteral("expected")][QStringLiteral("files")].toInteger(), 300);
        QVERIFY(started[QStringLiteral("expected")][QStringLiteral("bytes")].toInteger() > 0);
        QCOMPARE(job(ids[0])[QStringLiteral("progress")][QStringLiteral("files")].toInteger(), 300);
    }
};

QTEST_MAIN(TestScanFollow)
#include "tst_scan_follow.moc"
