// SPDX-License-Identifier: GPL-2.0-or-later
// What the console tells its admin about the fleet's state, against real
// appliance processes: each appliance named by its host name, dates one
// way, a toolbar and Refresh (F5), an outage shown as such (greyed, its
// age, an alert, sorted after the live hosts) and undone by Reconnect, the
// role of the signed-in user and what it may not see, and an audit log in
// words.
#include "ApplianceProcess.h"
#include "ConsoleFixture.h"
#include "PatternFixture.h"
#include "app/models/AlertModel.h"
#include "app/models/AuditModel.h"
#include "app/models/FleetFilterModel.h"
#include "app/models/StatusText.h"
#include "ui/AuditPage.h"
#include "ui/FleetPage.h"
#include "ui/FleetSelection.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/Pages.h"
#include "ui/PolicyDialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFontInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

using namespace mamori;
using mamori::test::ApplianceProcess;

namespace {

bool makeVms(const ApplianceProcess &app, const QStringList &names)
{
    for (const QString &vm : names) {
        const QString dir = QStringLiteral("%1/%2/Windows").arg(app.vmsDir(), vm);
        QFile f(dir + QStringLiteral("/app.exe"));
        if (!QDir().mkpath(dir) || !f.open(QIODevice::WriteOnly) || f.write("MZ app") <= 0)
            return false;
    }
    return true;
}

// Every cell of the model's rows, as shown.
QStringList cells(const QAbstractItemModel *model)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column)
            out << model->index(row, column).data().toString();
    }
    return out;
}

} // namespace

class TestConsoleState : public QObject
{
    Q_OBJECT

    QTranslator m_english; // plurals ("5 minutes ago") come from mamori_en
    ApplianceProcess m_a; // kvm-test-a: goes away and comes back
    ApplianceProcess m_b; // kvm-test-b: stays
    test::ConsoleFixture m_sec; // signed in as the security administrator
    test::ConsoleFixture m_virt; // as the virtualization administrator

    static bool startAppliance(ApplianceProcess &app, const char *hostName)
    {
        app.setConfig(
            QByteArray("\"inventory_interval_ms\": 200, \"host_name\": \"") + hostName + "\"");
        // A pattern, so that scans can run.
        const QString feed =
            test::installPatternWithUpdate(app.workDir(), app.dataDir(), 2026120501);
        return !feed.isEmpty() && makeVms(app, {QStringLiteral("desk-1"), QStringLiteral("desk-2")})
            && app.addUser(
                QStringLiteral("sec"), QStringLiteral("security-admin"), test::kConsolePassword)
            && app.addUser(QStringLiteral("virt"), QStringLiteral("virtualization-admin"),
                test::kConsolePassword)
            && app.start();
    }

    console::ApplianceConnection *a() const { return m_sec.connection(0); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE is not set");
        QVERIFY(m_english.load(QStringLiteral(":/i18n/mamori_en.qm")));
        QCoreApplication::installTranslator(&m_english);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(startAppliance(m_a, "kvm-test-a"));
        QVERIFY(startAppliance(m_b, "kvm-test-b"));
        // No display name given: the console names them by their host names.
        QVERIFY(m_sec.add(m_a, QString(), QStringLiteral("sec"), 2));
        QVERIFY(m_sec.add(m_b, QString(), QStringLiteral("sec"), 2));
        QVERIFY(m_virt.add(m_a, QString(), QStringLiteral("virt"), 2));
    }

    void cleanupTestCase()
    {
        m_sec.fleet.reset();
        m_virt.fleet.reset();
        m_a.stop();
        m_b.stop();
    }

    // The appliance's host name, not 127.0.0.1; the address stays in the
    // details. Kept for the next start, when the appliance may be away.
    void appliancesAreNamedByTheirHostNames()
    {
        QTRY_COMPARE(a()->displayName(), QStringLiteral("kvm-test-a"));
        QTRY_COMPARE(m_sec.fleet->model()->hostIndex(a()->id()).data().toString(),
            QStringLiteral("kvm-test-a"));
        QCOMPARE(m_sec.connection(1)->displayName(), QStringLiteral("kvm-test-b"));
        QCOMPARE(m_sec.store.setting(console::hostNameSettingKey(a()->id())).toString(),
            QStringLiteral("kvm-test-a"));

        ui::FleetSelection selection;
        ui::FleetPage page(m_sec.fleet.get(), &selection);
        page.show();
        auto *view = page.findChild<QTreeView *>(QStringLiteral("fleetView"));
        QVERIFY(view);
        const QModelIndex host = view->model()->index(0, 0);
        view->setCurrentIndex(host);
        QTRY_VERIFY(page.detail()->toPlainText().contains(m_a.baseUrl())
            || page.detail()->toPlainText().contains(m_b.baseUrl()));
        QVERIFY(page.detail()->toPlainText().contains(QStringLiteral("Last contact")));
    }

    // One form everywhere: year first in English, the Japanese way in
    // Japanese; an incident named with its host.
    void datesAndIncidentIdsAreUnambiguous()
    {
        const QDateTime t(QDate(2026, 12, 5), QTime(5, 47), Qt::LocalTime);
        QCOMPARE(console::StatusText::time(t), QStringLiteral("2026-12-05 05:47"));
        QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
        QCOMPARE(console::StatusText::time(t), QStringLiteral("2026/12/05 5:47"));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(console::StatusText::time(t, true), QStringLiteral("2026-12-05 05:47:00"));
        QCOMPARE(console::StatusText::incidentRef(
                     QStringLiteral("kvm-test-a"), QStringLiteral("inc-000001")),
            QStringLiteral("kvm-test-a/inc-000001"));
    }

    // The main actions on a toolbar with icons and words, each in a menu
    // too; F5 reads every appliance again without waiting for it.
    void toolbarAndRefresh()
    {
        ui::MainWindow window(m_sec.fleet.get(), nullptr);
        ui::addPages(&window, m_sec.fleet.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QToolBar *bar = window.toolBar();
        QVERIFY(bar && bar->isVisible());
        QCOMPARE(bar->toolButtonStyle(), Qt::ToolButtonTextUnderIcon);
        QStringList shown;
        for (QAction *action : bar->actions()) {
            if (action->isSeparator())
                continue;
            QVERIFY2(!action->icon().isNull(), qPrintable(action->iconText()));
            QVERIFY(!action->iconText().isEmpty());
            // Reachable from the keyboard: a menu holds it as well.
            bool inMenu = false;
            for (QAction *menu : window.menuBar()->actions())
                inMenu |= menu->menu() && menu->menu()->actions().contains(action);
            QVERIFY2(inMenu, qPrintable(action->iconText()));
            shown << action->iconText();
        }
        for (const char *name :
            {"Add Appliance", "Start Scan", "Update Patterns", "Report", "Refresh", "Reconnect"})
            QVERIFY2(shown.contains(QLatin1String(name)), name);

        QSignalSpy read(a(), &console::ApplianceConnection::infoChanged);
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(read.isEmpty()); // asked, not waited for
        QVERIFY(read.wait(10000));

        // Start Scan opens the Scans page's dialog.
        window.findChild<QAction *>(QStringLiteral("startScanAction"))->trigger();
        QTRY_VERIFY(window.findChild<QDialog *>(QStringLiteral("startScanDialog")));
        window.findChild<QDialog *>(QStringLiteral("startScanDialog"))->close();
    }

    // The virtualization administrator: role in the status bar, told up
    // front that incidents and the audit log are not for the role, the
    // policy read-only with the reason.
    void rolesAreVisible()
    {
        ui::MainWindow window(m_virt.fleet.get(), nullptr);
        ui::Pages *pages = ui::addPages(&window, m_virt.fleet.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *roles = window.findChild<QLabel *>(QStringLiteral("rolesLabel"));
        QVERIFY(roles);
        QTRY_VERIFY2(roles->text().contains(QStringLiteral("virt (virtualization administrator)")),
            qPrintable(roles->text()));
        QVERIFY(roles->text().startsWith(QStringLiteral("kvm-test-a")));
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        const auto navText = [nav](const QString &startsWith) {
            for (int i = 0; i < nav->count(); ++i) {
                if (nav->item(i)->text().startsWith(startsWith))
                    return nav->item(i);
            }
            return static_cast<QListWidgetItem *>(nullptr);
        };
        QVERIFY(navText(QStringLiteral("Incidents")));
        QCOMPARE(navText(QStringLiteral("Incidents"))->text(),
            QStringLiteral("Incidents (not for your role)"));
        QVERIFY(navText(QStringLiteral("Incidents"))
                    ->toolTip()
                    .contains(QStringLiteral("may not see incidents")));
        QCOMPARE(navText(QStringLiteral("Audit"))->text(),
            QStringLiteral("Audit Log (not for your role)"));

        window.showPage(ui::MainWindow::Page::Audit);
        QTRY_VERIFY(pages->audit()->chainLabel()->text().contains(
            QStringLiteral("may not read the audit log")));

        ui::PolicyDialog policy(m_virt.fleet.get(), m_virt.connection(0));
        policy.show();
        auto *note = policy.findChild<QLabel *>(QStringLiteral("policyReadOnlyNote"));
        QVERIFY(note && note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("virtualization administrator")),
            qPrintable(note->text()));
        QVERIFY(!policy.findChild<QPushButton *>(QStringLiteral("policyApply"))->isVisible());
        QVERIFY(policy.concurrency()->isReadOnly());
        QVERIFY(!policy.findChild<QCheckBox *>(QStringLiteral("policyScheduled"))->isEnabled());

        // The security administrator's own dialog stays editable.
        ui::PolicyDialog editable(m_sec.fleet.get(), a());
        editable.show();
        QVERIFY(!editable.findChild<QLabel *>(QStringLiteral("policyReadOnlyNote"))->isVisible());
        QVERIFY(!editable.concurrency()->isReadOnly());
    }

    // Loaded on opening; actions and outcomes in words, VM names instead of
    // ids, no API path or HTTP status anywhere.
    void auditLogIsReadable()
    {
        // A refused request (audited as "POST /api/v1/scans", denied) and
        // a scan started by name.
        std::optional<console::Reply<QList<console::ScanJob>>> refused, started;
        m_virt.connection(0)->startScans({}, console::ScanKind::Quick, {},
            [&](console::Reply<QList<console::ScanJob>> r) { refused = r; });
        const QList<console::Vm> vms = m_sec.fleet->model()->vms(a()->id());
        QCOMPARE(vms.size(), 2);
        a()->startScans({vms[0].id}, console::ScanKind::Quick, {},
            [&](console::Reply<QList<console::ScanJob>> r) { started = r; });
        QTRY_VERIFY(refused && started);
        QVERIFY(!refused->ok());
        QVERIFY2(started->ok(), qPrintable(started->error.toString()));

        ui::AuditPage page(m_sec.fleet.get());
        QSignalSpy loaded(&page, &ui::AuditPage::loaded);
        page.appliance()->setCurrentIndex(page.appliance()->findData(a()->id()));
        page.show(); // no button pressed
        QVERIFY(loaded.wait(15000));
        const QStringList shown = cells(page.auditModel());
        QVERIFY(!shown.isEmpty());
        for (const QString &cell : shown) {
            QVERIFY2(!cell.contains(QStringLiteral("/api/")), qPrintable(cell));
            QVERIFY2(!cell.contains(QStringLiteral("403")), qPrintable(cell));
            QVERIFY2(!cell.contains(vms[0].id.toString(QUuid::WithoutBraces)), qPrintable(cell));
        }
        QVERIFY(shown.contains(QStringLiteral("Log in")));
        QVERIFY(shown.contains(QStringLiteral("Refused: not allowed for the role")));
        QVERIFY(shown.contains(QStringLiteral("virtualization administrator")));
        QVERIFY(shown.contains(vms[0].name));
        QVERIFY(shown.contains(QStringLiteral("Start scans")));

        // The console's own log: words too, not the API path it called.
        page.findChild<QTabWidget *>()->setCurrentIndex(1);
        QTRY_VERIFY(page.actionsModel()->rowCount() > 0);
        for (const QString &cell : cells(page.actionsModel()))
            QVERIFY2(!cell.contains(QStringLiteral("/api/")), qPrintable(cell));
    }

    // In Japanese one CJK family draws the whole line, digits and Latin
    // letters included, instead of a Latin font with CJK glyphs borrowed.
    void japaneseUsesOneFontForAWholeLine()
    {
        const QString family = ui::LanguageManager::japaneseFamily();
        if (family.isEmpty())
            QSKIP("no CJK font installed (scripts/bootstrap installs fonts-noto-cjk)");
        const QString before = QApplication::font().family();
        ui::LanguageManager language;
        language.setLanguage(QStringLiteral("ja"));
        QLabel line(QStringLiteral("ベースライン比 81%"));
        QCOMPARE(QApplication::font().family(), family);
        QCOMPARE(line.font().family(), family);
        QVERIFY(QFontInfo(line.font()).family() == family); // installed, not substituted
        language.setLanguage(QStringLiteral("en"));
        QCOMPARE(QApplication::font().family(), before);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    // Kill the appliance: its figures grey and say how old they are, the
    // host sorts after the live one, an alert says contact was lost, and
    // Reconnect brings it back once it runs again.
    void outageIsVisibleAndReconnectEndsIt()
    {
        ui::MainWindow window(m_sec.fleet.get(), nullptr);
        ui::Pages *pages = ui::addPages(&window, m_sec.fleet.get());
        window.show();
        auto *reconnect = window.findChild<QAction *>(QStringLiteral("reconnectAction"));
        QVERIFY(reconnect && !reconnect->isEnabled());
        console::FleetModel *model = m_sec.fleet->model();
        console::FleetFilterModel sorted;
        sorted.setSourceModel(model);
        sorted.setSortRole(console::FleetModel::SortRole);
        sorted.sort(console::FleetModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(sorted.index(0, 0).data().toString(), QStringLiteral("kvm-test-a"));

        m_a.kill();
        QTRY_VERIFY_WITH_TIMEOUT(!a()->isOnline(), 15000);
        const QModelIndex host = model->hostIndex(a()->id());
        QTRY_VERIFY(!host.data(console::FleetModel::ReachableRole).toBool());
        const QString power =
            host.siblingAtColumn(console::FleetModel::PowerColumn).data().toString();
        QVERIFY2(power.contains(QStringLiteral("as of")), qPrintable(power));
        QVERIFY2(power.contains(QStringLiteral("just now")), qPrintable(power));
        QVERIFY(!host.data(console::FleetModel::AsOfRole).toString().isEmpty());
        QVERIFY(model->index(0, 0, host).data(Qt::ForegroundRole).isValid()); // greyed
        // After the live host in either order.
        QTRY_COMPARE(sorted.index(0, 0).data().toString(), QStringLiteral("kvm-test-b"));
        sorted.sort(console::FleetModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(sorted.index(0, 0).data().toString(), QStringLiteral("kvm-test-b"));
        QCOMPARE(sorted.index(1, 0).data().toString(), QStringLiteral("kvm-test-a"));

        console::AlertModel *alerts = m_sec.fleet->alerts();
        const auto lostAlert = [alerts, this] {
            for (int row = 0; row < alerts->rowCount(); ++row) {
                const console::Alert *alert = alerts->alert(row);
                if (alert->type == QLatin1String(console::kUnreachableAlert)
                    && alert->applianceId == a()->id())
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(lostAlert());
        QTRY_VERIFY(reconnect->isEnabled());

        // The host's details: last contact and a Reconnect link.
        window.showPage(ui::MainWindow::Page::Fleet);
        auto *view = pages->fleet()->findChild<QTreeView *>(QStringLiteral("fleetView"));
        view->setCurrentIndex(
            static_cast<QSortFilterProxyModel *>(view->model())->mapFromSource(host));
        QTRY_VERIFY(pages->fleet()->detail()->toPlainText().contains(QStringLiteral("Reconnect")));
        QVERIFY(pages->fleet()->detail()->toPlainText().contains(QStringLiteral("Last contact")));

        // Reconnect while it is still down: out of reach again, and says so.
        reconnect->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(
            a()->state(), console::ApplianceConnection::State::Offline, 15000);
        QTRY_VERIFY(reconnect->isEnabled());

        QVERIFY(m_a.restart());
        reconnect->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(a()->isOnline(), 15000);
        QTRY_VERIFY(host.data(console::FleetModel::ReachableRole).toBool());
        QVERIFY(host.data(console::FleetModel::AsOfRole).toString().isEmpty());
        QTRY_VERIFY(!model->index(0, 0, host).data(Qt::ForegroundRole).isValid());
        QTRY_VERIFY(!reconnect->isEnabled());
    }
};

QTEST_MAIN(TestConsoleState)
#include "tst_console_state.moc"
