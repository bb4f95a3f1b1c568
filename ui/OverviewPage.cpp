// SPDX-License-Identifier: GPL-2.0-or-later
#include "OverviewPage.h"

#include "AlertList.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/fleet/FleetUpdater.h"
#include "app/metrics/MetricsFeed.h"
#include "app/models/AlertModel.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/ScanJobModel.h"
#include "app/models/StatusText.h"
#include "protocol/ProtectionStatus.h"
#include "widgets/MetricChart.h"
#include "widgets/StatusChart.h"
#include "widgets/StatusIcon.h"
#include "widgets/TrendChart.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <optional>

namespace mamori::ui {

using console::ApplianceConnection;
using console::StatusText;
using protocol::ProtectionStatus;
using widgets::MetricChart;

namespace {

// Worst first: what needs the admin leads the legend.
const ProtectionStatus kStatuses[] = {ProtectionStatus::Infected, ProtectionStatus::Unprotected,
    ProtectionStatus::AtRisk, ProtectionStatus::Unknown, ProtectionStatus::Scanning,
    ProtectionStatus::Protected};
const console::Severity kSeverities[] = {console::Severity::Critical, console::Severity::High,
    console::Severity::Medium, console::Severity::Low};
// Often enough to follow, seldom enough to cost nothing while 200
// appliances report.
constexpr int kRefreshMs = 250;
constexpr int kHostIdRole = Qt::UserRole + 1;
constexpr int kVmIdRole = Qt::UserRole + 2;

QString severityKey(console::Severity s)
{
    return QStringLiteral("severity:") + console::severityName(s);
}

QTableWidget *makeTable(int columns, const char *name, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(QLatin1String(name));
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    // The name takes the width left by the counts; long names elide.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setStretchLastSection(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->setWordWrap(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setMinimumHeight(120);
    table->setCursor(Qt::PointingHandCursor);
    return table;
}

// Rows open what they count on click and on Enter.
template<typename F> void onRowActivated(QTableWidget *table, F open)
{
    QObject::connect(table, &QTableWidget::cellClicked, table, [open](int row, int) { open(row); });
    QObject::connect(table, &QTableWidget::itemActivated, table,
        [open](QTableWidgetItem *item) { open(item->row()); });
}

} // namespace

OverviewPage::OverviewPage(console::Fleet *fleet, console::MetricsArchive *archive, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_archive(archive),
      m_statusChart(new widgets::StatusChart(this)), m_trend(new widgets::TrendChart(this)),
      m_trendSpan(new QComboBox(this)), m_trendTotal(new QPushButton(this)),
      m_threats(makeTable(2, "overviewThreatTable", this)),
      m_vms(makeTable(3, "overviewVmTable", this)),
      m_patterns(makeTable(3, "overviewPatternTable", this)), m_hosts(new BaselineTable(this)),
      m_hostsNote(new QLabel(this))
{
    const auto group = [this](const char *name) {
        auto *box = new QGroupBox(this);
        box->setObjectName(QString::fromLatin1(name));
        m_groups.append(box);
        return box;
    };
    // In the order of retranslate()'s titles.
    auto *alerts = new QVBoxLayout(group("overviewAlerts"));
    m_alerts = new AlertList(fleet->alerts(), this);
    // Above the fold: a few lines, the list scrolls.
    m_alerts->view()->setMinimumHeight(fontMetrics().height() * 5);
    m_alerts->setMaximumHeight(fontMetrics().height() * 9);
    alerts->addWidget(m_alerts);
    auto *protection = new QVBoxLayout(group("overviewProtection"));
    m_statusChart->setObjectName(QStringLiteral("overviewStatusChart"));
    protection->addWidget(m_statusChart);
    auto *incidents = new QFormLayout(group("overviewIncidents"));
    for (console::Severity s : kSeverities)
        addRow(incidents, severityKey(s));
    addRow(incidents, QStringLiteral("countsOnly"));
    auto *appliances = new QFormLayout(group("overviewAppliances"));
    addRow(appliances, QStringLiteral("online"));
    addRow(appliances, QStringLiteral("offline"));
    addRow(appliances, QStringLiteral("queued"));
    addRow(appliances, QStringLiteral("running"));
    auto *trend = new QVBoxLayout(group("overviewTrend"));
    auto *trendBar = new QHBoxLayout;
    m_trendSpan->setObjectName(QStringLiteral("overviewTrendSpan"));
    m_trendTotal->setObjectName(QStringLiteral("overviewTrendTotal"));
    m_trendTotal->setFlat(true);
    m_trendTotal->setCursor(Qt::PointingHandCursor);
    m_trend->setObjectName(QStringLiteral("overviewTrendChart"));
    trendBar->addWidget(m_trendTotal);
    trendBar->addStretch();
    trendBar->addWidget(m_trendSpan);
    trend->addLayout(trendBar);
    trend->addWidget(m_trend, 1);
    auto *threats = new QVBoxLayout(group("overviewThreats"));
    threats->addWidget(m_threats);
    auto *vms = new QVBoxLayout(group("overviewVms"));
    vms->addWidget(m_vms);
    auto *hosts = new QVBoxLayout(group("overviewHosts"));
    auto *fleetNow = new QFormLayout;
    for (int i = 0; i < protocol::kMetricCount; ++i) {
        m_fleetLabels[i] = new QLabel(this);
        m_fleetValues[i] = new QLabel(this);
        m_fleetValues[i]->setObjectName(
            QStringLiteral("overview:fleet:") + protocol::metricKey(protocol::Metric(i)));
        fleetNow->addRow(m_fleetLabels[i], m_fleetValues[i]);
    }
    m_hosts->setObjectName(QStringLiteral("overviewHostTable"));
    m_hosts->setMinimumHeight(150);
    m_hosts->setCursor(Qt::PointingHandCursor);
    m_hostsNote->setWordWrap(true);
    hosts->addLayout(fleetNow);
    hosts->addWidget(m_hosts);
    hosts->addWidget(m_hostsNote);
    auto *patterns = new QVBoxLayout(group("overviewPatterns"));
    patterns->addWidget(m_patterns);

    // A dashboard taller than a small screen (1366x768, or 200 % scaling)
    // scrolls instead of squeezing its tables.
    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->addWidget(m_groups[0], 0, 0, 1, 3); // alerts, above the fold
    grid->addWidget(m_groups[1], 1, 0); // protection status
    grid->addWidget(m_groups[2], 1, 1); // incidents
    grid->addWidget(m_groups[3], 1, 2); // appliances and scans
    grid->addWidget(m_groups[4], 2, 0); // detections over time
    grid->addWidget(m_groups[5], 2, 1); // top threats
    grid->addWidget(m_groups[6], 2, 2); // most affected VMs
    grid->addWidget(m_groups[7], 3, 0, 1, 3); // hosts against baseline
    grid->addWidget(m_groups[8], 4, 0, 1, 3); // pattern files
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(2, 2);
    grid->setRowStretch(2, 1);
    grid->setRowStretch(3, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    // Drill-downs: each count to the list it counts.
    connect(m_statusChart, &widgets::StatusChart::segmentActivated, this,
        &OverviewPage::statusActivated);
    for (console::Severity s : kSeverities) {
        connect(m_rows[severityKey(s)].value, &QPushButton::clicked, this, [this, s] {
            IncidentsPage::Filter f;
            f.severity = s;
            Q_EMIT incidentsRequested(f);
        });
    }
    connect(m_rows[QStringLiteral("countsOnly")].value, &QPushButton::clicked, this,
        [this] { Q_EMIT incidentsRequested({}); });
    for (const char *key : {"online", "offline"}) {
        connect(m_rows[QLatin1String(key)].value, &QPushButton::clicked, this,
            [this] { Q_EMIT pageRequested(MainWindow::Page::Fleet); });
    }
    for (const char *key : {"queued", "running"}) {
        connect(m_rows[QLatin1String(key)].value, &QPushButton::clicked, this,
            [this] { Q_EMIT pageRequested(MainWindow::Page::Scans); });
    }
    connect(m_trendTotal, &QPushButton::clicked, this, [this] {
        IncidentsPage::Filter f;
        f.allStates = true;
        Q_EMIT incidentsRequested(f);
    });
    // A bar: the incidents first detected in its hour (day), in any state,
    // as the trend counts them.
    connect(m_trend, &widgets::TrendChart::bucketActivated, this,
        [this](const QDateTime &from, const QDateTime &to) {
            IncidentsPage::Filter f;
            f.allStates = true;
            f.from = from;
            f.to = to;
            Q_EMIT incidentsRequested(f);
        });
    connect(m_trendSpan, &QComboBox::currentIndexChanged, this,
        [this](int index) { setTrend(index == 1 ? Trend::Week : Trend::Day); });
    onRowActivated(m_threats, [this](int row) {
        IncidentsPage::Filter f;
        f.threat = m_threats->item(row, 0)->text();
        f.label = f.threat;
        Q_EMIT incidentsRequested(f);
    });
    onRowActivated(m_vms, [this](int row) {
        IncidentsPage::Filter f;
        f.vm = m_vms->item(row, 0)->data(kVmIdRole).toUuid();
        f.label = m_vms->item(row, 0)->text();
        Q_EMIT incidentsRequested(f);
    });
    onRowActivated(m_hosts, [this](int row) {
        Q_EMIT hostRequested(m_hosts->item(row, 0)->data(kHostIdRole).toInt());
    });
    onRowActivated(m_patterns, [this](int) { Q_EMIT pageRequested(MainWindow::Page::Patterns); });
    connect(m_alerts->view(), &QAbstractItemView::doubleClicked, this,
        [this](const QModelIndex &index) {
            const console::Alert *a = m_fleet->alerts()->alert(index.row());
            if (a && !a->vm.isNull())
                Q_EMIT vmRequested(index.data(console::AlertModel::ApplianceIdRole).toInt(), a->vm);
        });

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &OverviewPage::refresh);
    const auto later = [this] {
        if (!m_refreshTimer.isActive())
            m_refreshTimer.start();
    };
    connect(fleet, &console::Fleet::applianceChanged, this, later);
    connect(fleet, &console::Fleet::connectionStateChanged, this, later);
    connect(fleet, &console::Fleet::connectionAdded, this, later);
    connect(fleet, &console::Fleet::connectionRemoved, this, later);
    connect(fleet->updater(), &console::FleetUpdater::flushed, this, later);
    retranslate();
}

OverviewPage::~OverviewPage() = default;

QPushButton *OverviewPage::addRow(QFormLayout *form, const QString &key)
{
    auto *label = new QLabel(this);
    auto *value = new QPushButton(this);
    value->setObjectName(QStringLiteral("overview:") + key);
    // A count that looks like one and opens its list (mouse or keyboard).
    value->setFlat(true);
    value->setCursor(Qt::PointingHandCursor);
    value->setStyleSheet(QStringLiteral("text-align: left; font-weight: bold; padding: 1px 6px;"));
    label->setBuddy(value);
    form->addRow(label, value);
    m_rows.insert(key, {label, value});
    return value;
}

QString OverviewPage::figure(const QString &key) const
{
    if (key.startsWith(QLatin1String("fleet:"))) {
        for (int i = 0; i < protocol::kMetricCount; ++i) {
            if (key.mid(6) == protocol::metricKey(protocol::Metric(i)))
                return m_fleetValues[i]->text();
        }
    }
    const auto it = m_rows.constFind(key);
    return it == m_rows.cend() ? QString() : it->value->text();
}

QPushButton *OverviewPage::figureButton(const QString &key) const
{
    return m_rows.value(key).value;
}

void OverviewPage::refresh()
{
    syncFeeds();
    refreshCounts();
    refreshIncidents();
    refreshPatterns();
    refreshBaseline();
}

void OverviewPage::syncFeeds()
{
    QHash<int, console::MetricsFeed *> keep;
    for (ApplianceConnection *c : m_fleet->connections()) {
        console::MetricsFeed *feed = m_feeds.take(c->id());
        if (!feed) {
            feed = new console::MetricsFeed(c, m_archive, this);
            feed->setIntervalMs(kHostFeedIntervalMs);
            feed->setScopes({protocol::hostScope()});
            connect(feed, &console::MetricsFeed::samplesReceived, this,
                [this, id = c->id()](
                    const QString &scope, const QList<console::MetricPoint> &points) {
                    if (scope == protocol::hostScope())
                        m_history[id].add(points);
                    refreshBaseline();
                });
            connect(
                feed, &console::MetricsFeed::baselineChanged, this, &OverviewPage::refreshBaseline);
        }
        if (isVisible() && !feed->isRunning())
            feed->start();
        keep.insert(c->id(), feed);
    }
    qDeleteAll(m_feeds);
    m_feeds = keep;
    for (auto it = m_history.begin(); it != m_history.end();)
        it = m_feeds.contains(it.key()) ? std::next(it) : m_history.erase(it);
}

void OverviewPage::refreshCounts()
{
    int online = 0, offline = 0, countsOnly = 0;
    const console::FleetModel *fleet = m_fleet->model();
    for (ApplianceConnection *c : m_fleet->connections()) {
        ++(c->isOnline() ? online : offline);
        // The virtualization side sees detections only as counts.
        if (c->role() == protocol::Role::VirtualizationAdmin)
            countsOnly +=
                fleet->hostIndex(c->id(), console::FleetModel::IncidentsColumn).data().toInt();
    }
    const auto byStatus = fleet->vmsByStatus();
    const auto bySeverity = m_fleet->incidents()->openBySeverity();
    const QLocale locale;
    m_rows[QStringLiteral("online")].value->setText(locale.toString(online));
    m_rows[QStringLiteral("offline")].value->setText(locale.toString(offline));
    m_rows[QStringLiteral("queued")].value->setText(
        locale.toString(m_fleet->scanJobs()->waitingCount()));
    m_rows[QStringLiteral("running")].value->setText(
        locale.toString(m_fleet->scanJobs()->runningCount()));
    QList<widgets::StatusChart::Segment> segments;
    for (ProtectionStatus s : kStatuses)
        segments.append({s, StatusText::protection(s), byStatus[size_t(s)]});
    m_statusChart->setSegments(segments);
    for (console::Severity s : kSeverities)
        m_rows[severityKey(s)].value->setText(locale.toString(bySeverity[size_t(s)]));
    const Row &only = m_rows[QStringLiteral("countsOnly")];
    only.value->setText(locale.toString(countsOnly));
    only.label->setVisible(countsOnly > 0);
    only.value->setVisible(countsOnly > 0);
}

void OverviewPage::setTrend(Trend trend)
{
    m_trendKind = trend;
    if (m_trendSpan->currentIndex() != int(trend))
        m_trendSpan->setCurrentIndex(int(trend));
    refreshIncidents();
}

// Detections over time, top threats and most affected VMs, from the
// incidents the console has.
void OverviewPage::refreshIncidents()
{
    const bool week = m_trendKind == Trend::Week;
    const QDateTime now = QDateTime::currentDateTime();
    // Whole hours (days) in local time, the last one the current.
    QDateTime first = week ? QDateTime(now.date().addDays(-6), QTime(0, 0))
                           : QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(-23 * 3600);
    const int count = week ? 7 : 24;
    QList<widgets::TrendChart::Bucket> buckets;
    for (int i = 0; i < count; ++i)
        buckets.append({week ? first.addDays(i) : first.addSecs(i * 3600), 0});
    struct Tally
    {
        int count = 0;
        QString name;
        int hostId = 0;
    };
    QHash<QString, Tally> threats;
    QHash<QUuid, Tally> vms;
    int detections = 0;
    const console::IncidentModel *model = m_fleet->incidents();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex index = model->index(r, 0);
        const console::Incident *i = model->incident(index);
        if (!i)
            continue;
        const QDateTime seen = i->firstSeen.toLocalTime();
        if (seen >= first) {
            const qint64 at = week ? first.date().daysTo(seen.date()) : first.secsTo(seen) / 3600;
            if (at >= 0 && at < count) {
                ++buckets[at].count;
                ++detections;
            }
        }
        if (!i->isOpen())
            continue;
        Tally &t = threats[i->threat];
        ++t.count;
        t.name = i->threat;
        Tally &v = vms[i->vm];
        ++v.count;
        v.name = i->vmName;
        v.hostId = index.data(console::IncidentModel::HostIdRole).toInt();
    }
    m_trend->setBuckets(buckets, week);
    m_trendTotal->setText(week ? tr("%n detection(s) in the last 7 days", nullptr, detections)
                               : tr("%n detection(s) in the last 24 hours", nullptr, detections));
    m_trendTotal->setToolTip(tr("Open the list of incidents."));

    const auto top = [](const auto &tallies) {
        QList<std::pair<typename std::decay_t<decltype(tallies)>::key_type, Tally>> rows;
        for (auto it = tallies.cbegin(); it != tallies.cend(); ++it)
            rows.append({it.key(), it.value()});
        std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
            return a.second.count != b.second.count ? a.second.count > b.second.count
                                                    : a.second.name < b.second.name;
        });
        return rows.mid(0, kTopRows);
    };
    const QLocale locale;
    const auto threatRows = top(threats);
    m_threats->setRowCount(int(threatRows.size()));
    for (int r = 0; r < threatRows.size(); ++r) {
        m_threats->setItem(r, 0, new QTableWidgetItem(threatRows[r].second.name));
        m_threats->setItem(r, 1, new QTableWidgetItem(locale.toString(threatRows[r].second.count)));
        m_threats->item(r, 0)->setToolTip(tr("Open the incidents of this threat."));
    }
    const auto vmRows = top(vms);
    m_vms->setRowCount(int(vmRows.size()));
    for (int r = 0; r < vmRows.size(); ++r) {
        auto *name = new QTableWidgetItem(vmRows[r].second.name);
        name->setData(kVmIdRole, vmRows[r].first);
        name->setData(kHostIdRole, vmRows[r].second.hostId);
        name->setToolTip(tr("Open the incidents of this VM."));
        const ApplianceConnection *c = m_fleet->connection(vmRows[r].second.hostId);
        m_vms->setItem(r, 0, name);
        m_vms->setItem(r, 1, new QTableWidgetItem(c ? c->displayName() : QString()));
        m_vms->setItem(r, 2, new QTableWidgetItem(locale.toString(vmRows[r].second.count)));
    }
}

void OverviewPage::refreshPatterns()
{
    QString newest;
    const auto connections = m_fleet->connections();
    for (ApplianceConnection *c : connections) {
        // A version the appliance holds back after a rollback is not "newer".
        const console::PatternStatus &p = c->patterns();
        const bool sourceCounts = p.source.updateAvailable.value_or(true);
        for (const QString &v : {p.activeVersion(), sourceCounts ? p.source.newest : QString()}) {
            if (console::patternVersionLess(newest, v))
                newest = v;
        }
    }
    m_patterns->setRowCount(int(connections.size()));
    for (int row = 0; row < connections.size(); ++row) {
        ApplianceConnection *c = connections[row];
        const QString active = c->patterns().activeVersion();
        QString state;
        bool warn = false;
        if (!c->hasPatterns()) {
            state = tr("Not known yet");
        } else if (active.isEmpty()) {
            state = tr("No pattern file");
            warn = true;
        } else if (console::patternVersionLess(active, newest)) {
            state = tr("Outdated: the newest is %1").arg(newest);
            warn = true;
        } else {
            state = tr("Up to date");
        }
        const QStringList cells {c->displayName(), active, state};
        for (int col = 0; col < 3; ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            if (warn) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            m_patterns->setItem(row, col, item);
        }
        if (warn)
            m_patterns->item(row, 2)->setIcon(widgets::StatusIcon::icon(ProtectionStatus::AtRisk));
    }
}

QHash<int, console::Baseline> OverviewPage::baselines() const
{
    QHash<int, console::Baseline> all;
    for (auto it = m_feeds.cbegin(); it != m_feeds.cend(); ++it)
        all.insert(it.key(), it.value()->baseline());
    return all;
}

void OverviewPage::refreshBaseline()
{
    struct HostRow
    {
        int id;
        QString name;
        BaselineTable::Values now, base;
        std::optional<double> cpuPercent;
    };
    QList<HostRow> rows;
    std::array<double, 4> sumNow {}, sumBase {};
    std::array<int, 4> counted {};
    for (auto it = m_feeds.cbegin(); it != m_feeds.cend(); ++it) {
        const console::MetricsFeed *feed = it.value();
        const auto latest = feed->latest(protocol::hostScope());
        if (!latest || !feed->connection())
            continue;
        HostRow row {it.key(), feed->connection()->displayName(), {}, {}, {}};
        for (int i = 0; i < 4; ++i) {
            const auto base = feed->baseline().value(protocol::hostScope(), protocol::Metric(i));
            row.now[i] = latest->value(protocol::Metric(i));
            row.base[i] = base;
            if (base) {
                sumNow[i] += latest->value(protocol::Metric(i));
                sumBase[i] += *base;
                ++counted[i];
            }
        }
        row.cpuPercent = MetricChart::percentOf(MetricChart::Metric::Cpu, *row.now[0], row.base[0]);
        rows.append(row);
    }
    std::sort(rows.begin(), rows.end(), [](const HostRow &a, const HostRow &b) {
        return a.cpuPercent.value_or(-1) > b.cpuPercent.value_or(-1);
    });
    rows = rows.mid(0, kTopHosts);
    m_hosts->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        m_hosts->setRow(r, rows[r].name, m_history.value(rows[r].id), rows[r].now, rows[r].base);
        m_hosts->item(r, 0)->setData(kHostIdRole, rows[r].id);
        m_hosts->item(r, 0)->setToolTip(tr("Open the performance of this host."));
    }
    m_hostsNote->setVisible(rows.isEmpty());
    for (int i = 0; i < 4; ++i) {
        const auto metric = MetricChart::Metric(i);
        const auto percent =
            counted[i] > 0 ? MetricChart::percentOf(metric, sumNow[i], sumBase[i]) : std::nullopt;
        QString value =
            percent ? MetricChart::formatPercentOfBaseline(*percent) : tr("no baseline yet");
        if (counted[i] > 0) {
            // CPU is a share of each host: the fleet's figure is the mean,
            // not the sum (two hosts at 100 % are not 200 %). Memory and
            // disk traffic add up.
            const double hosts = metric == MetricChart::Metric::Cpu ? counted[i] : 1.0;
            value += QLatin1Char(' ')
                + tr("(%1 now, baseline %2)")
                      .arg(MetricChart::formatValue(metric, sumNow[i] / hosts),
                          MetricChart::formatValue(metric, sumBase[i] / hosts));
        }
        m_fleetValues[i]->setText(value);
    }
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    for (console::MetricsFeed *feed : std::as_const(m_feeds))
        feed->start();
}

void OverviewPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    for (console::MetricsFeed *feed : std::as_const(m_feeds))
        feed->stop();
}

void OverviewPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OverviewPage::retranslate()
{
    const QStringList titles {tr("Recent alerts (double-click one about a VM to open it)"),
        tr("Protection status of VMs"), tr("Open incidents"), tr("Appliances and scans"),
        tr("Detections over time"), tr("Top threats (open incidents)"),
        tr("Most affected VMs (open incidents)"), tr("Hosts furthest above baseline (by CPU)"),
        tr("Pattern files")};
    for (int i = 0; i < m_groups.size(); ++i)
        m_groups[i]->setTitle(titles[i]);
    m_statusChart->setAccessibleName(tr("Protection status of VMs"));
    m_statusChart->setToolTip(tr("Click a status, or choose one with the arrow keys and press "
                                 "Enter, to list its VMs."));
    m_rows[QStringLiteral("online")].label->setText(tr("Appliances online:"));
    m_rows[QStringLiteral("offline")].label->setText(tr("Offline or not signed in:"));
    for (console::Severity s : kSeverities)
        m_rows[severityKey(s)].label->setText(StatusText::severity(s) + QLatin1Char(':'));
    m_rows[QStringLiteral("countsOnly")].label->setText(
        tr("Open (severity not shown to your role):"));
    m_rows[QStringLiteral("queued")].label->setText(tr("Scans waiting in the queue:"));
    m_rows[QStringLiteral("running")].label->setText(tr("Scans running:"));
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        const bool incidents = it.key().startsWith(QLatin1String("severity:"))
            || it.key() == QLatin1String("countsOnly");
        const bool scans =
            it.key() == QLatin1String("queued") || it.key() == QLatin1String("running");
        it->value->setToolTip(incidents ? tr("Open the list of these incidents.")
                : scans                 ? tr("Open the scan queue.")
                                        : tr("Open the list of hosts and VMs."));
    }
    for (int i = 0; i < protocol::kMetricCount; ++i)
        m_fleetLabels[i]->setText(
            tr("Whole fleet, %1:").arg(MetricChart::metricName(MetricChart::Metric(i))));
    {
        const QSignalBlocker block(m_trendSpan);
        m_trendSpan->clear();
        m_trendSpan->addItem(tr("Last 24 hours"));
        m_trendSpan->addItem(tr("Last 7 days"));
        m_trendSpan->setCurrentIndex(int(m_trendKind));
    }
    m_trendSpan->setAccessibleName(tr("Detections over"));
    m_trend->setAccessibleName(tr("Detections by hour or day"));
    // The group's title says what is counted: the column stays narrow.
    m_threats->setHorizontalHeaderLabels({tr("Threat"), tr("Count")});
    m_vms->setHorizontalHeaderLabels({tr("VM"), tr("Host"), tr("Count")});
    m_patterns->setHorizontalHeaderLabels(
        {tr("Appliance"), tr("Active pattern file"), tr("State")});
    m_hosts->retranslate(tr("Host"));
    m_hostsNote->setText(tr("No host has reported metrics yet."));
    refresh();
}

} // namespace mamori::ui
