// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/lab/LabImageGenerator.h"
#include "appliance/lab/LabThreatDropper.h"
#include "appliance/lab/LabWorkloads.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace mamori::appliance;

namespace {

const LabImageOptions kSmall {42, 200, 4 << 20};

QMap<QString, QByteArray> digests(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QCryptographicHash h(QCryptographicHash::Sha256);
        if (f.open(QIODevice::ReadOnly))
            h.addData(&f);
        out.insert(path.mid(root.size() + 1), h.result().toHex());
    }
    return out;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ino_t inode(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

// utime + stime in clock ticks, from /proc/PID/stat.
qint64 cpuTicks(qint64 pid)
{
    const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const QList<QByteArray> f = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return f.size() > 12 ? f[11].toLongLong() + f[12].toLongLong() : -1;
}

struct Run
{
    int code = -1;
    QByteArray out;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
}

QStringList filesEndingWith(const QString &root, const QString &suffix)
{
    QStringList out;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(suffix))
            out.append(path);
    }
    out.sort();
    return out;
}

} // namespace

class TestLab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(
            LabImageGenerator(kSmall).buildLab(m_dir.path() + QStringLiteral("/lab"), 3, &error),
            qPrintable(error));
        m_master = m_dir.path() + QStringLiteral("/lab/master");
    }

    void masterIsReproducible()
    {
        const QString again = m_dir.path() + QStringLiteral("/again");
        const QString other = m_dir.path() + QStringLiteral("/other");
        QString error;
        QVERIFY2(LabImageGenerator(kSmall).generateMaster(again, &error), qPrintable(error));
        QVERIFY2(
            LabImageGenerator({43, 200, 4 << 20}).generateMaster(other, &error), qPrintable(error));
        const auto a = digests(m_master);
        QCOMPARE(digests(again), a);
        QVERIFY(digests(other) != a);
        QVERIFY(a.size() >= 200);
        QVERIFY(!LabImageGenerator(kSmall).generateMaster(again, &error)); // never overwrites

        // A desktop's kinds of file, and sizes that add up to about what was asked.
        qint64 total = 0;
        for (auto it = a.cbegin(); it != a.cend(); ++it)
            total += QFileInfo(m_master + QLatin1Char('/') + it.key()).size();
        QVERIFY2(total > (2 << 20) && total < (8 << 20), qPrintable(QString::number(total)));
        const QStringList dlls =
            filesEndingWith(m_master + QStringLiteral("/Windows"), QStringLiteral(".dll"));
        QVERIFY(!dlls.isEmpty());
        QVERIFY(readFile(dlls.first()).startsWith("MZ"));
        const QString user = LabImageGenerator::userName(kSmall.seed);
        QCOMPARE(LabImageGenerator::userOf(m_master), user);
        QVERIFY(QFileInfo(
            m_master + QStringLiteral("/Users/") + user + QStringLiteral("/AppData/Local/Temp"))
                    .isDir());
        QVERIFY(!filesEndingWith(m_master, QStringLiteral(".docx")).isEmpty());
    }

    void archivesAreValid()
    {
        const QStringList zips = filesEndingWith(m_master, QStringLiteral(".zip"))
            + filesEndingWith(m_master, QStringLiteral(".docx"));
        const QStringList tgzs = filesEndingWith(m_master, QStringLiteral(".tar.gz"));
        QVERIFY(zips.size() >= 2);
        QVERIFY(!tgzs.isEmpty());
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("tar")).isEmpty())
            QSKIP("unzip or tar is not installed");
        bool nested = false;
        for (const QString &z : zips) {
            const Run t = run(QStringLiteral("unzip"), {QStringLiteral("-tq"), z});
            QVERIFY2(
                t.code == 0, qPrintable(z + QLatin1Char('\n') + QString::fromLocal8Bit(t.out)));
            nested = nested
                || run(QStringLiteral("unzip"), {QStringLiteral("-l"), z}).out.contains(".zip");
        }
        QVERIFY(nested);
        for (const QString &t : tgzs) {
            QCOMPARE(run(QStringLiteral("gzip"), {QStringLiteral("-t"), t}).code, 0);
            const Run list = run(QStringLiteral("tar"), {QStringLiteral("tzf"), t});
            QVERIFY2(list.code == 0 && !list.out.isEmpty(),
                qPrintable(QString::fromLocal8Bit(list.out)));
        }
    }

    void clonesShareContentButNotFiles()
    {
        const auto vms = LabImageGenerator::vmRoots(m_dir.path() + QStringLiteral("/lab"));
        QCOMPARE(vms.keys(),
            (QStringList {QStringLiteral("desk-001"), QStringLiteral("desk-002"),
                QStringLiteral("desk-003")}));
        const auto master = digests(m_master);
        const auto one = digests(vms.value(QStringLiteral("desk-001")));
        const auto two = digests(vms.value(QStringLiteral("desk-002")));
        int same = 0;
        int changed = 0;
        for (auto it = master.cbegin(); it != master.cend(); ++it) {
            if (!one.contains(it.key()))
                continue;
            (one.value(it.key()) == it.value() ? same : changed)++;
            QVERIFY(inode(m_master + QLatin1Char('/') + it.key())
                != inode(vms.value(QStringLiteral("desk-001")) + QLatin1Char('/') + it.key()));
        }
        QVERIFY(same > master.size() * 9 / 10);
        QVERIFY(changed >= 1);
        QVERIFY(one.size() != master.size() || changed > 1);
        QVERIFY(one != two);
        const QString hostname = QStringLiteral("/Windows/System32/drivers/etc/hostname");
        QCOMPARE(
            readFile(vms.value(QStringLiteral("desk-002")) + hostname), QByteArray("DESK-002\r\n"));
        QVERIFY(!master.contains(hostname.mid(1)));

        // Writing into a clone leaves the master alone.
        const QString hosts = QStringLiteral("/Windows/System32/drivers/etc/hosts");
        QFile f(vms.value(QStringLiteral("desk-003")) + hosts);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
        f.write("10.0.0.1 evil.example\r\n");
        f.close();
        QCOMPARE(digests(m_master).value(hosts.mid(1)), master.value(hosts.mid(1)));

        // The same VM index and seed give the same clone.
        const QString again = m_dir.path() + QStringLiteral("/desk-002-again");
        QString error;
        QVERIFY2(
            LabImageGenerator::cloneVm(m_master, again, 2, kSmall.seed, &error), qPrintable(error));
        QCOMPARE(digests(again), two);
        QVERIFY(!LabImageGenerator::cloneVm(m_master, again, 2, kSmall.seed, &error));

        // A second buildLab keeps what exists; other options are refused.
        QVERIFY2(
            LabImageGenerator(kSmall).buildLab(m_dir.path() + QStringLiteral("/lab"), 3, &error),
            qPrintable(error));
        QVERIFY(!LabImageGenerator({7, 200, 4 << 20})
                     .buildLab(m_dir.path() + QStringLiteral("/lab"), 3, &error));
    }

    void eicarIsExact()
    {
        const QByteArray expected = QByteArray("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR")
            + "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
        QCOMPARE(LabThreatDropper::eicar(), expected);
        QCOMPARE(QCryptographicHash::hash(expected, QCryptographicHash::Md5).toHex(),
            QByteArray("44d88612fea8a8f36de82e1278abb02f"));
        QCOMPARE(LabThreatDropper::signatureLines(1).first(),
            QStringLiteral("44d88612fea8a8f36de82e1278abb02f:68:Mamori.Lab.EICAR"));
        QCOMPARE(LabThreatDropper::signatureLines(2).size(),
            LabThreatDropper::signatureLines(1).size() + 1);
    }

    void dropperIsDeterministic()
    {
        const QString vms = m_dir.path() + QStringLiteral("/lab/vms");
        LabThreatDropper a(vms, 9);
        LabThreatDropper b(vms, 9);
        a.setInterval(std::chrono::milliseconds(10));
        QSignalSpy spy(&a, &LabThreatDropper::dropped);
        a.start();
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 4, 10000);
        a.stop();
        for (const QList<QVariant> &drop : std::as_const(spy)) {
            QString vm;
            const QString path = b.dropNext(&vm);
            QCOMPARE(vm, drop.at(0).toString());
            QCOMPARE(path, drop.at(1).toString());
            QVERIFY(path.startsWith(vms + QLatin1Char('/') + vm + QStringLiteral("/Users/")));
            QVERIFY(QFileInfo(path).isFile());
        }
    }

    void clamscanDetectsTheDrops()
    {
        const QString clamscan = QStandardPaths::findExecutable(QStringLiteral("clamscan"));
        if (clamscan.isEmpty())
            QSKIP("clamscan is not installed");
        QMap<QString, QString> files; // path -> signature expected with V1 ("" none)
        const QString dir = m_dir.path() + QStringLiteral("/threats");
        QVERIFY(QDir().mkpath(dir));
        const auto drop = [&](LabThreatDropper::Threat t, const QString &name, const QString &sig) {
            QFile f(dir + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(LabThreatDropper::body(t, 7));
            files.insert(f.fileName(), sig);
        };
        drop(LabThreatDropper::Threat::Eicar, QStringLiteral("invoice-7.pdf.exe"),
            QStringLiteral("Mamori.Lab.EICAR"));
        drop(LabThreatDropper::Threat::Marker, QStringLiteral("setup-7.exe"),
            QStringLiteral("Mamori.Lab.Marker"));
        drop(LabThreatDropper::Threat::ZippedMarker, QStringLiteral("photos-7.zip"),
            QStringLiteral("Mamori.Lab.Marker"));
        drop(LabThreatDropper::Threat::NewerMarker, QStringLiteral("update-7.scr"), QString());
        for (int version : {1, 2}) {
            const QString sigs = m_dir.path() + QStringLiteral("/sigs%1").arg(version);
            QVERIFY(QDir().mkpath(sigs));
            const auto pattern =
                version == 1 ? LabThreatDropper::labPatternV1() : LabThreatDropper::labPatternV2();
            for (auto it = pattern.cbegin(); it != pattern.cend(); ++it) {
                QFile f(sigs + QLatin1Char('/') + it.key());
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(it.value());
            }
            const Run r = run(clamscan,
                QStringList {QStringLiteral("--no-summary"), QStringLiteral("-d"), sigs}
                    + files.keys());
            const QString out = QString::fromLocal8Bit(r.out);
            QVERIFY2(r.code == 1, qPrintable(out)); // 1: something found, 2: an error
            for (auto it = files.cbegin(); it != files.cend(); ++it) {
                const QString sig = it.value().isEmpty() && version == 2
                    ? QStringLiteral("Mamori.Lab.Marker2")
                    : it.value();
                const QString line = it.key() + QStringLiteral(": ") + sig;
                QVERIFY2(sig.isEmpty() ? !out.contains(it.key() + QStringLiteral(": Mamori"))
                                       : out.contains(line),
                    qPrintable(line + QStringLiteral(" in:\n") + out));
            }
        }
    }

    void workloadRunsAndStops()
    {
        const auto vms = LabImageGenerator::vmRoots(m_dir.path() + QStringLiteral("/lab"));
        const QString root = vms.value(QStringLiteral("desk-001"));
        const QString temp = root + QStringLiteral("/Users/") + LabImageGenerator::userOf(root)
            + QStringLiteral("/AppData/Local/Temp");
        LabWorkloads workloads;
        workloads.setProgram(QStringLiteral(MAMORI_LAB_WORKLOAD), {});
        workloads.setUseCgroups(false);
        QString error;
        QVERIFY2(
            workloads.start({{QStringLiteral("desk-001"), root}}, 5, &error), qPrintable(error));
        const qint64 pid = workloads.source(QStringLiteral("desk-001")).pid;
        QVERIFY(pid > 0);
        QVERIFY(workloads.source(QStringLiteral("desk-001")).cgroupDir.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(temp).isEmpty(QDir::Files), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(cpuTicks(pid) > 0, 10000);
        QVERIFY(workloads.isRunning());
        workloads.stop();
        QVERIFY(!workloads.isRunning());
        QVERIFY(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)));
    }

    void workloadCommandLine()
    {
        QCOMPARE(run(QStringLiteral(MAMORI_LAB_WORKLOAD), {}).code, 2);
        QCOMPARE(
            run(QStringLiteral(MAMORI_LAB_WORKLOAD),
                {QStringLiteral("--root"), m_master, QStringLiteral("--seed"), QStringLiteral("x")})
                .code,
            2);
        const QString root = m_dir.path() + QStringLiteral("/lab/vms/desk-002");
        const Run r = run(QStringLiteral(MAMORI_LAB_WORKLOAD),
            {QStringLiteral("lab-workload"), QStringLiteral("--root"), root,
                QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--duration-ms"),
                QStringLiteral("300")});
        QVERIFY2(r.code == 0, r.out.constData());
    }

    void workloadsJoinCgroups()
    {
        const auto vms = LabImageGenerator::vmRoots(m_dir.path() + QStringLiteral("/lab"));
        LabWorkloads workloads;
        workloads.setProgram(QStringLiteral(MAMORI_LAB_WORKLOAD), {});
        workloads.setGroupName(
            QStringLiteral("mamori-lab-test-%1").arg(QCoreApplication::applicationPid()));
        QString error;
        QVERIFY2(workloads.start(vms, 5, &error), qPrintable(error));
        const QString parent = workloads.cgroupParent();
        if (parent.isEmpty() || !workloads.cgroupProblem().isEmpty())
            QSKIP(qPrintable(
                QStringLiteral("no cgroup placement here: ") + workloads.cgroupProblem()));
        const auto sources = workloads.sources();
        QCOMPARE(sources.size(), 3);
        for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
            QCOMPARE(it.value().cgroupDir, parent + QLatin1Char('/') + it.key());
            QVERIFY(it.value().pid > 0);
            const QList<QByteArray> pids =
                readFile(it.value().cgroupDir + QStringLiteral("/cgroup.procs")).split('\n');
            QVERIFY(pids.contains(QByteArray::number(it.value().pid)));
            QVERIFY(readFile(it.value().cgroupDir + QStringLiteral("/cpu.stat"))
                        .contains("usage_usec"));
        }
        workloads.stop();
        QVERIFY(!QFileInfo::exists(parent));
    }

    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral("."))); }

private:
    QTemporaryDir m_dir;
    QString m_master;
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
