// SPDX-License-Identifier: GPL-2.0-or-later
// Image VMs end to end: a real mamori-appliance whose inventory is libvirt's
// test:/// driver listing a folder VM (a <filesystem> share) and image VMs
// (qcow2 and raw disks, linked clones of one golden image) built here
// without root. The same tree as a folder, an ext4 disk and an NTFS disk
// gives the same incidents; clones take the golden image's verdicts; file
// actions on image VMs are refused with image_vm_read_only while isolation,
// acknowledge, assign and resolve work; the protection status says what an
// image VM's scans established.
#include "ApplianceProcess.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "TestHttp.h"
#include "appliance/image/DiskLabel.h"
#include "appliance/image/GuestWriter.h"
#include "appliance/image/ImageBuilder.h"
#include "appliance/image/ImageTools.h"
#include "appliance/lab/LabArchive.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using mamori::test::ApplianceProcess;
using mamori::test::TestHttp;
using mamori::test::TestResponse;
using namespace mamori::appliance::image;

namespace {

const QString kPassword = u"correct horse battery"_s;

QString domain(const QString &name, const QString &uuid, int runState, const QString &devices)
{
    return u"<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
           "<name>%1</name><uuid>%2</uuid><memory>65536</memory><os><type>hvm</type></os>"
           "<devices>%3</devices><test:runstate>%4</test:runstate></domain>\n"_s
               .arg(name, uuid, devices)
               .arg(runState);
}

QString diskXml(const QString &target, const QString &format, const QString &file)
{
    return u"<disk type='file' device='disk'><driver name='qemu' type='%1'/>"
           "<source file='%2'/><target dev='%3' bus='virtio'/></disk>"_s.arg(format, file, target);
}

// (path, threat, sha256) of every incident of a VM.
QSet<QString> findingsOf(const QJsonArray &incidents, const QString &vmId)
{
    QSet<QString> out;
    for (const QJsonValue &v : incidents) {
        const QJsonObject i = v.toObject();
        if (i[u"vm"_s].toString() == vmId)
            out.insert(i[u"path"_s].toString() + u' ' + i[u"threat"_s].toString() + u' '
                + i[u"sha256"_s].toString());
    }
    return out;
}

} // namespace

class TestImageVms : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<TestHttp> m_http;
    QString m_token;
    QHash<QString, QString> m_ids; // VM name -> id
    QString m_golden;

    QString path(const QString &rel) const { return m_work.filePath(rel); }

    TestResponse get(const QString &p) { return m_http->request("GET", p, {}, m_token); }
    TestResponse post(const QString &p, const QJsonObject &body)
    {
        return m_http->request("POST", p, mamori::test::json(body), m_token);
    }

    QJsonObject vm(const QString &name) { return get(u"/api/v1/vms/"_s + m_ids.value(name)).json; }

    // Full scans of `names`, waited for; the finished jobs by VM name.
    QHash<QString, QJsonObject> scan(const QStringList &names)
    {
        QJsonArray vms;
        for (const QString &n : names)
            vms.append(m_ids.value(n));
        const TestResponse r = post(u"/api/v1/scans"_s, {{u"vms"_s, vms}, {u"kind"_s, u"full"_s}});
        if (r.status != 200) {
            qWarning("scan refused: %s", r.body.constData());
            return {};
        }
        QHash<QString, QJsonObject> done;
        QDeadlineTimer deadline(240000);
        for (const QJsonValue &j : r.json[u"jobs"_s].toArray()) {
            const QString id = j.toObject()[u"id"_s].toString();
            QJsonObject job;
            while (!deadline.hasExpired()) {
                job = get(u"/api/v1/scans/"_s + id).json;
                const QString state = job[u"state"_s].toString();
                if (state != u"queued" && state != u"running" && state != u"paused")
                    break;
                QTest::qWait(100);
            }
            done.insert(m_ids.key(job[u"vm"_s].toString()), job);
        }
        return done;
    }

    void buildTree(const QString &t)
    {
        using mamori::test::writeFile;
        const QByteArray eicar = mamori::test::eicar();
        const QByteArray marker = mamori::test::bodyMarker();
        QVERIFY(writeFile(t + u"/Users/desk/Downloads/invoice.pdf.exe"_s, eicar));
        QVERIFY(writeFile(t + u"/Users/desk/Documents/letter.docm"_s, "text " + marker + " more"));
        namespace la = mamori::appliance::labarchive;
        QVERIFY(writeFile(
            t + u"/archives/eicar.zip"_s, la::zip({{u"eicar.com"_s, eicar}}, 0x4a210000)));
        const QByteArray inner = la::zip({{u"m.txt"_s, marker}}, 0x4a210000);
        QVERIFY(writeFile(t + u"/archives/nested.tar.gz"_s,
            la::gzip(la::tar({{u"inner.zip"_s, inner}}, 1700000000))));
        for (int i = 0; i < 40; ++i)
            QVERIFY(writeFile(t + u"/Program Files/app/lib%1.dll"_s.arg(i),
                "MZ" + QByteArray::number(i).repeated(1 + i * 300)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        for (const char *tool : {"qemu-nbd", "qemu-img", "mkfs.ext4", "mkntfs"}) {
            if (findTool(QLatin1String(tool)).isEmpty())
                QSKIP(qPrintable(u"%1 missing: run scripts/bootstrap"_s.arg(QLatin1String(tool))));
        }
        const QString tree = path(u"tree"_s);
        buildTree(tree);
        const QString share = path(u"share"_s);
        QVERIFY(QProcess::execute(u"cp"_s, {u"-a"_s, tree, share}) == 0);
        const QString run = path(u"build-run"_s);
        QVERIFY(QDir().mkpath(run));

        QString error;
        const QString extRaw = path(u"ext4-vm.raw"_s);
        QVERIFY2(ImageBuilder::extDisk(tree, extRaw, 64 << 20, &error), qPrintable(error));
        QVERIFY2(
            ImageBuilder::toQcow2(extRaw, path(u"ext4-vm.qcow2"_s), &error), qPrintable(error));
        QVERIFY2(ImageBuilder::ntfsDisk(tree, path(u"ntfs-vm.raw"_s), 64 << 20, run, &error),
            qPrintable(error));
        m_golden = path(u"golden.qcow2"_s);
        QVERIFY(QFile::copy(path(u"ext4-vm.qcow2"_s), m_golden));
        for (const QString &clone : {u"clone-a"_s, u"clone-b"_s})
            QVERIFY2(ImageBuilder::overlay(m_golden, path(clone + u".qcow2"_s), &error),
                qPrintable(error));
        QVERIFY2(ImageBuilder::edit(
                     path(u"clone-b.qcow2"_s), u"qcow2"_s, run,
                     [](GuestWriter &w, QString *e) {
                         return w.writeFile(
                             "/Users/desk/Desktop/new.exe", mamori::test::eicar(), e);
                     },
                     &error),
            qPrintable(error));
        // A second disk of clone-a that holds nothing Mamori can read.
        const QString data = path(u"data.raw"_s);
        {
            QFile f(data);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(8 << 20) && f.seek(1 << 20));
            f.write("XFSB");
        }
        QVERIFY2(
            DiskLabel::writeGpt(data, {{1 << 20, 4 << 20, DiskLabel::kLinuxData, 0, {}}}, &error),
            qPrintable(error));

        const QString node = path(u"node.xml"_s);
        QVERIFY(mamori::test::writeFile(node,
            (u"<node>\n"_s
                + domain(u"folder-vm"_s, u"11111111-0000-4000-8000-000000000001"_s, 1,
                    u"<filesystem type='mount'><source dir='%1'/><target dir='c'/></filesystem>"_s
                        .arg(share))
                + domain(u"ext4-vm"_s, u"11111111-0000-4000-8000-000000000002"_s, 5,
                    diskXml(u"vda"_s, u"qcow2"_s, path(u"ext4-vm.qcow2"_s)))
                + domain(u"ntfs-vm"_s, u"11111111-0000-4000-8000-000000000003"_s, 5,
                    diskXml(u"sda"_s, u"raw"_s, path(u"ntfs-vm.raw"_s)))
                + domain(u"clone-a"_s, u"11111111-0000-4000-8000-000000000004"_s, 5,
                    diskXml(u"vda"_s, u"qcow2"_s, path(u"clone-a.qcow2"_s))
                        + diskXml(u"vdb"_s, u"raw"_s, data))
                + domain(u"clone-b"_s, u"11111111-0000-4000-8000-000000000005"_s, 5,
                    diskXml(u"vda"_s, u"qcow2"_s, path(u"clone-b.qcow2"_s)))
                + u"</node>\n"_s)
                .toUtf8()));

        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(u"sec"_s, u"security-admin"_s, kPassword.toUtf8()));
        const QString sigs = path(u"sigs"_s);
        QVERIFY(mamori::test::makeSignatures(sigs));
        const QString bundle =
            mamori::test::buildBundle(path(u"keys"_s), sigs, 2026120101, m_work.path());
        QVERIFY(!bundle.isEmpty());
        QVERIFY(mamori::test::trustAndImport(path(u"keys"_s), bundle, m_app->dataDir()));
        m_app->setConfig(
            u"\"inventory\": \"libvirt:test://%1\", \"inventory_interval_ms\": 200"_s.arg(node)
                .toUtf8());
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_token = m_http->token(u"sec"_s, kPassword);
        QVERIFY(!m_token.isEmpty());
        m_ids = m_http->waitForVms(m_token, 5);
        QCOMPARE(m_ids.size(), 5);
        // Each VM's first-sight scan runs first; the tests start after them.
        QTRY_VERIFY_WITH_TIMEOUT(
            get(u"/api/v1/scans?state=queued"_s).json[u"jobs"_s].toArray().isEmpty()
                && get(u"/api/v1/scans?state=running"_s).json[u"jobs"_s].toArray().isEmpty(),
            120000);
    }

    void cleanupTestCase()
    {
        if (m_app)
            QVERIFY(m_app->stop());
    }

    // The API says which kind each VM is and, for an image VM, its disks
    // and golden image; real-time scanning is not available for image VMs.
    void vmsSayWhatTheyAre()
    {
        const QJsonObject folder = vm(u"folder-vm"_s);
        QCOMPARE(folder[u"kind"_s].toString(), u"directory"_s);
        QVERIFY(folder[u"realtime"_s].toString() != u"unavailable");
        const QJsonObject ext = vm(u"ext4-vm"_s);
        QCOMPARE(ext[u"kind"_s].toString(), u"image"_s);
        QCOMPARE(ext[u"power"_s].toString(), u"shut-off"_s);
        QCOMPARE(ext[u"realtime"_s].toString(), u"unavailable"_s);
        const QJsonObject disk = ext[u"disks"_s].toArray().at(0).toObject();
        QCOMPARE(disk[u"target"_s].toString(), u"vda"_s);
        QCOMPARE(disk[u"format"_s].toString(), u"qcow2"_s);
        QCOMPARE(disk[u"readable"_s].toBool(), true);
        QCOMPARE(ext[u"golden_image"_s].toString(), QString());
        // The XML gives no backing chain: the qcow2 header does.
        const QJsonObject clone = vm(u"clone-a"_s);
        QCOMPARE(clone[u"golden_image"_s].toString(), m_golden);
        QCOMPARE(
            clone[u"disks"_s].toArray().at(0)[u"backing"_s].toArray().at(0)[u"path"_s].toString(),
            m_golden);
        QCOMPARE(clone[u"disks"_s].toArray().size(), 2);
        // Not yet fully scanned (its first-sight quick scan may have found
        // something already): never "unprotected" for want of real-time.
        const QJsonObject protection = vm(u"ext4-vm"_s)[u"protection"_s].toObject();
        QVERIFY2(QStringList({u"never_scanned"_s, u"scanning"_s, u"open_incident"_s})
                     .contains(protection[u"reason"_s].toString()),
            qPrintable(protection[u"reason"_s].toString()));
    }

    // The same tree as a folder, an ext4 disk and an NTFS disk: the same
    // incidents (paths, threats, hashes); clones take the golden image's.
    void sameIncidentsFromEveryForm()
    {
        qint64 after = 0;
        const auto jobs =
            scan({u"folder-vm"_s, u"ext4-vm"_s, u"ntfs-vm"_s, u"clone-a"_s, u"clone-b"_s});
        QCOMPARE(jobs.size(), 5);
        for (auto it = jobs.begin(); it != jobs.end(); ++it)
            QVERIFY2(it.value()[u"state"_s].toString() == u"finished",
                qPrintable(
                    it.key() + u": "_s + QString::fromUtf8(QJsonDocument(it.value()).toJson())));
        const QJsonArray incidents = get(u"/api/v1/incidents"_s).json[u"incidents"_s].toArray();
        const QSet<QString> folder = findingsOf(incidents, m_ids[u"folder-vm"_s]);
        QCOMPARE(folder.size(), 4);
        QCOMPARE(findingsOf(incidents, m_ids[u"ext4-vm"_s]), folder);
        QCOMPARE(findingsOf(incidents, m_ids[u"ntfs-vm"_s]), folder);
        QCOMPARE(findingsOf(incidents, m_ids[u"clone-a"_s]), folder);
        QCOMPARE(findingsOf(incidents, m_ids[u"clone-b"_s]).size(), 5);

        // The clones' first-sight scans learnt the golden image's files:
        // now clone-a, which changed nothing, takes every verdict from the
        // golden image without reading. clone-b, whose image has not
        // changed since its complete first-sight scan, is not even walked:
        // that scan's outcome stands (restartKeepsGoldenVerdicts walks it).
        const QJsonObject a = jobs[u"clone-a"_s][u"progress"_s].toObject();
        const QJsonObject b = jobs[u"clone-b"_s][u"progress"_s].toObject();
        const qint64 files = a[u"files"_s].toInteger();
        QCOMPARE(files, 44);
        QCOMPARE(a[u"cache"_s][u"golden_hits"_s].toInteger(), files);
        QVERIFY(a[u"bytes_read"_s].toInteger() > 0); // its unreadable disk: never skipped
        QCOMPARE(b[u"cache"_s][u"stat_hits"_s].toInteger(), files + 1);
        QCOMPARE(b[u"cache"_s][u"misses"_s].toInteger(), 0);
        QCOMPARE(b[u"bytes_read"_s].toInteger(), 0);
        QCOMPARE(b[u"detections"_s].toInteger(), 5);
        QCOMPARE(a[u"unscannable"_s].toArray(), QJsonArray({u"vdb1: xfs"_s}));
        // And an event said so.
        bool said = false;
        while (!said) {
            const QJsonObject e = m_http->waitForEvent(m_token, &after, u"scan.incomplete"_s, 30);
            QVERIFY(!e.isEmpty());
            const QJsonObject data = e[u"data"_s].toObject();
            said = data[u"vm"_s].toString() == m_ids[u"clone-a"_s]
                && data[u"path"_s].toString() == u"/vdb1"
                && data[u"reason"_s].toString() == u"not scannable: xfs";
        }
    }

    // What a full scan established, and what it could not.
    void protectionOfImageVms()
    {
        QCOMPARE(vm(u"ext4-vm"_s)[u"protection"_s][u"status"_s].toString(), u"infected"_s);
        // With its incidents resolved, clone-a is still at risk: its second
        // disk could not be read.
        const QJsonArray incidents = get(u"/api/v1/incidents"_s).json[u"incidents"_s].toArray();
        for (const QJsonValue &v : incidents) {
            if (v[u"vm"_s].toString() != m_ids[u"clone-a"_s])
                continue;
            QCOMPARE(post(u"/api/v1/incidents/%1/actions"_s.arg(v[u"id"_s].toString()),
                         {{u"action"_s, u"resolve"_s}})
                         .status,
                200L);
        }
        const QJsonObject a = vm(u"clone-a"_s)[u"protection"_s].toObject();
        QCOMPARE(a[u"status"_s].toString(), u"at-risk"_s);
        QCOMPARE(a[u"reason"_s].toString(), u"filesystem_not_scannable"_s);
    }

    // Files inside a disk image are not changed from outside: quarantine,
    // delete and restore are refused with a stable code; isolation and the
    // incident's own workflow work.
    void fileActionsAreRefusedIsolationWorks()
    {
        QString id;
        for (const QJsonValue &v : get(u"/api/v1/incidents"_s).json[u"incidents"_s].toArray()) {
            if (v[u"vm"_s].toString() == m_ids[u"ext4-vm"_s]
                && v[u"path"_s].toString() == u"/Users/desk/Downloads/invoice.pdf.exe")
                id = v[u"id"_s].toString();
        }
        QVERIFY(!id.isEmpty());
        const QJsonObject incident = get(u"/api/v1/incidents/"_s + id).json;
        QCOMPARE(incident[u"action"_s].toString(), u"none"_s);
        QCOMPARE(incident[u"vm_name"_s].toString(), u"ext4-vm"_s);
        QCOMPARE(incident[u"size"_s].toInteger(), mamori::test::eicar().size());
        // The automatic quarantine was not possible, and the history says so once.
        const QJsonArray history = incident[u"history"_s].toArray();
        QCOMPARE(std::count_if(history.begin(), history.end(),
                     [](const QJsonValue &h) {
                         return h[u"outcome"_s].toString().contains(u"isolate");
                     }),
            1);
        const QString actions = u"/api/v1/incidents/%1/actions"_s.arg(id);
        for (const QString &action : {u"quarantine"_s, u"delete"_s, u"restore"_s}) {
            const TestResponse r = post(actions, {{u"action"_s, action}});
            QCOMPARE(r.status, 409L);
            QCOMPARE(r.errorCode(), u"image_vm_read_only"_s);
            QVERIFY2(r.json[u"error"_s][u"message"_s].toString().contains(u"isolate"),
                r.body.constData());
        }
        QCOMPARE(post(actions, {{u"action"_s, u"acknowledge"_s}}).status, 200L);
        QCOMPARE(
            post(actions, {{u"action"_s, u"assign"_s}, {u"assignee"_s, u"alice"_s}}).status, 200L);
        QCOMPARE(
            post(actions, {{u"action"_s, u"isolate-vm"_s}, {u"note"_s, u"contain it"_s}}).status,
            200L);
        QCOMPARE(vm(u"ext4-vm"_s)[u"isolated"_s].toBool(), true);
        QCOMPARE(post(actions, {{u"action"_s, u"resolve"_s}}).status, 200L);
        const QJsonObject after = get(u"/api/v1/incidents/"_s + id).json;
        QCOMPARE(after[u"state"_s].toString(), u"resolved"_s);
        QCOMPARE(after[u"assignee"_s].toString(), u"alice"_s);
    }

    // A restart keeps what was learnt: an unchanged clone's rescan reads
    // nothing and still counts as a full scan with the same findings; once
    // its overlay changes, it is walked again and takes the golden image's
    // verdicts for what its change did not touch.
    void restartKeepsGoldenVerdicts()
    {
        const QString before = vm(u"clone-b"_s)[u"last_full_scan"_s].toString();
        const qsizetype incidents =
            get(u"/api/v1/incidents"_s).json[u"incidents"_s].toArray().size();
        QVERIFY(m_app->stop());
        QVERIFY(m_app->start());
        m_http = std::make_unique<TestHttp>(m_app->baseUrl(), m_app->certificatePath());
        m_token = m_http->token(u"sec"_s, kPassword);
        QCOMPARE(m_http->waitForVms(m_token, 5).size(), 5);
        // last_full_scan is kept to the second: let the clock leave the
        // first scan's second so that a new time can be told from it.
        QTRY_VERIFY_WITH_TIMEOUT(
            QDateTime::currentDateTimeUtc().toString(Qt::ISODate) > before, 3000);
        auto jobs = scan({u"clone-b"_s});
        QJsonObject p = jobs[u"clone-b"_s][u"progress"_s].toObject();
        QCOMPARE(jobs[u"clone-b"_s][u"state"_s].toString(), u"finished"_s);
        const qint64 files = p[u"files"_s].toInteger();
        QCOMPARE(files, 45);
        QCOMPARE(p[u"cache"_s][u"misses"_s].toInteger(), 0);
        QCOMPARE(p[u"cache"_s][u"stat_hits"_s].toInteger(), files);
        QCOMPARE(p[u"bytes_read"_s].toInteger(), 0);
        QCOMPARE(p[u"detections"_s].toInteger(), 5);
        QCOMPARE(get(u"/api/v1/incidents"_s).json[u"incidents"_s].toArray().size(), incidents);
        const QString after = vm(u"clone-b"_s)[u"last_full_scan"_s].toString();
        QVERIFY2(!after.isEmpty() && after != before, qPrintable(before + u" -> "_s + after));

        // What a guest's write does to the overlay's file: walked again.
        QFile overlay(path(u"clone-b.qcow2"_s));
        QVERIFY(overlay.open(QIODevice::ReadWrite));
        QVERIFY(overlay.setFileTime(
            QDateTime::currentDateTimeUtc().addSecs(5), QFileDevice::FileModificationTime));
        overlay.close();
        jobs = scan({u"clone-b"_s});
        p = jobs[u"clone-b"_s][u"progress"_s].toObject();
        QCOMPARE(p[u"files"_s].toInteger(), files);
        QCOMPARE(p[u"cache"_s][u"misses"_s].toInteger(), 0);
        QCOMPARE(p[u"detections"_s].toInteger(), 5);
        QVERIFY(p[u"bytes_read"_s].toInteger() > 0); // its file systems' metadata
        QVERIFY2(p[u"bytes_read"_s].toInteger() < (1 << 20),
            qPrintable(QString::number(p[u"bytes_read"_s].toInteger())));
        const qint64 golden = p[u"cache"_s][u"golden_hits"_s].toInteger();
        // A file that shares a 64 KiB qcow2 cluster with the change is its own.
        QVERIFY2(golden >= files - 9 && golden < files - 1, qPrintable(QString::number(golden)));
        // No qemu-nbd and no socket is left behind.
        QVERIFY(
            QDir(m_app->dataDir() + u"/run"_s).entryList({u"*.sock"_s}, QDir::System).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestImageVms)
#include "tst_image_vms.moc"
