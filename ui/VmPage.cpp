// SPDX-License-Identifier: GPL-2.0-or-later
#include "VmPage.h"

#include "DetailRows.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/fleet/FleetUpdater.h"
#include "app/metrics/MetricsFeed.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/ScanJobModel.h"
#include "app/models/StatusText.h"
#include "widgets/StatusIcon.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace mamori::ui {

using console::StatusText;
using Action = VmActions::Action;

namespace {

constexpr int kRefreshMs = 250;
constexpr int kFeedIntervalMs = 5000;
constexpr int kRecentScans = 20;
const Action kActions[] = {Action::ScanNow, Action::Isolate, Action::Release};

const auto row = &DetailRows::row;

} // namespace

VmPage::VmPage(console::Fleet *fleet, console::MetricsArchive *archive, int hostId, const QUuid &vm,
    QWidget *parent)
    : QWidget(parent, Qt::Window), m_fleet(fleet), m_hostId(hostId), m_vm(vm),
      m_feed(new console::MetricsFeed(fleet->connection(hostId), archive, this)),
      m_title(new QLabel(this)), m_status(new QLabel(this)), m_details(new QLabel(this)),
      m_showIncidents(new QPushButton(this)), m_showPerformance(new QPushButton(this)),
      m_result(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_filter(new console::IncidentFilterModel(this)), m_incidents(new QTableView(this)),
      m_scans(new QTreeWidget(this)), m_performance(new BaselineTable(this))
{
    setObjectName(QStringLiteral("vmPage"));
    confirm = defaultConfirm(this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextFormat(Qt::PlainText); // the guest's name
    m_status->setObjectName(QStringLiteral("vmStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_details->setObjectName(QStringLiteral("vmDetails"));
    m_details->setTextFormat(Qt::RichText); // every value escaped (row())
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_result->setObjectName(QStringLiteral("vmResult"));
    m_result->setTextFormat(Qt::PlainText);
    m_result->setWordWrap(true);

    auto *statusIcon = new QLabel(this);
    statusIcon->setObjectName(QStringLiteral("vmStatusIcon"));
    auto *head = new QHBoxLayout;
    head->addWidget(statusIcon);
    head->addWidget(m_title, 1);
    auto *buttons = new QHBoxLayout;
    const char *const names[] = {"vmScanNowButton", "vmIsolateButton", "vmReleaseButton"};
    for (Action a : kActions) {
        auto *b = new QPushButton(this);
        b->setObjectName(QLatin1String(names[int(a)]));
        b->setProperty("action", int(a));
        connect(b, &QPushButton::clicked, this, [this, a] { runAction(a); });
        buttons->addWidget(b);
        m_actions.append(b);
    }
    buttons->addStretch();
    m_showIncidents->setObjectName(QStringLiteral("vmShowIncidents"));
    m_showPerformance->setObjectName(QStringLiteral("vmShowPerformance"));
    buttons->addWidget(m_showIncidents);
    buttons->addWidget(m_showPerformance);

    m_filter->setSourceModel(fleet->incidents());
    m_filter->setSortRole(console::IncidentModel::SortRole);
    m_filter->setStateFilter(console::IncidentFilterModel::StateFilter::All);
    m_filter->setSubjectFilter(vm, {});
    m_incidents->setObjectName(QStringLiteral("vmIncidents"));
    m_incidents->setModel(m_filter);
    m_incidents->setSortingEnabled(true);
    m_incidents->sortByColumn(console::IncidentModel::TimeColumn, Qt::DescendingOrder);
    m_incidents->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_incidents->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_incidents->verticalHeader()->hide();
    m_incidents->setWordWrap(false);
    m_incidents->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_incidents->horizontalHeader()->setStretchLastSection(true);
    // Host and VM are this window's; the rest says which incident.
    m_incidents->hideColumn(console::IncidentModel::HostColumn);
    m_incidents->hideColumn(console::IncidentModel::VmColumn);
    m_scans->setObjectName(QStringLiteral("vmScans"));
    m_scans->setColumnCount(5);
    m_scans->setRootIsDecorated(false);
    m_scans->setUniformRowHeights(true);
    m_scans->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_performance->setObjectName(QStringLiteral("vmPerformance"));
    m_performance->hideColumn(0); // the VM's name is the window's
    m_tabs->setObjectName(QStringLiteral("vmTabs"));
    m_tabs->addTab(m_incidents, QString());
    m_tabs->addTab(m_scans, QString());
    m_tabs->addTab(m_performance, QString());

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(m_status);
    layout->addWidget(m_details);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    layout->addWidget(m_tabs, 1);
    resize(820, 640);

    connect(m_showIncidents, &QPushButton::clicked, this, [this] {
        IncidentsPage::Filter f;
        f.vm = m_vm;
        f.allStates = true;
        const console::Vm *v = m_fleet->model()->vm(m_vm);
        f.label = v ? v->name : QString();
        Q_EMIT incidentsRequested(f);
    });
    connect(m_incidents, &QAbstractItemView::doubleClicked, m_showIncidents, &QPushButton::click);
    connect(m_showPerformance, &QPushButton::clicked, this,
        [this] { Q_EMIT performanceRequested(m_hostId, scope()); });

    m_feed->setIntervalMs(kFeedIntervalMs);
    m_feed->setScopes({scope()});
    connect(m_feed, &console::MetricsFeed::samplesReceived, this,
        [this](const QString &s, const QList<console::MetricPoint> &points) {
            if (s == scope())
                m_history.add(points);
            refreshPerformance();
        });
    connect(m_feed, &console::MetricsFeed::baselineChanged, this, &VmPage::refreshPerformance);

    // Whatever changes about the VM, its scans or incidents, once a frame.
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &VmPage::refresh);
    const auto later = [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    };
    connect(fleet->updater(), &console::FleetUpdater::flushed, this, later);
    connect(fleet, &console::Fleet::applianceChanged, this, later);
    connect(fleet, &console::Fleet::connectionStateChanged, this, later);
    connect(fleet->scanJobs(), &QAbstractItemModel::dataChanged, this, later);
    connect(fleet->scanJobs(), &QAbstractItemModel::rowsInserted, this, later);
    connect(fleet->incidents(), &QAbstractItemModel::dataChanged, this, later);
    connect(fleet->incidents(), &QAbstractItemModel::rowsInserted, this, later);
    connect(fleet->model(), &QAbstractItemModel::dataChanged, this, later);
    retranslate();
}

VmPage::~VmPage() = default;

QString VmPage::scope() const
{
    return protocol::vmScope(m_vm.toString(QUuid::WithoutBraces));
}

QPushButton *VmPage::actionButton(Action action) const
{
    return m_actions.value(int(action));
}

void VmPage::runAction(Action action)
{
    QPointer<VmPage> self(this);
    const bool sent =
        VmActions(m_fleet, confirm).run(action, m_hostId, m_vm, [self](const QString &result) {
            if (!self)
                return;
            self->m_result->setText(result);
            self->refresh();
        });
    if (sent)
        m_result->setText(tr("Working…"));
}

void VmPage::refresh()
{
    refreshDetails();
    refreshScans();
    refreshActions();
}

void VmPage::refreshDetails()
{
    const console::Vm *vm = m_fleet->model()->vm(m_vm);
    const console::ApplianceConnection *c = m_fleet->connection(m_hostId);
    const QString host = c ? c->displayName() : QString();
    if (!vm) {
        setWindowTitle(tr("VM – Mamori"));
        m_status->setText(tr("The appliance no longer lists this VM."));
        return;
    }
    setWindowTitle(tr("%1 on %2 – Mamori").arg(vm->name, host));
    m_title->setText(vm->name);
    const QModelIndex index = m_fleet->model()->vmIndex(m_vm);
    const auto status =
        protocol::ProtectionStatus(index.data(console::FleetModel::StatusRole).toInt());
    const int icon = style()->pixelMetric(QStyle::PM_LargeIconSize);
    findChild<QLabel *>(QStringLiteral("vmStatusIcon"))
        ->setPixmap(widgets::StatusIcon::icon(status).pixmap(icon, icon));
    const QString why = StatusText::reason(vm->reason);
    m_status->setText(why.isEmpty() ? StatusText::protection(status)
                                    : tr("%1: %2").arg(StatusText::protection(status), why));
    QString html = QStringLiteral("<table cellspacing=5>");
    html += row(tr("Host"), host);
    html += row(tr("Power"), StatusText::power(vm->power));
    html += row(tr("Network"), vm->isolated ? tr("Isolated (links down)") : tr("Connected"));
    html += row(tr("Kind"), StatusText::vmKind(vm->kind));
    html += row(tr("Real-time scanning"), StatusText::realtimeMode(vm->realtime));
    const auto when = [](const QDateTime &t) {
        return t.isValid() ? StatusText::time(t) : tr("Never");
    };
    html += row(tr("Last scan"), when(vm->lastScan));
    html += row(tr("Last full scan"), when(vm->lastFullScan));
    html += DetailRows::storage(*vm);
    html += QStringLiteral("</table>");
    m_details->setText(html);
}

void VmPage::refreshScans()
{
    QList<console::ScanJob> jobs;
    for (const console::ScanJob &j : m_fleet->scanJobs()->jobs(m_hostId)) {
        if (j.vm == m_vm)
            jobs.append(j);
    }
    std::sort(jobs.begin(), jobs.end(),
        [](const console::ScanJob &a, const console::ScanJob &b) { return a.queued > b.queued; });
    jobs = jobs.mid(0, kRecentScans);
    m_scans->clear();
    for (const console::ScanJob &j : std::as_const(jobs)) {
        QString outcome;
        if (j.state == console::JobState::Failed)
            outcome = j.errorMessage;
        else if (j.hasEnded())
            outcome = j.threatsFound ? tr("Threats found") : tr("Nothing found");
        auto *item = new QTreeWidgetItem(m_scans,
            {StatusText::scanKind(j.kind), StatusText::jobState(j.state),
                StatusText::time(j.queued), StatusText::time(j.finished), outcome});
        item->setData(0, Qt::UserRole, j.id);
    }
}

void VmPage::refreshActions()
{
    const VmActions actions(m_fleet, confirm);
    for (QPushButton *b : std::as_const(m_actions)) {
        const auto a = Action(b->property("action").toInt());
        const QString why = actions.refusal(a, m_hostId, m_vm);
        b->setEnabled(why.isEmpty());
        b->setToolTip(why);
    }
}

void VmPage::refreshPerformance()
{
    const auto latest = m_feed->latest(scope());
    m_performance->setRowCount(latest ? 1 : 0);
    if (!latest)
        return;
    BaselineTable::Values now, base;
    for (int i = 0; i < protocol::kMetricCount; ++i) {
        now[size_t(i)] = latest->value(protocol::Metric(i));
        base[size_t(i)] = m_feed->baseline().value(scope(), protocol::Metric(i));
    }
    const console::Vm *vm = m_fleet->model()->vm(m_vm);
    m_performance->setRow(0, vm ? vm->name : QString(), m_history, now, base);
}

void VmPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_feed->start();
    m_feed->fetchBaseline();
}

void VmPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_feed->stop();
}

void VmPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void VmPage::retranslate()
{
    for (QPushButton *b : std::as_const(m_actions))
        b->setText(VmActions::label(Action(b->property("action").toInt())));
    m_showIncidents->setText(tr("&Open in Incidents")); // Alt+I is Isolate VM…
    m_showIncidents->setToolTip(
        tr("The Incidents page with this VM's incidents and their actions."));
    m_showPerformance->setText(tr("&Performance"));
    m_tabs->setTabText(0, tr("Incidents"));
    m_tabs->setTabText(1, tr("Recent scans"));
    m_tabs->setTabText(2, tr("Performance against baseline"));
    m_scans->setHeaderLabels({tr("Kind"), tr("State"), tr("Queued"), tr("Ended"), tr("Outcome")});
    m_performance->retranslate(tr("VM"));
    refresh();
    refreshPerformance();
}

} // namespace mamori::ui
