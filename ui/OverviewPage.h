// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/MetricSeries.h"

#include <QHash>
#include <QIcon>
#include <QTimer>
#include <QWidget>

class QFormLayout;
class QGroupBox;
class QLabel;
class QTableWidget;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
class MetricsArchive;
class MetricsFeed;
} // namespace mamori::console

namespace mamori::ui {

class AlertList;

// The first page: the fleet at a glance. Appliances online and offline, VMs
// by protection status, open incidents by severity, scans, pattern versions
// (outdated appliances called out), the hosts furthest above their baseline
// and the whole fleet now against its baseline.
class OverviewPage : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kHostFeedIntervalMs = 5000;
    static constexpr int kTopHosts = 5;

    OverviewPage(
        console::Fleet *fleet, console::MetricsArchive *archive, QWidget *parent = nullptr);
    ~OverviewPage() override;

    // Recomputes every figure from the models (coalesced: at most a few
    // times a second while changes stream in).
    void refresh();
    // The value shown for a figure, by the value label's object name (tests).
    QString figure(const QString &objectName) const;
    QTableWidget *patternTable() const { return m_patterns; }
    QTableWidget *hostTable() const { return m_hosts; }
    console::MetricsFeed *feed(int applianceId) const { return m_feeds.value(applianceId); }
    AlertList *alerts() const { return m_alerts; }
    // GET /api/v1/baseline of each appliance, as last received.
    QHash<int, console::Baseline> baselines() const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Row
    {
        QLabel *label;
        QLabel *value;
    };
    QLabel *addRow(QFormLayout *form, const QString &key, const QIcon &icon = {});
    void retranslate();
    void syncFeeds();
    void refreshCounts();
    void refreshPatterns();
    void refreshBaseline();

    console::Fleet *m_fleet;
    console::MetricsArchive *m_archive;
    QHash<int, console::MetricsFeed *> m_feeds;
    AlertList *m_alerts = nullptr;
    QHash<QString, Row> m_rows;
    QList<QGroupBox *> m_groups;
    QTableWidget *m_patterns;
    QTableWidget *m_hosts;
    QLabel *m_hostsNote;
    QTimer m_refreshTimer;
};

} // namespace mamori::ui
