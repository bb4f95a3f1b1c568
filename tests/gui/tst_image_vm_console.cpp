// SPDX-License-Identifier: GPL-2.0-or-later
// The console with an image VM on a real appliance (libvirt test:///, a
// qcow2 linked clone built here): the VM's kind, disks and golden image are
// shown, real-time scanning is "not available for image VMs", and a refused
// quarantine offers isolation, which then cuts the VM off.
#include "ApplianceProcess.h"
#include "ConsoleFixture.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "app/models/IncidentModel.h"
#include "ui/FleetPage.h"
#include "ui/FleetSelection.h"
#include "ui/IncidentsPage.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace mamori;
using mamori::test::ApplianceProcess;

namespace {

// The tools, run as an unprivileged user could (mkfs.ext4 lives in /usr/sbin).
// This test builds its image without Mamori's image library: the console's
// tests link no libclamav.
bool run(const QString &tool, const QStringList &args)
{
    const QString program = QStandardPaths::findExecutable(
        tool, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s});
    QProcess p;
    p.start(program, args);
    return !program.isEmpty() && p.waitForFinished(60000) && p.exitCode() == 0;
}

} // namespace

class TestImageVmConsole : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    test::ConsoleFixture m_console;
    QString m_golden;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        if (QStandardPaths::findExecutable(u"qemu-nbd"_s).isEmpty())
            QSKIP("qemu-nbd missing: run scripts/bootstrap");
        const QString tree = m_work.filePath(u"tree"_s);
        QVERIFY(test::writeFile(tree + u"/Users/a/Downloads/invoice.pdf.exe"_s, test::eicar()));
        const QString raw = m_work.filePath(u"golden.raw"_s);
        m_golden = m_work.filePath(u"golden.qcow2"_s);
        const QString clone = m_work.filePath(u"desk.qcow2"_s);
        QVERIFY(run(u"mkfs.ext4"_s, {u"-q"_s, u"-F"_s, u"-d"_s, tree, raw, u"32M"_s}));
        QVERIFY(run(u"qemu-img"_s, {u"convert"_s, u"-O"_s, u"qcow2"_s, raw, m_golden}));
        QVERIFY(run(u"qemu-img"_s,
            {u"create"_s, u"-q"_s, u"-f"_s, u"qcow2"_s, u"-b"_s, m_golden, u"-F"_s, u"qcow2"_s,
                clone}));
        const QString node = m_work.filePath(u"node.xml"_s);
        QVERIFY(test::writeFile(node,
            u"<node><domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
            "<name>vdi-001</name><uuid>22222222-0000-4000-8000-000000000001</uuid>"
            "<memory>65536</memory><os><type>hvm</type></os><devices>"
            "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
            "<source file='%1'/><target dev='vda' bus='virtio'/></disk></devices>"
            "<test:runstate>5</test:runstate></domain></node>"_s.arg(clone)
                .toUtf8()));
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(u"sec"_s, u"security-admin"_s, test::kConsolePassword));
        const QString feed =
            test::installPatternWithUpdate(m_work.path(), m_app->dataDir(), 2026120101);
        QVERIFY(!feed.isEmpty());
        m_app->setConfig(
            u"\"inventory\": \"libvirt:test://%1\", \"inventory_interval_ms\": 200"_s.arg(node)
                .toUtf8());
        QVERIFY(m_app->start());
        QVERIFY(m_console.add(*m_app, u"kvm-01"_s, u"sec"_s, 1));
    }

    void cleanupTestCase()
    {
        m_console.fleet.reset();
        if (m_app)
            QVERIFY(m_app->stop());
    }

    void fleetPageShowsAnImageVm()
    {
        ui::FleetSelection selection;
        ui::FleetPage page(m_console.fleet.get(), &selection);
        QAbstractItemModel *model = page.view()->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            model->rowCount() == 1 && model->rowCount(model->index(0, 0)) == 1, 10000);
        page.view()->setCurrentIndex(model->index(0, 0, model->index(0, 0)));
        auto *detail = page.findChild<QTextBrowser *>(u"fleetDetail"_s);
        const QString text = detail->toPlainText();
        QVERIFY2(text.contains(u"Not available for image VMs"_s), qPrintable(text));
        QVERIFY(text.contains(u"Image VM"_s));
        QVERIFY(text.contains(m_golden));
        QVERIFY(text.contains(u"desk.qcow2 (qcow2)"_s));
    }

    void imageVmOffersIsolationOnly()
    {
        ui::IncidentsPage page(m_console.fleet.get());
        QStringList asked;
        page.confirm = [&](const QString &q) {
            asked.append(q);
            return true;
        };
        auto *model = page.filterModel();
        // The VM's first-sight scan finds the file; quarantine is not tried.
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1, 60000);
        page.view()->selectRow(0);
        // Quarantine, delete and restore are not offered on an image VM; the
        // buttons say why and what to do instead.
        QTRY_VERIFY(page.actionButton(console::IncidentAction::IsolateVm)->isEnabled());
        for (auto a : {console::IncidentAction::Quarantine, console::IncidentAction::Delete,
                 console::IncidentAction::Restore}) {
            QVERIFY(!page.actionButton(a)->isEnabled());
            QVERIFY2(page.actionButton(a)->toolTip().contains(u"disk image"_s),
                qPrintable(page.actionButton(a)->toolTip()));
        }
        page.runAction(console::IncidentAction::IsolateVm, u"try"_s);
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
        QVERIFY2(asked[0].contains(u"vdi-001"_s), qPrintable(asked[0]));
        QTRY_VERIFY_WITH_TIMEOUT(page.resultLabel()->text().contains(u"done"_s), 10000);
        const QList<console::Vm> vms = m_console.fleet->model()->vms(m_console.connection()->id());
        QCOMPARE(vms.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.fleet->model()->vm(vms[0].id)->isolated, 10000);
    }
};

QTEST_MAIN(TestImageVmConsole)
#include "tst_image_vm_console.moc"
