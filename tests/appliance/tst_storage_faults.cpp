// SPDX-License-Identifier: GPL-2.0-or-later
// A real appliance whose data folder fills up or turns read-only: changes
// are refused with a storage error (never invalid_argument, never a 200
// without its audit record), a detection is kept, shown and alerted at once
// and recorded (and its file quarantined) when space returns.
//
// The data folder is a small tmpfs where this process may mount one;
// otherwise the appliance runs with `serve --test-faults` and the fault is
// named in the file MAMORI_TEST_STORAGE_FAULT points at (the database then
// refuses writes; files are not affected). The test prints which it used;
// MAMORI_TEST_NO_MOUNT=1 makes it use the hook.
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "TestHttp.h"
#include "WebhookReceiver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QTest>

#include <utility>

using namespace mamori::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

bool runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestStorageFaults : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    std::unique_ptr<WebhookReceiver> m_webhook;
    QString m_sec;
    QString m_mount; // the tmpfs; empty: the fault hook
    QString m_faultFile;
    QString m_vms;
    QHash<QString, QString> m_vmIds;

    TestResponse get(const QString &path) const { return m_http->request("GET", path, {}, m_sec); }
    TestResponse put(const QString &path, const QJsonObject &body) const
    {
        return m_http->request("PUT", path, json(body), m_sec);
    }

    // Makes the data folder full: a filler file takes every free byte of
    // the tmpfs, or the hook is told "full".
    void fill()
    {
        if (m_mount.isEmpty())
            return setHook("full");
        QFile filler(m_mount + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray mib(1 << 20, 'x');
        while (filler.write(mib) == mib.size() && filler.flush()) { }
        const QByteArray page(4096, 'x');
        while (filler.write(page) == page.size() && filler.flush()) { }
        QByteArray byte(1, 'x');
        while (filler.write(byte) == 1 && filler.flush()) { }
    }
    void unfill()
    {
        if (m_mount.isEmpty())
            setHook({});
        else
            QVERIFY(QFile::remove(m_mount + QStringLiteral("/filler")));
    }
    // The hook polls its file: wait until it applied what was asked.
    void setHook(const QByteArray &fault)
    {
        if (fault.isEmpty())
            QVERIFY(QFile::remove(m_faultFile));
        else
            QVERIFY(writeFile(m_faultFile, fault));
        const QByteArray want = fault.isEmpty() ? QByteArray("none") : fault;
        QTRY_COMPARE_WITH_TIMEOUT(
            [this] {
                QFile f(m_faultFile + QStringLiteral(".applied"));
                return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
            }(),
            want, 10000);
    }
    QString protectionOf(const QString &vm) const
    {
        return get(QStringLiteral("/api/v1/vms/") + vm)
            .json[QStringLiteral("protection")][QStringLiteral("status")]
            .toString();
    }

    // An appliance of its own with the fault hook on (the database refuses,
    // the vault writes), no automatic action and one incident whose file
    // is still in its VM.
    struct OwnAppliance
    {
        ApplianceProcess app;
        std::unique_ptr<TestHttp> http;
        QString token;
        QString infected; // the incident's file in the VM
        QString id;

        TestResponse act(const QString &action) const
        {
            return http->request("POST", QStringLiteral("/api/v1/incidents/%1/actions").arg(id),
                json({{QStringLiteral("action"), action}}), token);
        }
        QJsonObject incident() const
        {
            return http->request("GET", QStringLiteral("/api/v1/incidents/") + id, {}, token).json;
        }
        // The vault's items (their metadata files).
        QStringList vault() const
        {
            return QDir(app.dataDir() + QStringLiteral("/quarantine"))
                .entryList({QStringLiteral("q-*.json")}, QDir::Files);
        }
        bool fileInVmIsTheOriginal() const
        {
            QFile file(infected);
            return file.open(QIODevice::ReadOnly) && file.readAll() == eicar();
        }
    };
    // Starts `own`; the suite's fault file is used again when the returned
    // guard ends.
    [[nodiscard]] auto startOwnAppliance(OwnAppliance *own)
    {
        ApplianceProcess &app = own->app;
        const QString suiteFaultFile =
            std::exchange(m_faultFile, app.workDir() + QStringLiteral("/storage-fault"));
        const QByteArray suiteVariable = qgetenv("MAMORI_TEST_STORAGE_FAULT");
        auto guard = qScopeGuard([this, suiteFaultFile, suiteVariable] {
            m_faultFile = suiteFaultFile;
            qputenv("MAMORI_TEST_STORAGE_FAULT", suiteVariable);
        });
        qputenv("MAMORI_TEST_STORAGE_FAULT", QFile::encodeName(m_faultFile));
        [&] {
            const QString vms = app.workDir() + QStringLiteral("/vms");
            own->infected = vms + QStringLiteral("/desk-009/Users/bob/eicar.com");
            QVERIFY(writeFile(vms + QStringLiteral("/desk-009/Windows/notepad.exe"), "MZ notepad"));
            QVERIFY(app.addUser(
                QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword.toUtf8()));
            QVERIFY(!installPatternWithUpdate(app.workDir(), app.dataDir(), 1).isEmpty());
            app.setConfig(QStringLiteral("\"inventory\": \"directory:%1\"").arg(vms).toUtf8());
            QVERIFY(app.start({QStringLiteral("--test-faults")}));
            own->http = std::make_unique<TestHttp>(app.baseUrl(), app.certificatePath());
            TestHttp &http = *own->http;
            const QString token = own->token = http.token(QStringLiteral("sec"), kPassword);
            QVERIFY(!token.isEmpty());
            const auto call = [&](const QByteArray &method, const QString &path,
                                  const QJsonObject &body) {
                return http.request(
                    method, path, body.isEmpty() ? QByteArray() : json(body), token);
            };
            // With no automatic action the file a scan finds stays where it
            // is. One scan finds it, and nothing else: real-time scanning
            // would find it a second time, at a moment of its own, and
            // change the incident (its count of detections) under the
            // comparisons below.
            QCOMPARE(call("PUT", QStringLiteral("/api/v1/policy"),
                         {{QStringLiteral("automatic_action"), QStringLiteral("none")},
                             {QStringLiteral("realtime"),
                                 QJsonObject {{QStringLiteral("default"), QStringLiteral("off")}}}})
                         .status,
                200L);
            QVERIFY(!http.waitForVms(token, 1).isEmpty());
            QVERIFY(writeFile(own->infected, eicar()));
            const TestResponse queued = call("POST", QStringLiteral("/api/v1/scans"),
                {{QStringLiteral("vms"), QStringLiteral("all")},
                    {QStringLiteral("kind"), QStringLiteral("full")}});
            QCOMPARE(queued.status, 200L);
            const QJsonArray jobs = queued.json[QStringLiteral("jobs")].toArray();
            QCOMPARE(jobs.size(), 1);
            const QString job =
                QStringLiteral("/api/v1/scans/") + jobs.at(0)[QStringLiteral("id")].toString();
            QTRY_COMPARE_WITH_TIMEOUT(call("GET", job, {}).json[QStringLiteral("state")].toString(),
                QStringLiteral("finished"), 60000);
            const QJsonArray incidents = call("GET", QStringLiteral("/api/v1/incidents"), {})
                                             .json[QStringLiteral("incidents")]
                                             .toArray();
            QCOMPARE(incidents.size(), 1);
            own->id = incidents.at(0)[QStringLiteral("id")].toString();
            QCOMPARE(own->incident()[QStringLiteral("action")].toString(), QStringLiteral("none"));
            QVERIFY(own->fileInVmIsTheOriginal());
        }();
        return guard;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_app = std::make_unique<ApplianceProcess>();
        const QString mount = m_app->workDir() + QStringLiteral("/small");
        QVERIFY(QDir().mkpath(mount));
        // MAMORI_TEST_NO_MOUNT=1 tries the hook where a mount would work.
        if (qEnvironmentVariableIntValue("MAMORI_TEST_NO_MOUNT") == 0
            && runTool(QStringLiteral("mount"),
                {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                    QStringLiteral("size=24m,mode=0700"), QStringLiteral("tmpfs"), mount})) {
            m_mount = mount;
            m_app->setDataDir(mount + QStringLiteral("/data"));
            qInfo("storage faults: a 24 MiB tmpfs at %s holds the data folder", qPrintable(mount));
        } else {
            m_faultFile = m_app->workDir() + QStringLiteral("/storage-fault");
            qputenv("MAMORI_TEST_STORAGE_FAULT", QFile::encodeName(m_faultFile));
            qInfo("storage faults: no tmpfs may be mounted here; using the fault hook "
                  "(serve --test-faults, MAMORI_TEST_STORAGE_FAULT)");
        }
        // The VMs live outside the data folder: a full data folder is not a
        // full desktop.
        m_vms = m_app->workDir() + QStringLiteral("/vms");
        QVERIFY(writeFile(m_vms + QStringLiteral("/desk-001/Windows/notepad.exe"), "MZ notepad"));
        QByteArray output;
        QVERIFY2(ApplianceProcess::run(
                     {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("sec"),
                         QStringLiteral("--role"), QStringLiteral("security-admin"),
                         QStringLiteral("--data"), m_app->dataDir()},
                     kPassword.toUtf8() + '\n', &output)
                == 0,
            output.constData());
        const QString source = installPatternWithUpdate(m_app->workDir(), m_app->dataDir(), 1);
        QVERIFY(!source.isEmpty());
        m_webhook = std::make_unique<WebhookReceiver>(QList<int> {200});
        QVERIFY(m_webhook->listen());
        m_app->setConfig(QStringLiteral("\"inventory\": \"directory:%1\", \"webhook\": \"%2\", "
                                        "\"pattern_source\": \"%3\"")
                             .arg(m_vms, m_webhook->url(), source)
                             .toUtf8());
        QVERIFY(m_app->start(
            m_mount.isEmpty() ? QStringList {QStringLiteral("--test-faults")} : QStringList {}));
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_sec = m_http->token(QStringLiteral("sec"), kPassword);
        QVERIFY(!m_sec.isEmpty());
        m_vmIds = m_http->waitForVms(m_sec, 1);
        QVERIFY(m_vmIds.contains(QStringLiteral("desk-001")));
    }

    void cleanupTestCase()
    {
        if (m_app)
            m_app->stop();
        if (!m_mount.isEmpty())
            runTool(QStringLiteral("umount"), {QStringLiteral("-l"), m_mount});
    }

    // PUT /policy on a full data folder: 507 storage_full, the policy in
    // force stays, and nothing of the change is recorded.
    void changeOnFullStorageAnswersStorageFull()
    {
        const QJsonObject before = get(QStringLiteral("/api/v1/policy")).json;
        fill();
        const TestResponse r =
            put(QStringLiteral("/api/v1/policy"), {{QStringLiteral("max_concurrent_scans"), 3}});
        unfill();
        QVERIFY2(r.status == 507, r.body.constData());
        QCOMPARE(r.errorCode(), QStringLiteral("storage_full"));
        QVERIFY2(r.json[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
                     QStringLiteral("storage full")),
            r.body.constData());
        QCOMPARE(get(QStringLiteral("/api/v1/policy")).json, before);
        // Space is back: the same change goes through.
        QCOMPARE(
            put(QStringLiteral("/api/v1/policy"), {{QStringLiteral("max_concurrent_scans"), 3}})
                .status,
            200L);
    }

    // A pattern update on a full data folder is a storage error: not a
    // refused bundle, no pattern.refused alert, and it goes through once
    // there is space.
    void patternUpdateOnFullStorageIsNotARefusal()
    {
        const int alertsBefore = int(m_webhook->bodies.size());
        fill();
        const TestResponse r =
            m_http->request("POST", QStringLiteral("/api/v1/patterns/update"), "{}", m_sec);
        unfill();
        QCOMPARE(r.errorCode(), QStringLiteral("storage_full"));
        QCOMPARE(r.status, 507L);
        QCOMPARE(get(QStringLiteral("/api/v1/patterns"))
                     .json[QStringLiteral("active")][QStringLiteral("version")]
                     .toString(),
            QStringLiteral("1"));
        const TestResponse again =
            m_http->request("POST", QStringLiteral("/api/v1/patterns/update"), "{}", m_sec);
        QVERIFY2(again.status == 200, again.body.constData());
        QCOMPARE(get(QStringLiteral("/api/v1/patterns"))
                     .json[QStringLiteral("active")][QStringLiteral("version")]
                     .toString(),
            QStringLiteral("2"));
        for (qsizetype i = alertsBefore; i < m_webhook->bodies.size(); ++i)
            QVERIFY(!m_webhook->bodies.at(i).contains("pattern.refused"));
    }

    // A detection while the data folder is full: kept, the VM shows
    // infected, an appliance.trouble alert goes out at once; when space
    // returns the incident is recorded and the file quarantined.
    void detectionOnFullStorageIsKeptAndRecordedLater()
    {
        const QString vm = m_vmIds.value(QStringLiteral("desk-001"));
        QVERIFY(protectionOf(vm) != QLatin1String("infected"));
        const QString infected = m_vms + QStringLiteral("/desk-001/Users/alice/eicar.com");
        fill();
        QVERIFY(writeFile(infected, eicar()));
        QDeadlineTimer deadline(30000);
        QJsonObject trouble;
        while (trouble.isEmpty() && !deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            for (const QByteArray &body : std::as_const(m_webhook->bodies)) {
                const QJsonObject alert = QJsonDocument::fromJson(body).object();
                if (alert[QStringLiteral("type")] == QLatin1String("appliance.trouble"))
                    trouble = alert;
            }
        }
        QVERIFY2(!trouble.isEmpty(), "no appliance.trouble alert while the data folder was full");
        const QJsonObject data = trouble[QStringLiteral("data")].toObject();
        QCOMPARE(data[QStringLiteral("message")].toString(), QStringLiteral("storage full"));
        QCOMPARE(data[QStringLiteral("folder")].toString(), m_app->dataDir());
        QVERIFY(data.contains(QStringLiteral("free_bytes")));
        QCOMPARE(protectionOf(vm), QStringLiteral("infected"));
        QVERIFY(get(QStringLiteral("/api/v1/incidents"))
                    .json[QStringLiteral("incidents")]
                    .toArray()
                    .isEmpty());

        unfill();
        QJsonArray incidents;
        QDeadlineTimer recorded(30000);
        while (incidents.isEmpty() && !recorded.hasExpired()) {
            QTest::qWait(200);
            incidents = get(QStringLiteral("/api/v1/incidents"))
                            .json[QStringLiteral("incidents")]
                            .toArray();
        }
        QCOMPARE(incidents.size(), 1);
        QCOMPARE(incidents.at(0)[QStringLiteral("vm")].toString(), vm);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(infected), 30000); // quarantined
        QCOMPARE(protectionOf(vm), QStringLiteral("infected"));
    }

    // An incident action on a full data folder: refused with storage_full,
    // the incident unchanged; it goes through once there is space.
    void incidentActionOnFullStorageIsRefused()
    {
        const QJsonArray incidents =
            get(QStringLiteral("/api/v1/incidents")).json[QStringLiteral("incidents")].toArray();
        QVERIFY(!incidents.isEmpty());
        const QString id = incidents.at(0)[QStringLiteral("id")].toString();
        const QString path = QStringLiteral("/api/v1/incidents/%1/actions").arg(id);
        const QJsonObject before = get(QStringLiteral("/api/v1/incidents/") + id).json;
        fill();
        const TestResponse r = m_http->request(
            "POST", path, json({{QStringLiteral("action"), QStringLiteral("acknowledge")}}), m_sec);
        unfill();
        QVERIFY2(r.status == 507, r.body.constData());
        QCOMPARE(r.errorCode(), QStringLiteral("storage_full"));
        QCOMPARE(get(QStringLiteral("/api/v1/incidents/") + id).json, before);
        const TestResponse again = m_http->request(
            "POST", path, json({{QStringLiteral("action"), QStringLiteral("acknowledge")}}), m_sec);
        QVERIFY2(again.status == 200, again.body.constData());
    }

    // A detection the database takes while the vault (in the data folder)
    // cannot take the file: the incident is recorded at once, the automatic
    // quarantine fails and is tried again until it succeeds, as soon as
    // space returns, without waiting for the file to be found again. Needs
    // the tmpfs: the fault hook leaves files writable.
    void quarantineWaitsForTheVaultOnlyAsLongAsItIsFull()
    {
        if (m_mount.isEmpty())
            QSKIP("the fault hook leaves the vault writable; this needs the tmpfs");
        const QString big = m_vms + QStringLiteral("/desk-001/Users/alice/report.bin");
        fill();
        // Room for the incident's rows, not for the file's copy in the vault.
        QVERIFY(QFile::resize(m_mount + QStringLiteral("/filler"),
            QFileInfo(m_mount + QStringLiteral("/filler")).size() - (1 << 20)));
        QVERIFY(writeFile(big, QByteArray(3 << 20, 'a') + bodyMarker() + QByteArray(64, 'b')));
        QJsonObject incident;
        QDeadlineTimer deadline(30000);
        while (incident.isEmpty() && !deadline.hasExpired()) {
            QTest::qWait(200);
            for (const QJsonValue &v : get(QStringLiteral("/api/v1/incidents"))
                                           .json[QStringLiteral("incidents")]
                                           .toArray()) {
                if (v[QStringLiteral("path")].toString().endsWith(QLatin1String("/report.bin")))
                    incident = v.toObject();
            }
        }
        QVERIFY2(!incident.isEmpty(), "the detection was not recorded");
        QVERIFY(QFile::exists(big));
        QCOMPARE(incident[QStringLiteral("action")].toString(), QStringLiteral("none"));
        unfill();
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(big), 30000);
        const QString id = incident[QStringLiteral("id")].toString();
        QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("/api/v1/incidents/") + id)
                                      .json[QStringLiteral("action")]
                                      .toString(),
            QStringLiteral("quarantined"), 10000);
    }

    // A quarantine whose record cannot be committed (the database refuses
    // writes, the vault can still be written: the fault hook on an appliance
    // of its own, whatever this machine can mount) is undone: 507, the file
    // back where it was with its bytes, the incident unchanged; with space
    // back the same action goes through.
    void quarantineWhoseRecordFailsPutsTheFileBack()
    {
        OwnAppliance own;
        const auto suiteHook = startOwnAppliance(&own);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject before = own.incident();

        setHook("full");
        const TestResponse r = own.act(QStringLiteral("quarantine"));
        setHook({});
        QVERIFY2(r.status == 507, r.body.constData());
        QCOMPARE(r.errorCode(), QStringLiteral("storage_full"));
        QVERIFY2(own.fileInVmIsTheOriginal(), "the file was not put back");
        QVERIFY(own.vault().isEmpty());
        QCOMPARE(own.incident(), before);

        const TestResponse again = own.act(QStringLiteral("quarantine"));
        QVERIFY2(again.status == 200, again.body.constData());
        QVERIFY(!QFile::exists(own.infected));
        QVERIFY(own.app.stop());
    }

    // A restore whose record cannot be committed: the file goes back into
    // the vault under the item its incident names, not left in the VM.
    void restoreWhoseRecordFailsPutsTheFileBackInTheVault()
    {
        OwnAppliance own;
        const auto suiteHook = startOwnAppliance(&own);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(own.act(QStringLiteral("quarantine")).status, 200L);
        QVERIFY(!QFile::exists(own.infected));
        const QJsonObject before = own.incident();
        const QString item = before[QStringLiteral("quarantine_id")].toString();
        QCOMPARE(own.vault(), QStringList {item + QStringLiteral(".json")});

        setHook("full");
        const TestResponse r = own.act(QStringLiteral("restore"));
        setHook({});
        QVERIFY2(r.status == 507, r.body.constData());
        QCOMPARE(r.errorCode(), QStringLiteral("storage_full"));
        QVERIFY2(!QFile::exists(own.infected), "the restored file stayed in the VM");
        QCOMPARE(own.vault(), QStringList {item + QStringLiteral(".json")});
        QCOMPARE(own.incident(), before);

        // Its bytes are the vault's: the restore with storage back gives them.
        const TestResponse again = own.act(QStringLiteral("restore"));
        QVERIFY2(again.status == 200, again.body.constData());
        QVERIFY(own.fileInVmIsTheOriginal());
        QVERIFY(own.vault().isEmpty());
        QVERIFY(own.app.stop());
    }

    // A delete whose record cannot be committed destroys nothing: the file
    // stays in the VM (not quarantined) or in the vault (quarantined).
    void deleteWhoseRecordFailsKeepsTheFile()
    {
        OwnAppliance own;
        const auto suiteHook = startOwnAppliance(&own);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject inVm = own.incident();
        setHook("full");
        TestResponse r = own.act(QStringLiteral("delete"));
        setHook({});
        QVERIFY2(r.status == 507, r.body.constData());
        QVERIFY2(own.fileInVmIsTheOriginal(), "the file was not put back in the VM");
        QVERIFY(own.vault().isEmpty());
        QCOMPARE(own.incident(), inVm);

        QCOMPARE(own.act(QStringLiteral("quarantine")).status, 200L);
        const QJsonObject inVault = own.incident();
        const QStringList vault = own.vault();
        QCOMPARE(vault.size(), 1);
        setHook("full");
        r = own.act(QStringLiteral("delete"));
        setHook({});
        QVERIFY2(r.status == 507, r.body.constData());
        QCOMPARE(own.vault(), vault);
        QVERIFY(!QFile::exists(own.infected));
        QCOMPARE(own.incident(), inVault);

        r = own.act(QStringLiteral("delete"));
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json[QStringLiteral("action")].toString(), QStringLiteral("deleted"));
        QVERIFY(r.json[QStringLiteral("quarantine_id")].toString().isEmpty());
        QVERIFY(own.vault().isEmpty());
        QVERIFY(!QFile::exists(own.infected));
        QVERIFY(own.app.stop());
    }

    // A read-only data folder says so: a change answers storage_read_only
    // (the fault hook; a tmpfs cannot be made read-only while the appliance
    // has its database open for writing), and a start says "read-only"
    // instead of SQLite's "unable to open database file" (the tmpfs).
    void readOnlyDataFolderSaysSo()
    {
        if (m_mount.isEmpty()) {
            setHook("read-only");
            const TestResponse r = put(
                QStringLiteral("/api/v1/policy"), {{QStringLiteral("max_concurrent_scans"), 2}});
            setHook({});
            QCOMPARE(r.errorCode(), QStringLiteral("storage_read_only"));
            QCOMPARE(r.status, 503L);
            return;
        }
        QVERIFY(m_app->stop());
        QVERIFY(runTool(QStringLiteral("mount"),
            {QStringLiteral("-o"), QStringLiteral("remount,ro"), m_mount}));
        QByteArray output;
        const int exitCode = ApplianceProcess::run(
            {QStringLiteral("serve"), QStringLiteral("--data"), m_app->dataDir(),
                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
            {}, &output);
        QVERIFY(runTool(QStringLiteral("mount"),
            {QStringLiteral("-o"), QStringLiteral("remount,rw"), m_mount}));
        QVERIFY(exitCode != 0);
        QVERIFY2(output.contains("read-only"), output.constData());
        QVERIFY2(!output.contains("unable to open database file") || output.contains("read-only"),
            output.constData());
    }
};

QTEST_GUILESS_MAIN(TestStorageFaults)
#include "tst_storage_faults.moc"
