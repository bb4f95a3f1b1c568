// SPDX-License-Identifier: GPL-2.0-or-later
// Scanning image VMs: one file tree - archives, nested archives, the lab's
// test threats - scanned as a folder (ScanWorker), as an ext4 disk and as an
// NTFS disk (ImageScanWorker through qemu-nbd) gives the same findings; a
// linked clone reads only what it changed; a file system that cannot be
// read is reported. Real libclamav, real qemu-nbd, images built here
// without root.
#include "appliance/engine/ScanEngine.h"
#include "appliance/image/DiskExporter.h"
#include "appliance/image/DiskLabel.h"
#include "appliance/image/GoldenIndex.h"
#include "appliance/image/GuestWriter.h"
#include "appliance/image/ImageBuilder.h"
#include "appliance/image/ImageFileScanner.h"
#include "appliance/image/ImageScanWorker.h"
#include "appliance/image/ImageTools.h"
#include "appliance/image/QemuNbdServer.h"
#include "appliance/lab/LabArchive.h"
#include "appliance/lab/LabThreatDropper.h"
#include "appliance/scan/ScanCache.h"
#include "appliance/scan/ScanWorker.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mamori::appliance;
using namespace mamori::appliance::image;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QByteArray randomBytes(quint32 seed, qsizetype size)
{
    QList<quint32> words((size + 3) / 4);
    QRandomGenerator(seed).fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.constData()), size);
}

bool run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// What a scan found, in a form two scans can be compared by.
struct Findings
{
    bool done = false;
    ScanOutcome outcome;
    QMap<QString, QString> detections; // path -> "threat sha256"
    QMap<QString, QString> incomplete; // path -> reason
    QMap<QString, QString> errors;
    QStringList scanned; // paths, from progress' currentPath (not all)
};

template<typename Worker> void collect(QObject *ctx, Worker &w, Findings &f)
{
    QObject::connect(&w, &Worker::detection, ctx,
        [&f](const Detection &d) { f.detections.insert(d.vmPath, d.threat + u' ' + d.sha256); });
    QObject::connect(&w, &Worker::incomplete, ctx,
        [&f](const QString &p, const QString &why) { f.incomplete.insert(p, why); });
    QObject::connect(&w, &Worker::fileError, ctx,
        [&f](const QString &p, const QString &why) { f.errors.insert(p, why); });
    QObject::connect(&w, &Worker::finished, ctx, [&f](const ScanOutcome &o) {
        f.outcome = o;
        f.done = true;
    });
}

} // namespace

class TestImageScan : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_tree, m_sigDir, m_run;
    std::shared_ptr<const ScanEngine> m_engine;

    QString path(const QString &rel) const { return m_tmp.filePath(rel); }

    ScanRequest request(const QString &kind = u"full"_s) const
    {
        ScanRequest r;
        r.jobId = u"job-%1"_s.arg(QRandomGenerator::global()->bounded(1 << 30));
        r.vmId = u"vm-1"_s;
        r.kind = kind;
        r.engine = m_engine;
        r.patternVersion = u"p1"_s;
        return r;
    }

    static VmDisk disk(
        const QString &image, const QString &format, const QString &target = u"vda"_s)
    {
        VmDisk d;
        d.target = target;
        d.type = u"file"_s;
        d.format = format;
        d.source = image;
        return d;
    }

    void scanImage(const QList<VmDisk> &disks, ScanCache &cache, GoldenIndex *golden, Findings *f,
        const ScanRequest &req)
    {
        ImageScanRequest r;
        r.scan = req;
        r.power = u"shut-off"_s;
        r.disks = disks;
        ImageScanEnvironment env;
        env.runtimeDir = m_run;
        env.dataDir = m_run;
        env.golden = golden;
        ImageScanWorker worker(r, env, cache);
        collect(this, worker, *f);
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(f->done, 120000);
    }

    void scanFolder(const QString &root, ScanCache &cache, Findings *f)
    {
        ScanRequest r = request();
        r.root = root;
        ScanWorker worker(r, cache);
        collect(this, worker, *f);
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(f->done, 120000);
    }

    // The tree every form of the VM holds.
    void buildTree()
    {
        const QString t = m_tree;
        const QString stage = path(u"stage"_s);
        const QByteArray eicar = LabThreatDropper::eicar();
        QVERIFY(writeFile(t + u"/Users/desk/Downloads/invoice-1.pdf.exe"_s, eicar));
        QVERIFY(writeFile(t + u"/Users/desk/Downloads/setup-2.exe"_s,
            LabThreatDropper::body(LabThreatDropper::Threat::Marker, 2)));
        QVERIFY(writeFile(t + u"/Users/desk/Desktop/photos-3.zip"_s,
            LabThreatDropper::body(LabThreatDropper::Threat::ZippedMarker, 3)));
        // Only the newer lab pattern finds this one: clean under this one.
        QVERIFY(writeFile(t + u"/Users/desk/Desktop/update-4.scr"_s,
            LabThreatDropper::body(LabThreatDropper::Threat::NewerMarker, 4)));
        // Archives: EICAR in a zip; a marker in a zip in a tar.gz; a zip in a
        // zip in a zip; a password-protected zip (not scannable: incomplete).
        QVERIFY(writeFile(stage + u"/eicar.txt"_s, eicar));
        QVERIFY(writeFile(
            stage + u"/marker.txt"_s, LabThreatDropper::body(LabThreatDropper::Threat::Marker, 9)));
        QVERIFY(QDir().mkpath(t + u"/archives"_s));
        QVERIFY(run(
            u"zip"_s, {u"-q"_s, u"-j"_s, t + u"/archives/eicar.zip"_s, stage + u"/eicar.txt"_s}));
        QVERIFY(
            run(u"zip"_s, {u"-q"_s, u"-j"_s, stage + u"/inner.zip"_s, stage + u"/marker.txt"_s}));
        QVERIFY(run(u"tar"_s,
            {u"-czf"_s, t + u"/archives/nested.tar.gz"_s, u"-C"_s, stage, u"inner.zip"_s}));
        const QByteArray level1 = labarchive::zip({{u"level1/eicar.com"_s, eicar}}, 0x4a210000);
        const QByteArray level2 = labarchive::zip({{u"level1.zip"_s, level1}}, 0x4a210000);
        QVERIFY(writeFile(
            t + u"/archives/deep.zip"_s, labarchive::zip({{u"level2.zip"_s, level2}}, 0x4a210000)));
        QVERIFY(run(u"zip"_s,
            {u"-q"_s, u"-j"_s, u"-P"_s, u"secret"_s, t + u"/archives/locked.zip"_s,
                stage + u"/eicar.txt"_s}));
        // Clean files of many sizes, some over a cluster, one of several MiB.
        for (int i = 0; i < 60; ++i)
            QVERIFY(writeFile(t + u"/Windows/System32/f%1.dll"_s.arg(i),
                "MZ" + randomBytes(quint32(i), 100 + i * 4099)));
        QVERIFY(writeFile(t + u"/Users/desk/Documents/report.docx"_s, randomBytes(99, 3 << 20)));
        QVERIFY(writeFile(t + u"/Users/desk/Documents/empty.txt"_s, {}));
        QVERIFY(writeFile(t + u"/Users/desk/Documents/notes.txt"_s, "a small note"));
        QVERIFY(QFile::link(u"/etc/passwd"_s, t + u"/Users/desk/passwd-link"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *tool : {"qemu-nbd", "qemu-img", "mkfs.ext4", "mkntfs", "zip", "tar"}) {
            if (findTool(QLatin1String(tool)).isEmpty())
                QSKIP(qPrintable(u"%1 missing: run scripts/bootstrap"_s.arg(QLatin1String(tool))));
        }
        m_tree = path(u"tree"_s);
        m_sigDir = path(u"sigs"_s);
        m_run = path(u"run"_s);
        QVERIFY(QDir().mkpath(m_run));
        const auto pattern = LabThreatDropper::labPatternV1();
        for (auto it = pattern.begin(); it != pattern.end(); ++it)
            QVERIFY(writeFile(m_sigDir + u'/' + it.key(), it.value()));
        QString error;
        m_engine = ScanEngine::compile(m_sigDir, {}, &error);
        QVERIFY2(m_engine, qPrintable(error));
        buildTree();
    }

    // The promise of image VMs: the same verdicts as the folder.
    void sameVerdictsAsFolder()
    {
        ScanCache folderCache;
        Findings folder;
        scanFolder(m_tree, folderCache, &folder);
        QCOMPARE(folder.outcome.state, ScanOutcome::Finished);
        QCOMPARE(folder.detections.size(), 6); // EICAR, marker, zipped marker, 3 archives
        QVERIFY(folder.incomplete.contains(u"/archives/locked.zip"_s));

        QString error;
        const QString ext = path(u"same-ext4.raw"_s);
        const QString ntfs = path(u"same-ntfs.raw"_s);
        QVERIFY2(ImageBuilder::extDisk(m_tree, ext, 64 << 20, &error), qPrintable(error));
        QVERIFY2(ImageBuilder::ntfsDisk(m_tree, ntfs, 64 << 20, m_run, &error), qPrintable(error));
        const QString extQcow2 = ext + u".qcow2"_s;
        QVERIFY2(ImageBuilder::toQcow2(ext, extQcow2, &error), qPrintable(error));

        for (const auto &[image, format] :
            {std::pair {extQcow2, u"qcow2"_s}, std::pair {ntfs, u"raw"_s}}) {
            ScanCache cache; // each on its own: every file scanned
            Findings f;
            scanImage({disk(image, format)}, cache, nullptr, &f, request());
            QCOMPARE(f.outcome.state, ScanOutcome::Finished);
            QVERIFY2(f.errors.isEmpty(), qPrintable(f.errors.keys().join(u", ")));
            QCOMPARE(f.detections, folder.detections);
            QCOMPARE(f.incomplete, folder.incomplete);
            QCOMPARE(f.outcome.totals.files, folder.outcome.totals.files);
            QCOMPARE(f.outcome.totals.bytes, folder.outcome.totals.bytes);
            QVERIFY(f.outcome.totals.unscannable.isEmpty());
            QVERIFY(f.outcome.totals.bytesRead >= f.outcome.totals.bytes);
        }
    }

    // A file over what is held in memory for the engine (32 MiB) goes through
    // a memfd instead: the same verdict and hash as the folder's.
    void largeFileGoesThroughAMemfd()
    {
        const QString tree = path(u"large-tree"_s);
        QByteArray big = randomBytes(7, int(ImageFileScanner::kMemoryLimit) + (1 << 20));
        big += LabThreatDropper::body(LabThreatDropper::Threat::Marker, 5);
        QVERIFY(writeFile(tree + u"/Videos/big-5.iso"_s, big));
        QVERIFY(writeFile(tree + u"/Videos/small.txt"_s, "small"));
        ScanCache folderCache;
        Findings folder;
        scanFolder(tree, folderCache, &folder);
        QCOMPARE(folder.outcome.state, ScanOutcome::Finished);
        QCOMPARE(folder.detections.keys(), QStringList {u"/Videos/big-5.iso"_s});

        QString error;
        const QString ext = path(u"large-ext4.raw"_s);
        QVERIFY2(ImageBuilder::extDisk(tree, ext, 64 << 20, &error), qPrintable(error));
        ScanCache cache;
        Findings f;
        scanImage({disk(ext, u"raw"_s)}, cache, nullptr, &f, request());
        QCOMPARE(f.outcome.state, ScanOutcome::Finished);
        QVERIFY2(f.errors.isEmpty(), qPrintable(f.errors.keys().join(u", ")));
        QCOMPARE(f.detections, folder.detections);
        QVERIFY(f.outcome.totals.bytesRead >= big.size());
    }

    // A linked clone costs its changes: the first clone reads the golden
    // image; the next reads only what it changed; an unchanged clone's
    // rescan reads nothing but metadata; the verdicts survive a restart
    // (save/load) and are dropped, but not the extent facts, on a pattern change.
    void linkedClonesReadTheirChangesOnly()
    {
        QString error;
        const QString raw = path(u"golden.raw"_s);
        const QString golden = path(u"golden.qcow2"_s);
        QVERIFY2(ImageBuilder::extDisk(m_tree, raw, 64 << 20, &error), qPrintable(error));
        QVERIFY2(ImageBuilder::toQcow2(raw, golden, &error), qPrintable(error));
        // Overlays of 4 KiB clusters, the file system's block: exactly the
        // files a clone wrote are its own (with qemu's default 64 KiB a file
        // that shares a cluster with a change is read too: see below).
        QStringList clones;
        for (int i = 1; i <= 4; ++i) {
            const QString clone = path(u"clone-%1.qcow2"_s.arg(i));
            QVERIFY2(ImageBuilder::overlay(golden, clone, &error, i == 4 ? 65536 : 4096),
                qPrintable(error));
            clones << clone;
        }
        // Clone 2: a new document and the lab's EICAR; clone 3: a changed DLL.
        const auto clone2Changes = [](GuestWriter &w, QString *e) {
            return w.writeFile("/Users/desk/Documents/new.txt", "written in clone 2", e)
                && w.writeFile("/Users/desk/Downloads/payment-7.exe", LabThreatDropper::eicar(), e);
        };
        QVERIFY2(ImageBuilder::edit(clones[1], u"qcow2"_s, m_run, clone2Changes, &error),
            qPrintable(error));
        QVERIFY2(ImageBuilder::edit(clones[3], u"qcow2"_s, m_run, clone2Changes, &error),
            qPrintable(error));
        QVERIFY2(ImageBuilder::edit(
                     clones[2], u"qcow2"_s, m_run,
                     [](GuestWriter &w, QString *e) {
                         return w.writeFile("/Windows/System32/f3.dll", "MZ changed in clone 3", e);
                     },
                     &error),
            qPrintable(error));
        // The overlays hold the clusters of those changes, not copies.
        QVERIFY(QFileInfo(clones[1]).size() < (4 << 20));

        const auto cloneDisk = [&](int i) {
            VmDisk d = disk(clones[i], u"qcow2"_s);
            d.backing = {{golden, u"qcow2"_s}};
            return QList<VmDisk> {d};
        };
        ScanCache cache;
        GoldenIndex index;
        index.setPattern(u"p1"_s);
        cache.setPattern(u"p1"_s);
        Findings first;
        scanImage(cloneDisk(0), cache, &index, &first, request());
        QCOMPARE(first.outcome.state, ScanOutcome::Finished);
        const ScanProgress &a = first.outcome.totals;
        QCOMPARE(a.goldenHits, 0);
        QVERIFY(a.bytesRead > (3 << 20));
        QCOMPARE(first.detections.size(), 6);

        Findings second;
        scanImage(cloneDisk(1), cache, &index, &second, request());
        const ScanProgress &b = second.outcome.totals;
        QCOMPARE(b.files, a.files + 2);
        // All but the locked zip (whose "cannot scan" is never cached).
        QCOMPARE(b.goldenHits, a.files - 1);
        QVERIFY2(b.bytesRead < a.bytesRead / 4,
            qPrintable(u"%1 of %2"_s.arg(b.bytesRead).arg(a.bytesRead)));
        QCOMPARE(
            second.detections.size(), 7); // the golden image's six without reading, and its own
        QVERIFY(second.detections.contains(u"/Users/desk/Downloads/payment-7.exe"_s));
        for (auto it = first.detections.begin(); it != first.detections.end(); ++it)
            QCOMPARE(second.detections.value(it.key()), it.value());

        Findings third;
        scanImage(cloneDisk(2), cache, &index, &third, request());
        QCOMPARE(third.outcome.totals.goldenHits, a.files - 2); // and its changed f3.dll is read
        QCOMPARE(third.detections, first.detections);

        // The same changes in 64 KiB clusters: a few neighbours are read too.
        Findings wide;
        scanImage(cloneDisk(3), cache, &index, &wide, request());
        QCOMPARE(wide.detections, second.detections);
        QVERIFY(wide.outcome.totals.goldenHits > b.goldenHits * 2 / 3);
        QVERIFY(wide.outcome.totals.bytesRead < a.bytesRead / 4);

        // A rescan of the unchanged clone 2 after a restart: nothing read
        // but the file system's metadata.
        const QString saved = path(u"index.bin"_s);
        QVERIFY2(index.save(saved, &error), qPrintable(error));
        QVERIFY2(cache.save(path(u"cache.bin"_s), &error), qPrintable(error));
        GoldenIndex reloaded;
        ScanCache reloadedCache;
        QVERIFY2(reloaded.load(saved, u"p1"_s, &error), qPrintable(error));
        QVERIFY2(reloadedCache.load(path(u"cache.bin"_s), u"p1"_s, &error), qPrintable(error));
        QCOMPARE(reloaded.keyCount(), index.keyCount());
        Findings again;
        scanImage(cloneDisk(1), reloadedCache, &reloaded, &again, request());
        const ScanProgress &c = again.outcome.totals;
        QCOMPARE(c.cacheMisses, 0);
        QCOMPARE(c.statHits, c.files - 1);
        QCOMPARE(again.detections, second.detections);
        QVERIFY2(c.bytesRead < (1 << 20), qPrintable(QString::number(c.bytesRead)));

        // A new pattern: verdicts go, extent facts stay; the first clone
        // scanned after it reads the golden image's files again, once.
        reloaded.setPattern(u"p2"_s);
        reloadedCache.setPattern(u"p2"_s);
        QCOMPARE(reloaded.threatCount(), 0);
        QVERIFY(reloaded.keyCount() > 0);
        ScanRequest p2 = request();
        p2.patternVersion = u"p2"_s;
        Findings afterUpdate;
        scanImage(cloneDisk(0), reloadedCache, &reloaded, &afterUpdate, p2);
        QCOMPARE(afterUpdate.outcome.totals.goldenHits, 0);
        QCOMPARE(afterUpdate.detections, first.detections);
        Findings next;
        scanImage(cloneDisk(2), reloadedCache, &reloaded, &next, p2);
        QCOMPARE(next.outcome.totals.goldenHits, a.files - 2);
    }

    // What cannot be read is said, per partition, and the rest is scanned.
    void unscannableFileSystemsAreReported()
    {
        QString error;
        const QString raw = path(u"mixed.raw"_s);
        QVERIFY2(ImageBuilder::extDisk(m_tree, raw, 64 << 20, &error), qPrintable(error));
        // A second disk: XFS-like signature in a GPT partition.
        const QString second = path(u"xfs.raw"_s);
        {
            QFile f(second);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(8 << 20));
            QVERIFY(f.seek(1 << 20));
            f.write("XFSB");
        }
        QVERIFY2(
            DiskLabel::writeGpt(second, {{1 << 20, 4 << 20, DiskLabel::kLinuxData, 0, {}}}, &error),
            qPrintable(error));
        VmDisk network;
        network.target = u"vdc"_s;
        network.type = u"network"_s;
        network.format = u"raw"_s;
        ScanCache cache;
        Findings f;
        scanImage({disk(raw, u"raw"_s), disk(second, u"raw"_s, u"vdb"_s), network}, cache, nullptr,
            &f, request());
        QCOMPARE(f.outcome.state, ScanOutcome::Finished);
        QCOMPARE(
            f.outcome.totals.unscannable, (QStringList {u"vdb1: xfs"_s, u"vdc: network disk"_s}));
        QCOMPARE(f.incomplete.value(u"/vdb1"_s), u"not scannable: xfs"_s);
        QVERIFY(f.incomplete.contains(u"/vdc"_s));
        // Only one file system: its paths are the guest's own.
        QVERIFY(f.detections.contains(u"/archives/eicar.zip"_s));

        // Two file systems: each path names its disk and partition.
        const QString two = path(u"two.raw"_s);
        QVERIFY2(ImageBuilder::extDisk(m_tree, two, 64 << 20, &error), qPrintable(error));
        Findings g;
        ScanRequest custom = request(u"custom"_s);
        custom.paths = {
            u"/vdb1/archives"_s, u"/vda1/Users/desk/Downloads/setup-2.exe"_s, u"/vdz1/x"_s};
        scanImage({disk(raw, u"raw"_s), disk(two, u"raw"_s, u"vdb"_s)}, cache, nullptr, &g, custom);
        QCOMPARE(g.detections.keys(),
            (QStringList {u"/vda1/Users/desk/Downloads/setup-2.exe"_s, u"/vdb1/archives/deep.zip"_s,
                u"/vdb1/archives/eicar.zip"_s, u"/vdb1/archives/nested.tar.gz"_s}));
        QCOMPARE(g.errors.value(u"/vdz1/x"_s), u"not_found"_s);
    }

    // A scan that is cancelled ends its exports: no qemu-nbd is left.
    void cancelEndsTheExport()
    {
        QString error;
        const QString raw = path(u"cancel.raw"_s);
        QVERIFY2(ImageBuilder::extDisk(m_tree, raw, 64 << 20, &error), qPrintable(error));
        ImageScanRequest r;
        r.scan = request();
        r.power = u"shut-off"_s;
        r.disks = {disk(raw, u"raw"_s)};
        ImageScanEnvironment env;
        env.runtimeDir = m_run;
        ScanCache cache;
        Findings f;
        {
            ImageScanWorker worker(r, env, cache);
            collect(this, worker, f);
            worker.pause();
            QVERIFY(worker.start());
            QTRY_VERIFY_WITH_TIMEOUT(
                !QDir(m_run).entryList({u"nbd-*.sock"_s}, QDir::System).isEmpty(), 30000);
            worker.cancel();
            QTRY_VERIFY_WITH_TIMEOUT(f.done, 30000);
        }
        QCOMPARE(f.outcome.state, ScanOutcome::Cancelled);
        QVERIFY(QDir(m_run).entryList({u"nbd-*.sock"_s}, QDir::System).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestImageScan)
#include "tst_image_scan.moc"
