// SPDX-License-Identifier: GPL-2.0-or-later
// Reading a VM's disk image from outside: qemu-nbd exports it, libnbd reads
// it, the partition table and the ext file system are read through that,
// and every file's content comes out as it went in. Images are built here
// with mkfs.ext4 -d and qemu-img, as an unprivileged user could.
#include "appliance/image/BackingBlocks.h"
#include "appliance/image/DiskLabel.h"
#include "appliance/image/DiskLayout.h"
#include "appliance/image/ExtVolume.h"
#include "appliance/image/FileContent.h"
#include "appliance/image/ImageFileScanner.h"
#include "appliance/image/ImageTools.h"
#include "appliance/image/NbdDisk.h"
#include "appliance/image/QemuNbdServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <numeric>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace mamori::appliance::image;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator g(seed);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = char(g.generate() & 0xff);
    return b;
}

// Every regular file under `root` by its path inside it.
QMap<QByteArray, QByteArray> treeContents(const QString &root)
{
    QMap<QByteArray, QByteArray> out;
    QDirIterator it(
        root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        out.insert(QFile::encodeName(path.mid(root.size())), f.readAll());
    }
    return out;
}

struct Export
{
    QemuNbdServer server;
    std::unique_ptr<NbdDisk> disk;
};

} // namespace

class TestImageReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_tree;
    int m_sockets = 0;

    // qemu-nbd on `image`; the disk connected through libnbd.
    bool exportImage(const QString &image, const QString &format, Export *e)
    {
        QString error;
        QemuNbdServer::Options o;
        o.image = image;
        o.format = format;
        o.socketPath = m_tmp.filePath(u"nbd-%1.sock"_s.arg(++m_sockets));
        if (!e->server.start(o, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        e->disk = NbdDisk::connect({o.socketPath, {}, false}, &error);
        if (!e->disk)
            qWarning("%s (%s)", qPrintable(error), qPrintable(e->server.diagnostics()));
        return e->disk != nullptr;
    }

    // A 40 MiB disk: GPT, one ext4 partition at 1 MiB holding m_tree.
    QString makeExtDisk(const QString &name, const QString &fsType = u"ext4"_s)
    {
        const QString raw = m_tmp.filePath(name + u".raw"_s);
        QString error;
        const bool made =
            runTool(u"mkfs.%1"_s.arg(fsType),
                {u"-q"_s, u"-F"_s, u"-d"_s, m_tree, u"-E"_s, u"offset=1048576"_s, raw, u"38M"_s},
                &error)
            && QFile::resize(raw, 40 << 20)
            && DiskLabel::writeGpt(
                raw, {{1 << 20, 38 << 20, DiskLabel::kLinuxData, 0, {}}}, &error);
        if (!made)
            qWarning("%s", qPrintable(error));
        return made ? raw : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (QemuNbdServer::program().isEmpty() || findTool(u"mkfs.ext4"_s).isEmpty())
            QSKIP("qemu-nbd or mkfs.ext4 missing: run scripts/bootstrap");
        m_tree = m_tmp.filePath(u"tree"_s);
        QVERIFY(writeFile(m_tree + u"/docs/a.txt"_s, "hello\n"));
        QVERIFY(writeFile(m_tree + u"/docs/empty"_s, {}));
        QVERIFY(writeFile(m_tree + u"/docs/deep/er/still/b.bin"_s, randomBytes(70000, 1)));
        QVERIFY(writeFile(m_tree + u"/big.bin"_s, randomBytes(3 << 20, 2)));
        QVERIFY(writeFile(m_tree + u"/.hidden"_s, "dot file"));
        QVERIFY(writeFile(m_tree + u"/na\u00efve.txt"_s, "utf-8 name"));
        // A sparse file: 1 MiB hole, 4 KiB data, 1 MiB hole.
        {
            QFile f(m_tree + u"/sparse.img"_s);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.seek(1 << 20));
            QVERIFY(f.write(randomBytes(4096, 3)) == 4096);
            QVERIFY(f.resize((2 << 20) + 4096));
        }
        QVERIFY(QFile::link(u"/etc/passwd"_s, m_tree + u"/docs/link-out"_s));
        QVERIFY(QFile::link(u"docs"_s, m_tree + u"/docs-link"_s));
    }

    void partitionTables()
    {
        const QString raw = m_tmp.filePath(u"tables.raw"_s);
        QVERIFY(QFile(raw).open(QIODevice::WriteOnly));
        QVERIFY(QFile::resize(raw, 64 << 20));
        QString error;
        // MBR: a primary partition, then an extended one with two logical ones.
        QVERIFY2(DiskLabel::writeMbr(raw,
                     {{1 << 20, 8 << 20, {}, 0x83, {}},
                         {16 << 20, 40 << 20, {}, 0x05,
                             {{(17 << 20), 8 << 20, {}, 0x83, {}},
                                 {(30 << 20), 10 << 20, {}, 0x07, {}}}}},
                     &error),
            qPrintable(error));
        QByteArray shown;
        QVERIFY2(runTool(u"partx"_s, {u"--show"_s, u"--output"_s, u"NR,START,SECTORS"_s, raw},
                     &error, &shown),
            qPrintable(error));
        Export e;
        QVERIFY(exportImage(raw, u"raw"_s, &e));
        QList<Partition> parts;
        QVERIFY2(DiskLayout::partitions(*e.disk, &parts, &error), qPrintable(error));
        QStringList ours {u"NR START SECTORS"_s};
        for (const Partition &p : parts)
            ours << u"%1 %2 %3"_s.arg(p.number).arg(p.offset / 512).arg(p.size / 512);
        // partx lists the extended partition itself too (number 2).
        QStringList theirs;
        for (const QString &line : QString::fromLatin1(shown).trimmed().split(u'\n'))
            theirs << line.simplified();
        theirs.removeIf([](const QString &l) { return l.startsWith(u"2 "_s); });
        QCOMPARE(ours, theirs);
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(2).number, 6);
        QCOMPARE(parts.at(2).mbrType, 0x07);
        // Nothing is on them yet.
        QCOMPARE(DiskLayout::guess(*e.disk, parts.at(0)).kind, FileSystemKind::NoFiles);

        // GPT, then with its primary header damaged: the backup is used.
        e.disk.reset();
        e.server.stop();
        QVERIFY2(DiskLabel::writeGpt(raw,
                     {{1 << 20, 4 << 20, DiskLabel::kLinuxData, 0, {}},
                         {8 << 20, 50 << 20, DiskLabel::kBasicData, 0, {}}},
                     &error),
            qPrintable(error));
        for (const bool damaged : {false, true}) {
            if (damaged) {
                QFile f(raw);
                QVERIFY(f.open(QIODevice::ReadWrite));
                QVERIFY(f.seek(512 + 40));
                QVERIFY(f.write("X", 1) == 1);
            }
            Export g;
            QVERIFY(exportImage(raw, u"raw"_s, &g));
            QVERIFY2(DiskLayout::partitions(*g.disk, &parts, &error), qPrintable(error));
            QCOMPARE(parts.size(), 2);
            QCOMPARE(parts.at(0).scheme, u"gpt"_s);
            QCOMPARE(parts.at(1).number, 2);
            QCOMPARE(parts.at(1).offset, qint64(8 << 20));
            QCOMPARE(parts.at(1).size, qint64(50 << 20));
            QCOMPARE(parts.at(1).typeGuid, DiskLabel::kBasicData);
        }
    }

    // Names for what cannot be read, so that it is reported as what it is.
    void fileSystemGuesses_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QByteArray>("magic");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        QTest::newRow("xfs") << qint64(0) << "XFSB"_ba << u"xfs"_s << int(FileSystemKind::Other);
        QTest::newRow("fat32") << qint64(82) << "FAT32   "_ba << u"vfat"_s
                               << int(FileSystemKind::Other);
        QTest::newRow("btrfs") << qint64(65600) << "_BHRfS_M"_ba << u"btrfs"_s
                               << int(FileSystemKind::Other);
        QTest::newRow("lvm") << qint64(512) << "LABELONE"_ba << u"lvm2"_s
                             << int(FileSystemKind::Other);
        QTest::newRow("swap") << qint64(4086) << "SWAPSPACE2"_ba << u"swap"_s
                              << int(FileSystemKind::NoFiles);
        QTest::newRow("noise") << qint64(100) << "x"_ba << u"unknown"_s
                               << int(FileSystemKind::Other);
        QTest::newRow("zeros") << qint64(0) << QByteArray() << u"empty"_s
                               << int(FileSystemKind::NoFiles);
    }

    void fileSystemGuesses()
    {
        QFETCH(qint64, offset);
        QFETCH(QByteArray, magic);
        QFETCH(QString, name);
        QFETCH(int, kind);
        const QString raw = m_tmp.filePath(u"guess.raw"_s);
        QFile f(raw);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(f.resize(1 << 20));
        QVERIFY(f.seek(offset));
        QVERIFY(f.write(magic) == magic.size());
        f.close();
        Export e;
        QVERIFY(exportImage(raw, u"raw"_s, &e));
        const FileSystemGuess g = DiskLayout::guess(*e.disk);
        QCOMPARE(g.name, name);
        QCOMPARE(int(g.kind), kind);
    }

    // The whole tree comes back through qemu-nbd, libnbd and libext2fs:
    // every regular file, its size, times and bytes; links not followed.
    void extTreeThroughNbd_data()
    {
        QTest::addColumn<QString>("fsType");
        QTest::addColumn<QString>("format");
        QTest::newRow("ext4 qcow2") << u"ext4"_s << u"qcow2"_s;
        QTest::newRow("ext4 raw") << u"ext4"_s << u"raw"_s;
        QTest::newRow("ext3 qcow2") << u"ext3"_s << u"qcow2"_s;
        QTest::newRow("ext2 raw") << u"ext2"_s << u"raw"_s;
    }

    void extTreeThroughNbd()
    {
        QFETCH(QString, fsType);
        QFETCH(QString, format);
        QString image = makeExtDisk(fsType + u"-"_s + format, fsType);
        QVERIFY(!image.isEmpty());
        QString error;
        if (format == u"qcow2") {
            const QString qcow2 = image + u".qcow2"_s;
            QVERIFY2(
                runTool(u"qemu-img"_s,
                    {u"convert"_s, u"-f"_s, u"raw"_s, u"-O"_s, u"qcow2"_s, image, qcow2}, &error),
                qPrintable(error));
            image = qcow2;
        }
        Export e;
        QVERIFY(exportImage(image, format, &e));
        QList<Partition> parts;
        QVERIFY2(DiskLayout::partitions(*e.disk, &parts, &error), qPrintable(error));
        QCOMPARE(parts.size(), 1);
        QCOMPARE(parts[0].offset, qint64(1 << 20));
        const FileSystemGuess g = DiskLayout::guess(*e.disk, parts[0]);
        QCOMPARE(g.kind, FileSystemKind::Ext);
        QCOMPARE(g.name, fsType);
        RegionReader region(*e.disk, parts[0].offset, parts[0].size);
        auto volume = ExtVolume::open(region, false, &error);
        QVERIFY2(volume, qPrintable(error));
        QCOMPARE(volume->typeName(), fsType);

        std::atomic_bool cancelled {false};
        FileContent reader(*e.disk, *volume, cancelled);
        QMap<QByteArray, QByteArray> seen;
        QList<QByteArray> problems;
        qint64 read = 0;
        Volume::Walk walk;
        walk.problem = [&](const QByteArray &path, const QString &why) {
            problems << path + ": " + why.toUtf8();
        };
        walk.file = [&](const GuestFile &file) {
            QByteArray content;
            QString why;
            if (reader.read(file, &content, &read, &why) != FileContent::Status::Ok) {
                problems << file.path + ": " + why.toUtf8();
                return true;
            }
            if (file.path == "/sparse.img") {
                // The holes are holes: nothing read for them.
                const qint64 zeros =
                    std::accumulate(file.extents.begin(), file.extents.end(), qint64(0),
                        [](qint64 n, const FileExtent &x) { return n + (x.zero ? x.length : 0); });
                if (zeros < (2 << 20))
                    problems << "sparse.img has no holes";
            }
            if (file.size != content.size() || file.mtimeNs <= 0)
                problems << file.path + ": size or time wrong";
            seen.insert(file.path, content);
            return true;
        };
        QVERIFY2(volume->walk("/", walk, &error), qPrintable(error));
        QVERIFY2(problems.isEmpty(), problems.join('\n').constData());
        QMap<QByteArray, QByteArray> expected = treeContents(m_tree);
        expected.remove("/docs/link-out");
        QCOMPARE(seen.keys(), expected.keys());
        QVERIFY(seen == expected);
        QVERIFY(read > 3 << 20);
        QVERIFY(e.disk->bytesRead() >= read);

        // A walk from a sub-folder, from one file, and with a folder left out.
        QList<QByteArray> paths;
        Volume::Walk list;
        list.file = [&](const GuestFile &f) {
            paths << f.path;
            return true;
        };
        QVERIFY(volume->walk("/docs/deep", list, &error));
        QCOMPARE(paths, QList<QByteArray> {"/docs/deep/er/still/b.bin"});
        paths.clear();
        QVERIFY(volume->walk("docs/a.txt", list, &error));
        QCOMPARE(paths, QList<QByteArray> {"/docs/a.txt"});
        paths.clear();
        list.enter = [](const QByteArray &dir) { return dir != "/docs/deep"; };
        QVERIFY(volume->walk("/docs", list, &error));
        QCOMPARE(paths, (QList<QByteArray> {"/docs/a.txt", "/docs/empty"}));
        QVERIFY(!volume->walk("/nope", list, &error));
        QCOMPARE(error, u"not_found"_s);
        // Through a link is not a way in.
        QVERIFY(!volume->walk("/docs-link/a.txt", list, &error));
        QVERIFY(!volume->walk("/docs/../big.bin", list, &error));
    }

    // A linked clone: the overlay holds only what was written to it, and
    // NBD block status says which layer holds each range.
    void allocationDepthOfAClone()
    {
        const QString raw = makeExtDisk(u"golden"_s);
        QVERIFY(!raw.isEmpty());
        const QString golden = m_tmp.filePath(u"golden.qcow2"_s);
        const QString clone = m_tmp.filePath(u"clone.qcow2"_s);
        QString error;
        QVERIFY2(runTool(u"qemu-img"_s, {u"convert"_s, u"-O"_s, u"qcow2"_s, raw, golden}, &error),
            qPrintable(error));
        QVERIFY2(runTool(u"qemu-img"_s,
                     {u"create"_s, u"-q"_s, u"-f"_s, u"qcow2"_s, u"-b"_s, golden, u"-F"_s,
                         u"qcow2"_s, clone},
                     &error),
            qPrintable(error));
        QVERIFY2(runTool(u"qemu-io"_s,
                     {u"-f"_s, u"qcow2"_s, u"-c"_s, u"write -P 0x55 2M 4k"_s, clone}, &error),
            qPrintable(error));
        Export e;
        QVERIFY(exportImage(clone, u"qcow2"_s, &e));
        QVERIFY(e.disk->hasAllocationDepth());
        // qemu-nbd was started with every signal blocked around its start:
        // it must not keep them blocked (stop() ends it with SIGTERM).
        QFile status(u"/proc/%1/status"_s.arg(e.server.pid()));
        QVERIFY(status.open(QIODevice::ReadOnly));
        QByteArray blocked;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("SigBlk:"))
                blocked = line;
        }
        QVERIFY2(!blocked.isEmpty(), "no SigBlk in /proc/PID/status");
        const quint64 mask = blocked.mid(7).trimmed().toULongLong(nullptr, 16);
        QVERIFY2(!(mask & (1ull << (SIGTERM - 1))), blocked.constData());
        std::vector<NbdDisk::DepthRange> ranges;
        QVERIFY2(e.disk->allocationDepths(&ranges, &error), qPrintable(error));
        qint64 covered = 0;
        QMap<quint32, qint64> byDepth;
        for (const auto &r : ranges) {
            QCOMPARE(r.offset, covered);
            covered += r.length;
            byDepth[r.depth] += r.length;
        }
        QCOMPARE(covered, e.disk->size());
        QCOMPARE(byDepth.value(1), qint64(64 << 10)); // one cluster written in the clone
        QVERIFY(byDepth.value(2) > (3 << 20)); // the golden image's data
        const auto local =
            std::find_if(ranges.begin(), ranges.end(), [](auto &r) { return r.depth == 1; });
        QCOMPARE(local->offset, qint64(2 << 20));
        // The server ends with its one client.
        e.disk.reset();
        e.server.stop(10000);
        QVERIFY(!e.server.isRunning());
        QVERIFY(!QFile::exists(m_tmp.filePath(u"nbd-%1.sock"_s.arg(m_sockets))));
    }

    // Linked clones share their golden image's blocks through one cache, and
    // only those: what a clone wrote itself is always read from that clone.
    void backingBlocksAreSharedOnlyWhereTheyLieInTheGoldenImage()
    {
        const QString raw = makeExtDisk(u"shared"_s);
        QVERIFY(!raw.isEmpty());
        const QString golden = m_tmp.filePath(u"shared.qcow2"_s);
        QString error;
        QVERIFY2(runTool(u"qemu-img"_s, {u"convert"_s, u"-O"_s, u"qcow2"_s, raw, golden}, &error),
            qPrintable(error));
        const auto makeClone = [&](const QString &name, const QString &write) {
            const QString clone = m_tmp.filePath(name + u".qcow2"_s);
            const bool made = runTool(u"qemu-img"_s,
                                  {u"create"_s, u"-q"_s, u"-f"_s, u"qcow2"_s, u"-b"_s, golden,
                                      u"-F"_s, u"qcow2"_s, clone},
                                  &error)
                && (write.isEmpty()
                    || runTool(u"qemu-io"_s, {u"-f"_s, u"qcow2"_s, u"-c"_s, write, clone}, &error));
            if (!made)
                qWarning("%s", qPrintable(error));
            return made ? clone : QString();
        };
        const QString cloneA = makeClone(u"shared-a"_s, u"write -P 0x55 2M 4k"_s);
        const QString cloneB = makeClone(u"shared-b"_s, u"write -P 0x66 3M 4k"_s);
        const QString cloneC = makeClone(u"shared-c"_s, {});
        QVERIFY(!cloneA.isEmpty() && !cloneB.isEmpty() && !cloneC.isEmpty());

        BackingBlockCache cache(1 << 20);
        mamori::appliance::ScanCache::Digest identity {};
        identity.fill(7);
        struct Clone
        {
            Export e;
            CloneMap map;
            std::unique_ptr<BackingBlockReader> reader;
        };
        const auto open = [&](const QString &image, Clone *c) {
            if (!exportImage(image, u"qcow2"_s, &c->e))
                return false;
            c->map.goldenIdentity = identity;
            c->map.golden = c->e.disk->allocationDepths(&c->map.depths, &error);
            c->reader = std::make_unique<BackingBlockReader>(*c->e.disk, c->map, cache);
            return c->map.golden;
        };
        Clone a, b, c;
        QVERIFY2(open(cloneA, &a) && open(cloneB, &b) && open(cloneC, &c), qPrintable(error));
        QByteArray block(4096, 0);
        // a reads a golden block: kept.
        QVERIFY2(a.reader->read(block.data(), 4096, 3 << 20, &error), qPrintable(error));
        QCOMPARE(cache.misses(), 1);
        // b wrote that block itself: read from b, not taken from the cache.
        QVERIFY2(b.reader->read(block.data(), 4096, 3 << 20, &error), qPrintable(error));
        QCOMPARE(block, QByteArray(4096, char(0x66)));
        QCOMPARE(cache.hits(), 0);
        // a's own block is not shared either: it comes from a's own cluster,
        // read whole once (64 KiB) for the blocks around it.
        const qint64 before = a.e.disk->bytesRead();
        QVERIFY2(a.reader->read(block.data(), 4096, 2 << 20, &error), qPrintable(error));
        QCOMPARE(block, QByteArray(4096, char(0x55)));
        QVERIFY2(a.reader->read(block.data(), 4096, (2 << 20) + 8192, &error), qPrintable(error));
        QByteArray direct(4096, 0);
        QVERIFY2(a.e.disk->read(direct.data(), 4096, (2 << 20) + 8192, &error), qPrintable(error));
        QCOMPARE(block, direct);
        QCOMPARE(a.e.disk->bytesRead() - before, qint64(64 << 10) + 4096);
        QCOMPARE(cache.misses(), 1);
        QByteArray fromB;
        QVERIFY2(b.reader->readShared(&fromB, 4096, 2 << 20, &error), qPrintable(error));
        QCOMPARE(cache.hits(), 0);
        QCOMPARE(cache.misses(), 2);
        // A golden block one clone read is the next clone's, the same bytes.
        QVERIFY2(b.e.disk->read(direct.data(), 4096, 2 << 20, &error), qPrintable(error));
        QCOMPARE(fromB, direct);
        QByteArray fromC;
        QVERIFY2(c.reader->readShared(&fromC, 4096, 2 << 20, &error), qPrintable(error));
        QCOMPARE(cache.hits(), 1);
        QCOMPARE(fromC, direct);
        // Clones of another golden image share nothing with these.
        CloneMap other = c.map;
        other.goldenIdentity.fill(8);
        BackingBlockReader otherReader(*c.e.disk, other, cache);
        QVERIFY2(otherReader.readShared(&fromC, 4096, 2 << 20, &error), qPrintable(error));
        QCOMPARE(cache.hits(), 1);

        // A file system walked through the cache: every file as it went in,
        // the second time its metadata from the cache.
        const auto walkAll = [&](Clone &clone, QMap<QByteArray, QByteArray> *seen) {
            RegionReader region(*clone.reader, 1 << 20, 38 << 20);
            auto volume = ExtVolume::open(region, false, &error);
            if (!volume)
                return false;
            std::atomic_bool cancelled {false};
            FileContent reader(*clone.e.disk, *volume, cancelled);
            qint64 read = 0;
            Volume::Walk walk;
            walk.file = [&](const GuestFile &file) {
                QByteArray content;
                if (reader.read(file, &content, &read, &error) == FileContent::Status::Ok)
                    seen->insert(file.path, content);
                return true;
            };
            return volume->walk("/", walk, &error);
        };
        QMap<QByteArray, QByteArray> expected = treeContents(m_tree);
        expected.remove("/docs/link-out");
        for (int pass = 0; pass < 2; ++pass) {
            const qint64 hitsBefore = cache.hits();
            const qint64 missesBefore = cache.misses();
            QMap<QByteArray, QByteArray> seen;
            QVERIFY2(walkAll(c, &seen), qPrintable(error));
            QVERIFY(seen == expected);
            if (pass == 1) { // everything it read, the first walk had read
                QCOMPARE(cache.misses(), missesBefore);
                QVERIFY(cache.hits() > hitsBefore);
            }
        }
        QVERIFY(cache.bytes() <= 1 << 20);
    }

    // An image qemu-nbd cannot open: the reason reaches the caller.
    void brokenImageIsExplained()
    {
        const QString bad = m_tmp.filePath(u"bad.qcow2"_s);
        QVERIFY(writeFile(bad, "not a qcow2 image"));
        QemuNbdServer server;
        QString error;
        QemuNbdServer::Options o {bad, u"qcow2"_s, m_tmp.filePath(u"bad.sock"_s), true, true};
        QVERIFY2(server.start(o, &error), qPrintable(error));
        QVERIFY(!NbdDisk::connect({o.socketPath, {}, false}, &error));
        server.stop();
        QVERIFY2(server.diagnostics().contains(u"qcow2"_s, Qt::CaseInsensitive)
                || server.diagnostics().contains(u"image"_s, Qt::CaseInsensitive),
            qPrintable(server.diagnostics()));
        QVERIFY(
            !server.start({bad, u"vmdk"_s, m_tmp.filePath(u"bad2.sock"_s), true, true}, &error));
        QVERIFY2(error.contains(u"vmdk"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestImageReader)
#include "tst_image_reader.moc"
