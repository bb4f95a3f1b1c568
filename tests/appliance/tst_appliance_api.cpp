// SPDX-License-Identifier: GPL-2.0-or-later
// The appliance API against a real mamori-appliance process on loopback.
#include "ApplianceProcess.h"
#include "TestHttp.h"
#include "appliance/api/AccessPolicy.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using mamori::test::ApplianceProcess;
using mamori::test::TestHttp;
using mamori::test::TestResponse;

namespace {

const QString kSec = QStringLiteral("sec");
const QString kVirt = QStringLiteral("virt");
const QString kAud = QStringLiteral("aud");
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TestApplianceApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;

    QString token(const QString &user) { return m_http->token(user, kPassword); }

    // `audit verify` on the stopped appliance finds the chain intact; the
    // appliance runs again afterwards.
    bool auditIntactAfterRestart()
    {
        QByteArray out;
        const bool intact =
            m_app->stop() && m_app->verifyAudit(&out) == 0 && out.contains("intact");
        if (!intact)
            qWarning("audit verify: %s", out.constData());
        const bool started = m_app->start();
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        return intact && started;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!ApplianceProcess::program().isEmpty());
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(kSec, QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(m_app->addUser(kVirt, QStringLiteral("virtualization-admin"), kPassword.toUtf8()));
        QVERIFY(m_app->addUser(kAud, QStringLiteral("auditor"), kPassword.toUtf8()));
        QVERIFY(m_app->addUser(
            QStringLiteral("victim"), QStringLiteral("auditor"), kPassword.toUtf8()));
        QVERIFY(QDir().mkpath(m_app->vmsDir() + QStringLiteral("/desk-001")));
        QVERIFY(QDir().mkpath(m_app->vmsDir() + QStringLiteral("/desk-002")));
        m_app->setConfig(R"("inventory_interval_ms": 200)");
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    void firstStartCreatesPrivateKeyAndFingerprint()
    {
        const QFileInfo key(m_app->dataDir() + QStringLiteral("/tls/key.pem"));
        QVERIFY(key.exists());
        QCOMPARE(key.permissions()
                & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
        QByteArray out;
        QCOMPARE(ApplianceProcess::run(
                     {QStringLiteral("fingerprint"), QStringLiteral("--data"), m_app->dataDir()},
                     {}, &out),
            0);
        QCOMPARE(QString::fromLatin1(out.trimmed()), m_app->fingerprint());
    }

    void loginGivesTokenRoleAndExpiry()
    {
        const TestResponse r = m_http->login(kSec, kPassword);
        QCOMPARE(r.status, 200L);
        QVERIFY(r.json.value(QStringLiteral("token")).toString().startsWith(QLatin1String("mmr_")));
        QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("security-admin"));
        const QDateTime expires =
            QDateTime::fromString(r.json.value(QStringLiteral("expires")).toString(), Qt::ISODate);
        QVERIFY(expires > QDateTime::currentDateTimeUtc());

        const TestResponse info = m_http->request("GET", QStringLiteral("/api/v1/appliance"), {},
            r.json.value(QStringLiteral("token")).toString());
        QCOMPARE(info.status, 200L);
        QVERIFY(!QUuid::fromString(info.json.value(QStringLiteral("id")).toString()).isNull());
        QCOMPARE(info.headers.value("cache-control"), QByteArray("no-store"));
    }

    void wrongPasswordAndUnknownUserLookAlike()
    {
        const TestResponse wrong = m_http->login(kAud, QStringLiteral("nope-nope"));
        const TestResponse unknown = m_http->login(QStringLiteral("nobody"), kPassword);
        QCOMPARE(wrong.status, 401L);
        QCOMPARE(wrong.errorCode(), QStringLiteral("bad_credentials"));
        QCOMPARE(unknown.status, 401L);
        QCOMPARE(unknown.errorCode(), QStringLiteral("bad_credentials"));
        QCOMPARE(unknown.json, wrong.json);
    }

    void repeatedFailuresLockTheUserOut()
    {
        const QString user = QStringLiteral("victim");
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_http->login(user, QStringLiteral("guess-%1").arg(i)).errorCode(),
                QStringLiteral("bad_credentials"));
        // Locked: even the right password is refused now, with a Retry-After.
        const TestResponse locked = m_http->login(user, kPassword);
        QCOMPARE(locked.status, 429L);
        QCOMPARE(locked.errorCode(), QStringLiteral("locked_out"));
        QVERIFY(locked.headers.value("retry-after").toInt() > 0);
        // Another user from the same address is not locked.
        QCOMPARE(m_http->login(kAud, kPassword).status, 200L);

        const TestResponse audit =
            m_http->request("GET", QStringLiteral("/api/v1/audit"), {}, token(kAud));
        bool sawLockout = false;
        for (const QJsonValue &v : audit.json.value(QStringLiteral("records")).toArray())
            sawLockout |= v[QStringLiteral("action")] == QStringLiteral("session.lockout")
                && v[QStringLiteral("target")] == user;
        QVERIFY(sawLockout);
    }

    void logoutRevokesTheToken()
    {
        const QString t = token(kSec);
        QCOMPARE(m_http->request("DELETE", QStringLiteral("/api/v1/session"), {}, t).status, 200L);
        const TestResponse r = m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, t);
        QCOMPARE(r.status, 401L);
        QCOMPARE(r.errorCode(), QStringLiteral("unauthenticated"));
    }

    void missingOrForgedTokenIsRefused()
    {
        QCOMPARE(m_http->request("GET", QStringLiteral("/api/v1/vms")).errorCode(),
            QStringLiteral("unauthenticated"));
        QCOMPARE(
            m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, QStringLiteral("mmr_forged"))
                .errorCode(),
            QStringLiteral("unauthenticated"));
    }

    // Every endpoint of the access table, for every role.
    void roleMatrix()
    {
        const QHash<QString, mamori::protocol::Role> users {
            {kSec, mamori::protocol::Role::SecurityAdmin},
            {kVirt, mamori::protocol::Role::VirtualizationAdmin},
            {kAud, mamori::protocol::Role::Auditor}};
        const QString vmId = m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, token(kSec))
                                 .json.value(QStringLiteral("vms"))
                                 .toArray()
                                 .first()[QStringLiteral("id")]
                                 .toString();
        int checked = 0;
        for (const auto &e : mamori::appliance::endpoints()) {
            if (!e.authenticated)
                continue;
            QString path = QLatin1String(e.pattern);
            path.replace(QLatin1String("{id}"), vmId);
            for (auto it = users.begin(); it != users.end(); ++it) {
                const TestResponse r = m_http->request(e.method, path, {}, token(it.key()));
                const QString what = QStringLiteral("%1 %2 as %3: %4 %5")
                                         .arg(QLatin1String(e.method), path, it.key())
                                         .arg(r.status)
                                         .arg(QString::fromUtf8(r.body));
                if (e.allows(it.value()))
                    QVERIFY2(r.status != 403 && r.status != 401 && r.status != 0, qPrintable(what));
                else
                    QVERIFY2(r.status == 403 && r.errorCode() == QLatin1String("forbidden"),
                        qPrintable(what));
                ++checked;
            }
        }
        QVERIFY(checked >= 18);
    }

    void badRequestsGetClearErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<long>("status");
        QTest::addColumn<QString>("code");
        const QByteArray json = "application/json";
        QTest::newRow("malformed") << QByteArray("POST") << "/api/v1/session"
                                   << QByteArray("{\"user\":") << json << 400L << "bad_request";
        QTest::newRow("wrong type")
            << QByteArray("POST") << "/api/v1/session" << QByteArray(R"({"user":1,"password":"x"})")
            << json << 400L << "bad_request";
        QTest::newRow("not an object") << QByteArray("POST") << "/api/v1/session"
                                       << QByteArray("[]") << json << 400L << "bad_request";
        QTest::newRow("media type") << QByteArray("POST") << "/api/v1/session"
                                    << QByteArray(R"({"user":"a","password":"b"})")
                                    << QByteArray("text/plain") << 415L << "unsupported_media_type";
        QTest::newRow("too large")
            << QByteArray("POST") << "/api/v1/session" << QByteArray(2 << 20, 'x') << json << 413L
            << "payload_too_large";
        QTest::newRow("no such path") << QByteArray("GET") << "/api/v1/nothing" << QByteArray()
                                      << json << 404L << "not_found";
        QTest::newRow("traversal") << QByteArray("GET") << "/api/v1/../../etc/passwd"
                                   << QByteArray() << json << 404L << "not_found";
        QTest::newRow("method") << QByteArray("PUT") << "/api/v1/session" << QByteArray() << json
                                << 405L << "method_not_allowed";
    }

    void badRequestsGetClearErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(long, status);
        QFETCH(QString, code);
        const TestResponse r = m_http->request(method, path, body, {}, contentType);
        QCOMPARE(r.status, status);
        QCOMPARE(r.errorCode(), code);
        QVERIFY(
            !r.json.value(QStringLiteral("error"))[QStringLiteral("message")].toString().isEmpty());
        if (status == 405)
            QVERIFY(r.headers.value("allow").contains("POST"));
    }

    void badQueryParametersAreRefused()
    {
        const TestResponse r =
            m_http->request("GET", QStringLiteral("/api/v1/events?wait=9999"), {}, token(kAud));
        QCOMPARE(r.status, 400L);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_argument"));
    }

    void directoryInventoryListsVmsWithProtection()
    {
        const TestResponse r =
            m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, token(kSec));
        QCOMPARE(r.status, 200L);
        const QJsonArray vms = r.json.value(QStringLiteral("vms")).toArray();
        QCOMPARE(vms.size(), 2);
        QStringList names;
        for (const QJsonValue &v : vms) {
            names << v[QStringLiteral("name")].toString();
            QVERIFY(!QUuid::fromString(v[QStringLiteral("id")].toString()).isNull());
            QCOMPARE(v[QStringLiteral("power")].toString(), QStringLiteral("running"));
            // No pattern yet: nothing is protected, and the appliance says why.
            QCOMPARE(v[QStringLiteral("protection")][QStringLiteral("status")].toString(),
                QStringLiteral("unprotected"));
            QCOMPARE(v[QStringLiteral("protection")][QStringLiteral("reason")].toString(),
                QStringLiteral("no_pattern"));
            QVERIFY(v[QStringLiteral("root")].toString().startsWith(m_app->vmsDir()));
        }
        names.sort();
        QCOMPARE(names, QStringList({"desk-001", "desk-002"}));

        const QString id = vms.first()[QStringLiteral("id")].toString();
        const TestResponse one =
            m_http->request("GET", QStringLiteral("/api/v1/vms/") + id, {}, token(kSec));
        QCOMPARE(one.json.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(m_http->request("GET", QStringLiteral("/api/v1/vms/not-a-uuid"), {}, token(kSec))
                     .status,
            404L);
    }

    void virtualizationAdminDoesNotSeeFileRoots()
    {
        const TestResponse r =
            m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, token(kVirt));
        QCOMPARE(r.status, 200L);
        for (const QJsonValue &v : r.json.value(QStringLiteral("vms")).toArray())
            QVERIFY(!v.toObject().contains(QStringLiteral("root")));
    }

    void longPollAnswersAtOnceWhenEventsExist()
    {
        const TestResponse r = m_http->request(
            "GET", QStringLiteral("/api/v1/events?after=0&wait=30"), {}, token(kAud));
        QCOMPARE(r.status, 200L);
        const QJsonArray events = r.json.value(QStringLiteral("events")).toArray();
        QVERIFY(!events.isEmpty());
        qint64 previous = 0;
        for (const QJsonValue &e : events) {
            QVERIFY(e[QStringLiteral("seq")].toInteger() > previous);
            previous = e[QStringLiteral("seq")].toInteger();
        }
        QCOMPARE(r.json.value(QStringLiteral("last_seq")).toInteger(), previous);
    }

    void longPollTimesOutEmpty()
    {
        const QString t = token(kAud);
        const qint64 last = m_http->request("GET", QStringLiteral("/api/v1/events?after=0"), {}, t)
                                .json.value(QStringLiteral("last_seq"))
                                .toInteger();
        const TestResponse r = m_http->request(
            "GET", QStringLiteral("/api/v1/events?after=%1&wait=1").arg(last), {}, t);
        QCOMPARE(r.status, 200L);
        QVERIFY(r.json.value(QStringLiteral("events")).toArray().isEmpty());
        QCOMPARE(r.json.value(QStringLiteral("last_seq")).toInteger(), last);
    }

    // A VM folder appearing while a long poll waits wakes it with vm.added.
    void longPollWakesOnNewVm()
    {
        const QString t = token(kAud);
        const qint64 last = m_http->request("GET", QStringLiteral("/api/v1/events"), {}, t)
                                .json.value(QStringLiteral("last_seq"))
                                .toInteger();
        QVERIFY(QDir().mkpath(m_app->vmsDir() + QStringLiteral("/desk-003")));
        QElapsedTimer waited;
        waited.start();
        const TestResponse r = m_http->request(
            "GET", QStringLiteral("/api/v1/events?after=%1&wait=60").arg(last), {}, t);
        QVERIFY(waited.elapsed() < 60000); // woken by the event, not by the deadline
        const QJsonArray events = r.json.value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first()[QStringLiteral("type")].toString(), QStringLiteral("vm.added"));
        QCOMPARE(events.first()[QStringLiteral("data")][QStringLiteral("name")].toString(),
            QStringLiteral("desk-003"));

        QVERIFY(QDir(m_app->vmsDir() + QStringLiteral("/desk-003")).removeRecursively());
        // (Removed this quickly, its real-time watch may fail first: an
        // appliance.trouble event can come before vm.removed.)
        qint64 after = r.json.value(QStringLiteral("last_seq")).toInteger();
        QVERIFY(!m_http->waitForEvent(t, &after, QStringLiteral("vm.removed"), 60).isEmpty());
    }

    void auditRecordsAreChained()
    {
        const TestResponse r =
            m_http->request("GET", QStringLiteral("/api/v1/audit"), {}, token(kAud));
        const QJsonArray records = r.json.value(QStringLiteral("records")).toArray();
        QVERIFY(records.size() >= 5);
        QCOMPARE(records.first()[QStringLiteral("prev_hash")].toString(), QString(64, u'0'));
        for (qsizetype i = 1; i < records.size(); ++i)
            QCOMPARE(
                records[i][QStringLiteral("prev_hash")], records[i - 1][QStringLiteral("hash")]);
        bool sawFailure = false;
        for (const QJsonValue &v : records)
            sawFailure |= v[QStringLiteral("action")] == QStringLiteral("session.login")
                && v[QStringLiteral("outcome")] == QStringLiteral("failure")
                && v[QStringLiteral("source")] == QStringLiteral("127.0.0.1");
        QVERIFY(sawFailure);
    }

    // Sequence numbers, VM ids and the audit chain survive a restart; a
    // tampered audit row is found by `audit verify`.
    void restartKeepsSequencesIdsAndChain()
    {
        const QString t = token(kAud);
        const qint64 lastSeq = m_http->request("GET", QStringLiteral("/api/v1/events"), {}, t)
                                   .json.value(QStringLiteral("last_seq"))
                                   .toInteger();
        const QJsonArray vmsBefore = m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, t)
                                         .json.value(QStringLiteral("vms"))
                                         .toArray();
        QVERIFY(m_app->stop());
        QVERIFY(m_app->output().contains("stopped"));

        QByteArray out;
        QCOMPARE(m_app->verifyAudit(&out), 0);
        QVERIFY2(out.contains("intact"), out.constData());

        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        const QString t2 = token(kAud);
        QVERIFY(!t2.isEmpty());
        const TestResponse after =
            m_http->request("GET", QStringLiteral("/api/v1/events?after=%1").arg(lastSeq), {}, t2);
        const QJsonArray events = after.json.value(QStringLiteral("events")).toArray();
        QVERIFY(!events.isEmpty());
        QVERIFY(events.first()[QStringLiteral("seq")].toInteger() == lastSeq + 1);
        QCOMPARE(
            events.first()[QStringLiteral("type")].toString(), QStringLiteral("appliance.started"));

        QTRY_COMPARE_WITH_TIMEOUT(m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, t2)
                                      .json.value(QStringLiteral("vms"))
                                      .toArray()
                                      .size(),
            vmsBefore.size(), 10000);
        const QJsonArray vmsAfter = m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, t2)
                                        .json.value(QStringLiteral("vms"))
                                        .toArray();
        QSet<QString> idsBefore, idsAfter;
        for (const QJsonValue &v : vmsBefore)
            idsBefore.insert(v[QStringLiteral("id")].toString());
        for (const QJsonValue &v : vmsAfter)
            idsAfter.insert(v[QStringLiteral("id")].toString());
        QCOMPARE(idsAfter, idsBefore);
    }

    // JSON lets a login name hold a lone UTF-16 surrogate. Found by
    // fuzz/fuzz_audit_log: its audit record read back other than it was
    // hashed, and `audit verify` reported tampering. AuditLog::append now
    // stores text that reads back (the seed audit_log/lone-surrogate-login
    // replays that); such a name is also no user name, so a login with it is
    // refused before anything is written, and the chain stays intact.
    void loneSurrogateLoginKeepsAuditChainIntact()
    {
        const TestResponse r = m_http->request("POST", QStringLiteral("/api/v1/session"),
            R"({"user": "\ud800x", "password": "nope"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_argument"));
        QVERIFY(auditIntactAfterRestart());
    }

    // U+FFFF is valid in a URL and in UTF-8, but SQLite reads it back as
    // U+FFFD: an audited text holding it (an incident id from the path here;
    // a note the same way) read back other than it was hashed, and `audit
    // verify` reported tampering. Found by fuzz/fuzz_audit_log (the seed
    // audit_log/noncharacter-ffff replays it).
    void noncharacterInAuditedTextKeepsChainIntact()
    {
        const TestResponse r =
            m_http->request("POST", QStringLiteral("/api/v1/incidents/x%EF%BF%BF/actions"),
                R"({"action": "acknowledge", "note": "x\uffff"})", token(kSec));
        QCOMPARE(r.status, 404);
        QVERIFY(auditIntactAfterRestart());
    }

    void tamperedAuditRowIsDetected()
    {
        QVERIFY(m_app->stop());
        const QString db = m_app->dataDir() + QStringLiteral("/appliance.sqlite");
        // Rewrite one record's outcome as an intruder with file access would.
        {
            const QString connection = QStringLiteral("tamper");
            {
                auto handle = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
                handle.setDatabaseName(db);
                QVERIFY(handle.open());
                QSqlQuery q(handle);
                QVERIFY(
                    q.exec(QStringLiteral("UPDATE audit SET outcome = 'success' WHERE seq = 3")));
                QCOMPARE(q.numRowsAffected(), 1);
                handle.close();
            }
            QSqlDatabase::removeDatabase(connection);
        }
        QByteArray out;
        QCOMPARE(ApplianceProcess::run({QStringLiteral("audit"), QStringLiteral("verify"),
                                           QStringLiteral("--data"), m_app->dataDir()},
                     {}, &out),
            1);
        QVERIFY2(out.contains("BROKEN at record 3"), out.constData());
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
    }

    void userCommands()
    {
        const QStringList data {QStringLiteral("--data"), m_app->dataDir()};
        QByteArray out;
        QCOMPARE(ApplianceProcess::run(
                     QStringList {QStringLiteral("user"), QStringLiteral("list")} + data, {}, &out),
            0);
        QVERIFY(out.contains("sec\tsecurity-admin"));
        QVERIFY(out.contains("virt\tvirtualization-admin"));
        // Weak password and bad role refused.
        QCOMPARE(ApplianceProcess::run(
                     QStringList {QStringLiteral("user"), QStringLiteral("add"),
                         QStringLiteral("x"), QStringLiteral("--role"), QStringLiteral("auditor")}
                         + data,
                     "short\n", &out),
            1);
        QCOMPARE(ApplianceProcess::run(
                     QStringList {QStringLiteral("user"), QStringLiteral("add"),
                         QStringLiteral("x"), QStringLiteral("--role"), QStringLiteral("root")}
                         + data,
                     "long enough pw\n", &out),
            2);
        // A new password ends the user's sessions at once.
        const QString old = token(kVirt);
        QCOMPARE(ApplianceProcess::run(
                     QStringList {QStringLiteral("user"), QStringLiteral("passwd"), kVirt} + data,
                     "another long password\n", &out),
            0);
        QCOMPARE(m_http->request("GET", QStringLiteral("/api/v1/vms"), {}, old).errorCode(),
            QStringLiteral("unauthenticated"));
        QCOMPARE(m_http->login(kVirt, QStringLiteral("another long password")).status, 200L);
        QCOMPARE(ApplianceProcess::run(
                     QStringList {QStringLiteral("user"), QStringLiteral("remove"), kVirt} + data,
                     {}, &out),
            0);
        QCOMPARE(m_http->login(kVirt, QStringLiteral("another long password")).status, 401L);
    }

    void expiredTokenSaysSo()
    {
        ApplianceProcess shortLived;
        QVERIFY(shortLived.addUser(kSec, QStringLiteral("security-admin"), kPassword.toUtf8()));
        shortLived.setConfig(R"("session_ttl_seconds": 1)");
        QVERIFY(shortLived.start());
        TestHttp http(shortLived.baseUrl(), shortLived.certificatePath());
        const QString t = http.token(kSec, kPassword);
        QVERIFY(!t.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(
            http.request("GET", QStringLiteral("/api/v1/appliance"), {}, t).errorCode(),
            QStringLiteral("token_expired"), 10000);
        QVERIFY(shortLived.stop());
    }

    void libvirtInventory()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("desk-lv"));
        QVERIFY(QDir().mkpath(root));
        QFile node(dir.filePath(QStringLiteral("node.xml")));
        QVERIFY(node.open(QIODevice::WriteOnly));
        node.write(QStringLiteral(R"(<node>
  <domain type='test'>
    <name>desk-lv</name>
    <uuid>5d6e0f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6</uuid>
    <memory>1048576</memory><vcpu>1</vcpu><os><type>hvm</type></os>
    <devices>
      <filesystem type='mount'><source dir='%1'/><target dir='share'/></filesystem>
    </devices>
  </domain>
</node>)")
                       .arg(root)
                       .toUtf8());
        node.close();
        ApplianceProcess lv;
        QVERIFY(lv.addUser(kSec, QStringLiteral("security-admin"), kPassword.toUtf8()));
        QVERIFY(lv.start(
            {QStringLiteral("--inventory"), QStringLiteral("libvirt:test://") + node.fileName()}));
        TestHttp http(lv.baseUrl(), lv.certificatePath());
        const QString t = http.token(kSec, kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(http.request("GET", QStringLiteral("/api/v1/vms"), {}, t)
                                      .json.value(QStringLiteral("vms"))
                                      .toArray()
                                      .size(),
            1, 10000);
        const QJsonObject vm = http.request("GET", QStringLiteral("/api/v1/vms"), {}, t)
                                   .json.value(QStringLiteral("vms"))
                                   .toArray()
                                   .first()
                                   .toObject();
        QCOMPARE(vm.value(QStringLiteral("id")).toString(),
            QStringLiteral("5d6e0f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6"));
        QCOMPARE(vm.value(QStringLiteral("name")).toString(), QStringLiteral("desk-lv"));
        QCOMPARE(vm.value(QStringLiteral("power")).toString(), QStringLiteral("running"));
        QCOMPARE(vm.value(QStringLiteral("root")).toString(), root);
        QVERIFY(lv.stop());
    }
};

QTEST_GUILESS_MAIN(TestApplianceApi)
#include "tst_appliance_api.moc"
