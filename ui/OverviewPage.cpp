// SPDX-License-Identifier: GPL-2.0-or-later
#include "OverviewPage.h"

#include "AlertList.h"
#include "app/fleet/ApplianceConnection.h"
#include "app/fleet/Fleet.h"
#include "app/fleet/FleetUpdater.h"
#include "app/metrics/MetricsFeed.h"
#include "app/models/FleetModel.h"
#include "app/models/IncidentModel.h"
#include "app/models/ScanJobModel.h"
#include "app/models/StatusText.h"
#include "protocol/ProtectionStatus.h"
#include "widgets/MetricChart.h"
#include "widgets/StatusIcon.h"

#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
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

const ProtectionStatus kStatuses[] = {ProtectionStatus::Protected, ProtectionStatus::Scanning,
    ProtectionStatus::AtRisk, ProtectionStatus::Infected, ProtectionStatus::Unprotected,
    ProtectionStatus::Unknown};
const console::Severity kSeverities[] = {console::Severity::Critical, console::Severity::High,
    console::Severity::Medium, console::Severity::Low};
// Often enough to follow, seldom enough to cost nothing while 200
// appliances report.
constexpr int kRefreshMs = 250;

QString severityKey(console::Severity s)
{
    return QStringLiteral("severity:") + console::severityName(s);
}

QString statusKey(ProtectionStatus s)
{
    return QStringLiteral("status:") + protocol::protectionStatusName(s);
}

} // namespace

OverviewPage::OverviewPage(console::Fleet *fleet, console::MetricsArchive *archive, QWidget *parent)
    : QWidget(parent), m_fleet(fleet), m_archive(archive), m_patterns(new QTableWidget(0, 3, this)),
      m_hosts(new QTableWidget(0, 5, this)), m_hostsNote(new QLabel(this))
{
    const auto group = [this](const char *name) {
        auto *box = new QGroupBox(this);
        box->setObjectName(QString::fromLatin1(name));
        m_groups.append(box);
        return box;
    };
    auto *appliances = new QFormLayout(group("overviewAppliances"));
    addRow(appliances, QStringLiteral("online"));
    addRow(appliances, QStringLiteral("offline"));
    auto *statuses = new QFormLayout(group("overviewProtection"));
    for (ProtectionStatus s : kStatuses) {
        const QString key = statusKey(s);
        addRow(statuses, key, widgets::StatusIcon::icon(s));
    }
    auto *incidents = new QFormLayout(group("overviewIncidents"));
    for (console::Severity s : kSeverities)
        addRow(incidents, severityKey(s));
    addRow(incidents, QStringLiteral("countsOnly"));
    auto *scans = new QFormLayout(group("overviewScans"));
    addRow(scans, QStringLiteral("queued"));
    addRow(scans, QStringLiteral("running"));
    auto *patterns = new QVBoxLayout(group("overviewPatterns"));
    patterns->addWidget(m_patterns);
    auto *hosts = new QVBoxLayout(group("overviewHosts"));
    hosts->addWidget(m_hosts);
    hosts->addWidget(m_hostsNote);
    auto *fleetNow = new QFormLayout(group("overviewFleetBaseline"));
    for (protocol::Metric m : protocol::kAllMetrics)
        addRow(fleetNow, QStringLiteral("fleet:") + protocol::metricKey(m));
    auto *alerts = new QVBoxLayout(group("overviewAlerts"));
    m_alerts = new AlertList(fleet->alerts(), this);
    m_alerts->view()->setMinimumHeight(100);
    alerts->addWidget(m_alerts);

    for (QTableWidget *table : {m_patterns, m_hosts}) {
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        table->horizontalHeader()->setStretchLastSection(true);
        table->setMinimumHeight(120);
    }
    m_patterns->setObjectName(QStringLiteral("overviewPatternTable"));
    m_hosts->setObjectName(QStringLiteral("overviewHostTable"));
    m_hostsNote->setWordWrap(true);

    // A dashboard taller than a small screen (1366x768, or 200 % scaling)
    // scrolls instead of squeezing its tables.
    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->addWidget(m_groups[0], 0, 0);
    grid->addWidget(m_groups[1], 0, 1);
    grid->addWidget(m_groups[2], 0, 2);
    grid->addWidget(m_groups[3], 1, 0);
    grid->addWidget(m_groups[6], 1, 1, 1, 2);
    grid->addWidget(m_groups[4], 2, 0, 1, 3);
    grid->addWidget(m_groups[5], 3, 0, 1, 3);
    grid->addWidget(m_groups[7], 4, 0, 1, 3);
    grid->setRowStretch(2, 1);
    grid->setRowStretch(3, 1);
    grid->setRowStretch(4, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

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

QLabel *OverviewPage::addRow(QFormLayout *form, const QString &key, const QIcon &icon)
{
    auto *label = new QLabel(this);
    auto *value = new QLabel(this);
    value->setObjectName(QStringLiteral("overview:") + key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (icon.isNull()) {
        form->addRow(label, value);
    } else {
        // The status word with its icon (a shape per status, never colour alone).
        auto *both = new QWidget(this);
        auto *row = new QHBoxLayout(both);
        row->setContentsMargins(0, 0, 0, 0);
        auto *iconLabel = new QLabel(both);
        const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
        iconLabel->setPixmap(icon.pixmap(size, size));
        row->addWidget(iconLabel);
        row->addWidget(label, 1);
        form->addRow(both, value);
    }
    m_rows.insert(key, {label, value});
    return value;
}

QString OverviewPage::figure(const QString &key) const
{
    const auto it = m_rows.constFind(key);
    return it == m_rows.cend() ? QString() : it->value->text();
}

void OverviewPage::refresh()
{
    syncFeeds();
    refreshCounts();
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
            connect(
                feed, &console::MetricsFeed::samplesReceived, this, &OverviewPage::refreshBaseline);
            connect(
                feed, &console::MetricsFeed::baselineChanged, this, &OverviewPage::refreshBaseline);
        }
        if (isVisible() && !feed->isRunning())
            feed->start();
        keep.insert(c->id(), feed);
    }
    qDeleteAll(m_feeds);
    m_feeds = keep;
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
    for (ProtectionStatus s : kStatuses)
        m_rows[statusKey(s)].value->setText(locale.toString(byStatus[size_t(s)]));
    for (console::Severity s : kSeverities)
        m_rows[severityKey(s)].value->setText(locale.toString(bySeverity[size_t(s)]));
    const Row &only = m_rows[QStringLiteral("countsOnly")];
    only.value->setText(locale.toString(countsOnly));
    only.label->setVisible(countsOnly > 0);
    only.value->setVisible(countsOnly > 0);
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
        QString name;
        std::array<std::optional<double>, 4> percent;
    };
    QList<HostRow> rows;
    std::array<double, 4> sumNow {}, sumBase {};
    std::array<int, 4> counted {};
    for (auto it = m_feeds.cbegin(); it != m_feeds.cend(); ++it) {
        const console::MetricsFeed *feed = it.value();
        const auto latest = feed->latest(protocol::hostScope());
        if (!latest || !feed->connection())
            continue;
        HostRow row {feed->connection()->displayName(), {}};
        for (int i = 0; i < 4; ++i) {
            const auto base = feed->baseline().value(protocol::hostScope(), protocol::Metric(i));
            row.percent[i] = MetricChart::percentOf(
                MetricChart::Metric(i), latest->value(protocol::Metric(i)), base);
            if (base) {
                sumNow[i] += latest->value(protocol::Metric(i));
                sumBase[i] += *base;
                ++counted[i];
            }
        }
        rows.append(row);
    }
    std::sort(rows.begin(), rows.end(), [](const HostRow &a, const HostRow &b) {
        return a.percent[0].value_or(-1) > b.percent[0].value_or(-1);
    });
    rows = rows.mid(0, kTopHosts);
    m_hosts->setRowCount(int(rows.size()));
    const auto text = [](std::optional<double> percent) {
        return percent ? MetricChart::formatPercent(*percent) : tr("no baseline yet");
    };
    for (int r = 0; r < rows.size(); ++r) {
        m_hosts->setItem(r, 0, new QTableWidgetItem(rows[r].name));
        for (int i = 0; i < 4; ++i)
            m_hosts->setItem(r, i + 1, new QTableWidgetItem(text(rows[r].percent[i])));
    }
    m_hostsNote->setVisible(rows.isEmpty());
    for (int i = 0; i < 4; ++i) {
        const auto percent = counted[i] > 0
            ? MetricChart::percentOf(MetricChart::Metric(i), sumNow[i], sumBase[i])
            : std::nullopt;
        QString value = text(percent);
        if (counted[i] > 0)
            value += QLatin1Char(' ')
                + tr("(%1 now, baseline %2)")
                      .arg(MetricChart::formatValue(MetricChart::Metric(i), sumNow[i]),
                          MetricChart::formatValue(MetricChart::Metric(i), sumBase[i]));
        m_rows[QStringLiteral("fleet:") + protocol::metricKey(protocol::Metric(i))].value->setText(
            value);
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
    const QStringList titles {tr("Appliances"), tr("Protection status of VMs"),
        tr("Open incidents"), tr("Scans"), tr("Pattern files"),
        tr("Hosts furthest above baseline (by CPU)"), tr("Fleet now vs baseline"),
        tr("Recent alerts")};
    for (int i = 0; i < m_groups.size(); ++i)
        m_groups[i]->setTitle(titles[i]);
    m_rows[QStringLiteral("online")].label->setText(tr("Online:"));
    m_rows[QStringLiteral("offline")].label->setText(tr("Offline or not signed in:"));
    for (ProtectionStatus s : kStatuses)
        m_rows[statusKey(s)].label->setText(StatusText::protection(s) + QLatin1Char(':'));
    for (console::Severity s : kSeverities)
        m_rows[severityKey(s)].label->setText(StatusText::severity(s) + QLatin1Char(':'));
    m_rows[QStringLiteral("countsOnly")].label->setText(
        tr("Open (severity not shown to your role):"));
    m_rows[QStringLiteral("queued")].label->setText(tr("In the scan queue:"));
    m_rows[QStringLiteral("running")].label->setText(tr("Running:"));
    m_rows[QStringLiteral("fleet:cpu")].label->setText(tr("CPU usage:"));
    m_rows[QStringLiteral("fleet:mem")].label->setText(tr("Memory usage:"));
    m_rows[QStringLiteral("fleet:read")].label->setText(tr("Disk read:"));
    m_rows[QStringLiteral("fleet:write")].label->setText(tr("Disk write:"));
    m_patterns->setHorizontalHeaderLabels(
        {tr("Appliance"), tr("Active pattern file"), tr("State")});
    m_hosts->setHorizontalHeaderLabels(
        {tr("Host"), tr("CPU usage (% of baseline)"), tr("Memory usage (% of baseline)"),
            tr("Disk read (% of baseline)"), tr("Disk write (% of baseline)")});
    m_hostsNote->setText(tr("No host has reported metrics yet."));
    refresh();
}

} // namespace mamori::ui
