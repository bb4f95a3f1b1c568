// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "IncidentsPage.h"
#include "ReportWriter.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUuid>

#include <memory>

namespace mamori::console {
class Fleet;
class MetricsArchive;
} // namespace mamori::console

namespace mamori::ui {

class AuditPage;
class FleetPage;
class FleetSelection;
class IncidentsPage;
class MainWindow;
class OverviewPage;
class PatternsPage;
class PerformancePage;
class ScansPage;
class VmPage;

// Every page of the console, made with what each needs and added to the
// window in navigation order: the one place that knows them all. Pages get
// what they share (the fleet selection, the metrics archive, the report's
// resources) from here, never from the window or from each other.
class Pages : public QObject
{
    Q_OBJECT

public:
    Pages(MainWindow *window, console::Fleet *fleet);
    ~Pages() override;

    FleetSelection *selection() const { return m_selection; }
    // <dataDir>/metrics.sqlite beside the console's database: the history
    // the Overview and Performance pages and the report share.
    console::MetricsArchive *metricsArchive() const;
    // The metrics history and the baselines the Overview keeps.
    ReportResources reportResources() const;

    OverviewPage *overview() const { return m_overview; }
    FleetPage *fleet() const { return m_fleetPage; }
    PerformancePage *performance() const { return m_performance; }
    ScansPage *scans() const { return m_scans; }
    PatternsPage *patterns() const { return m_patterns; }
    IncidentsPage *incidents() const { return m_incidents; }
    AuditPage *audit() const { return m_audit; }

    // The window of one VM (double-click on the Hosts and VMs page, an
    // incident's or an alert's "open VM"): raised when already open.
    VmPage *openVm(int hostId, const QUuid &vm);

private:
    struct Archive;

    void connectDrillDowns();
    // The Incidents page with a drill-down, in front.
    void showIncidents(const IncidentsPage::Filter &filter);
    void showPerformance(int hostId, const QString &scope);

    std::unique_ptr<Archive> m_archive;
    MainWindow *m_window;
    console::Fleet *m_fleet;
    QHash<QUuid, QPointer<VmPage>> m_vmPages;
    FleetSelection *m_selection;
    OverviewPage *m_overview;
    FleetPage *m_fleetPage;
    PerformancePage *m_performance;
    ScansPage *m_scans;
    PatternsPage *m_patterns;
    IncidentsPage *m_incidents;
    AuditPage *m_audit;
};

// The pages of `window`, owned by it.
Pages *addPages(MainWindow *window, console::Fleet *fleet);

} // namespace mamori::ui
