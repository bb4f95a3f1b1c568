// SPDX-License-Identifier: GPL-2.0-or-later
// A running image VM is read through a libvirt pull-mode backup job. There
// is no KVM here and libvirt's test driver has no backup jobs, so what can
// be tested is tested without them: the <domainbackup> XML; that the job is
// begun before anything is read and ended when the scan ends - finished,
// cancelled, or failed - and after a crash by the next start (the journal);
// and that libvirt's refusal reaches the scan as a clear failure. Where
// libvirt would export the disk, the stand-in hypervisor starts qemu-nbd
// on the job's socket under the disk's export name, so the scan itself runs
// for real. Not tested here: libvirt and QEMU themselves doing the job.
#include "PatternFixture.h"
#include "TestFiles.h"
#include "appliance/engine/ScanEngine.h"
#include "appliance/image/BackupJob.h"
#include "appliance/image/ImageBuilder.h"
#include "appliance/image/ImageScanWorker.h"
#include "appliance/image/ImageTools.h"
#include "appliance/image/QemuNbdServer.h"
#include "appliance/scan/ScanCache.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace mamori::appliance;
using namespace mamori::appliance::image;

namespace {

// What a hypervisor was asked, and a qemu-nbd where libvirt's NBD server would be.
struct Calls
{
    QStringList log; // "begin <uuid>", "abort <uuid>"
    QString lastXml;
    bool refuseBegin = false;
    bool refuseAbort = false;
    QString runningXml; // what runningJobXml() answers; empty: no job
    QString image; // exported as "vda" on the job's socket
    std::unique_ptr<QemuNbdServer> server;
    std::atomic_int begun {0}; // read by the test's thread while the scan's runs
};

class RecordingHypervisor final : public BackupHypervisor
{
public:
    explicit RecordingHypervisor(Calls &calls) : m_calls(calls) { }

    bool begin(const QUuid &domain, const QString &xml, QString *error) override
    {
        m_calls.log << u"begin "_s + domain.toString(QUuid::WithoutBraces);
        ++m_calls.begun;
        m_calls.lastXml = xml;
        if (m_calls.refuseBegin) {
            *error = u"libvirt cannot begin a backup job: Operation not supported"_s;
            return false;
        }
        if (m_calls.image.isEmpty())
            return true;
        QXmlStreamReader r(xml);
        QString socket;
        while (!r.atEnd()) {
            r.readNext();
            if (r.isStartElement() && r.name() == u"server")
                socket = r.attributes().value(u"socket"_s).toString();
        }
        m_calls.server = std::make_unique<QemuNbdServer>();
        QemuNbdServer::Options o;
        o.image = m_calls.image;
        o.format = u"raw"_s;
        o.socketPath = socket;
        o.exportName = u"vda"_s;
        return m_calls.server->start(o, error);
    }
    bool abort(const QUuid &domain, QString *error) override
    {
        m_calls.log << u"abort "_s + domain.toString(QUuid::WithoutBraces);
        if (m_calls.refuseAbort) {
            *error = u"libvirt is not answering"_s;
            return false;
        }
        m_calls.server.reset();
        return true;
    }
    bool runningJobXml(const QUuid &, QString *xml, QString *error) override
    {
        if (m_calls.runningXml.isEmpty()) {
            *error = u"no backup job"_s;
            return false;
        }
        *xml = m_calls.runningXml;
        return true;
    }

private:
    Calls &m_calls;
};

struct Findings
{
    bool done = false;
    ScanOutcome outcome;
    QStringList detections;
    QStringList incomplete;
};

} // namespace

class TestImageBackup : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_run, m_data, m_disk;
    std::shared_ptr<const ScanEngine> m_engine;
    const QUuid m_domain = QUuid::fromString(u"33333333-0000-4000-8000-000000000001"_s);

    static VmDisk disk(const QString &target, const QString &type, const QString &source)
    {
        VmDisk d;
        d.target = target;
        d.type = type;
        d.format = type == u"network" ? u"raw"_s : u"qcow2"_s;
        d.source = source;
        return d;
    }

    // A scan of the running VM through a backup job run by `calls`.
    Findings scan(Calls &calls, bool cancelAtOnce = false)
    {
        ImageScanRequest r;
        r.scan.jobId = u"scan-0123456789ab"_s;
        r.scan.vmId = m_domain.toString(QUuid::WithoutBraces);
        r.scan.kind = u"full"_s;
        r.scan.engine = m_engine;
        r.scan.patternVersion = u"p1"_s;
        r.power = u"running"_s;
        r.domain = m_domain;
        VmDisk vda = disk(u"vda"_s, u"file"_s, m_disk);
        vda.format = u"raw"_s;
        r.disks = {vda};
        ImageScanEnvironment env;
        env.runtimeDir = m_run;
        env.dataDir = m_data;
        env.exporter = [&](const ImageScanRequest &req) -> std::unique_ptr<DiskExporter> {
            return std::make_unique<BackupJobExporter>(QString(), req.domain, m_run, m_data,
                req.scan.jobId, std::make_unique<RecordingHypervisor>(calls));
        };
        ScanCache cache;
        Findings f;
        ImageScanWorker worker(r, env, cache);
        connect(&worker, &ImageScanWorker::detection, this,
            [&](const Detection &d) { f.detections << d.vmPath; });
        connect(&worker, &ImageScanWorker::incomplete, this,
            [&](const QString &p, const QString &why) { f.incomplete << p + u": "_s + why; });
        connect(&worker, &ImageScanWorker::finished, this, [&](const ScanOutcome &o) {
            f.outcome = o;
            f.done = true;
        });
        if (cancelAtOnce)
            worker.pause();
        worker.start();
        if (cancelAtOnce) {
            [&] { QTRY_VERIFY_WITH_TIMEOUT(calls.begun.load() == 1, 10000); }();
            worker.cancel();
        }
        [&] { QTRY_VERIFY_WITH_TIMEOUT(f.done, 60000); }();
        return f;
    }

    QStringList journal() const
    {
        QStringList tags;
        for (const BackupJournal::Job &j : BackupJournal(m_data).jobs())
            tags << j.tag;
        return tags;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (findTool(u"qemu-nbd"_s).isEmpty() || findTool(u"mkfs.ext4"_s).isEmpty())
            QSKIP("qemu-nbd or mkfs.ext4 missing: run scripts/bootstrap");
        m_run = m_tmp.filePath(u"run"_s);
        m_data = m_tmp.filePath(u"data"_s);
        QVERIFY(QDir().mkpath(m_run) && QDir().mkpath(m_data));
        const QString tree = m_tmp.filePath(u"tree"_s);
        QVERIFY(mamori::test::writeFile(tree + u"/Users/a/eicar.com"_s, mamori::test::eicar()));
        m_disk = m_tmp.filePath(u"running.raw"_s);
        QString error;
        QVERIFY2(ImageBuilder::extDisk(tree, m_disk, 32 << 20, &error), qPrintable(error));
        const QString sigs = m_tmp.filePath(u"sigs"_s);
        QVERIFY(mamori::test::makeSignatures(sigs));
        m_engine = ScanEngine::compile(sigs, {}, &error);
        QVERIFY2(m_engine, qPrintable(error));
    }

    // Pull mode, NBD over the job's Unix socket, a scratch file per disk
    // read, named exports; disks that cannot be read are left out.
    void backupXmlAsLibvirtTakesIt()
    {
        const QString xml = BackupJobExporter::backupXml(
            {disk(u"vda"_s, u"file"_s, u"/images/a.qcow2"_s), disk(u"vdb"_s, u"network"_s, {}),
                disk(u"sda"_s, u"block"_s, u"/dev/vg/b"_s)},
            u"/run/mamori/backup/scan-1.sock"_s, u"/var/lib/mamori/backup-scratch"_s, u"scan-1"_s);
        QXmlStreamReader r(xml);
        QVERIFY(r.readNextStartElement());
        QCOMPARE(r.name(), u"domainbackup");
        QCOMPARE(r.attributes().value(u"mode"_s), u"pull");
        QMap<QString, QString> disks;
        QString server, current;
        while (!r.atEnd()) {
            r.readNext();
            if (!r.isStartElement())
                continue;
            const auto a = r.attributes();
            if (r.name() == u"server")
                server =
                    a.value(u"transport"_s).toString() + u' ' + a.value(u"socket"_s).toString();
            if (r.name() == u"disk") {
                current = a.value(u"name"_s).toString();
                disks[current] =
                    a.value(u"backup"_s).toString() + u' ' + a.value(u"exportname"_s).toString();
            }
            if (r.name() == u"scratch")
                disks[current] += u' ' + a.value(u"file"_s).toString();
        }
        QVERIFY2(!r.hasError(), qPrintable(r.errorString()));
        QCOMPARE(server, u"unix /run/mamori/backup/scan-1.sock"_s);
        QCOMPARE(
            disks.value(u"vda"_s), u"yes vda /var/lib/mamori/backup-scratch/scan-1-vda.qcow2"_s);
        QCOMPARE(disks.value(u"vdb"_s), u"no "_s);
        QCOMPARE(
            disks.value(u"sda"_s), u"yes sda /var/lib/mamori/backup-scratch/scan-1-sda.qcow2"_s);
    }

    // Begun before anything is read, read by export name, ended at the end.
    void jobEndsWhenTheScanFinishes()
    {
        Calls calls;
        calls.image = m_disk;
        const Findings f = scan(calls);
        QCOMPARE(f.outcome.state, ScanOutcome::Finished);
        QCOMPARE(f.detections, QStringList {u"/Users/a/eicar.com"_s});
        const QString id = m_domain.toString(QUuid::WithoutBraces);
        QCOMPARE(calls.log, (QStringList {u"begin "_s + id, u"abort "_s + id}));
        QVERIFY(calls.lastXml.contains(m_run + u"/backup/scan-0123456789ab.sock"_s));
        QVERIFY(journal().isEmpty());
        QVERIFY(QDir(m_data + u"/backup-scratch"_s).isEmpty());
    }

    void jobEndsWhenTheScanIsCancelled()
    {
        Calls calls;
        calls.image = m_disk;
        const Findings f = scan(calls, true);
        QCOMPARE(f.outcome.state, ScanOutcome::Cancelled);
        QCOMPARE(calls.log.size(), 2);
        QVERIFY(calls.log.at(1).startsWith(u"abort"_s));
        QVERIFY(journal().isEmpty());
    }

    // The export breaks under the scan (QEMU's NBD server never came up):
    // the disk is reported, and the job is still ended.
    void jobEndsWhenReadingFails()
    {
        Calls calls; // no image: nothing listens on the socket
        const Findings f = scan(calls);
        QCOMPARE(f.outcome.state, ScanOutcome::Finished);
        QCOMPARE(f.outcome.totals.unscannable.size(), 1);
        QVERIFY2(f.outcome.totals.unscannable.at(0).startsWith(u"vda: cannot be read"_s),
            qPrintable(f.outcome.totals.unscannable.join(u", ")));
        QCOMPARE(calls.log.size(), 2);
        QVERIFY(journal().isEmpty());
    }

    // libvirt refuses (as its test driver does, and a host without backup
    // support): the scan fails with libvirt's reason; nothing is left.
    void refusedJobFailsTheScan()
    {
        Calls calls;
        calls.refuseBegin = true;
        const Findings f = scan(calls);
        QCOMPARE(f.outcome.state, ScanOutcome::Failed);
        QCOMPARE(f.outcome.errorCode, u"unavailable"_s);
        QVERIFY2(f.outcome.error.contains(u"not supported"_s), qPrintable(f.outcome.error));
        QCOMPARE(calls.log.size(), 1);
        QVERIFY(journal().isEmpty());
    }

    // A job that could not be ended (the appliance lost libvirt, or died)
    // stays in the journal; the next start ends it if it is still ours.
    void restartEndsLeftoverJobs()
    {
        Calls calls;
        calls.image = m_disk;
        calls.refuseAbort = true;
        QCOMPARE(scan(calls).outcome.state, ScanOutcome::Finished);
        QCOMPARE(journal(), QStringList {u"scan-0123456789ab"_s});
        // Another job on another socket (the admin's own backup) is not ours.
        BackupJournal extra(m_data);
        QString error;
        QVERIFY(extra.add(
            {QUuid::createUuid(), u"scan-other"_s, m_run + u"/backup/other.sock"_s, {}}, &error));
        const QString socket = BackupJournal(m_data).jobs().at(0).socket;
        calls.refuseAbort = false;
        calls.runningXml = u"<domainbackup mode='pull'><server transport='unix' socket='%1'/>"
                           "</domainbackup>"_s.arg(socket);
        RecordingHypervisor hypervisor(calls);
        calls.log.clear();
        // The other job's domain answers the same XML: it is not on its socket.
        const QStringList done = BackupJournal(m_data).recover(hypervisor);
        QCOMPARE(done.size(), 1);
        QVERIFY2(done.at(0).startsWith(u"ended backup job scan-0123456789ab"_s),
            qPrintable(done.join(u"; ")));
        QCOMPARE(calls.log, QStringList {u"abort "_s + m_domain.toString(QUuid::WithoutBraces)});
        QVERIFY(journal().isEmpty());
    }

    // The real libvirt connection on the test driver: no backup jobs there,
    // and the refusal says so.
    void libvirtTestDriverRefusesBackups()
    {
        const QString node = m_tmp.filePath(u"node.xml"_s);
        QVERIFY(mamori::test::writeFile(node,
            u"<node><domain type='test'><name>vdi</name><uuid>%1</uuid><memory>65536</memory>"
            "<os><type>hvm</type></os></domain></node>"_s
                .arg(m_domain.toString(QUuid::WithoutBraces))
                .toUtf8()));
        LibvirtBackupHypervisor libvirt(u"test://"_s + node);
        QString error;
        QVERIFY(!libvirt.begin(m_domain, u"<domainbackup mode='pull'/>"_s, &error));
        QVERIFY2(error.contains(u"backup"_s) && error.contains(u"support"_s), qPrintable(error));
        QString xml;
        QVERIFY(!libvirt.runningJobXml(m_domain, &xml, &error));
    }
};

QTEST_GUILESS_MAIN(TestImageBackup)
#include "tst_image_backup.moc"
