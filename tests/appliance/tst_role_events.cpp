// SPDX-License-Identifier: GPL-2.0-or-later
// Roles hold in the event stream (docs/security.md, Insider with a lower
// role): every event type, for every role, shows no more than the REST
// answer about the same thing would — against a real appliance process,
// and for the event types no test can provoke quickly, through the shaping
// function the appliance uses.
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "TestHttp.h"
#include "appliance/api/AccessPolicy.h"
#include "appliance/api/RoleView.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori::test;
using mamori::protocol::Role;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

// What only the security side may see of a detection or a file.
const QStringList kFileLevel {QStringLiteral("path"), QStringLiteral("host_path"),
    QStringLiteral("threat"), QStringLiteral("sha256"), QStringLiteral("history"),
    QStringLiteral("note"), QStringLiteral("assignee"), QStringLiteral("quarantine_id")};

bool mayGet(const char *pattern, Role role)
{
    for (const auto &e : mamori::appliance::endpoints()) {
        if (qstrcmp(e.method, "GET") == 0 && qstrcmp(e.pattern, pattern) == 0)
            return e.allows(role);
    }
    return false;
}

} // namespace

class TestRoleEvents : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    QHash<Role, QString> m_tokens;
    QHash<QString, QString> m_vmIds;

    QString sec() const { return m_tokens.value(Role::SecurityAdmin); }
    TestResponse post(const QString &path, const QJsonObject &body)
    {
        return m_http->request("POST", path, json(body), sec());
    }

    // The whole event stream as `role` sees it, by sequence number.
    QMap<qint64, QJsonObject> stream(Role role)
    {
        QMap<qint64, QJsonObject> events;
        qint64 after = 0;
        for (;;) {
            const TestResponse r = m_http->request(
                "GET", QStringLiteral("/api/v1/events?after=%1").arg(after), {}, m_tokens[role]);
            const QJsonArray page = r.json[QStringLiteral("events")].toArray();
            for (const QJsonValue &e : page)
                events.insert(e[QStringLiteral("seq")].toInteger(), e.toObject());
            if (page.isEmpty())
                return events;
            after = page.last()[QStringLiteral("seq")].toInteger();
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_app = std::make_unique<ApplianceProcess>();
        const QList<std::pair<QString, Role>> users {{QStringLiteral("sec"), Role::SecurityAdmin},
            {QStringLiteral("virt"), Role::VirtualizationAdmin},
            {QStringLiteral("aud"), Role::Auditor}};
        for (const auto &[name, role] : users)
            QVERIFY(m_app->addUser(name, mamori::protocol::roleName(role), kPassword.toUtf8()));
        for (const QString &vm :
            {QStringLiteral("desk-a"), QStringLiteral("desk-b"), QStringLiteral("desk-c")})
            QVERIFY(writeFile(
                m_app->vmsDir() + QLatin1Char('/') + vm + QStringLiteral("/f.txt"), "clean"));
        const QString feed = installPatternWithUpdate(m_work.path(), m_app->dataDir(), 2026112501);
        QVERIFY(!feed.isEmpty());
        m_app->setConfig(QStringLiteral(R"("inventory_interval_ms": 200, "pattern_source": "%1")")
                             .arg(feed)
                             .toUtf8());
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        for (const auto &[name, role] : users)
            m_tokens.insert(role, m_http->token(name, kPassword));
        m_vmIds = m_http->waitForVms(sec(), 3);
        QCOMPARE(m_vmIds.size(), 3);
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    // Provokes what a test can provoke in seconds: scans, a detection and
    // what is done with it, isolation, a policy and a pattern change, a VM
    // that goes away.
    void provokeEvents()
    {
        qint64 after = 0;
        const QString desk = m_vmIds.value(QStringLiteral("desk-b"));
        QVERIFY(
            writeFile(m_app->vmsDir() + QStringLiteral("/desk-b/Users/x/invoice.exe"), eicar()));
        const QJsonObject opened =
            m_http->waitForEvent(sec(), &after, QStringLiteral("incident.opened"));
        QVERIFY(!opened.isEmpty());
        const QString incident = opened[QStringLiteral("data")][QStringLiteral("id")].toString();
        QCOMPARE(post(QStringLiteral("/api/v1/incidents/%1/actions").arg(incident),
                     {{QStringLiteral("action"), QStringLiteral("acknowledge")},
                         {QStringLiteral("note"), QStringLiteral("secret note")}})
                     .status,
            200L);
        QCOMPARE(post(QStringLiteral("/api/v1/incidents/%1/actions").arg(incident),
                     {{QStringLiteral("action"), QStringLiteral("isolate-vm")}})
                     .status,
            200L);
        QCOMPARE(post(QStringLiteral("/api/v1/scans"),
                     {{QStringLiteral("vms"), QJsonArray {m_vmIds.value(QStringLiteral("desk-a"))}},
                         {QStringLiteral("kind"), QStringLiteral("full")}})
                     .status,
            200L);
        QVERIFY(!m_http->waitForEvent(sec(), &after, QStringLiteral("scan.finished")).isEmpty());
        QCOMPARE(m_http
                     ->request("PUT", QStringLiteral("/api/v1/policy"),
                         json({{QStringLiteral("max_concurrent_scans"), 2}}), sec())
                     .status,
            200L);
        QCOMPARE(
            m_http->request("POST", QStringLiteral("/api/v1/patterns/update"), "{}", sec()).status,
            200L);
        QVERIFY(QDir(m_app->vmsDir() + QStringLiteral("/desk-c")).removeRecursively());
        QVERIFY(!m_http->waitForEvent(sec(), &after, QStringLiteral("vm.removed")).isEmpty());
        Q_UNUSED(desk);
    }

    // Each role gets every event (no sequence number missing), shaped as
    // the REST answers for that role are: the auditor sees what the
    // security admin sees; the virtualization admin sees an incident's or a
    // file's event with its VM only, and VMs without their file root.
    void everyEventIsShapedForEachRole()
    {
        const QMap<qint64, QJsonObject> full = stream(Role::SecurityAdmin);
        const QMap<qint64, QJsonObject> virt = stream(Role::VirtualizationAdmin);
        const QMap<qint64, QJsonObject> aud = stream(Role::Auditor);
        QCOMPARE(virt.keys(), full.keys());
        QCOMPARE(aud.keys(), full.keys());

        QSet<QString> known;
        for (const auto &k : mamori::appliance::eventKinds())
            known.insert(QLatin1String(k.type));
        QSet<QString> seen;
        for (auto it = full.begin(); it != full.end(); ++it) {
            const QString type = it.value()[QStringLiteral("type")].toString();
            QVERIFY2(known.contains(type), qPrintable(type + " has no entry in eventKinds()"));
            seen.insert(type);
            const QJsonObject data = it.value()[QStringLiteral("data")].toObject();
            const QJsonObject v = virt[it.key()][QStringLiteral("data")].toObject();
            QCOMPARE(aud[it.key()][QStringLiteral("data")].toObject(), data);
            QCOMPARE(virt[it.key()][QStringLiteral("type")].toString(), type);
            const QString what = QStringLiteral("%1 as virtualization-admin: %2")
                                     .arg(type, QString::fromUtf8(QJsonDocument(v).toJson()));
            for (const QString &key : kFileLevel)
                QVERIFY2(!v.contains(key), qPrintable(what));
            QVERIFY2(!v.contains(QStringLiteral("root")), qPrintable(what));
            if (type.startsWith(QLatin1String("incident."))
                || type == QLatin1String("scan.incomplete"))
                QCOMPARE(v, QJsonObject({{QStringLiteral("vm"), data[QStringLiteral("vm")]}}));
        }
        for (const char *type : {"appliance.started", "vm.added", "vm.removed", "vm.isolation",
                 "scan.queued", "scan.started", "scan.finished", "incident.opened",
                 "incident.changed", "policy.changed", "pattern.changed"})
            QVERIFY2(seen.contains(QLatin1String(type)), type);
    }

    // The REST answers about the same things agree with the stream: what a
    // role may not read there, it does not read in the events either.
    void streamAgreesWithRestAnswers()
    {
        const QJsonArray incidents =
            m_http->request("GET", QStringLiteral("/api/v1/incidents"), {}, sec())
                .json[QStringLiteral("incidents")]
                .toArray();
        QVERIFY(!incidents.isEmpty());
        const QString id = incidents.first()[QStringLiteral("id")].toString();
        QCOMPARE(m_http
                     ->request("GET", QStringLiteral("/api/v1/incidents/") + id, {},
                         m_tokens[Role::VirtualizationAdmin])
                     .status,
            403L);
        const QJsonObject audIncident =
            m_http
                ->request(
                    "GET", QStringLiteral("/api/v1/incidents/") + id, {}, m_tokens[Role::Auditor])
                .json;
        // The newest incident.changed event of the auditor is the incident as its REST answer.
        QJsonObject last;
        for (const QJsonObject &e : stream(Role::Auditor)) {
            if (e[QStringLiteral("type")] == QStringLiteral("incident.changed")
                && e[QStringLiteral("data")][QStringLiteral("id")] == id)
                last = e[QStringLiteral("data")].toObject();
        }
        QCOMPARE(last, audIncident);
        for (const QJsonValue &vm : m_http
                                        ->request("GET", QStringLiteral("/api/v1/vms"), {},
                                            m_tokens[Role::VirtualizationAdmin])
                                        .json[QStringLiteral("vms")]
                                        .toArray())
            QVERIFY(!vm.toObject().contains(QStringLiteral("root")));
    }

    // Every event type the appliance records, for every role, through the
    // function that shapes the stream: a role that may not GET the resource
    // an event mirrors sees only its VM; the others see what that GET shows.
    void everyEventKindForEveryRole()
    {
        const QJsonObject sample {{QStringLiteral("vm"), QStringLiteral("6f1d")},
            {QStringLiteral("root"), QStringLiteral("/srv/vms/desk")},
            {QStringLiteral("path"), QStringLiteral("/Users/x/a.exe")},
            {QStringLiteral("host_path"), QStringLiteral("/srv/vms/desk/Users/x/a.exe")},
            {QStringLiteral("threat"), QStringLiteral("Eicar")},
            {QStringLiteral("sha256"), QStringLiteral("ab")},
            {QStringLiteral("history"), QJsonArray {QStringLiteral("secret note")}},
            {QStringLiteral("version"), QStringLiteral("2026112501")}};
        int checked = 0;
        for (const auto &kind : mamori::appliance::eventKinds()) {
            for (Role role : {Role::SecurityAdmin, Role::VirtualizationAdmin, Role::Auditor}) {
                const QJsonObject shaped =
                    mamori::appliance::eventDataForRole(QLatin1String(kind.type), sample, role);
                const QString what =
                    QStringLiteral("%1 as %2")
                        .arg(QLatin1String(kind.type), mamori::protocol::roleName(role));
                if (!mayGet(kind.pattern, role)) {
                    QCOMPARE(shaped, QJsonObject({{QStringLiteral("vm"), QStringLiteral("6f1d")}}));
                } else if (qstrcmp(kind.pattern, "/api/v1/vms/{id}") == 0) {
                    QJsonObject expected = sample;
                    if (role == Role::VirtualizationAdmin)
                        expected.remove(QStringLiteral("root"));
                    QVERIFY2(shaped == expected, qPrintable(what));
                } else {
                    QVERIFY2(shaped == sample, qPrintable(what));
                }
                ++checked;
            }
        }
        QCOMPARE(checked, int(mamori::appliance::eventKinds().size()) * 3);
        // An unknown type is guarded like an incident.
        QCOMPARE(mamori::appliance::eventDataForRole(
                     QStringLiteral("new.thing"), sample, Role::VirtualizationAdmin),
            QJsonObject({{QStringLiteral("vm"), QStringLiteral("6f1d")}}));
    }
};

QTEST_GUILESS_MAIN(TestRoleEvents)
#include "tst_role_events.moc"
