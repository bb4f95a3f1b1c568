// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Confirm.h"
#include "app/records/ScanJob.h"

#include <QMap>
#include <QSet>
#include <QStringList>
#include <QUuid>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

class FleetSelection;

// The scan queue of every appliance (console::ScanJobModel): the running
// job on top, the waiting ones numbered in the order they will run, then the
// recent ended ones; starting scans on the VMs selected on the fleet page, a
// host or the fleet, and cancelling a job.
class ScansPage : public QWidget
{
    Q_OBJECT

public:
    enum class Target { SelectedVms, SelectedHost, WholeFleet };

    ScansPage(console::Fleet *fleet, FleetSelection *selection, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QLabel *resultLabel() const { return m_result; }
    // Queues scans; results appear in resultLabel().
    void startScan(Target target, console::ScanKind kind, const QStringList &paths);
    // Queues scans of these VMs by host (an empty list: all of its VMs).
    void startScans(
        const QMap<int, QList<QUuid>> &plan, console::ScanKind kind, const QStringList &paths);
    // The selected job's id, or empty.
    QString currentJob() const;
    void selectJob(const QString &jobId);
    // Cancels the selected job after confirmation.
    void cancelCurrentJob();
    // Starts the selected waiting manual scan at once, despite a hold.
    void runCurrentJobNow();

    ConfirmFunction confirm;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateActions();
    void openStartDialog();
    void openPolicy();
    void showResult(const QString &text);
    console::ApplianceConnection *currentConnection() const;
    // The selection and the "Recent scans" rows' expansion outlast the
    // rows' moves and refreshes.
    void keepSelection(const QModelIndex &parent, int first, int last);
    void restoreView(const QModelIndex &parent, int first, int last);

    console::Fleet *m_fleet;
    FleetSelection *m_selection;
    QTreeView *m_view;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_runNow;
    QPushButton *m_policy;
    QLabel *m_hint;
    QLabel *m_result;
    QStringList m_results;
    QString m_keptJob; // the selected job while its row moves
    int m_keptHost = 0;
    QSet<int> m_recentCollapsed; // hosts whose "Recent scans" the admin closed
};

} // namespace mamori::ui
