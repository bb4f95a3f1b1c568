// SPDX-License-Identifier: GPL-2.0-or-later
// The console's fleet against real appliance processes: adding an appliance
// through the dialog (fingerprint compared, then pinned), filtering, and a
// VM that migrates from one host to another.
#include "ApplianceProcess.h"
#include "app/client/SecretStore.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/models/FleetFilterModel.h"
#include "app/models/FleetModel.h"
#include "app/models/StatusText.h"
#include "app/store/ConsoleStore.h"
#include "ui/AddApplianceDialog.h"
#include "ui/FleetPage.h"
#include "ui/FleetSelection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace mamori;
using test::ApplianceProcess;

namespace {

const QByteArray kPassword = "correct horse battery";

QPushButton *button(QDialog &dialog, const QString &startsWith)
{
    for (QPushButton *b : dialog.findChild<QDialogButtonBox *>()->findChildren<QPushButton *>()) {
        if (b->text().remove(u'&').startsWith(startsWith))
            return b;
    }
    return nullptr;
}

} // namespace

class TestFleetGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_consoleDir;
    console::ConsoleStore m_store;
    console::MemorySecretStore m_secrets;
    std::unique_ptr<console::Fleet> m_fleet;
    ApplianceProcess m_a, m_b;

    // Each appliance takes its VMs from WORK/vms, the layout `lab migrate` knows.
    bool startAppliance(ApplianceProcess &app, const QStringList &vms)
    {
        for (const QString &vm : vms)
            QDir().mkpath(app.workDir() + QStringLiteral("/vms/") + vm);
        app.setConfig(R"("inventory_interval_ms": 200)");
        return app.addUser(QStringLiteral("sec"), QStringLiteral("security-admin"), kPassword)
            && app.start({QStringLiteral("--inventory"),
                QStringLiteral("directory:") + app.workDir() + QStringLiteral("/vms")});
    }

    void addThroughDialog(ApplianceProcess &app, const QString &name)
    {
        ui::AddApplianceDialog dialog(m_fleet.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("addressEdit")),
            QStringLiteral("127.0.0.1:%1").arg(app.port()));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit")), name);
        QTest::keyClicks(
            dialog.findChild<QLineEdit *>(QStringLiteral("userEdit")), QStringLiteral("sec"));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("passwordEdit")),
            QString::fromUtf8(kPassword));
        QPushButton *connectButton = button(dialog, QStringLiteral("Connect"));
        QVERIFY(connectButton && connectButton->isEnabled());
        QTest::mouseClick(connectButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.page(), 1, 15000);
        // The admin compares what the appliance printed with what is shown.
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("fingerprintLabel"))
                    ->text()
                    .contains(app.fingerprint()));
        QPushButton *trust = button(dialog, QStringLiteral("The fingerprints match"));
        QVERIFY(trust);
        QTest::mouseClick(trust, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.page(), 2, 15000);
        QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("resultLabel"))
                     ->text()
                     .startsWith(QLatin1String("Signed in")),
            qPrintable(dialog.findChild<QLabel *>(QStringLiteral("resultLabel"))->text()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_store.open(m_consoleDir.path()));
        m_fleet = std::make_unique<console::Fleet>(&m_store, &m_secrets);
        QVERIFY(startAppliance(m_a,
            {QStringLiteral("desk-001"), QStringLiteral("desk-002"), QStringLiteral("kiosk-01")}));
        QVERIFY(startAppliance(m_b, {QStringLiteral("desk-101")}));
    }

    void cleanupTestCase()
    {
        m_fleet.reset();
        QVERIFY(m_a.stop());
        QVERIFY(m_b.stop());
    }

    void addAppliancesThroughTheDialog()
    {
        addThroughDialog(m_a, QStringLiteral("host-a"));
        addThroughDialog(m_b, QStringLiteral("host-b"));
        QCOMPARE(m_store.appliances().size(), 2);
        // Pinned to exactly the certificate that was compared.
        QCOMPARE(m_store.appliances().first().certFingerprint, m_a.fingerprint());
        QTRY_COMPARE_WITH_TIMEOUT(m_fleet->model()->vmCount(), 4, 15000);
    }

    void filterBySearchAndStatus()
    {
        ui::FleetSelection selection;
        ui::FleetPage page(m_fleet.get(), &selection);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *search = page.findChild<QLineEdit *>(QStringLiteral("fleetSearch"));
        QAbstractItemModel *view = page.view()->model();
        auto visibleVms = [view] {
            int n = 0;
            for (int h = 0; h < view->rowCount(); ++h)
                n += view->rowCount(view->index(h, 0));
            return n;
        };
        QCOMPARE(visibleVms(), 4);
        QTest::keyClicks(search, QStringLiteral("kiosk"));
        QCOMPARE(visibleVms(), 1);
        QCOMPARE(view->rowCount(), 1); // only the host that has it
        search->clear();
        QCOMPARE(visibleVms(), 4);
        // No pattern on these appliances: every VM is unprotected.
        auto *status = page.findChild<QComboBox *>(QStringLiteral("fleetStatusFilter"));
        status->setCurrentIndex(status->findText(
            console::StatusText::protection(protocol::ProtectionStatus::Protected)));
        QCOMPARE(visibleVms(), 0);
        status->setCurrentIndex(status->findText(
            console::StatusText::protection(protocol::ProtectionStatus::Unprotected)));
        QCOMPARE(visibleVms(), 4);
    }

    // The same UUID leaving host A and arriving on host B is one VM, moved.
    void migrationKeepsOneVm()
    {
        QUuid id;
        for (const console::Vm &vm : m_fleet->model()->vms(m_fleet->connections().first()->id())) {
            if (vm.name == QLatin1String("desk-002"))
                id = vm.id;
        }
        QVERIFY(!id.isNull());
        // Each host's event stream tells its side: A sees it leave, B arrive.
        QStringList seenOnA, seenOnB;
        for (auto [connection, seen] : {std::pair {m_fleet->connections().first(), &seenOnA},
                 std::pair {m_fleet->connections().last(), &seenOnB}}) {
            connect(connection, &console::ApplianceConnection::eventsReceived, this,
                [seen, id](const QList<console::Event> &events) {
                    for (const console::Event &e : events) {
                        if (e.as<console::VmChange>() && e.as<console::VmChange>()->vm == id)
                            seen->append(e.type);
                    }
                });
        }
        QByteArray out;
        QCOMPARE(ApplianceProcess::run({QStringLiteral("lab"), QStringLiteral("migrate"),
                                           QStringLiteral("desk-002"), QStringLiteral("--dir"),
                                           m_a.workDir(), QStringLiteral("--to"), m_b.workDir()},
                     {}, &out),
            0);
        const int hostB = m_fleet->connections().last()->id();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fleet->model()->vmIndex(id).data(console::FleetModel::HostIdRole).toInt(), hostB,
            20000);
        QCOMPARE(m_fleet->model()->vmCount(), 4);
        QVERIFY(!m_fleet->model()
                     ->vmIndex(id)
                     .data(console::FleetModel::MovedFromRole)
                     .toString()
                     .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(seenOnA.contains(QStringLiteral("vm.removed")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(seenOnB.contains(QStringLiteral("vm.added")), 20000);
    }
};

QTEST_MAIN(TestFleetGui)
#include "tst_fleet_gui.moc"
