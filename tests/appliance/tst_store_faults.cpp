// SPDX-License-Identifier: GPL-2.0-or-later
// A damaged database and a lost TLS identity are noticed, stop the appliance
// with the way out, and the ways out work (docs/reliability.md, "Damaged
// database" and "Identity") — against real appliance processes, with the
// damage the issue names: 8 KiB of random bytes in the middle of the file.
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestHttp.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori::test;

namespace {

const QByteArray kPassword = "correct horse battery";
constexpr int kOpenIncidents = 4000;
constexpr int kExitDamagedStore = 3;
constexpr int kExitIdentity = 4;
constexpr int kExitBusy = 5;
const QString kNow = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");

QString dbPath(const ApplianceProcess &app)
{
    return QDir(app.dataDir()).filePath(QStringLiteral("appliance.sqlite"));
}

// The damage of the issue: 8 KiB of random bytes where the tables live.
void damageMiddle(const QString &path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY2(f.size() > 1 << 20, "too small for the middle to hold table pages");
    QByteArray noise(8192, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(
        reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
    QVERIFY(f.seek(f.size() / 2));
    QCOMPARE(f.write(noise), noise.size());
    f.close();
}

int serveOnce(const ApplianceProcess &app, QByteArray *output)
{
    return ApplianceProcess::run({QStringLiteral("serve"), QStringLiteral("--data"), app.dataDir(),
                                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
        {}, output);
}

int command(const ApplianceProcess &app, QStringList args, QByteArray *output)
{
    args << QStringLiteral("--data") << app.dataDir();
    return ApplianceProcess::run(args, {}, output);
}

QStringList backupsOf(const ApplianceProcess &app)
{
    return QDir(QDir(app.dataDir()).filePath(QStringLiteral("backups")))
        .entryList({QStringLiteral("appliance-*.sqlite")}, QDir::Files);
}

qint64 count(const ApplianceProcess &app, const QString &sql)
{
    QVariant n;
    return app.execSql(sql, &n) ? n.toLongLong() : -1;
}

qint64 openIncidents(const ApplianceProcess &app)
{
    QVariant n;
    return app.execSql(QStringLiteral("SELECT count(*) FROM incidents WHERE state = 'new'"), &n)
        ? n.toLongLong()
        : -1;
}

} // namespace

class TestStoreFaults : public QObject
{
    Q_OBJECT

    // A stopped appliance whose database holds thousands of open incidents
    // and events (a few MB), and at least one backup of it.
    void prepareWithBackup(ApplianceProcess &app)
    {
        app.setConfig(R"("backup_interval_seconds": 1)");
        QVERIFY(app.start());
        QVERIFY(app.addUser(QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword));
        QVERIFY(app.stop());
        // Events before and after the incidents, so that the middle of the
        // file holds incident pages; all recent, or retention would free them.
        const QString events = QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
            "INSERT INTO events(time, type, data) SELECT %1, 'scan.progress', "
            "'{\"pad\":\"' || hex(randomblob(48)) || '\"}' FROM n")
                                   .arg(kNow);
        QVERIFY(app.execSql(events));
        QVERIFY(app.execSql(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
            "INSERT INTO incidents(vm, vm_name, path, host_path, threat, sha256, size, severity, "
            "source, first_seen, last_seen, detections, action, state, assignee, quarantine_id) "
            "SELECT 'vm-' || (i % 25), 'desk', '/Users/a/f' || i || '.exe', '/srv/f' || i, "
            "'Eicar-Test-Signature', hex(randomblob(32)), 68, 'high', 'realtime', %2, %2, 1, "
            "'none', 'new', '', '' FROM n")
                                .arg(kOpenIncidents)
                                .arg(kNow)));
        QVERIFY(app.execSql(events));
        QCOMPARE(openIncidents(app), qint64(kOpenIncidents));
        // Backups of the first run lack those rows: the running appliance
        // takes a new one within its interval.
        QVERIFY(QDir(QDir(app.dataDir()).filePath(QStringLiteral("backups"))).removeRecursively());
        QVERIFY(app.start());
        QTRY_VERIFY_WITH_TIMEOUT(!backupsOf(app).isEmpty(), 30000);
        QVERIFY(app.stop());
    }

private Q_SLOTS:
    // `pattern import` with the appliance stopped writes the switch's audit
    // record (on the chain, with the event, intent closed); beside a running
    // appliance the appliance writes it: one record per import either way.
    void offlinePatternImportIsAudited()
    {
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QString keys = work.filePath(QStringLiteral("keys"));
        const QString sig1 = work.filePath(QStringLiteral("sig1"));
        const QString sig2 = work.filePath(QStringLiteral("sig2"));
        QVERIFY(makeSignatures(sig1) && makeSignatures(sig2, true));
        const QString bundle1 = buildBundle(keys, sig1, 41, work.path());
        const QString bundle2 = buildBundle(keys, sig2, 42, work.path());
        QVERIFY(!bundle1.isEmpty() && !bundle2.isEmpty());

        ApplianceProcess app;
        QVERIFY(app.start());
        QVERIFY(app.stop());
        QVERIFY(trustAndImport(keys, bundle1, app.dataDir()));
        const QString imported = QStringLiteral(
            "SELECT count(*) FROM audit WHERE action = 'pattern.import' AND target = '%1' AND "
            "outcome = 'success'");
        QCOMPARE(count(app, imported.arg(41)), 1);
        QCOMPARE(count(app,
                     QStringLiteral("SELECT count(*) FROM audit WHERE target = '41' AND detail "
                                    "LIKE '%pattern import command of local user%stopped%'")),
            1);
        QCOMPARE(count(app,
                     QStringLiteral("SELECT count(*) FROM events WHERE type = 'pattern.changed' "
                                    "AND data LIKE '%\"41\"%'")),
            1);
        QCOMPARE(count(app, QStringLiteral("SELECT count(*) FROM pattern_intents")), 0);
        QByteArray out;
        QCOMPARE(command(app, {QStringLiteral("audit"), QStringLiteral("verify")}, &out), 0);

        // Beside a running appliance: the appliance records it, once.
        QVERIFY(app.start());
        QCOMPARE(
            command(app, {QStringLiteral("pattern"), QStringLiteral("import"), bundle2}, &out), 0);
        QTRY_COMPARE_WITH_TIMEOUT(count(app, imported.arg(42)), 1, 30000);
        QVERIFY(app.stop());
        QCOMPARE(count(app, imported.arg(42)), 1);
        QCOMPARE(count(app, imported.arg(41)), 1);
        QCOMPARE(command(app, {QStringLiteral("audit"), QStringLiteral("verify")}, &out), 0);
    }

    void damagedDatabaseStopsTheStartAndRestoreBringsBackABackup()
    {
        ApplianceProcess app;
        prepareWithBackup(app);
        if (QTest::currentTestFailed())
            return;
        damageMiddle(dbPath(app));

        QByteArray out;
        QCOMPARE(serveOnce(app, &out), kExitDamagedStore);
        QVERIFY2(out.contains("database damaged: " + QFile::encodeName(dbPath(app))), out);
        QVERIFY2(out.contains("mamori-appliance db restore --data"), out);
        // No command reads or writes the damaged file without saying so.
        QCOMPARE(command(app, {QStringLiteral("audit"), QStringLiteral("verify")}, &out),
            kExitDamagedStore);

        QCOMPARE(
            command(app, {QStringLiteral("db"), QStringLiteral("check")}, &out), kExitDamagedStore);
        QVERIFY2(out.contains("DAMAGED"), out);
        const QString backup = backupsOf(app).constLast();
        QVERIFY2(out.contains(backup.toUtf8() + "\t") && out.contains("\tok\n"), out);

        QCOMPARE(command(app, {QStringLiteral("db"), QStringLiteral("restore")}, &out), 0);
        QVERIFY2(out.contains("restored appliance-"), out);
        QVERIFY2(out.contains("audit log intact:"), out);
        const QStringList replaced =
            QDir(QDir(app.dataDir()).filePath(QStringLiteral("replaced"))).entryList(QDir::Files);
        QVERIFY2(replaced.size() == 1, qPrintable(replaced.join(u' ')));

        QCOMPARE(command(app, {QStringLiteral("db"), QStringLiteral("check")}, &out), 0);
        QCOMPARE(openIncidents(app), qint64(kOpenIncidents));
        QVariant restoreRecords;
        QVERIFY(app.execSql(QStringLiteral("SELECT count(*) FROM audit WHERE action = "
                                           "'database.restore' AND detail LIKE '%intact%'"),
            &restoreRecords));
        QCOMPARE(restoreRecords.toInt(), 1);
        QCOMPARE(app.verifyAudit(), 0);

        // The appliance serves the restored data, every open incident there.
        QVERIFY(app.start());
        TestHttp http(app.baseUrl(), app.certificatePath());
        const QString token = http.token(QStringLiteral("sec"), QString::fromLatin1(kPassword));
        QVERIFY(!token.isEmpty());
        const TestResponse incidents =
            http.request("GET", QStringLiteral("/api/v1/incidents?state=new"), {}, token);
        QCOMPARE(incidents.status, 200);
        // While it runs, nothing may restore under it.
        QCOMPARE(command(app, {QStringLiteral("db"), QStringLiteral("restore")}, &out), kExitBusy);
        QVERIFY2(out.contains("appliance running"), out);
        QVERIFY(app.stop());
    }

    void damageWhileRunningStopsTheAppliance()
    {
        ApplianceProcess app;
        prepareWithBackup(app);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(app.start());
        damageMiddle(dbPath(app));
        // The next full check (each second here) finds it and ends serve.
        QCOMPARE(app.waitForExit(60000), kExitDamagedStore);
        QVERIFY2(app.output().contains("database damaged:"), app.output());
    }

    void restoreOfANamedBackupAndRefusals()
    {
        ApplianceProcess app;
        prepareWithBackup(app);
        if (QTest::currentTestFailed())
            return;
        QByteArray out;
        QCOMPARE(command(app,
                     {QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--backup"),
                         QStringLiteral("appliance-nonesuch-daily.sqlite")},
                     &out),
            1);
        QVERIFY2(out.contains("no backup named"), out);
        const QString name = backupsOf(app).constFirst();
        QCOMPARE(
            command(app,
                {QStringLiteral("db"), QStringLiteral("restore"), QStringLiteral("--backup"), name},
                &out),
            0);
        QVERIFY2(out.contains("restored " + name.toUtf8()), out);
        QFileInfo restored(dbPath(app));
        QCOMPARE(
            restored.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    }

    void missingOrDamagedIdentityStopsTheStart_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("key deleted") << QStringLiteral("rm key");
        QTest::newRow("certificate deleted") << QStringLiteral("rm cert");
        QTest::newRow("tls folder deleted") << QStringLiteral("rm tls");
        QTest::newRow("key damaged") << QStringLiteral("garble key");
        QTest::newRow("certificate damaged") << QStringLiteral("garble cert");
    }

    void missingOrDamagedIdentityStopsTheStart()
    {
        QFETCH(QString, damage);
        ApplianceProcess app;
        QVERIFY(app.start()); // the first start on an empty folder creates one
        const QString original = app.fingerprint();
        QVERIFY(app.stop());
        const QDir tls(QDir(app.dataDir()).filePath(QStringLiteral("tls")));
        const QString file = tls.filePath(damage.endsWith(u"key") ? u"key.pem"_qs : u"cert.pem"_qs);
        if (damage == u"rm tls") {
            QVERIFY(QDir(tls).removeRecursively());
        } else if (damage.startsWith(u"rm")) {
            QVERIFY(QFile::remove(file));
        } else {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(40));
            f.write("garbage in the middle of the PEM");
        }

        QByteArray out;
        QCOMPARE(serveOnce(app, &out), kExitIdentity);
        QVERIFY2(out.contains("identity missing or damaged: "), out);
        QVERIFY2(out.contains(original.toLatin1()), out);
        QVERIFY2(out.contains("mamori-appliance identity renew --data"), out);
        QCOMPARE(QFileInfo::exists(tls.filePath(QStringLiteral("key.pem"))),
            damage != u"rm key" && damage != u"rm tls");

        // Only the explicit command makes a new one, and says so.
        QCOMPARE(command(app, {QStringLiteral("identity"), QStringLiteral("renew")}, &out), 0);
        QVERIFY2(out.contains("old fingerprint: none readable"), out);
        QVERIFY2(out.contains("new fingerprint: "), out);
        QVERIFY(app.start());
        QVERIFY(app.fingerprint() != original);
        QVERIFY2(out.contains("new fingerprint: " + app.fingerprint().toLatin1()), out);
        QVERIFY(app.stop());
        QVariant records;
        QVERIFY(app.execSql(
            QStringLiteral("SELECT count(*) FROM audit WHERE action = 'identity.renew' AND "
                           "detail LIKE '%%1%'")
                .arg(app.fingerprint()),
            &records));
        QCOMPARE(records.toInt(), 1);
        QCOMPARE(app.verifyAudit(), 0);
    }

    void anotherIdentityIsRefusedAndRenewWantsTheApplianceStopped()
    {
        ApplianceProcess a, b;
        QVERIFY(a.start());
        QVERIFY(b.start());
        const QString fingerprintA = a.fingerprint();
        QByteArray out;
        QCOMPARE(
            command(a, {QStringLiteral("identity"), QStringLiteral("renew")}, &out), kExitBusy);
        QVERIFY2(out.contains("appliance running"), out);
        QVERIFY(a.stop());
        QVERIFY(b.stop());
        // B's key and certificate put into A's folder: a whole, valid pair,
        // but not A's identity.
        for (const char *name : {"tls/key.pem", "tls/cert.pem"}) {
            const QString target = QDir(a.dataDir()).filePath(QLatin1String(name));
            QVERIFY(QFile::remove(target));
            QVERIFY(QFile::copy(QDir(b.dataDir()).filePath(QLatin1String(name)), target));
        }
        QCOMPARE(serveOnce(a, &out), kExitIdentity);
        QVERIFY2(out.contains("identity replaced: "), out);
        QVERIFY2(out.contains(fingerprintA.toLatin1()), out);

        QCOMPARE(command(a, {QStringLiteral("identity"), QStringLiteral("renew")}, &out), 0);
        QVERIFY2(out.contains("old fingerprint: " + b.fingerprint().toLatin1()), out);
        QVERIFY(a.start());
        QVERIFY(a.fingerprint() != fingerprintA && a.fingerprint() != b.fingerprint());
        QVERIFY(a.stop());
    }
};

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "tst_store_faults.moc"
