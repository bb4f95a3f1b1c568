// SPDX-License-Identifier: GPL-2.0-or-later
// The Overview as a dashboard, the page of one VM, the context menus and
// the Start-scan dialog, against a real appliance with real detections:
// every drill-down lands on the filtered list it counts.
#include "ApplianceProcess.h"
#include "ConsoleFixture.h"
#include "PatternFixture.h"
#include "TestFiles.h"
#include "app/models/FleetFilterModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/ScanJobModel.h"
#include "app/models/StatusText.h"
#include "ui/FleetPage.h"
#include "ui/FleetSelection.h"
#include "ui/IncidentMenu.h"
#include "ui/IncidentsPage.h"
#include "ui/MainWindow.h"
#include "ui/OverviewPage.h"
#include "ui/Pages.h"
#include "ui/ScansPage.h"
#include "ui/StartScanDialog.h"
#include "ui/VmPage.h"
#include "widgets/StatusChart.h"
#include "widgets/TrendChart.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace mamori;
using mamori::test::ApplianceProcess;
using mamori::test::writeFile;
using protocol::ProtectionStatus;

namespace {

const QStringList kVms {
    QStringLiteral("desk-001"), QStringLiteral("desk-002"), QStringLiteral("desk-003")};

// The VM names a fleet page shows, in any order.
QSet<QString> visibleVms(ui::FleetPage *page)
{
    QSet<QString> names;
    const QAbstractItemModel *m = page->view()->model();
    for (int h = 0; h < m->rowCount(); ++h) {
        const QModelIndex host = m->index(h, 0);
        for (int v = 0; v < m->rowCount(host); ++v)
            names.insert(m->index(v, 0, host).data().toString());
    }
    return names;
}

// The incidents an Incidents page shows.
QList<console::Incident> visibleIncidents(ui::IncidentsPage *page, console::Fleet *fleet)
{
    QList<console::Incident> out;
    const auto *proxy = page->filterModel();
    for (int r = 0; r < proxy->rowCount(); ++r) {
        if (const console::Incident *i =
                fleet->incidents()->incident(proxy->mapToSource(proxy->index(r, 0))))
            out.append(*i);
    }
    return out;
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<ApplianceProcess> m_app;
    std::unique_ptr<test::ConsoleFixture> m_console;
    std::unique_ptr<ui::MainWindow> m_window;
    ui::Pages *m_pages = nullptr;

    console::Fleet *fleet() const { return m_console->fleet.get(); }
    int hostId() const { return m_console->connection()->id(); }
    QUuid vmId(const QString &name) const
    {
        for (const console::Vm &vm : fleet()->model()->vms(hostId())) {
            if (vm.name == name)
                return vm.id;
        }
        return {};
    }
    ProtectionStatus statusOf(const QString &name) const
    {
        return ProtectionStatus(
            fleet()->model()->vmIndex(vmId(name)).data(console::FleetModel::StatusRole).toInt());
    }
    bool idle() const
    {
        const auto jobs = fleet()->scanJobs()->jobs(hostId());
        return std::none_of(
            jobs.cbegin(), jobs.cend(), [](const console::ScanJob &j) { return !j.hasEnded(); });
    }
    int openIncidents(const std::function<bool(const console::Incident &)> &match) const
    {
        int n = 0;
        for (const console::Incident &i : fleet()->incidents()->incidents(hostId()))
            n += i.isOpen() && match(i);
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ApplianceProcess::program().isEmpty(), "MAMORI_APPLIANCE is not set");
        m_app = std::make_unique<ApplianceProcess>();
        QVERIFY(m_app->addUser(
            QStringLiteral("sec"), QStringLiteral("security-admin"), test::kConsolePassword));
        for (const QString &name : kVms) {
            for (int i = 0; i < 20; ++i)
                QVERIFY(writeFile(
                    QStringLiteral("%1/%2/Windows/f%3.dll").arg(m_app->vmsDir(), name).arg(i),
                    (name + QString::number(i)).toUtf8().repeated(100)));
        }
        const QString feed =
            test::installPatternWithUpdate(m_work.path(), m_app->dataDir(), 2026112501);
        QVERIFY(!feed.isEmpty());
        m_app->setConfig(QStringLiteral(R"("inventory_interval_ms": 200, "pattern_source": "%1")")
                             .arg(feed)
                             .toUtf8());
        QVERIFY(m_app->start());
        m_console = std::make_unique<test::ConsoleFixture>();
        QVERIFY(m_console->add(*m_app, QStringLiteral("kvm-01"), QStringLiteral("sec"), 3));
        // Real detections: one EICAR on desk-001, two of the body signature
        // on desk-002 (real-time scanning finds them as they are written).
        QVERIFY(writeFile(
            m_app->vmsDir() + QStringLiteral("/desk-001/Users/a/eicar.com"), test::eicar()));
        for (const char *file : {"/desk-002/Users/b/invoice.exe", "/desk-002/Users/b/setup.exe"})
            QVERIFY(writeFile(m_app->vmsDir() + QLatin1String(file),
                QByteArray("head ") + test::bodyMarker() + QByteArray(" tail ") + file));
        QTRY_COMPARE_WITH_TIMEOUT(fleet()->incidents()->rowCount(), 3, 30000);
        m_window = std::make_unique<ui::MainWindow>(fleet(), nullptr);
        m_pages = ui::addPages(m_window.get(), fleet());
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_console.reset();
        if (m_app)
            QVERIFY(m_app->stop());
    }

    // A segment of the status chart, by mouse and by keyboard, opens the
    // Hosts and VMs page showing exactly the VMs of that status.
    void statusSegmentOpensItsVms()
    {
        m_window->showPage(ui::MainWindow::Page::Overview);
        ui::OverviewPage *overview = m_pages->overview();
        widgets::StatusChart *chart = overview->statusChart();
        overview->refresh();
        const ProtectionStatus infected = statusOf(QStringLiteral("desk-002"));
        QCOMPARE(infected, ProtectionStatus::Infected);
        int at = -1;
        for (int i = 0; i < chart->segments().size(); ++i) {
            if (chart->segments()[i].status == infected)
                at = i;
        }
        QVERIFY(at >= 0);
        QVERIFY(chart->segments()[at].count >= 2);
        QTest::mouseClick(chart, Qt::LeftButton, {}, chart->legendRect(at).center());
        ui::FleetPage *fleetPage = m_pages->fleet();
        QTRY_VERIFY(fleetPage->isVisible());
        QTRY_COMPARE(fleetPage->filterModel()->statusFilter(), QList<ProtectionStatus> {infected});
        QSet<QString> expected;
        for (const QString &name : kVms) {
            if (statusOf(name) == infected)
                expected.insert(name);
        }
        QVERIFY(expected.contains(QStringLiteral("desk-002")));
        QCOMPARE(visibleVms(fleetPage), expected);

        // The keyboard: focus, arrows to the segment, Enter.
        m_window->showPage(ui::MainWindow::Page::Overview);
        QTRY_VERIFY(chart->isVisible());
        chart->setFocus();
        chart->setCurrentSegment(-1);
        const int protectedAt = [&] {
            for (int i = 0; i < chart->segments().size(); ++i) {
                if (chart->segments()[i].status == ProtectionStatus::Protected)
                    return i;
            }
            return -1;
        }();
        QVERIFY(protectedAt >= 0);
        for (int i = 0; i <= protectedAt; ++i)
            QTest::keyClick(chart, Qt::Key_Down);
        QCOMPARE(chart->currentSegment(), protectedAt);
        QTest::keyClick(chart, Qt::Key_Return);
        QTRY_VERIFY(fleetPage->isVisible());
        QCOMPARE(fleetPage->filterModel()->statusFilter(),
            QList<ProtectionStatus> {ProtectionStatus::Protected});
        for (const QString &name : visibleVms(fleetPage))
            QCOMPARE(statusOf(name), ProtectionStatus::Protected);
    }

    // The top threat, the most affected VM and a severity count each open
    // the Incidents page with exactly the incidents they count.
    void countsAndRowsOpenTheirIncidents()
    {
        m_window->showPage(ui::MainWindow::Page::Overview);
        ui::OverviewPage *overview = m_pages->overview();
        overview->refresh();
        QTableWidget *threats = overview->threatTable();
        QCOMPARE(threats->rowCount(), 2);
        const QString top = threats->item(0, 0)->text();
        QCOMPARE(threats->item(0, 1)->text(), QStringLiteral("2"));
        QTest::mouseClick(threats->viewport(), Qt::LeftButton, {},
            threats->visualItemRect(threats->item(0, 0)).center());
        ui::IncidentsPage *incidents = m_pages->incidents();
        QTRY_VERIFY(incidents->isVisible());
        QList<console::Incident> shown = visibleIncidents(incidents, fleet());
        QCOMPARE(shown.size(), 2);
        for (const console::Incident &i : shown)
            QCOMPARE(i.threat, top);
        // The search box says why the list is short; editing it ends that.
        QCOMPARE(incidents->findChild<QLineEdit *>(QStringLiteral("incidentSearch"))->text(), top);

        m_window->showPage(ui::MainWindow::Page::Overview);
        QTableWidget *vms = overview->vmTable();
        QCOMPARE(vms->item(0, 0)->text(), QStringLiteral("desk-002"));
        QTest::mouseClick(
            vms->viewport(), Qt::LeftButton, {}, vms->visualItemRect(vms->item(0, 2)).center());
        QTRY_VERIFY(incidents->isVisible());
        shown = visibleIncidents(incidents, fleet());
        QCOMPARE(shown.size(), 2);
        for (const console::Incident &i : shown)
            QCOMPARE(i.vmName, QStringLiteral("desk-002"));

        // A severity count: its number is the number of rows it opens.
        const console::Severity severity = shown.first().severity;
        const QString key = QStringLiteral("severity:") + console::severityName(severity);
        m_window->showPage(ui::MainWindow::Page::Overview);
        QPushButton *count = overview->figureButton(key);
        QVERIFY(count);
        const int expected =
            openIncidents([&](const console::Incident &i) { return i.severity == severity; });
        QCOMPARE(count->text(), QString::number(expected));
        QTest::mouseClick(count, Qt::LeftButton);
        QTRY_VERIFY(incidents->isVisible());
        shown = visibleIncidents(incidents, fleet());
        QCOMPARE(shown.size(), expected);
        for (const console::Incident &i : shown)
            QCOMPARE(i.severity, severity);
        QVERIFY(overview->figure(QStringLiteral("online")) == QStringLiteral("1"));
    }

    // A bar of the detections trend, by mouse (an hour) and by keyboard (a
    // day), opens the Incidents page with exactly the incidents it counts,
    // first detected in its span; the page says so and the filter ends on
    // its clear button.
    void trendBarOpensItsIncidents()
    {
        m_window->showPage(ui::MainWindow::Page::Overview);
        ui::OverviewPage *overview = m_pages->overview();
        widgets::TrendChart *chart = overview->trendChart();
        ui::IncidentsPage *incidents = m_pages->incidents();
        QLabel *label = incidents->timeFilterLabel();
        const auto checkShown = [&](int at) {
            const widgets::TrendChart::Bucket bar = chart->buckets()[at];
            QTRY_VERIFY(incidents->isVisible());
            const QList<console::Incident> shown = visibleIncidents(incidents, fleet());
            QCOMPARE(shown.size(), bar.count);
            for (const console::Incident &i : shown) {
                QVERIFY(i.firstSeen >= bar.start);
                QVERIFY(i.firstSeen < chart->bucketEnd(at));
            }
            QVERIFY(label->isVisible());
            QVERIFY(!label->text().isEmpty());
        };
        // The bar with the detections (the current hour, unless the hour
        // turned since they were made).
        const auto busiest = [&] {
            int at = -1;
            for (int i = 0; i < chart->buckets().size(); ++i) {
                if (at < 0 || chart->buckets()[i].count > chart->buckets()[at].count)
                    at = i;
            }
            return at;
        };

        overview->setTrend(ui::OverviewPage::Trend::Day);
        overview->refresh();
        QCOMPARE(chart->buckets().size(), 24);
        int at = busiest();
        QVERIFY(chart->buckets()[at].count >= 1);
        QTest::mouseClick(chart, Qt::LeftButton, {}, chart->bucketRect(at).center());
        checkShown(at);
        // Fewer than every incident, so the filter is what makes the list.
        const int all = fleet()->incidents()->rowCount();
        if (at > 0) {
            m_window->showPage(ui::MainWindow::Page::Overview);
            QTest::mouseClick(chart, Qt::LeftButton, {}, chart->bucketRect(at - 1).center());
            checkShown(at - 1);
        }
        // Clearing the filter shows every incident again.
        incidents->findChild<QToolButton *>(QStringLiteral("incidentTimeFilterClear"))->click();
        QVERIFY(!label->isVisible());
        QCOMPARE(incidents->filterModel()->rowCount(), all);

        // The keyboard, on the 7-day view: focus, arrows to the bar, Enter.
        m_window->showPage(ui::MainWindow::Page::Overview);
        overview->setTrend(ui::OverviewPage::Trend::Week);
        QCOMPARE(chart->buckets().size(), 7);
        at = busiest();
        QVERIFY(chart->buckets()[at].count >= 1);
        QTRY_VERIFY(chart->isVisible());
        chart->setFocus();
        chart->setCurrentBucket(-1);
        for (int i = 0; i <= at; ++i)
            QTest::keyClick(chart, Qt::Key_Right);
        QCOMPARE(chart->currentBucket(), at);
        QTest::keyClick(chart, Qt::Key_Return);
        checkShown(at);
        // Editing the search ends it too.
        QTest::keyClicks(incidents->findChild<QLineEdit *>(QStringLiteral("incidentSearch")),
            QStringLiteral("desk"));
        QVERIFY(!label->isVisible());
        QCOMPARE(incidents->filterModel()->timeFrom(), QDateTime());
        overview->setTrend(ui::OverviewPage::Trend::Day);
    }

    // The VM's page lists its incidents and starts a scan of it.
    void vmPageShowsIncidentsAndScansNow()
    {
        ui::VmPage *page = m_pages->openVm(hostId(), vmId(QStringLiteral("desk-002")));
        QVERIFY(page);
        QVERIFY(QTest::qWaitForWindowExposed(page));
        QCOMPARE(page->incidentView()->model()->rowCount(), 2);
        QVERIFY(page->statusLabel()->text().startsWith(
            console::StatusText::protection(ProtectionStatus::Infected)));
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("vmDetails"))
                    ->text()
                    .contains(m_app->vmsDir() + QStringLiteral("/desk-002")));
        // Opening it again raises the same window.
        QCOMPARE(m_pages->openVm(hostId(), vmId(QStringLiteral("desk-002"))), page);
        QTRY_VERIFY_WITH_TIMEOUT(idle(), 60000);
        QPushButton *scan = page->actionButton(ui::VmActions::Action::ScanNow);
        QTRY_VERIFY(scan->isEnabled());
        QVERIFY(!page->actionButton(ui::VmActions::Action::Release)->isEnabled());
        QTest::mouseClick(scan, Qt::LeftButton);
        const QUuid vm = vmId(QStringLiteral("desk-002"));
        const auto manualScanOfVm = [&] {
            for (const console::ScanJob &j : fleet()->scanJobs()->jobs(hostId())) {
                if (j.vm == vm && j.origin == QLatin1String("manual"))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(manualScanOfVm(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->resultLabel()->text().contains(QStringLiteral("queued")), 15000);
        // The scan is in the VM's list of recent scans.
        QTRY_VERIFY_WITH_TIMEOUT(page->scanList()->topLevelItemCount() >= 1, 15000);
        page->close();
    }

    // The VM row's menu isolates and releases through the VM's incident;
    // the incident row's menu opens the VM and offers the page's actions.
    void contextMenus()
    {
        ui::FleetPage *fleetPage = m_pages->fleet();
        fleetPage->confirm = [](const QString &) { return true; };
        const QUuid vm = vmId(QStringLiteral("desk-001"));
        const auto rowOf = [&] {
            return fleetPage->filterModel()->mapFromSource(fleet()->model()->vmIndex(vm));
        };
        fleetPage->showStatus(statusOf(QStringLiteral("desk-001")));
        QVERIFY(rowOf().isValid());
        std::unique_ptr<QMenu> menu(fleetPage->contextMenu(rowOf()));
        QVERIFY(menu);
        auto action = [&](const char *name) {
            return menu->findChild<QAction *>(QLatin1String(name));
        };
        QVERIFY(action("isolateAction")->isEnabled());
        QVERIFY(!action("releaseAction")->isEnabled());
        QVERIFY(!action("releaseAction")->toolTip().isEmpty());
        action("isolateAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(fleet()->model()->vm(vm)->isolated, 15000);
        QTRY_VERIFY(fleetPage->resultLabel()->text().contains(QStringLiteral("isolated")));
        menu.reset(fleetPage->contextMenu(rowOf()));
        QVERIFY(!action("isolateAction")->isEnabled());
        QVERIFY(action("releaseAction")->isEnabled());
        action("releaseAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!fleet()->model()->vm(vm)->isolated, 15000);
        // "Open VM page".
        menu.reset(fleetPage->contextMenu(rowOf()));
        const auto openWindow = [&]() -> ui::VmPage * {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                auto *page = qobject_cast<ui::VmPage *>(w);
                if (page && page->isVisible() && page->vm() == vm)
                    return page;
            }
            return nullptr;
        };
        QVERIFY(!openWindow());
        action("openVmAction")->trigger();
        QTRY_VERIFY(openWindow());
        openWindow()->close();
        QTRY_VERIFY(!openWindow());
        // Enter on the row (the view's activation, as a double-click) opens it too.
        m_window->showPage(ui::MainWindow::Page::Fleet);
        QTRY_VERIFY(fleetPage->isVisible());
        fleetPage->view()->scrollTo(rowOf());
        const QRect cell = fleetPage->view()->visualRect(rowOf());
        QTest::mouseClick(fleetPage->view()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(fleetPage->view()->currentIndex().siblingAtColumn(0), rowOf());
        QTest::keyClick(fleetPage->view(), Qt::Key_Return);
        QTRY_VERIFY(openWindow());
        openWindow()->close();
        // No menu on a host row.
        QVERIFY(!fleetPage->contextMenu(fleetPage->filterModel()->index(0, 0)));

        ui::IncidentsPage *incidents = m_pages->incidents();
        ui::IncidentsPage::Filter f;
        f.vm = vm;
        incidents->showFilter(f);
        QCOMPARE(incidents->filterModel()->rowCount(), 1);
        incidents->view()->selectRow(0);
        const QModelIndex row = incidents->filterModel()->index(0, 0);
        QUuid openedVm;
        std::unique_ptr<QMenu> incidentMenu(
            ui::incidentMenu(incidents, row, [&](int, const QUuid &id) { openedVm = id; }));
        QVERIFY(incidentMenu);
        incidentMenu->findChild<QAction *>(QStringLiteral("openVmAction"))->trigger();
        QCOMPARE(openedVm, vm);
        // The page's own actions, as the page's buttons stand.
        QAction *acknowledge =
            incidentMenu->findChild<QAction *>(QStringLiteral("acknowledgeAction"));
        QVERIFY(acknowledge);
        QCOMPARE(acknowledge->isEnabled(),
            incidents->actionButton(console::IncidentAction::Acknowledge)->isEnabled());
        QVERIFY(acknowledge->isEnabled());
        acknowledge->trigger();
        QDialog *dialog = nullptr;
        QTRY_VERIFY(
            (dialog = incidents->findChild<QDialog *>(QStringLiteral("incidentNoteDialog"))));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        const QString id = row.data(console::IncidentModel::IdRole).toString();
        QTRY_COMPARE_WITH_TIMEOUT(fleet()->incidents()->incident(hostId(), id)->state,
            console::IncidentState::Acknowledged, 15000);
    }

    // The dialog lists the VMs selected on the fleet page, ticked, and
    // scans only those still ticked.
    void startScanDialogScansTheTickedVms()
    {
        QTRY_VERIFY_WITH_TIMEOUT(idle(), 60000);
        ui::FleetSelection selection;
        selection.set(hostId(), vmId(QStringLiteral("desk-003")),
            {{hostId(), vmId(QStringLiteral("desk-001"))},
                {hostId(), vmId(QStringLiteral("desk-003"))}});
        ui::ScansPage page(fleet(), &selection);
        page.findChild<QPushButton *>(QStringLiteral("startScanButton"))->click();
        ui::StartScanDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<ui::StartScanDialog *>()));
        QTreeWidget *list = dialog->vmList();
        QCOMPARE(list->topLevelItemCount(), 1);
        QTreeWidgetItem *host = list->topLevelItem(0);
        QCOMPARE(host->text(0), QStringLiteral("kvm-01"));
        QCOMPARE(host->childCount(), 3); // every VM is listed, with its status
        QSet<QString> ticked;
        QTreeWidgetItem *desk003 = nullptr;
        for (int i = 0; i < host->childCount(); ++i) {
            QVERIFY(!host->child(i)->text(1).isEmpty());
            if (host->child(i)->checkState(0) == Qt::Checked)
                ticked.insert(host->child(i)->text(0));
            if (host->child(i)->text(0) == QLatin1String("desk-003"))
                desk003 = host->child(i);
        }
        QCOMPARE(ticked, (QSet<QString> {QStringLiteral("desk-001"), QStringLiteral("desk-003")}));
        QVERIFY(dialog->okButton()->isEnabled());
        dialog->setAllChecked(false);
        QVERIFY(!dialog->okButton()->isEnabled());
        desk003->setCheckState(0, Qt::Checked);
        QVERIFY(dialog->okButton()->isEnabled());
        QCOMPARE(dialog->plan().value(hostId()), QList<QUuid> {vmId(QStringLiteral("desk-003"))});

        QSet<QString> before;
        for (const console::ScanJob &j : fleet()->scanJobs()->jobs(hostId()))
            before.insert(j.id);
        dialog->okButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            page.resultLabel()->text().contains(QStringLiteral("1 scan(s) queued")), 15000);
        // The answer says "queued" before the job list has caught up with
        // the appliance (its refresh follows the answer).
        const auto scanned = [&] {
            QList<QUuid> vms;
            for (const console::ScanJob &j : fleet()->scanJobs()->jobs(hostId())) {
                if (!before.contains(j.id))
                    vms.append(j.vm);
            }
            return vms;
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            scanned(), QList<QUuid> {vmId(QStringLiteral("desk-003"))}, 15000);
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
