// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/inventory/DirectoryInventory.h"
#include "appliance/inventory/InventoryMonitor.h"
#include "appliance/inventory/LibvirtInventory.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace mamori::appliance;
using namespace Qt::StringLiterals;

namespace QTest {
template<> char *toString(const VmRecord &vm)
{
    return qstrdup(
        u"{%1 %2 %3 %4}"_s.arg(vm.id.toString(QUuid::WithoutBraces), vm.name, vm.power, vm.root)
            .toUtf8()
            .constData());
}
} // namespace QTest

namespace {

class MemoryIdentityStore : public VmIdentityStore
{
public:
    QUuid idFor(const QString &key) override
    {
        auto it = ids.find(key);
        if (it == ids.end())
            it = ids.insert(key, QUuid::createUuid());
        return *it;
    }
    QHash<QString, QUuid> ids;
};

class ScriptedProvider : public InventoryProvider
{
public:
    QString description() const override { return u"scripted:"_s; }
    bool list(QList<VmRecord> *out, QString *) override
    {
        ++calls;
        *out = vms;
        return true;
    }
    QList<VmRecord> vms;
    int calls = 0;
};

QStringList names(const QList<VmRecord> &vms)
{
    QStringList result;
    for (const VmRecord &vm : vms)
        result.append(vm.name);
    return result;
}

QList<VmRecord> byName(QList<VmRecord> vms)
{
    std::sort(vms.begin(), vms.end(), [](auto &a, auto &b) { return a.name < b.name; });
    return vms;
}

VmRecord record(const QSignalSpy &spy, qsizetype i, int arg = 0)
{
    return spy.at(i).at(arg).value<VmRecord>();
}

const char kDomainA[] = "6f1d3c2a-1111-4a2b-8c3d-000000000001";
const char kDomainB[] = "6f1d3c2a-1111-4a2b-8c3d-000000000002";

QString testDomain(
    const QString &name, const QString &uuid, int runState, const QString &devices = {})
{
    return QStringLiteral("<domain type='test' "
                          "xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
                          "<name>%1</name><uuid>%2</uuid><memory>65536</memory>"
                          "<os><type>hvm</type></os><devices>%3</devices>"
                          "<test:runstate>%4</test:runstate></domain>\n")
        .arg(name, uuid, devices)
        .arg(runState);
}

} // namespace

class TestInventory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_vms; // a fresh directory per test function

    bool mkdir(const QString &name) { return QDir(m_vms).mkpath(name); }

    // A test:/// URI: libvirt's built-in test driver reads the node XML file
    // in-process, no libvirtd needed.
    QString writeNode(const QString &domains)
    {
        const QString path = m_tmp.filePath(u"node-%1.xml"_s.arg(++m_nodes));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(u"<node>\n%1</node>\n"_s.arg(domains).toUtf8());
        return u"test://"_s + path;
    }
    int m_nodes = 0;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void init()
    {
        m_vms = m_tmp.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(QDir().mkpath(m_vms));
    }

    void directoryFoldersAreVms()
    {
        QVERIFY(mkdir(u"desk-002"_s));
        QVERIFY(mkdir(u"desk-001/C/Users"_s));
        QVERIFY(mkdir(u".trash"_s));
        QFile file(m_vms + u"/notes.txt"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString outside = m_tmp.filePath(u"outside"_s);
        QVERIFY(QDir().mkpath(outside));
        QVERIFY(QFile::link(outside, m_vms + u"/escape"_s));
        QVERIFY(QFile::link(m_vms + u"/desk-001"_s, m_vms + u"/alias"_s));
        QVERIFY(QFile::link(m_vms + u"/gone"_s, m_vms + u"/dangling"_s));

        MemoryIdentityStore ids;
        QString error;
        auto provider = createInventoryProvider(u"directory:"_s + m_vms, ids, &error);
        QVERIFY2(provider, qPrintable(error));
        QCOMPARE(provider->description(), u"directory:"_s + m_vms);
        QList<VmRecord> vms;
        QVERIFY2(provider->list(&vms, &error), qPrintable(error));

        QCOMPARE(names(vms), (QStringList {u"desk-001"_s, u"desk-002"_s}));
        const QString canonical = QFileInfo(m_vms).canonicalFilePath();
        QCOMPARE(vms[0].root, canonical + u"/desk-001"_s);
        QCOMPARE(vms[0].power, u"running"_s);
        QCOMPARE(vms[0].id, ids.ids.value(u"directory:desk-001"_s));
        QCOMPARE(vms[1].id, ids.ids.value(u"directory:desk-002"_s));
        QVERIFY(!vms[0].id.isNull());
        QVERIFY(vms[0].id != vms[1].id);
    }

    void directoryIdsAreKept()
    {
        QVERIFY(mkdir(u"desk-001"_s));
        QVERIFY(mkdir(u"desk-002"_s));
        MemoryIdentityStore ids;
        QList<VmRecord> first;
        QList<VmRecord> second;
        QString error;
        QVERIFY(DirectoryInventory(m_vms, ids).list(&first, &error));
        // Through a symlink to PATH: the same folders, so the same VMs.
        const QString link = m_tmp.filePath(u"vms-link"_s);
        QVERIFY(QFile::link(m_vms, link));
        QVERIFY(DirectoryInventory(link, ids).list(&second, &error));
        QCOMPARE(second, first);
        QCOMPARE(ids.ids.size(), 2);
    }

    void directoryMissingIsAnError()
    {
        MemoryIdentityStore ids;
        QList<VmRecord> vms {VmRecord {QUuid::createUuid(), u"kept"_s, {}, {}}};
        QString error;
        DirectoryInventory missing(m_vms + u"/nope"_s, ids);
        QVERIFY(!missing.list(&vms, &error));
        QVERIFY2(error.contains(u"/nope"_s), qPrintable(error));
        QCOMPARE(vms.size(), 1); // untouched

        QFile file(m_vms + u"/file"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        error.clear();
        QVERIFY(!DirectoryInventory(file.fileName(), ids).list(&vms, &error));
        QVERIFY(!error.isEmpty());
    }

    void directoryUnreadableIsAnError()
    {
        if (::geteuid() == 0)
            QSKIP("root reads any directory");
        MemoryIdentityStore ids;
        QList<VmRecord> vms;
        QString error;
        QVERIFY(QFile::setPermissions(m_vms, QFileDevice::WriteOwner));
        const bool ok = DirectoryInventory(m_vms, ids).list(&vms, &error);
        QFile::setPermissions(
            m_vms, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!ok);
        QVERIFY2(error.contains(u"denied"_s), qPrintable(error));
    }

    void badSpecIsAnError_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QStringList>("mentions");
        const QStringList forms {u"directory:PATH"_s, u"libvirt:URI"_s};
        QTest::newRow("unknown scheme") << u"vmware:esx1"_s << forms;
        QTest::newRow("no scheme") << u"/srv/vms"_s << forms;
        QTest::newRow("empty") << QString() << forms;
        QTest::newRow("directory without path")
            << u"directory:"_s << QStringList {u"needs a path"_s};
        QTest::newRow("libvirt without uri") << u"libvirt:"_s << QStringList {u"needs a URI"_s};
    }

    void badSpecIsAnError()
    {
        QFETCH(QString, spec);
        QFETCH(QStringList, mentions);
        MemoryIdentityStore ids;
        QString error;
        QVERIFY(!createInventoryProvider(spec, ids, &error));
        for (const QString &mention : std::as_const(mentions))
            QVERIFY2(error.contains(mention), qPrintable(error));
    }

    void monitorReportsDirectoryChanges()
    {
        QVERIFY(mkdir(u"desk-001"_s));
        QVERIFY(mkdir(u"desk-002"_s));
        MemoryIdentityStore ids;
        InventoryMonitor monitor(std::make_unique<DirectoryInventory>(m_vms, ids));
        QSignalSpy added(&monitor, &InventoryMonitor::vmAdded);
        QSignalSpy removed(&monitor, &InventoryMonitor::vmRemoved);
        QSignalSpy changed(&monitor, &InventoryMonitor::vmChanged);
        QSignalSpy errors(&monitor, &InventoryMonitor::errorChanged);

        monitor.refresh();
        QCOMPARE(added.size(), 2);
        QCOMPARE(names(monitor.vms()), (QStringList {u"desk-001"_s, u"desk-002"_s}));
        const VmRecord desk1 = record(added, 0);
        QCOMPARE(monitor.vm(desk1.id), std::optional<VmRecord>(desk1));
        QVERIFY(!monitor.vm(QUuid::createUuid()));
        monitor.refresh(); // nothing changed, nothing said
        QCOMPARE(added.size(), 2);

        QVERIFY(mkdir(u"desk-003"_s));
        monitor.refresh();
        QCOMPARE(record(added, 2).name, u"desk-003"_s);

        QVERIFY(QDir(m_vms + u"/desk-002"_s).removeRecursively());
        monitor.refresh();
        QCOMPARE(removed.size(), 1);
        QCOMPARE(record(removed, 0).name, u"desk-002"_s);

        // A renamed folder is another VM: the old one leaves, the new arrives.
        QVERIFY(QDir(m_vms).rename(u"desk-001"_s, u"desk-101"_s));
        monitor.refresh();
        QCOMPARE(removed.size(), 2);
        QCOMPARE(record(removed, 1), desk1);
        QCOMPARE(added.size(), 4);
        QCOMPARE(record(added, 3).name, u"desk-101"_s);
        QCOMPARE(record(added, 3).root, QFileInfo(m_vms).canonicalFilePath() + u"/desk-101"_s);

        // ...and when it comes back it is the first VM again, same id.
        QVERIFY(QDir(m_vms).rename(u"desk-101"_s, u"desk-001"_s));
        monitor.refresh();
        QCOMPARE(record(added, 4), desk1);
        QVERIFY(changed.isEmpty() && errors.isEmpty());
    }

    void monitorKeepsVmsWhileListingFails()
    {
        QVERIFY(mkdir(u"desk-001"_s));
        MemoryIdentityStore ids;
        InventoryMonitor monitor(std::make_unique<DirectoryInventory>(m_vms, ids));
        QSignalSpy added(&monitor, &InventoryMonitor::vmAdded);
        QSignalSpy removed(&monitor, &InventoryMonitor::vmRemoved);
        QSignalSpy errors(&monitor, &InventoryMonitor::errorChanged);
        monitor.refresh();
        QCOMPARE(added.size(), 1);

        const QString moved = m_vms + u"-moved"_s;
        QVERIFY(QDir().rename(m_vms, moved));
        monitor.refresh();
        monitor.refresh(); // the same error is said once
        QCOMPARE(errors.size(), 1);
        QVERIFY(!monitor.lastError().isEmpty());
        QCOMPARE(errors.at(0).at(0).toString(), monitor.lastError());
        QCOMPARE(monitor.vms().size(), 1);

        QVERIFY(QDir().rename(moved, m_vms));
        monitor.refresh();
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors.at(1).at(0).toString().isEmpty() && monitor.lastError().isEmpty());
        QCOMPARE(added.size(), 1);
        QVERIFY(removed.isEmpty());
    }

    void monitorStartPolls()
    {
        MemoryIdentityStore ids;
        InventoryMonitor monitor(std::make_unique<DirectoryInventory>(m_vms, ids));
        QSignalSpy added(&monitor, &InventoryMonitor::vmAdded);
        monitor.start(10);
        QVERIFY(mkdir(u"desk-001"_s));
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 5000);
        monitor.stop();
    }

    void libvirtListsDomains()
    {
        const QString share = m_vms + u"/desk-a"_s;
        const QString uri =
            writeNode(testDomain(u"desk-a"_s, QLatin1String(kDomainA), 1,
                          QStringLiteral("<filesystem type='mount'><source dir='%1/'/>"
                                         "<target dir='share'/></filesystem>"
                                         "<filesystem type='mount'><source dir='/second'/>"
                                         "<target dir='other'/></filesystem>")
                              .arg(share))
                + testDomain(u"desk-b"_s, QLatin1String(kDomainB), 5));
        QVERIFY(!uri.isEmpty());
        MemoryIdentityStore ids;
        QString error;
        auto provider = createInventoryProvider(u"libvirt:"_s + uri, ids, &error);
        QVERIFY2(provider, qPrintable(error));
        QCOMPARE(provider->description(), u"libvirt:"_s + uri);

        QList<VmRecord> vms;
        QVERIFY2(provider->list(&vms, &error), qPrintable(error));
        vms = byName(vms);
        QCOMPARE(vms.size(), 2);
        QCOMPARE(vms[0],
            (VmRecord {
                QUuid::fromString(QLatin1String(kDomainA)), u"desk-a"_s, u"running"_s, share}));
        QCOMPARE(vms[1],
            (VmRecord {
                QUuid::fromString(QLatin1String(kDomainB)), u"desk-b"_s, u"shut-off"_s, {}}));
        QVERIFY(ids.ids.isEmpty());

        // The connection is kept and a second listing gives the same.
        QList<VmRecord> again;
        QVERIFY2(provider->list(&again, &error), qPrintable(error));
        QCOMPARE(byName(again), vms);
    }

    // isolate-vm sets the link of every interface down, replacing any link
    // state the domain had, and leaves everything else of the device alone.
    void libvirtInterfacesWithLink()
    {
        const QString xml = QStringLiteral(
            "<domain><name>d</name><metadata><interface>not a device</interface></metadata>"
            "<devices><disk type='file'/>"
            "<interface type='network'><mac address='52:54:00:00:00:01'/>"
            "<source network='default'/><link state='up'/><model type='virtio'/></interface>"
            "<interface type='bridge'><mac address='52:54:00:00:00:02'/><source bridge='br0'/>"
            "</interface></devices></domain>");
        QStringList interfaces;
        QString error;
        QVERIFY2(LibvirtInventory::interfacesWithLink(xml, false, &interfaces, &error), qPrintable(error));
        QCOMPARE(interfaces,
                 QStringList({u"<interface type=\"network\"><mac address=\"52:54:00:00:00:01\"/>"
                              u"<source network=\"default\"/><model type=\"virtio\"/>"
                              u"<link state=\"down\"/></interface>"_s,
                              u"<interface type=\"bridge\"><mac address=\"52:54:00:00:00:02\"/>"
                              u"<source bridge=\"br0\"/><link state=\"down\"/></interface>"_s}));
        QVERIFY(LibvirtInventory::interfacesWithLink(xml, true, &interfaces, &error));
        QVERIFY(interfaces.at(0).contains(u"<link state=\"up\"/>"_s));
        QVERIFY(!LibvirtInventory::interfacesWithLink(u"<domain><devices>"_s, true, &interfaces, &error));
        QVERIFY(!error.isEmpty());
    }

    // libvirt's test driver cannot change a device: the isolation fails
    // with libvirt's reason instead of pretending the network is cut.
    void libvirtIsolationFailureIsReported()
    {
        const QString uri = writeNode(testDomain(u"desk-a"_s, QLatin1String(kDomainA), 1,
            u"<interface type='user'><mac address='52:54:00:aa:bb:cc'/></interface>"_s));
        QVERIFY(!uri.isEmpty());
        MemoryIdentityStore ids;
        QString error;
        auto provider = createInventoryProvider(u"libvirt:"_s + uri, ids, &error);
        QVERIFY2(provider, qPrintable(error));
        QCOMPARE(provider->setIsolated(QUuid::fromString(QLatin1String(kDomainA)), true, &error),
                 InventoryProvider::Isolation::Failed);
        QVERIFY2(error.contains(u"link"_s) && error.contains(u"not supported"_s), qPrintable(error));
        QCOMPARE(provider->setIsolated(QUuid::fromString(QLatin1String(kDomainB)), true, &error),
                 InventoryProvider::Isolation::Failed);
        // A directory VM has no network here: a flag only.
        auto dir = createInventoryProvider(u"directory:"_s + m_vms, ids, &error);
        QVERIFY2(dir, qPrintable(error));
        QCOMPARE(dir->setIsolated(QUuid::createUuid(), true, &error),
                 InventoryProvider::Isolation::NotApplicable);
    }

    void libvirtPowerStates_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("power");
        const char *const expected[] = {"unknown", "running", "running", "paused", "shut-off",
            "shut-off", "shut-off", "paused"};
        for (int state = 0; state < 8; ++state)
            QTest::addRow("%d", state) << state << QString::fromLatin1(expected[state]);
    }

    void libvirtPowerStates()
    {
        QFETCH(int, state);
        QFETCH(QString, power);
        const QString uri = writeNode(testDomain(u"d"_s, QLatin1String(kDomainA), state));
        LibvirtInventory provider(uri);
        QList<VmRecord> vms;
        QString error;
        QVERIFY2(provider.list(&vms, &error), qPrintable(error));
        QCOMPARE(vms.size(), 1);
        QCOMPARE(vms[0].power, power);
    }

    void libvirtRootFromXml_data()
    {
        QTest::addColumn<QString>("devices");
        QTest::addColumn<QString>("root");
        QTest::newRow("none") << QString() << QString();
        QTest::newRow("type defaults to mount")
            << u"<filesystem><source dir='/a'/><target dir='t'/></filesystem>"_s << u"/a"_s;
        QTest::newRow("other types skipped")
            << QStringLiteral("<filesystem type='ram'><source usage='1'/></filesystem>"
                              "<filesystem type='mount'><source dir='/b/./c'/></filesystem>")
            << u"/b/c"_s;
        QTest::newRow("first mount has no dir")
            << QStringLiteral("<filesystem type='mount'><target dir='t'/></filesystem>"
                              "<filesystem type='mount'><source dir='/d'/></filesystem>")
            << QString();
        QTest::newRow("relative dir")
            << u"<filesystem type='mount'><source dir='rel'/></filesystem>"_s << QString();
    }

    void libvirtRootFromXml()
    {
        QFETCH(QString, devices);
        QFETCH(QString, root);
        const QString xml = QStringLiteral("<domain><metadata><filesystem type='mount'>"
                                           "<source dir='/not-a-device'/></filesystem>"
                                           "</metadata><devices>%1</devices></domain>")
                                .arg(devices);
        QString found = u"stale"_s;
        QString error;
        QVERIFY(LibvirtInventory::rootFromXml(xml, &found, &error));
        QCOMPARE(found, root);
        QVERIFY(!LibvirtInventory::rootFromXml(u"<domain><devices>"_s, &found, &error));
        QVERIFY(!error.isEmpty());
    }

    void libvirtBadUriIsAnError_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("missing node file") << u"test://"_s + m_tmp.filePath(u"missing.xml"_s);
        QTest::newRow("malformed node file") << writeNode(u"<domain>"_s);
        QTest::newRow("not a uri") << u"::"_s;
    }

    void libvirtBadUriIsAnError()
    {
        QFETCH(QString, uri);
        MemoryIdentityStore ids;
        QString error;
        auto provider = createInventoryProvider(u"libvirt:"_s + uri, ids, &error);
        QVERIFY2(provider, qPrintable(error));
        QList<VmRecord> vms;
        QVERIFY(!provider->list(&vms, &error));
        QVERIFY2(error.contains(uri), qPrintable(error));
        // It retries on the next poll rather than staying broken or crashing.
        error.clear();
        QVERIFY(!provider->list(&vms, &error));
        QVERIFY(!error.isEmpty());

        InventoryMonitor monitor(std::move(provider));
        QSignalSpy errors(&monitor, &InventoryMonitor::errorChanged);
        monitor.refresh();
        QCOMPARE(errors.size(), 1);
        QVERIFY(monitor.vms().isEmpty());
    }

    void monitorReportsChanges()
    {
        auto owned = std::make_unique<ScriptedProvider>();
        ScriptedProvider *provider = owned.get();
        InventoryMonitor monitor(std::move(owned));
        QSignalSpy added(&monitor, &InventoryMonitor::vmAdded);
        QSignalSpy changed(&monitor, &InventoryMonitor::vmChanged);
        const VmRecord a {QUuid::createUuid(), u"a"_s, u"running"_s, u"/srv/a"_s};
        const VmRecord b {QUuid::createUuid(), u"b"_s, u"running"_s, {}};
        provider->vms = {a, b};
        monitor.refresh();
        QCOMPARE(added.size(), 2);

        const VmRecord a2 {a.id, a.name, u"paused"_s, a.root};
        const VmRecord b2 {b.id, u"b-renamed"_s, b.power, u"/srv/b"_s};
        provider->vms = {a2, b2};
        monitor.refresh();
        QCOMPARE(added.size(), 2);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(record(changed, 0, 0), a);
        QCOMPARE(record(changed, 0, 1), a2);
        QCOMPARE(record(changed, 1, 0), b);
        QCOMPARE(record(changed, 1, 1), b2);
        QCOMPARE(monitor.vm(b.id), std::optional<VmRecord>(b2));
    }

    void monitorRefreshFromASlotRunsAfterwards()
    {
        auto owned = std::make_unique<ScriptedProvider>();
        ScriptedProvider *provider = owned.get();
        InventoryMonitor monitor(std::move(owned));
        const VmRecord a {QUuid::createUuid(), u"a"_s, u"running"_s, {}};
        const VmRecord b {QUuid::createUuid(), u"b"_s, u"running"_s, {}};
        QList<QString> seen;
        connect(&monitor, &InventoryMonitor::vmAdded, this, [&](const VmRecord &vm) {
            seen.append(vm.name);
            if (vm.name == u"a") {
                provider->vms = {a, b};
                monitor.refresh();
            }
        });
        provider->vms = {a};
        monitor.refresh();
        QCOMPARE(seen, (QList<QString> {u"a"_s, u"b"_s}));
        QCOMPARE(provider->calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
