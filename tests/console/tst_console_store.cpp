// SPDX-License-Identifier: GPL-2.0-or-later
#include "app/store/ConsoleStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace mamori::console;

namespace {

// Reads the schema version with a connection of its own, as a second program
// would, so that the store's own connection cannot mask anything.
int userVersion(const QString &path)
{
    int version = -1;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
                version = q.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return version;
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// The owner, group and other bits; Qt's "User" bits only repeat the owner's.
QFile::Permissions mode(const QString &path)
{
    return QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser | QFile::ExeUser);
}

ApplianceEntry entry(const QString &name, const QString &url)
{
    ApplianceEntry e;
    e.displayName = name;
    e.url = url;
    e.userName = QStringLiteral("alice");
    return e;
}

} // namespace

class TestConsoleStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesAnEmptyDatabase()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("profile/data"));
        ConsoleStore store;
        QString error;
        QVERIFY2(store.open(dir, &error), qPrintable(error));
        QVERIFY(store.isOpen());
        QCOMPARE(store.databasePath(), dir + QStringLiteral("/console.sqlite"));
        QCOMPARE(userVersion(store.databasePath()), ConsoleStore::schemaVersion());
        QVERIFY(ConsoleStore::schemaVersion() >= 1);
        QVERIFY(store.appliances().isEmpty());
        QVERIFY(store.actions().isEmpty());
    }

    void migratesAZeroByteFile()
    {
        QTemporaryDir tmp;
        QFile f(tmp.filePath(QStringLiteral("console.sqlite")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        ConsoleStore store;
        QString error;
        QVERIFY2(store.open(tmp.path(), &error), qPrintable(error));
        QCOMPARE(userVersion(store.databasePath()), ConsoleStore::schemaVersion());
    }

    void filesArePrivate()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("data"));
        ConsoleStore store;
        QVERIFY(store.open(dir));
        QCOMPARE(mode(dir), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(mode(store.databasePath()), QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(store.setLastSeq(
            store.addAppliance(entry(QStringLiteral("a"), QStringLiteral("https://a:8443"))), 1));
        const QString wal = store.databasePath() + QStringLiteral("-wal");
        QVERIFY(QFileInfo::exists(wal));
        QCOMPARE(mode(wal), QFile::ReadOwner | QFile::WriteOwner);
    }

    void refusesANewerDatabaseAndLeavesItAlone()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("console.sqlite"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE from_the_future (x)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        QVERIFY(QFile::setPermissions(
            path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        const QByteArray before = fileHash(path);
        const auto modeBefore = QFile::permissions(path);

        ConsoleStore store;
        QString error;
        QVERIFY(!store.open(tmp.path(), &error));
        QVERIFY(!store.isOpen());
        QVERIFY2(error.contains(QStringLiteral("newer version")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("999")), qPrintable(error));
        QCOMPARE(store.lastError(), error);
        QCOMPARE(fileHash(path), before);
        QCOMPARE(QFile::permissions(path), modeBefore);
        QCOMPARE(userVersion(path), 999);
    }

    void aFailedMigrationStepLeavesNoTrace()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("console.sqlite"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("clash"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            // Step 1 creates "settings" after "appliances": it fails half-way.
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE settings (x)")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("clash"));
        ConsoleStore store;
        QString error;
        QVERIFY(!store.open(tmp.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("schema 1")), qPrintable(error));
        QCOMPARE(userVersion(path), 0);
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(!db.tables().contains(QStringLiteral("appliances")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void refusesAFileThatIsNotADatabase()
    {
        QTemporaryDir tmp;
        QFile f(tmp.filePath(QStringLiteral("console.sqlite")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        ConsoleStore store;
        QString error;
        QVERIFY(!store.open(tmp.path(), &error));
        QVERIFY(!error.isEmpty());
    }

    void applianceCrud()
    {
        QTemporaryDir tmp;
        ConsoleStore store;
        QVERIFY(store.open(tmp.path()));

        const int a = store.addAppliance(
            entry(QStringLiteral("kvm-01"), QStringLiteral("https://kvm-01:8443")));
        ApplianceEntry noUser = entry(QString(), QStringLiteral("https://kvm-02:8443"));
        noUser.userName = QString();
        const int b = store.addAppliance(noUser);
        QVERIFY2(a > 0 && b > 0 && a != b, qPrintable(store.lastError()));
        QCOMPARE(
            store.addAppliance(entry(QStringLiteral("dup"), QStringLiteral("https://kvm-01:8443"))),
            0);
        QVERIFY(store.lastError().contains(QStringLiteral("already")));
        QCOMPARE(
            store.addAppliance(entry(QStringLiteral("bad"), QStringLiteral("http://x:80"))), 0);

        auto got = store.appliance(b);
        QVERIFY(got);
        QCOMPARE(got->displayName, QStringLiteral("kvm-02")); // from the address
        QCOMPARE(got->userName, QString());
        QVERIFY(got->added.isValid());
        QVERIFY(!got->lastContact.isValid());
        QVERIFY(got->applianceUuid.isNull());

        QCOMPARE(store.appliances().size(), 2);
        QCOMPARE(store.appliances().at(0).id, a);
        QVERIFY(store.setSortOrder({b, a}));
        QCOMPARE(store.appliances().at(0).id, b);

        got->displayName = QStringLiteral("Floor 3");
        got->lastSeq = 999; // ignored: not a user-editable field
        QVERIFY(store.updateAppliance(*got));
        QCOMPARE(store.appliance(b)->displayName, QStringLiteral("Floor 3"));
        QCOMPARE(store.appliance(b)->lastSeq, 0);
        got->url = QStringLiteral("https://kvm-01:8443");
        QVERIFY(!store.updateAppliance(*got));

        QVERIFY(store.setPin(a, QStringLiteral("AB:CD"), QStringLiteral("a2V5")));
        const QDateTime contact =
            QDateTime::fromString(QStringLiteral("2026-11-25T21:53:00.123Z"), Qt::ISODateWithMs);
        QVERIFY(store.setLastContact(a, contact));
        const QUuid uuid = QUuid::createUuid();
        QVERIFY(store.setApplianceUuid(a, uuid));
        got = store.appliance(a);
        QCOMPARE(got->certFingerprint, QStringLiteral("AB:CD"));
        QCOMPARE(got->publicKeySha256, QStringLiteral("a2V5"));
        QCOMPARE(got->lastContact, contact);
        QCOMPARE(got->applianceUuid, uuid);

        QVERIFY(!store.setPin(12345, QString(), QString()));
        QVERIFY(store.removeAppliance(a));
        QVERIFY(!store.appliance(a));
        QVERIFY(!store.removeAppliance(a));
        QCOMPARE(store.appliances().size(), 1);
    }

    void lastSeqPersistsAndFollowsTheApplianceIdentity()
    {
        QTemporaryDir tmp;
        int id = 0;
        const QUuid uuid = QUuid::createUuid();
        {
            ConsoleStore store;
            QVERIFY(store.open(tmp.path()));
            id = store.addAppliance(entry(QStringLiteral("a"), QStringLiteral("https://a:1")));
            QVERIFY(store.setApplianceUuid(id, uuid));
            for (qint64 seq = 1; seq <= 500; ++seq)
                QVERIFY(store.setLastSeq(id, seq));
            QVERIFY(!store.setLastSeq(id + 100, 1));
        }
        ConsoleStore store;
        QVERIFY(store.open(tmp.path()));
        QCOMPARE(store.appliance(id)->lastSeq, 500);
        QVERIFY(store.setApplianceUuid(id, uuid)); // the same appliance: cursor kept
        QCOMPARE(store.appliance(id)->lastSeq, 500);
        QVERIFY(store.setApplianceUuid(id, QUuid::createUuid())); // replaced: start over
        QCOMPARE(store.appliance(id)->lastSeq, 0);
    }

    void reopenKeepsSettingsAndActions()
    {
        QTemporaryDir tmp;
        int id = 0;
        {
            ConsoleStore store;
            QVERIFY(store.open(tmp.path()));
            id = store.addAppliance(entry(QStringLiteral("kvm-01"), QStringLiteral("https://k:1")));
            QVERIFY(store.setSetting(QStringLiteral("language"), QStringLiteral("ja")));
            QVERIFY(store.setSetting(QStringLiteral("refresh"), 5));
            QVERIFY(store.setSetting(QStringLiteral("refresh"), 10));
            const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-60);
            QVERIFY(store.logAction(id, QStringLiteral("scan.start"), QStringLiteral("desk-001"),
                QStringLiteral("success"), t0));
            QVERIFY(store.logAction(0, QStringLiteral("appliance.add"), QString(),
                QStringLiteral("success"), t0.addSecs(1)));
            QVERIFY(!store.logAction(id + 50, QStringLiteral("x"), QString(), QString()));
        }
        ConsoleStore store;
        QVERIFY(store.open(tmp.path()));
        QCOMPARE(store.setting(QStringLiteral("language")).toString(), QStringLiteral("ja"));
        QCOMPARE(store.setting(QStringLiteral("refresh")).toInt(), 10);
        QCOMPARE(store.setting(QStringLiteral("missing"), 7).toInt(), 7);
        QVERIFY(store.removeSetting(QStringLiteral("language")));
        QVERIFY(!store.setting(QStringLiteral("language")).isValid());

        auto all = store.actions();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).action, QStringLiteral("appliance.add")); // newest first
        QCOMPARE(all.at(1).applianceName, QStringLiteral("kvm-01"));
        QCOMPARE(store.actions(id).size(), 1);
        QCOMPARE(store.actions(0, 1).size(), 1);

        // The log outlives the appliance and still says which one it was.
        QVERIFY(store.removeAppliance(id));
        all = store.actions();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(1).applianceId, 0);
        QCOMPARE(all.at(1).applianceName, QStringLiteral("kvm-01"));
        QVERIFY(store.pruneActions(QDateTime::currentDateTimeUtc()));
        QVERIFY(store.actions().isEmpty());
    }

    void storesCoexist()
    {
        QTemporaryDir one;
        QTemporaryDir two;
        ConsoleStore a;
        ConsoleStore b;
        QVERIFY(a.open(one.path()));
        QVERIFY(b.open(two.path()));
        QVERIFY(a.addAppliance(entry(QStringLiteral("x"), QStringLiteral("https://x:1"))) > 0);
        QCOMPARE(a.appliances().size(), 1);
        QCOMPARE(b.appliances().size(), 0);
        ConsoleStore c; // a second program's view of the same profile
        QVERIFY(c.open(one.path()));
        QCOMPARE(c.appliances().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConsoleStore)
#include "tst_console_store.moc"
