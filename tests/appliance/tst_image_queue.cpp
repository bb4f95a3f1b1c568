// SPDX-License-Identifier: GPL-2.0-or-later
// Image VMs in the scan queue: scanned by an ImageScanWorker through the
// same scheduler as directory VMs; a VM that starts with a verdict from an
// older pattern goes to the front of the queue; a scan under way when an
// image VM's power changes starts over (the disks are then read another
// way). libvirt's test driver cannot start a domain another connection
// sees, so the power change is handed to the scheduler as the inventory
// would report it.
#include "PatternFixture.h"
#include "TestFiles.h"
#include "appliance/engine/ScanEngine.h"
#include "appliance/image/ImageBuilder.h"
#include "appliance/image/ImageTools.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scheduler/ScanScheduler.h"
#include "appliance/store/Database.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mamori::appliance;

class TestImageQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    Database m_db;
    std::unique_ptr<ScanCache> m_cache;
    std::unique_ptr<ScanScheduler> m_scans;
    std::shared_ptr<const ScanEngine> m_engine;
    QHash<QString, VmRecord> m_vms;

    QString id(const QString &name) const
    {
        return m_vms.value(name).id.toString(QUuid::WithoutBraces);
    }

    VmRecord imageVm(const QString &name, const QString &disk)
    {
        VmRecord vm;
        vm.id = QUuid::createUuid();
        vm.name = name;
        vm.power = u"shut-off"_s;
        VmDisk d;
        d.target = u"vda"_s;
        d.type = u"file"_s;
        d.format = u"raw"_s;
        d.source = disk;
        vm.disks = {d};
        return vm;
    }

    QJsonArray jobs(const QString &state) const { return m_scans->jobs(state, 100); }

    bool waitIdle()
    {
        QSignalSpy events(m_scans.get(), &ScanScheduler::jobEvent);
        QDeadlineTimer deadline(120000);
        while (!deadline.hasExpired()) {
            if (jobs(u"queued"_s).isEmpty() && !m_scans->anyRunning())
                return true;
            events.wait(1000);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (image::findTool(u"qemu-nbd"_s).isEmpty() || image::findTool(u"mkfs.ext4"_s).isEmpty())
            QSKIP("qemu-nbd or mkfs.ext4 missing: run scripts/bootstrap");
        const QString tree = m_tmp.filePath(u"tree"_s);
        QVERIFY(mamori::test::writeFile(tree + u"/docs/eicar.com"_s, mamori::test::eicar()));
        QVERIFY(mamori::test::writeFile(tree + u"/docs/note.txt"_s, "clean"));
        QString error;
        for (const QString &name : {u"a"_s, u"b"_s}) {
            const QString disk = m_tmp.filePath(name + u".raw"_s);
            QVERIFY2(image::ImageBuilder::extDisk(tree, disk, 32 << 20, &error), qPrintable(error));
            m_vms.insert(name, imageVm(name, disk));
        }
        VmRecord folder;
        folder.id = QUuid::createUuid();
        folder.name = u"folder"_s;
        folder.power = u"running"_s;
        folder.root = tree;
        m_vms.insert(folder.name, folder);

        const QString sigs = m_tmp.filePath(u"sigs"_s);
        QVERIFY(mamori::test::makeSignatures(sigs));
        m_engine = ScanEngine::compile(sigs, {}, &error);
        QVERIFY2(m_engine, qPrintable(error));
        QVERIFY2(m_db.open(m_tmp.filePath(u"data"_s), &error), qPrintable(error));
        QVERIFY2(m_db.migrateModule(u"scans"_s, ScanScheduler::schemaSteps(), &error),
            qPrintable(error));
        m_cache = std::make_unique<ScanCache>();
        m_scans = std::make_unique<ScanScheduler>(m_db.db(), *m_cache);
        m_scans->setEngineProvider([this] { return ScanScheduler::EngineRef {m_engine, u"p1"_s}; });
        m_scans->setInventory(
            [this](const QString &vmId) -> std::optional<VmRecord> {
                for (const VmRecord &vm : std::as_const(m_vms)) {
                    if (vm.id == QUuid::fromString(vmId))
                        return vm;
                }
                return std::nullopt;
            },
            [this] { return m_vms.values(); });
        image::ImageScanEnvironment env;
        env.runtimeDir = m_tmp.filePath(u"run"_s);
        env.dataDir = m_tmp.filePath(u"data"_s);
        QVERIFY(QDir().mkpath(env.runtimeDir));
        m_scans->setImageEnvironment(env);
        m_scans->start();
    }

    // Image VMs go through the same queue and come out with their findings.
    void imageVmsAreScannedThroughTheQueue()
    {
        QSignalSpy detections(m_scans.get(), &ScanScheduler::detection);
        QStringList ids;
        QString code, message;
        QVERIFY2(m_scans->enqueue({id(u"a"_s), id(u"folder"_s)}, u"full"_s, {}, u"manual"_s, &ids,
                     &code, &message),
            qPrintable(message));
        QVERIFY(waitIdle());
        QCOMPARE(detections.size(), 2);
        for (const auto &args : std::as_const(detections))
            QCOMPARE(args.at(0).value<Detection>().vmPath, u"/docs/eicar.com"_s);
        const QJsonObject job = *m_scans->job(ids.at(0));
        QCOMPARE(job[u"state"_s].toString(), u"finished"_s);
        QCOMPARE(job[u"progress"_s][u"files"_s].toInteger(), 2);
        QCOMPARE(m_scans->scansByVm(id(u"a"_s)).value(id(u"a"_s)).lastFullScanPattern, u"p1"_s);
        // A custom path that leaves the VM is refused before it is queued.
        QVERIFY(!m_scans->enqueue(
            {id(u"a"_s)}, u"custom"_s, {u"/../etc"_s}, u"manual"_s, &ids, &code, &message));
        QCOMPARE(code, u"path_outside_vm"_s);
    }

    // A VM that starts with no verdict of the current pattern: first in line.
    void startedVmGoesFirst()
    {
        m_scans->setPaused(true, u"test"_s);
        QStringList ids;
        QString code, message;
        QVERIFY(m_scans->enqueue(
            {id(u"folder"_s)}, u"full"_s, {}, u"scheduled"_s, &ids, &code, &message));
        QVERIFY(m_scans->enqueue({id(u"a"_s)}, u"quick"_s, {}, u"manual"_s, &ids, &code, &message));
        VmRecord before = m_vms[u"b"_s];
        VmRecord after = before;
        after.power = u"running"_s;
        QVERIFY(m_scans->imageVmPowerChanged(before, after, u"p1"_s));
        const QJsonArray queued = jobs(u"queued"_s);
        QCOMPARE(queued.size(), 3);
        QCOMPARE(queued.at(0)[u"vm"_s].toString(), id(u"b"_s));
        QCOMPARE(queued.at(0)[u"origin"_s].toString(), u"vm-start"_s);
        QCOMPARE(queued.at(0)[u"kind"_s].toString(), u"full"_s);
        // A (fully scanned with p1 above) starting: nothing to do; a pause
        // or a shutdown is not a start.
        VmRecord a = m_vms[u"a"_s];
        VmRecord aRunning = a;
        aRunning.power = u"running"_s;
        QVERIFY(!m_scans->imageVmPowerChanged(a, aRunning, u"p1"_s));
        QVERIFY(!m_scans->imageVmPowerChanged(aRunning, a, u"p1"_s));
        // ...but with a newer pattern it is.
        QVERIFY(m_scans->imageVmPowerChanged(a, aRunning, u"p2"_s));
        for (const QJsonValue &j : jobs(u"queued"_s))
            QVERIFY(m_scans->cancel(j[u"id"_s].toString(), &code, &message));
        m_scans->setPaused(false, {});
    }

    // The power changes under a scan: it starts over, at the front.
    void powerChangeRestartsARunningScan()
    {
        QSignalSpy events(m_scans.get(), &ScanScheduler::jobEvent);
        m_scans->setPaused(true, u"test"_s);
        QStringList ids;
        QString code, message;
        QVERIFY(
            m_scans->enqueue({id(u"b"_s)}, u"full"_s, {}, u"scheduled"_s, &ids, &code, &message));
        // Let it start, then hold it between files.
        m_scans->setPaused(false, {});
        m_scans->setPaused(true, u"test"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_scans->isScanning(id(u"b"_s)), 10000);
        VmRecord before = m_vms[u"b"_s];
        VmRecord after = before;
        after.power = u"paused"_s;
        QVERIFY(m_scans->imageVmPowerChanged(before, after, u"p1"_s));
        QVERIFY(!m_scans->isScanning(id(u"b"_s)));
        QCOMPARE(m_scans->job(ids.at(0))->value(u"state"_s).toString(), u"cancelled"_s);
        const QJsonArray queued = jobs(u"queued"_s);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.at(0)[u"origin"_s].toString(), u"vm-start"_s);
        QCOMPARE(queued.at(0)[u"kind"_s].toString(), u"full"_s);
        QVERIFY(m_scans->cancel(queued.at(0)[u"id"_s].toString(), &code, &message));
        m_scans->setPaused(false, {});
        // The export of the stopped scan ends with it.
        QTRY_VERIFY_WITH_TIMEOUT(
            QDir(m_tmp.filePath(u"run"_s)).entryList({u"*.sock"_s}, QDir::System).isEmpty(), 10000);
    }
};

QTEST_GUILESS_MAIN(TestImageQueue)
#include "tst_image_queue.moc"
