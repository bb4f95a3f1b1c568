// SPDX-License-Identifier: GPL-2.0-or-later
#include "Pages.h"

#include "AuditPage.h"
#include "FleetPage.h"
#include "FleetSelection.h"
#include "IncidentMenu.h"
#include "IncidentsPage.h"
#include "MainWindow.h"
#include "OverviewPage.h"
#include "PatternsPage.h"
#include "PerformancePage.h"
#include "ScansPage.h"
#include "VmPage.h"
#include "app/fleet/Fleet.h"
#include "app/metrics/MetricsArchive.h"
#include "app/models/FleetModel.h"
#include "app/store/ConsoleStore.h"
#include "widgets/StatusIcon.h"

#include <QFileInfo>
#include <QPointer>
#include <QPushButton>

namespace mamori::ui {

struct Pages::Archive
{
    console::MetricsArchive archive;
};

Pages::Pages(MainWindow *window, console::Fleet *fleet)
    : QObject(window), m_archive(std::make_unique<Archive>()), m_window(window), m_fleet(fleet),
      m_selection(new FleetSelection(this))
{
    // app/ paints nothing: the fleet's status icons are drawn here.
    fleet->model()->setStatusIcons(widgets::StatusIcon::all());

    console::MetricsArchive &archive = m_archive->archive;
    const QString dbPath = fleet->store() ? fleet->store()->databasePath() : QString();
    if (!dbPath.isEmpty()) {
        // Console settings "metrics_retention_hours" (default 24) and
        // "metrics_max_samples" bound the history.
        const double hours =
            fleet->store()->setting(QStringLiteral("metrics_retention_hours"), 24).toDouble();
        if (hours > 0)
            archive.setRetentionMs(qint64(hours * 3600 * 1000));
        const qint64 rows = fleet->store()
                                ->setting(QStringLiteral("metrics_max_samples"),
                                    console::MetricsArchive::kDefaultMaxSamples)
                                .toLongLong();
        if (rows > 0)
            archive.setMaxSamples(rows);
        QString error;
        if (!archive.open(QFileInfo(dbPath).absolutePath(), &error))
            qWarning("metrics history unavailable: %s", qPrintable(error));
    }

    // The pages live in the window's page stack, made before this object,
    // so they are deleted before the archive they use.
    m_overview = new OverviewPage(fleet, &archive);
    m_fleetPage = new FleetPage(fleet, m_selection);
    m_performance = new PerformancePage(fleet, &archive);
    m_performance->followSelection(m_selection);
    m_scans = new ScansPage(fleet, m_selection);
    m_patterns = new PatternsPage(fleet);
    QPointer<Pages> self(this);
    m_incidents = new IncidentsPage(
        fleet, [self] { return self ? self->reportResources() : ReportResources(); });
    m_audit = new AuditPage(fleet);

    using Page = MainWindow::Page;
    window->addPage(m_overview, Page::Overview); // what an admin sees first
    window->addPage(m_fleetPage, Page::Fleet);
    window->addPage(m_performance, Page::Performance);
    window->addPage(m_scans, Page::Scans);
    window->addPage(m_patterns, Page::Patterns);
    window->addPage(m_incidents, Page::Incidents);
    window->addPage(m_audit, Page::Audit);
    window->setFleetSelection(m_selection);
    connectDrillDowns();
    window->showPage(Page::Overview);

    // The toolbar's actions press the page's own button, so that each
    // keeps one place where it checks the role and the selection.
    const auto press = [window](Page page, QWidget *widget, const char *button) {
        window->showPage(page);
        auto *b = widget->findChild<QPushButton *>(QLatin1String(button));
        if (b && b->isEnabled())
            b->click();
    };
    connect(window, &MainWindow::startScanRequested, this,
        [press, this] { press(Page::Scans, m_scans, "startScanButton"); });
    connect(window, &MainWindow::updatePatternRequested, this,
        [press, this] { press(Page::Patterns, m_patterns, "updateAllButton"); });
    connect(window, &MainWindow::reportRequested, this,
        [press, this] { press(Page::Incidents, m_incidents, "reportButton"); });
    connect(window, &MainWindow::refreshRequested, this, [this](QWidget *page) {
        // The other pages show the models, which the appliances' answers
        // renew; the audit page fetches what it shows itself.
        if (page == m_audit)
            m_audit->refresh();
    });
}

Pages::~Pages() = default;

// Every count, row and segment to the list it counts; every VM to its page.
void Pages::connectDrillDowns()
{
    using Page = MainWindow::Page;
    MainWindow *window = m_window;
    connect(m_overview, &OverviewPage::statusActivated, this,
        [this, window](protocol::ProtectionStatus status) {
            m_fleetPage->showStatus(status);
            window->showPage(Page::Fleet);
        });
    connect(m_overview, &OverviewPage::incidentsRequested, this, &Pages::showIncidents);
    connect(m_overview, &OverviewPage::pageRequested, window, &MainWindow::showPage);
    connect(m_overview, &OverviewPage::hostRequested, this,
        [this](int hostId) { showPerformance(hostId, protocol::hostScope()); });
    const auto openVm = [this](int hostId, const QUuid &vm) { this->openVm(hostId, vm); };
    connect(m_overview, &OverviewPage::vmRequested, this, openVm);
    connect(m_fleetPage, &FleetPage::vmRequested, this, openVm);
    QPointer<Pages> self(this);
    installIncidentMenu(m_incidents, [self](int hostId, const QUuid &vm) {
        if (self)
            self->openVm(hostId, vm);
    });
}

void Pages::showIncidents(const IncidentsPage::Filter &filter)
{
    m_incidents->showFilter(filter);
    m_window->showPage(MainWindow::Page::Incidents);
    m_window->raise();
    m_window->activateWindow();
}

void Pages::showPerformance(int hostId, const QString &scope)
{
    m_performance->selectAppliance(hostId);
    m_performance->selectScope(scope);
    m_window->showPage(MainWindow::Page::Performance);
    m_window->raise();
    m_window->activateWindow();
}

VmPage *Pages::openVm(int hostId, const QUuid &vm)
{
    VmPage *page = m_vmPages.value(vm);
    // A closed window is only waiting for its deletion: a new one is made.
    if (!page || !page->isVisible() || page->hostId() != hostId) {
        if (page)
            page->close();
        if (!m_fleet->connection(hostId))
            return nullptr;
        page = new VmPage(m_fleet, metricsArchive(), hostId, vm, m_window);
        page->setAttribute(Qt::WA_DeleteOnClose);
        m_vmPages.insert(vm, page);
        connect(page, &VmPage::incidentsRequested, this, &Pages::showIncidents);
        connect(page, &VmPage::performanceRequested, this, &Pages::showPerformance);
    }
    page->show();
    page->raise();
    page->activateWindow();
    return page;
}

console::MetricsArchive *Pages::metricsArchive() const
{
    return &m_archive->archive;
}

ReportResources Pages::reportResources() const
{
    ReportResources resources;
    resources.archive = metricsArchive();
    resources.baselines = m_overview->baselines();
    return resources;
}

Pages *addPages(MainWindow *window, console::Fleet *fleet)
{
    return new Pages(window, fleet);
}

} // namespace mamori::ui
