// SPDX-License-Identifier: GPL-2.0-or-later
// A restored file that is detected again reopens its incident, against a
// real appliance: the same incident goes back to "new" (resolved or not),
// says so in its history, the audit log and an incident.reopened event, and
// no second incident is opened for the file.
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "TestHttp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TestIncidentReopen : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    QString m_sec;
    QString m_vm;

    TestResponse get(const QString &path) { return m_http->request("GET", path, {}, m_sec); }
    TestResponse act(const QString &id, const QString &action)
    {
        return m_http->request("POST", QStringLiteral("/api/v1/incidents/%1/actions").arg(id),
            json({{QStringLiteral("action"), action}, {QStringLiteral("note"), action}}), m_sec);
    }
    QJsonArray incidents()
    {
        return get(QStringLiteral("/api/v1/incidents")).json[QStringLiteral("incidents")].toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(
            writeFile(m_app->vmsDir() + QStringLiteral("/desk-001/Windows/notepad.exe"), "clean"));
        const QString feed = installPatternWithUpdate(m_work.path(), m_app->dataDir(), 2026120501);
        QVERIFY(!feed.isEmpty());
        m_app->setConfig(QByteArrayLiteral(R"("inventory_interval_ms": 200)"));
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_sec = m_http->token(QStringLiteral("sec"), kPassword);
        QVERIFY(!m_sec.isEmpty());
        const auto vms = m_http->waitForVms(m_sec, 1);
        QCOMPARE(vms.size(), 1);
        m_vm = vms.value(QStringLiteral("desk-001"));
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    void restoredFileDetectedAgainReopensItsIncident()
    {
        // Found by real-time scanning, quarantined automatically.
        const QString path =
            m_app->vmsDir() + QStringLiteral("/desk-001/Users/bob/Downloads/setup.exe");
        QVERIFY(writeFile(path, QByteArray("header ") + bodyMarker() + QByteArray(" trailer")));
        QString id;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonArray all = incidents();
                if (all.size() != 1
                    || all[0][QStringLiteral("action")] != QStringLiteral("quarantined"))
                    return false;
                id = all[0][QStringLiteral("id")].toString();
                return true;
            }(),
            30000);
        // The admin gives the file back and closes the incident...
        QCOMPARE(act(id, QStringLiteral("restore")).status, 200L);
        QVERIFY(QFile::exists(path));
        QCOMPARE(act(id, QStringLiteral("resolve")).status, 200L);
        QCOMPARE(
            get(QStringLiteral("/api/v1/incidents/") + id).json[QStringLiteral("state")].toString(),
            QStringLiteral("resolved"));
        const qint64 before = get(QStringLiteral("/api/v1/incidents/") + id)
                                  .json[QStringLiteral("detections")]
                                  .toInteger();
        qint64 after =
            get(QStringLiteral("/api/v1/events")).json[QStringLiteral("last_seq")].toInteger();

        // ...and the next scan (or real-time scanning, which may see the
        // restored file at once) finds it again.
        const TestResponse scan = m_http->request("POST", QStringLiteral("/api/v1/scans"),
            json({{QStringLiteral("vms"), QJsonArray {m_vm}},
                {QStringLiteral("kind"), QStringLiteral("full")}}),
            m_sec);
        QCOMPARE(scan.status, 200L);
        const QJsonObject event =
            m_http->waitForEvent(m_sec, &after, QStringLiteral("incident.reopened"), 60);
        QVERIFY(!event.isEmpty());
        QCOMPARE(event[QStringLiteral("data")][QStringLiteral("id")].toString(), id);

        const QJsonObject inc = get(QStringLiteral("/api/v1/incidents/") + id).json;
        QCOMPARE(inc[QStringLiteral("state")].toString(), QStringLiteral("new"));
        QCOMPARE(inc[QStringLiteral("action")].toString(), QStringLiteral("restored"));
        QVERIFY(inc[QStringLiteral("detections")].toInteger() > before);
        bool reopened = false;
        for (const QJsonValue &h : inc[QStringLiteral("history")].toArray())
            reopened |= h[QStringLiteral("action")] == QStringLiteral("reopened");
        QVERIFY(reopened);
        // Not acted on automatically: the file stays where it was restored.
        QVERIFY(QFile::exists(path));
        // One incident for the file, not a second one.
        QCOMPARE(incidents().size(), 1);
        bool audited = false;
        for (const QJsonValue &r :
            get(QStringLiteral("/api/v1/audit")).json[QStringLiteral("records")].toArray())
            audited |= r[QStringLiteral("action")] == QStringLiteral("incident.reopen")
                && r[QStringLiteral("target")] == id;
        QVERIFY(audited);
    }
};

QTEST_MAIN(TestIncidentReopen)
#include "tst_incident_reopen.moc"
