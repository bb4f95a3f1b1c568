// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/quarantine/QuarantineVault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mamori::appliance;
using mamori::protocol::ErrorCode;
namespace fs = mamori::appliance::fs;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kEicar = R"(X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*)";

QByteArray sample(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = static_cast<char>(QRandomGenerator::global()->bounded(256));
    data.replace(0, kEicar.size(), kEicar);
    return data;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

struct stat statOf(const QString &path)
{
    struct stat st
    {
    };
    ::lstat(QFile::encodeName(path).constData(), &st);
    return st;
}

// A file with a distinctive mode, mtime (with nanoseconds) and, as root, owner.
bool makeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        return false;
    f.close();
    const QByteArray p = QFile::encodeName(path);
    const struct timespec times[2] = {{1700000000, 0}, {1600000000, 123456789}};
    if (::geteuid() == 0 && ::chown(p.constData(), 1234, 2345) != 0)
        return false;
    return ::chmod(p.constData(), 0640) == 0 && ::utimensat(AT_FDCWD, p.constData(), times, 0) == 0;
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestQuarantine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void quarantineAndRestore();
    void restoreToChosenPathAndOverwrite();
    void refusals();
    void restoreNeverFollowsALinkedOrMissingFolder();
    void destroy();
    void crashDuringQuarantine_data();
    void crashDuringQuarantine();
    void crashDuringRestore_data();
    void crashDuringRestore();

private:
    void checkOnce(
        QuarantineVault &vault, const QString &path, const QByteArray &data, bool expectInVault);
    QStringList vaultFiles() const
    {
        return QDir(m_dir->path() + u"/data/quarantine"_s).entryList(QDir::Files | QDir::Hidden);
    }

    // A file of the VM whose root is m_dir/vm, by its name in /home/user.
    fs::VmFile inVm(const QString &name) const
    {
        return {m_dir->path() + u"/vm"_s, "/home/user/" + name.toUtf8()};
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vm;
};

void TestQuarantine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(u"data"_s));
    m_vm = m_dir->path() + u"/vm/home/user"_s;
    QVERIFY(QDir().mkpath(m_vm));
}

void TestQuarantine::quarantineAndRestore()
{
    QuarantineVault vault(m_dir->path() + u"/data"_s);
    QString error;
    QVERIFY2(vault.open(&error), qPrintable(error));
    QVERIFY2(vault.recover(&error), qPrintable(error));
    QCOMPARE(statOf(vault.path()).st_mode & 07777, 0700u);

    const QString path = m_vm + u"/eicar.com"_s;
    const QByteArray data = sample(70000);
    QVERIFY(makeFile(path, data));
    const struct stat before = statOf(path);

    QuarantineItem item;
    QuarantineError failure;
    QVERIFY2(vault.quarantine(inVm(u"eicar.com"_s), &item, &failure, sha256(data)),
        qPrintable(failure.message));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(item.original.path, QByteArray("/home/user/eicar.com"));
    QCOMPARE(item.original.hostPath(), path);
    QCOMPARE(item.sha256, sha256(data));
    QCOMPARE(item.size, data.size());
    QCOMPARE(item.mode, 0640u);
    QCOMPARE(item.owner, before.st_uid);
    QCOMPARE(vault.list().size(), 1);
    QCOMPARE(vault.item(item.id)->sha256, item.sha256);
    QCOMPARE(item.toJson().value(u"mode"_s).toString(), u"0640"_s);
    QVERIFY(!item.toJson().contains(u"key"_s));

    // The stored bytes can be neither run nor re-detected by accident.
    const QString blobPath = vault.path() + u"/"_s + item.id + u".blob"_s;
    const QByteArray blob = readAll(blobPath);
    QVERIFY(blob != data);
    QVERIFY(!blob.contains(kEicar));
    QVERIFY(!blob.contains(data.mid(100, 64)));
    QCOMPARE(statOf(blobPath).st_mode & 07777, 0600u);
    QCOMPARE(vaultFiles(), QStringList({item.id + u".blob"_s, item.id + u".json"_s}));

    QVERIFY2(vault.restore(item.id, {}, false, &failure), qPrintable(failure.message));
    QCOMPARE(readAll(path), data);
    const struct stat after = statOf(path);
    QCOMPARE(after.st_mode & 07777, 0640u);
    QCOMPARE(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
    QCOMPARE(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    QCOMPARE(after.st_uid, before.st_uid);
    QCOMPARE(after.st_gid, before.st_gid);
    if (::geteuid() == 0)
        QCOMPARE(after.st_uid, 1234u);
    QVERIFY(vault.list().isEmpty());
    QVERIFY(vaultFiles().isEmpty());
    QVERIFY(QDir(m_vm).entryList(QDir::Files | QDir::Hidden) == QStringList(u"eicar.com"_s));
}

void TestQuarantine::restoreToChosenPathAndOverwrite()
{
    QuarantineVault vault(m_dir->path() + u"/data"_s);
    QString error;
    QVERIFY(vault.open(&error));
    const QString path = m_vm + u"/a.exe"_s;
    const QByteArray data = sample(1000);
    QVERIFY(makeFile(path, data));
    QuarantineItem item;
    QuarantineError failure;
    QVERIFY(vault.quarantine(inVm(u"a.exe"_s), &item, &failure));

    const QString chosen = m_dir->path() + u"/vm/restored.bin"_s;
    QVERIFY(makeFile(chosen, "occupied"));
    QVERIFY(!vault.restore(item.id, "/restored.bin", false, &failure));
    QCOMPARE(failure.code, ErrorCode::Conflict);
    QCOMPARE(readAll(chosen), QByteArray("occupied"));
    QCOMPARE(vault.list().size(), 1);

    QVERIFY2(vault.restore(item.id, "/restored.bin", true, &failure), qPrintable(failure.message));
    QCOMPARE(readAll(chosen), data);
    QCOMPARE(statOf(chosen).st_mode & 07777, 0640u);
    QVERIFY(!QFile::exists(path));
    QVERIFY(vault.list().isEmpty());

    QVERIFY(!vault.restore(item.id, {}, false, &failure));
    QCOMPARE(failure.code, ErrorCode::NotFound);
}

void TestQuarantine::refusals()
{
    QuarantineVault vault(m_dir->path() + u"/data"_s);
    QString error;
    QVERIFY(vault.open(&error));
    QuarantineItem item;
    QuarantineError failure;

    const QString outside = m_dir->path() + u"/host-secret"_s;
    QVERIFY(makeFile(outside, "secret"));
    const QString link = m_vm + u"/link"_s;
    QVERIFY(QFile::link(outside, link));
    QVERIFY(!vault.quarantine(inVm(u"link"_s), &item, &failure));
    QCOMPARE(failure.code, ErrorCode::UnsafePath);
    QCOMPARE(readAll(outside), QByteArray("secret"));
    // A folder on the way that is a link: never followed either.
    QVERIFY(QDir().mkpath(m_dir->path() + u"/host/sub"_s));
    QVERIFY(makeFile(m_dir->path() + u"/host/sub/secret"_s, "secret"));
    QVERIFY(QFile::link(m_dir->path() + u"/host"_s, m_vm + u"/dir"_s));
    QVERIFY(!vault.quarantine(inVm(u"dir/sub/secret"_s), &item, &failure));
    QCOMPARE(failure.code, ErrorCode::UnsafePath);
    QCOMPARE(readAll(m_dir->path() + u"/host/sub/secret"_s), QByteArray("secret"));

    QVERIFY(!vault.quarantine(inVm(u"missing"_s), &item, &failure));
    QCOMPARE(failure.code, ErrorCode::NotFound);
    QVERIFY(!vault.quarantine({m_dir->path() + u"/vm"_s, "/home"}, &item, &failure));
    QVERIFY(!vault.quarantine({m_dir->path() + u"/vm"_s, "/"}, &item, &failure));
    QCOMPARE(failure.code, ErrorCode::InvalidArgument);
    QVERIFY(
        !vault.quarantine({m_dir->path() + u"/vm"_s, "/../vm/home/user/link"}, &item, &failure));
    QCOMPARE(failure.code, ErrorCode::InvalidArgument);

    // Changed since it was detected: stays where it is.
    const QString path = m_vm + u"/changed"_s;
    QVERIFY(makeFile(path, "new content"));
    QVERIFY(!vault.quarantine(inVm(u"changed"_s), &item, &failure, sha256("old content")));
    QCOMPARE(failure.code, ErrorCode::Conflict);
    QCOMPARE(readAll(path), QByteArray("new content"));
    QVERIFY(vault.list().isEmpty());
    QVERIFY(vaultFiles().isEmpty());
}

void TestQuarantine::restoreNeverFollowsALinkedOrMissingFolder()
{
    QuarantineVault vault(m_dir->path() + u"/data"_s);
    QString error;
    QVERIFY(vault.open(&error));
    const QString path = m_vm + u"/setuid"_s;
    const QByteArray data = sample(100);
    QVERIFY(makeFile(path, data));
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 07750), 0);
    QuarantineItem item;
    QuarantineError failure;
    QVERIFY(vault.quarantine(inVm(u"setuid"_s), &item, &failure));
    QCOMPARE(item.mode, 07750u);

    // /home/user becomes a link to a host folder, then disappears.
    const QString host = m_dir->path() + u"/host"_s;
    QVERIFY(QDir().mkpath(host));
    QVERIFY(QDir().rename(m_vm, m_vm + u"-moved"_s));
    QVERIFY(QFile::link(host, m_vm));
    QVERIFY(!vault.restore(item.id, {}, false, &failure));
    QCOMPARE(failure.code, ErrorCode::UnsafePath);
    QVERIFY(QDir(host).isEmpty());
    QVERIFY(QFile::remove(m_vm));
    QVERIFY(!vault.restore(item.id, {}, false, &failure));
    QCOMPARE(failure.code, ErrorCode::UnsafePath);
    QVERIFY2(failure.message.contains(u"no longer exists"_s), qPrintable(failure.message));
    QVERIFY(!QFileInfo::exists(m_vm));
    QCOMPARE(vault.list().size(), 1);

    // Back in place: restored, without the setuid, setgid and sticky bits.
    QVERIFY(QDir().rename(m_vm + u"-moved"_s, m_vm));
    QVERIFY2(vault.restore(item.id, {}, false, &failure), qPrintable(failure.message));
    QCOMPARE(readAll(path), data);
    QCOMPARE(statOf(path).st_mode & 07777, 0750u);
}

void TestQuarantine::destroy()
{
    QuarantineVault vault(m_dir->path() + u"/data"_s);
    QString error;
    QVERIFY(vault.open(&error));
    const QString path = m_vm + u"/x"_s;
    QVERIFY(makeFile(path, sample(10)));
    QuarantineItem item;
    QuarantineError failure;
    QVERIFY(vault.quarantine(inVm(u"x"_s), &item, &failure));
    QVERIFY(vault.destroy(item.id, &failure));
    QVERIFY(vault.list().isEmpty());
    QVERIFY(vaultFiles().isEmpty());
    QVERIFY(!vault.destroy(item.id, &failure));
    QCOMPARE(failure.code, ErrorCode::NotFound);
    QVERIFY(!vault.destroy(u"../../etc/passwd"_s, &failure));
    QCOMPARE(failure.code, ErrorCode::NotFound);
}

void TestQuarantine::checkOnce(
    QuarantineVault &vault, const QString &path, const QByteArray &data, bool expectInVault)
{
    const QList<QuarantineItem> items = vault.list();
    const bool inVm = QFile::exists(path);
    QCOMPARE(int(inVm) + items.size(), 1);
    QCOMPARE(!items.isEmpty(), expectInVault);
    if (inVm) {
        QCOMPARE(readAll(path), data);
        QCOMPARE(statOf(path).st_mode & 07777, 0640u);
        QVERIFY(vaultFiles().isEmpty());
    } else {
        QCOMPARE(vaultFiles(), QStringList({items[0].id + u".blob"_s, items[0].id + u".json"_s}));
        const QString check = m_dir->path() + u"/vm/check"_s;
        QuarantineError failure;
        QVERIFY2(
            vault.restore(items[0].id, "/check", false, &failure), qPrintable(failure.message));
        QCOMPARE(readAll(check), data);
    }
    // No temporary file of ours is left in the VM.
    const QStringList names = QDir(QFileInfo(path).path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(names, inVm ? QStringList(QFileInfo(path).fileName()) : QStringList());
}

void TestQuarantine::crashDuringQuarantine_data()
{
    QTest::addColumn<QString>("point");
    QTest::addColumn<bool>("inVault");
    QTest::newRow("intent") << u"quarantine.intent"_s << false;
    QTest::newRow("copying") << u"quarantine.copying"_s << false;
    QTest::newRow("blob") << u"quarantine.blob"_s << false;
    QTest::newRow("metadata-temp") << u"quarantine.metadata-temp"_s << false;
    QTest::newRow("metadata") << u"quarantine.metadata"_s << true;
    QTest::newRow("unlinked") << u"quarantine.unlinked"_s << true;
    QTest::newRow("no fault") << u"none"_s << true;
}

void TestQuarantine::crashDuringQuarantine()
{
    QFETCH(QString, point);
    QFETCH(bool, inVault);
    const QString helper = qEnvironmentVariable("MAMORI_QUARANTINE_HELPER");
    if (helper.isEmpty())
        QSKIP("MAMORI_QUARANTINE_HELPER is not set");
    const QString path = m_vm + u"/big.bin"_s;
    const QByteArray data = sample(3 * 1024 * 1024 + 17); // several copy chunks
    QVERIFY(makeFile(path, data));

    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"MAMORI_FAULT_POINT"_s, point);
    proc.setProcessEnvironment(env);
    proc.start(helper,
        {m_dir->path() + u"/data"_s, u"quarantine"_s, m_dir->path() + u"/vm"_s,
            u"/home/user/big.bin"_s});
    QVERIFY(proc.waitForFinished(60000));
    if (point == u"none"_s)
        QCOMPARE(proc.exitCode(), 0);
    else
        QCOMPARE(proc.exitStatus(), QProcess::CrashExit);

    QuarantineVault vault(m_dir->path() + u"/data"_s);
    QString error;
    QVERIFY(vault.open(&error));
    QStringList log;
    QVERIFY2(vault.recover(&error, &log), qPrintable(error));
    checkOnce(vault, path, data, inVault);
}

void TestQuarantine::crashDuringRestore_data()
{
    QTest::addColumn<QString>("point");
    QTest::addColumn<bool>("inVault");
    QTest::newRow("intent") << u"restore.intent"_s << true;
    QTest::newRow("copying") << u"restore.copying"_s << true;
    QTest::newRow("temp") << u"restore.temp"_s << true;
    QTest::newRow("renamed") << u"restore.renamed"_s << false;
    QTest::newRow("removed") << u"restore.removed"_s << false;
}

void TestQuarantine::crashDuringRestore()
{
    QFETCH(QString, point);
    QFETCH(bool, inVault);
    const QString helper = qEnvironmentVariable("MAMORI_QUARANTINE_HELPER");
    if (helper.isEmpty())
        QSKIP("MAMORI_QUARANTINE_HELPER is not set");
    const QString path = m_vm + u"/big.bin"_s;
    const QByteArray data = sample(3 * 1024 * 1024 + 17);
    QVERIFY(makeFile(path, data));
    QuarantineItem item;
    QuarantineError failure;
    {
        QuarantineVault vault(m_dir->path() + u"/data"_s);
        QString error;
        QVERIFY(vault.open(&error));
        QVERIFY(vault.quarantine(inVm(u"big.bin"_s), &item, &failure));
    }

    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"MAMORI_FAULT_POINT"_s, point);
    proc.setProcessEnvironment(env);
    proc.start(helper, {m_dir->path() + u"/data"_s, u"restore"_s, item.id});
    QVERIFY(proc.waitForFinished(60000));
    QCOMPARE(proc.exitStatus(), QProcess::CrashExit);

    QuarantineVault vault(m_dir->path() + u"/data"_s);
    QString error;
    QVERIFY(vault.open(&error));
    QVERIFY2(vault.recover(&error), qPrintable(error));
    checkOnce(vault, path, data, inVault);
}

QTEST_GUILESS_MAIN(TestQuarantine)
#include "tst_quarantine.moc"
