// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "BaselineTable.h"
#include "Confirm.h"
#include "IncidentsPage.h"
#include "VmActions.h"

#include <QTimer>
#include <QUuid>
#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace mamori::console {
class Fleet;
class IncidentFilterModel;
class MetricsArchive;
class MetricsFeed;
} // namespace mamori::console

namespace mamori::ui {

// One VM in a window of its own (several can be open side by side, and the
// main window stays usable): its status and why, kind, disks and golden
// image, its recent scans, its incidents, its performance against its
// baseline, and what can be done to it (VmActions), each button enabled
// only when the role and the VM's state allow it.
class VmPage : public QWidget
{
    Q_OBJECT

public:
    VmPage(console::Fleet *fleet, console::MetricsArchive *archive, int hostId, const QUuid &vm,
        QWidget *parent = nullptr);
    ~VmPage() override;

    int hostId() const { return m_hostId; }
    QUuid vm() const { return m_vm; }
    QPushButton *actionButton(VmActions::Action action) const;
    QTableView *incidentView() const { return m_incidents; }
    QTreeWidget *scanList() const { return m_scans; }
    BaselineTable *performance() const { return m_performance; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *resultLabel() const { return m_result; }
    void runAction(VmActions::Action action);

    ConfirmFunction confirm;

Q_SIGNALS:
    // "All incidents of this VM" in the Incidents page (with its actions).
    void incidentsRequested(const mamori::ui::IncidentsPage::Filter &filter);
    // The Performance page on this VM.
    void performanceRequested(int hostId, const QString &scope);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslate();
    void refresh();
    void refreshDetails();
    void refreshScans();
    void refreshActions();
    void refreshPerformance();
    QString scope() const;

    console::Fleet *m_fleet;
    int m_hostId;
    QUuid m_vm;
    console::MetricsFeed *m_feed;
    MetricHistory m_history;
    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_details;
    QList<QPushButton *> m_actions;
    QPushButton *m_showIncidents;
    QPushButton *m_showPerformance;
    QLabel *m_result;
    QTabWidget *m_tabs;
    console::IncidentFilterModel *m_filter;
    QTableView *m_incidents;
    QTreeWidget *m_scans;
    BaselineTable *m_performance;
    QTimer m_refresh;
};

} // namespace mamori::ui
