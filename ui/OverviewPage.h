// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "BaselineTable.h"
#include "IncidentsPage.h"
#include "MainWindow.h"
#include "app/records/MetricSeries.h"
#include "protocol/ProtectionStatus.h"

#include <QHash>
#include <QTimer>
#include <QUuid>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
class MetricsArchive;
class MetricsFeed;
} // namespace mamori::console

namespace mamori::widgets {
class StatusChart;
class TrendChart;
} // namespace mamori::widgets

namespace mamori::ui {

class AlertList;

// The first page, a dashboard: alerts on top; VMs by protection status as
// a chart; open incidents by severity; appliances and scans; detections
// over the last 24 hours or 7 days; the top threats and the VMs with most
// incidents; every host's metrics as sparklines against its baseline; the
// pattern files. Every count, segment and row leads to the list it counts
// (the signals below; Pages takes them there).
class OverviewPage : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kHostFeedIntervalMs = 5000;
    static constexpr int kTopHosts = 5;
    static constexpr int kTopRows = 5;
    enum class Trend { Day, Week };

    OverviewPage(
        console::Fleet *fleet, console::MetricsArchive *archive, QWidget *parent = nullptr);
    ~OverviewPage() override;

    // Recomputes every figure from the models (coalesced: at most a few
    // times a second while changes stream in).
    void refresh();
    // The value shown for a figure, by key ("online", "severity:high",
    // "queued", "fleet:cpu", …; tests).
    QString figure(const QString &key) const;
    // The clickable count of a figure (tests, keyboard).
    QPushButton *figureButton(const QString &key) const;
    QTableWidget *patternTable() const { return m_patterns; }
    BaselineTable *hostTable() const { return m_hosts; }
    QTableWidget *threatTable() const { return m_threats; }
    QTableWidget *vmTable() const { return m_vms; }
    widgets::StatusChart *statusChart() const { return m_statusChart; }
    widgets::TrendChart *trendChart() const { return m_trend; }
    void setTrend(Trend trend);
    console::MetricsFeed *feed(int applianceId) const { return m_feeds.value(applianceId); }
    AlertList *alerts() const { return m_alerts; }
    // GET /api/v1/baseline of each appliance, as last received.
    QHash<int, console::Baseline> baselines() const;

Q_SIGNALS:
    // The VMs of one status (a segment of the chart).
    void statusActivated(protocol::ProtectionStatus status);
    // The incidents a count or row stands for.
    void incidentsRequested(const mamori::ui::IncidentsPage::Filter &filter);
    // One VM's page (an alert about a VM).
    void vmRequested(int hostId, const QUuid &vm);
    // One host's performance (a row of the baseline table).
    void hostRequested(int hostId);
    // A whole page (appliances, scans, pattern files).
    void pageRequested(mamori::ui::MainWindow::Page page);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Row
    {
        QLabel *label;
        QPushButton *value;
    };
    QPushButton *addRow(QFormLayout *form, const QString &key);
    void retranslate();
    void syncFeeds();
    void refreshCounts();
    void refreshIncidents();
    void refreshPatterns();
    void refreshBaseline();

    console::Fleet *m_fleet;
    console::MetricsArchive *m_archive;
    QHash<int, console::MetricsFeed *> m_feeds;
    QHash<int, MetricHistory> m_history;
    AlertList *m_alerts = nullptr;
    QHash<QString, Row> m_rows;
    QList<QGroupBox *> m_groups;
    widgets::StatusChart *m_statusChart;
    widgets::TrendChart *m_trend;
    QComboBox *m_trendSpan;
    QPushButton *m_trendTotal;
    QTableWidget *m_threats;
    QTableWidget *m_vms;
    QTableWidget *m_patterns;
    BaselineTable *m_hosts;
    QLabel *m_hostsNote;
    QLabel *m_fleetLabels[protocol::kMetricCount];
    QLabel *m_fleetValues[protocol::kMetricCount];
    Trend m_trendKind = Trend::Day;
    QTimer m_refreshTimer;
};

} // namespace mamori::ui
