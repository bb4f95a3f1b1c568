// SPDX-License-Identifier: GPL-2.0-or-later
// `mamori-appliance lab --disks qcow2`: golden ext4 and NTFS images of the
// lab's master, linked clones holding only their own changes - the same as
// their folder VMs' - and a libvirt test:/// node listing both kinds of VM.
// Built by the real program, as an unprivileged user could.
#include "ApplianceProcess.h"
#include "appliance/image/DiskLayout.h"
#include "appliance/image/ExtVolume.h"
#include "appliance/image/FileContent.h"
#include "appliance/image/ImageTools.h"
#include "appliance/image/NbdDisk.h"
#include "appliance/image/NtfsVolume.h"
#include "appliance/image/QemuNbdServer.h"
#include "appliance/image/lab/LabDisks.h"
#include "appliance/inventory/LibvirtInventory.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mamori::appliance;
using namespace mamori::appliance::image;
using mamori::test::ApplianceProcess;

namespace {

// Path -> SHA-256 of every regular file of a folder VM.
QMap<QByteArray, QByteArray> folderFiles(const QString &root)
{
    QMap<QByteArray, QByteArray> out;
    QDirIterator it(
        root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        f.open(QIODevice::ReadOnly);
        out.insert(it.filePath().mid(root.size()).toUtf8(),
            QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256));
    }
    return out;
}

} // namespace

class TestLabDisks : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_lab;

    // The same for an image VM's disk, read through qemu-nbd.
    QMap<QByteArray, QByteArray> diskFiles(const QString &image, QString *fsName)
    {
        QMap<QByteArray, QByteArray> out;
        QemuNbdServer server;
        QString error;
        const QString socket = m_tmp.filePath(u"read.sock"_s);
        if (!server.start({image, u"qcow2"_s, socket, true, true}, &error))
            return out;
        auto disk = NbdDisk::connect({socket, {}, false}, &error);
        QList<Partition> parts;
        if (!disk || !DiskLayout::partitions(*disk, &parts, &error) || parts.size() != 1)
            return out;
        RegionReader region(*disk, parts[0].offset, parts[0].size);
        const FileSystemGuess guess = DiskLayout::guess(region);
        *fsName = guess.name + u' ' + parts[0].scheme;
        std::unique_ptr<Volume> volume;
        if (guess.kind == FileSystemKind::Ext)
            volume = ExtVolume::open(region, false, &error);
        else
            volume = NtfsVolume::open(region, false, &error);
        if (!volume)
            return out;
        std::atomic_bool cancelled {false};
        FileContent reader(*disk, *volume, cancelled);
        Volume::Walk walk;
        walk.file = [&](const GuestFile &f) {
            QByteArray content;
            qint64 read = 0;
            reader.read(f, &content, &read, &error);
            out.insert(f.path, QCryptographicHash::hash(content, QCryptographicHash::Sha256));
            return true;
        };
        volume->walk("/", walk, &error);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *tool : {"qemu-nbd", "qemu-img", "mkfs.ext4", "mkntfs"}) {
            if (findTool(QLatin1String(tool)).isEmpty())
                QSKIP(qPrintable(u"%1 missing: run scripts/bootstrap"_s.arg(QLatin1String(tool))));
        }
        QVERIFY(!ApplianceProcess::program().isEmpty());
        m_lab = m_tmp.filePath(u"lab"_s);
        QByteArray out;
        QCOMPARE(ApplianceProcess::run(
                     {u"lab"_s, u"--dir"_s, m_lab, u"--vms"_s, u"3"_s, u"--files"_s, u"200"_s,
                         u"--image-mb"_s, u"8"_s, u"--prepare-only"_s, u"--disks"_s, u"qcow2"_s},
                     {}, &out),
            0);
    }

    // Clones are overlays holding their changes, not copies.
    void clonesAreSmallOverlays()
    {
        const QDir disks(m_lab + u"/disks"_s);
        const qint64 golden = QFileInfo(disks.filePath(u"golden-ext4.qcow2"_s)).size();
        QVERIFY(golden > (4 << 20));
        for (int i = 1; i <= 3; ++i) {
            const QString clone = disks.filePath(LabDisks::vmName(i) + u".qcow2"_s);
            QByteArray info;
            QString error;
            QVERIFY2(runTool(u"qemu-img"_s, {u"info"_s, u"--output=json"_s, clone}, &error, &info),
                qPrintable(error));
            const QJsonObject o = QJsonDocument::fromJson(info).object();
            QCOMPARE(o[u"backing-filename"_s].toString(),
                disks.filePath(i % 2 ? u"golden-ext4.qcow2"_s : u"golden-ntfs.qcow2"_s));
            QVERIFY2(o[u"actual-size"_s].toInteger() < golden / 4,
                qPrintable(u"%1: %2 bytes"_s.arg(clone).arg(o[u"actual-size"_s].toInteger())));
        }
    }

    // Each clone holds exactly its folder VM's tree (test threat included).
    void clonesHoldTheirFolderVmsTrees()
    {
        for (int i = 1; i <= 3; ++i) {
            QString fs;
            const QMap<QByteArray, QByteArray> disk =
                diskFiles(m_lab + u"/disks/"_s + LabDisks::vmName(i) + u".qcow2"_s, &fs);
            const QMap<QByteArray, QByteArray> folder =
                folderFiles(m_lab + u"/vms/desk-00%1"_s.arg(i));
            QCOMPARE(fs, i % 2 ? u"ext4 gpt"_s : u"ntfs mbr"_s);
            QCOMPARE(disk.size(), folder.size());
            QVERIFY(disk == folder);
        }
        // desk-002 got its build-time test file, in both forms.
        QVERIFY(LabDisks::hasThreat(2));
        QVERIFY(!QDir(m_lab + u"/vms/desk-002"_s).entryList().isEmpty());
        bool found = false;
        QDirIterator it(
            m_lab + u"/vms/desk-002/Users"_s, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString name = QFileInfo(it.next()).fileName();
            found = found || name == u"invoice-2.pdf.exe"_s;
        }
        QVERIFY(found);
    }

    // libvirt's test driver lists both kinds; the clones' chains come from
    // their qcow2 headers.
    void domainsListBothKinds()
    {
        LibvirtInventory inventory(u"test://"_s + m_lab + u"/lab-domains.xml"_s);
        QList<VmRecord> vms;
        QString error;
        QVERIFY2(inventory.list(&vms, &error), qPrintable(error));
        QCOMPARE(vms.size(), 6);
        int images = 0;
        for (const VmRecord &vm : std::as_const(vms)) {
            if (!vm.isImage()) {
                QCOMPARE(vm.power, u"running"_s);
                QCOMPARE(vm.root, m_lab + u"/vms/"_s + vm.name);
                continue;
            }
            ++images;
            QCOMPARE(vm.power, u"shut-off"_s);
            QCOMPARE(vm.disks.size(), 1);
            QCOMPARE(vm.disks[0].format, u"qcow2"_s);
            QVERIFY(vm.goldenImage().startsWith(m_lab + u"/disks/golden-"_s));
        }
        QCOMPARE(images, 3);
    }

    // A second run keeps what is there; other options are refused.
    void rebuildKeepsTheDisks()
    {
        const QString clone = m_lab + u"/disks/vdi-001.qcow2"_s;
        const QDateTime before = QFileInfo(clone).lastModified();
        QByteArray out;
        const QStringList args {u"lab"_s, u"--dir"_s, m_lab, u"--vms"_s, u"3"_s, u"--files"_s,
            u"200"_s, u"--image-mb"_s, u"8"_s, u"--prepare-only"_s, u"--disks"_s, u"qcow2"_s};
        QCOMPARE(ApplianceProcess::run(args, {}, &out), 0);
        QCOMPARE(QFileInfo(clone).lastModified(), before);
        QVERIFY(ApplianceProcess::run(args + QStringList {u"--disk-vms"_s, u"2"_s}, {}, &out) != 0);
    }
};

QTEST_GUILESS_MAIN(TestLabDisks)
#include "tst_lab_disks.moc"
