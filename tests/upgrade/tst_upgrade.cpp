// SPDX-License-Identifier: GPL-2.0-or-later
//
// Upgrades keep everything: data folders written by Mamori 0.1.0
// (fixture-0.1.0.tar.gz, made by make-fixture from commit 98cf32a) are opened
// by this build's appliance and console stores, and every user, incident,
// quarantined file, event, audit record, baseline, policy and pinned
// certificate is still there. A database from a newer version is refused and
// left byte for byte as it was.
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestHttp.h"
#include "app/client/CertificateInfo.h"
#include "app/metrics/MetricsArchive.h"
#include "app/store/ConsoleStore.h"
#include "appliance/quarantine/QuarantineVault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <unistd.h>

using namespace mamori;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Writes to a copy's database with plain SQLite, as a newer release would.
bool execOn(const QString &dbPath, const QString &sql)
{
    const QString name = QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// The fixture was made as root, and restore gives a file back to its owner:
// for a test run by another user, the entries name that user instead.
bool ownVaultEntries(const QString &vaultDir)
{
    const QDir dir(vaultDir);
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadWrite))
            return false;
        QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        o.insert(QStringLiteral("owner"), qint64(::getuid()));
        o.insert(QStringLiteral("group"), qint64(::getgid()));
        if (!f.resize(0) || f.write(QJsonDocument(o).toJson()) < 0)
            return false;
    }
    return true;
}

} // namespace

class TstUpgrade : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_temp;
    QJsonObject m_manifest;

    // A fresh copy of the fixture's data folders in a new temporary folder.
    QString unpack(QTemporaryDir &into)
    {
        QProcess tar;
        tar.start(QStringLiteral("tar"),
            {QStringLiteral("-xzf"), QStringLiteral(MAMORI_UPGRADE_FIXTURE), QStringLiteral("-C"),
                into.path()});
        if (!tar.waitForFinished(60000) || tar.exitCode() != 0)
            return {};
        return into.path();
    }

    QString password(const QString &user) const
    {
        return m_manifest.value(QStringLiteral("passwords")).toObject().value(user).toString();
    }
    QJsonArray manifestArray(const char *key) const
    {
        return m_manifest.value(QLatin1String(key)).toArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE not set");
        QVERIFY(!unpack(m_temp).isEmpty());
        m_manifest =
            QJsonDocument::fromJson(readFile(m_temp.filePath(QStringLiteral("manifest.json"))))
                .object();
        QCOMPARE(m_manifest.value(QStringLiteral("written_by"))
                     .toObject()
                     .value(QStringLiteral("version")),
            QStringLiteral("0.1.0"));
        // The fixture holds what the test is about, or it proves nothing.
        QCOMPARE(manifestArray("users").size(), 3);
        QCOMPARE(manifestArray("incidents").size(), 3);
        QCOMPARE(manifestArray("vault").size(), 2);
        QVERIFY(m_manifest.value(QStringLiteral("audit"))
                    .toObject()
                    .value(QStringLiteral("count"))
                    .toInt()
            >= 8);
        QVERIFY(m_manifest.value(QStringLiteral("events"))
                    .toObject()
                    .value(QStringLiteral("last_seq"))
                    .toInteger()
            >= 10);
    }

    void applianceKeepsUsersAndAuditChain()
    {
        QTemporaryDir copy;
        const QString data = unpack(copy) + QStringLiteral("/appliance");
        QByteArray out;
        QCOMPARE(test::ApplianceProcess::run({QStringLiteral("user"), QStringLiteral("list"),
                                                 QStringLiteral("--data"), data},
                     {}, &out),
            0);
        for (const QJsonValue &u : manifestArray("users")) {
            const QJsonObject user = u.toObject();
            const QString line = QStringLiteral("%1\t%2\t%3")
                                     .arg(user.value(QStringLiteral("name")).toString(),
                                         user.value(QStringLiteral("role")).toString(),
                                         user.value(QStringLiteral("created")).toString());
            QVERIFY2(
                QString::fromUtf8(out).split(QLatin1Char('\n')).contains(line), qPrintable(line));
        }
        QCOMPARE(test::ApplianceProcess::run({QStringLiteral("audit"), QStringLiteral("verify"),
                                                 QStringLiteral("--data"), data},
                     {}, &out),
            0);
        QVERIFY2(out.contains("intact"), out.constData());
    }

    void applianceServesEverythingAfterUpgrade()
    {
        QTemporaryDir copy;
        const QString data = unpack(copy) + QStringLiteral("/appliance");
        test::ApplianceProcess appliance;
        appliance.setDataDir(data);
        QVERIFY(appliance.start());
        QCOMPARE(
            appliance.fingerprint(), m_manifest.value(QStringLiteral("fingerprint")).toString());
        const test::TestHttp http(appliance.baseUrl(), appliance.certificatePath());

        // The password hashes still verify.
        const QString alice =
            http.token(QStringLiteral("alice"), password(QStringLiteral("alice")));
        QVERIFY(!alice.isEmpty());
        const QString carol =
            http.token(QStringLiteral("carol"), password(QStringLiteral("carol")));
        QVERIFY(!carol.isEmpty());

        const auto info = http.request("GET", QStringLiteral("/api/v1/appliance"), {}, alice);
        QCOMPARE(info.json.value(QStringLiteral("id")),
            m_manifest.value(QStringLiteral("appliance_id")));

        // Incidents with their state, action, assignee and history.
        for (const QJsonValue &v : manifestArray("incidents")) {
            const QJsonObject before = v.toObject();
            const QString id = before.value(QStringLiteral("id")).toString();
            const auto now =
                http.request("GET", QStringLiteral("/api/v1/incidents/") + id, {}, alice);
            QCOMPARE(now.status, 200L);
            for (const char *key : {"vm", "vm_name", "path", "threat", "sha256", "size", "state",
                     "action", "assignee", "source", "first_seen", "history"})
                QVERIFY2(now.json.value(QLatin1String(key)) == before.value(QLatin1String(key)),
                    qPrintable(id + QLatin1Char(' ') + QLatin1String(key)));
        }

        // Events keep their sequence numbers, and new ones come after them.
        const QJsonObject events = m_manifest.value(QStringLiteral("events")).toObject();
        const qint64 lastSeq = events.value(QStringLiteral("last_seq")).toInteger();
        const auto all = http.request("GET", QStringLiteral("/api/v1/events?after=0"), {}, alice);
        QJsonArray seqs, types;
        for (const QJsonValue &e : all.json.value(QStringLiteral("events")).toArray()) {
            if (e[QLatin1String("seq")].toInteger() > lastSeq)
                break;
            seqs.append(e[QLatin1String("seq")]);
            types.append(e[QLatin1String("type")]);
        }
        QCOMPARE(seqs, events.value(QStringLiteral("seqs")).toArray());
        QCOMPARE(types, events.value(QStringLiteral("types")).toArray());
        const auto after =
            http.request("GET", QStringLiteral("/api/v1/events?after=%1").arg(lastSeq), {}, alice);
        const QJsonArray newer = after.json.value(QStringLiteral("events")).toArray();
        QVERIFY(!newer.isEmpty());
        QCOMPARE(newer.first()[QLatin1String("seq")].toInteger(), lastSeq + 1);
        QCOMPARE(
            newer.first()[QLatin1String("type")].toString(), QStringLiteral("appliance.started"));

        // The audit records are the same ones, and the chain goes on from the last.
        const QJsonObject audit = m_manifest.value(QStringLiteral("audit")).toObject();
        const auto records = http.request("GET", QStringLiteral("/api/v1/audit"), {}, carol);
        const QJsonArray list = records.json.value(QStringLiteral("records")).toArray();
        const int count = audit.value(QStringLiteral("count")).toInt();
        QVERIFY(list.size() > count); // the two sign-ins above
        QCOMPARE(
            list.at(count - 1)[QLatin1String("hash")], audit.value(QStringLiteral("last_hash")));
        QCOMPARE(
            list.at(count)[QLatin1String("prev_hash")], audit.value(QStringLiteral("last_hash")));
        QJsonArray actions;
        for (int i = 0; i < count; ++i)
            actions.append(list.at(i)[QLatin1String("action")]);
        QCOMPARE(actions, audit.value(QStringLiteral("actions")).toArray());

        // Baseline, policy, pattern and scan history.
        const auto baseline = http.request("GET", QStringLiteral("/api/v1/baseline"), {}, alice);
        const QJsonObject hostBefore =
            m_manifest
                .value(QStringLiteral("baseline"))[QLatin1String("scopes")][QLatin1String("host")]
                .toObject();
        const QJsonObject hostNow =
            baseline.json.value(QStringLiteral("scopes"))[QLatin1String("host")].toObject();
        for (const char *metric : {"cpu", "mem", "read", "write"}) {
            QCOMPARE(hostNow.value(QLatin1String(metric))[QLatin1String("source")].toString(),
                QStringLiteral("captured"));
            QCOMPARE(hostNow.value(QLatin1String(metric))[QLatin1String("value")],
                hostBefore.value(QLatin1String(metric))[QLatin1String("value")]);
        }
        const auto policy = http.request("GET", QStringLiteral("/api/v1/policy"), {}, alice);
        QCOMPARE(policy.json.value(QStringLiteral("exclusions")),
            m_manifest.value(QStringLiteral("policy"))[QLatin1String("exclusions")]);
        QCOMPARE(policy.json.value(QStringLiteral("max_concurrent_scans")).toInt(), 2);
        const auto patterns = http.request("GET", QStringLiteral("/api/v1/patterns"), {}, alice);
        QCOMPARE(patterns.json.value(QStringLiteral("active")),
            m_manifest.value(QStringLiteral("patterns"))[QLatin1String("active")]);
        const auto scans = http.request("GET", QStringLiteral("/api/v1/scans"), {}, alice);
        QStringList scanIds;
        for (const QJsonValue &j : scans.json.value(QStringLiteral("jobs")).toArray())
            scanIds << j[QLatin1String("id")].toString();
        for (const QJsonValue &j :
            m_manifest.value(QStringLiteral("scans"))[QLatin1String("jobs")].toArray())
            QVERIFY2(scanIds.contains(j[QLatin1String("id")].toString()),
                qPrintable(j[QLatin1String("id")].toString()));

        QVERIFY(appliance.stop());
        QByteArray out;
        QCOMPARE(test::ApplianceProcess::run({QStringLiteral("audit"), QStringLiteral("verify"),
                                                 QStringLiteral("--data"), data},
                     {}, &out),
            0);
    }

    void quarantinedFilesComeBackExactly()
    {
        QTemporaryDir copy;
        const QString data = unpack(copy) + QStringLiteral("/appliance");
        if (::geteuid() != 0)
            QVERIFY(ownVaultEntries(data + QStringLiteral("/quarantine")));
        appliance::QuarantineVault vault(data);
        QString error;
        QVERIFY2(vault.open(&error) && vault.recover(&error), qPrintable(error));
        const QJsonArray before = manifestArray("vault");
        QCOMPARE(vault.list().size(), before.size());
        for (const QJsonValue &v : before) {
            const QString id = v[QLatin1String("id")].toString();
            const auto item = vault.item(id);
            QVERIFY2(item, qPrintable(id));
            QCOMPARE(item->sha256, v[QLatin1String("sha256")].toString());
            QCOMPARE(item->size, v[QLatin1String("size")].toInteger());
            // The VM folders were elsewhere when the fixture was made: give
            // the bytes back into this copy. A format 1 record knows the
            // host path only, so its VM root is "/".
            QCOMPARE(item->original.root, QStringLiteral("/"));
            const QString target = copy.filePath(id);
            appliance::QuarantineError qerror;
            QVERIFY2(vault.restore(id, QFile::encodeName(target), false, &qerror),
                qPrintable(qerror.message));
            const QByteArray bytes = readFile(target);
            QCOMPARE(sha256(bytes), item->sha256.toLatin1());
            QVERIFY(bytes == test::eicar() || bytes.contains(test::bodyMarker()));
        }
    }

    void consoleKeepsAppliancesAndPins()
    {
        QTemporaryDir copy;
        const QString root = unpack(copy);
        console::ConsoleStore store;
        QString error;
        QVERIFY2(store.open(root + QStringLiteral("/console"), &error), qPrintable(error));
        const QList<console::ApplianceEntry> list = store.appliances();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).url, QStringLiteral("https://192.0.2.10:8443")); // moved first
        const console::ApplianceEntry &a = list.at(1);
        QCOMPARE(a.url, m_manifest.value(QStringLiteral("url")).toString());
        QCOMPARE(a.userName, QStringLiteral("alice"));
        QCOMPARE(a.certFingerprint, m_manifest.value(QStringLiteral("fingerprint")).toString());
        const auto cert = console::CertificateInfo::fromPem(
            readFile(root + QStringLiteral("/appliance/tls/cert.pem")));
        QCOMPARE(a.publicKeySha256, QString::fromLatin1(cert.spkiSha256Base64));
        QCOMPARE(a.applianceUuid,
            QUuid::fromString(m_manifest.value(QStringLiteral("appliance_id")).toString()));
        QCOMPARE(a.lastSeq,
            m_manifest.value(QStringLiteral("events"))[QLatin1String("last_seq")].toInteger());
        QCOMPARE(a.lastContact.toMSecsSinceEpoch(), 1767225600000LL);
        QCOMPARE(store.setting(QStringLiteral("language")).toString(), QStringLiteral("ja"));
        QCOMPARE(store.setting(QStringLiteral("metrics_retention_hours")).toInt(), 12);
        const auto actions = store.actions();
        QCOMPARE(actions.size(), 2);
        QCOMPARE(actions.at(0).action, QStringLiteral("incident.quarantine"));
        QCOMPARE(actions.at(0).applianceId, a.id);

        console::MetricsArchive archive;
        QVERIFY2(archive.open(root + QStringLiteral("/console"), &error), qPrintable(error));
        QCOMPARE(archive.count(), m_manifest.value(QStringLiteral("metrics_samples")).toInteger());
        QVERIFY(archive.latestTime(a.id, QStringLiteral("host")) > 0);
    }

    // A newer release's database: each store says so and changes nothing.
    void newerSchemaIsRefusedUnchanged_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("bump");
        QTest::newRow("appliance") << QStringLiteral("appliance/appliance.sqlite")
                                   << QStringLiteral("PRAGMA user_version = 99");
        QTest::newRow("appliance module")
            << QStringLiteral("appliance/appliance.sqlite")
            << QStringLiteral("UPDATE schema_modules SET version = 99 WHERE module = 'incidents'");
        QTest::newRow("console") << QStringLiteral("console/console.sqlite")
                                 << QStringLiteral("PRAGMA user_version = 99");
        QTest::newRow("metrics") << QStringLiteral("console/metrics.sqlite")
                                 << QStringLiteral("PRAGMA user_version = 99");
    }

    void newerSchemaIsRefusedUnchanged()
    {
        QFETCH(QString, file);
        QFETCH(QString, bump);
        QTemporaryDir copy;
        const QString root = unpack(copy);
        const QString path = root + QLatin1Char('/') + file;
        QVERIFY(execOn(path, bump));
        const QByteArray before = sha256(readFile(path));

        QString message;
        if (file.startsWith(QLatin1String("appliance/"))) {
            test::ApplianceProcess appliance;
            appliance.setDataDir(root + QStringLiteral("/appliance"));
            QVERIFY(!appliance.start());
            message = QString::fromUtf8(appliance.output());
        } else if (file.endsWith(QLatin1String("console.sqlite"))) {
            console::ConsoleStore store;
            QVERIFY(!store.open(root + QStringLiteral("/console"), &message));
        } else {
            console::MetricsArchive archive;
            QVERIFY(!archive.open(root + QStringLiteral("/console"), &message));
        }
        QVERIFY2(message.contains(QLatin1String("newer")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("99")), qPrintable(message));
        QCOMPARE(sha256(readFile(path)), before);
    }
};

QTEST_GUILESS_MAIN(TstUpgrade)
#include "tst_upgrade.moc"
