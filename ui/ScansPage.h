// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "SecurityPages.h"

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

class FleetPage;

// The scan queue of every appliance: the running job on top, the waiting
// ones numbered in the order they will run, then the recent finished ones;
// starting scans on VMs, a host or the fleet, and cancelling a job.
class ScansPage : public QWidget
{
    Q_OBJECT

public:
    enum class Target { SelectedVms, SelectedHost, WholeFleet };
    enum Role { JobIdRole = Qt::UserRole + 1, HostIdRole, JobStateRole };

    ScansPage(console::Fleet *fleet, FleetPage *fleetPage, QWidget *parent = nullptr);

    QTreeWidget *view() const { return m_view; }
    QLabel *resultLabel() const { return m_result; }
    // Queues scans (POST /api/v1/scans); results appear in resultLabel().
    void startScan(Target target, const QString &kind, const QStringList &paths);
    // The selected job's id, or empty.
    QString currentJob() const;
    void selectJob(const QString &jobId);
    // Cancels the selected job after confirmation.
    void cancelCurrentJob();

    ConfirmFunction confirm;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void rebuild();
    void fillHost(QTreeWidgetItem *host, console::ApplianceConnection *c);
    QTreeWidgetItem *jobItem(const QJsonObject &job, const QString &position);
    void updateActions();
    void openStartDialog();
    void openPolicy();
    void showResult(const QString &text);

    console::Fleet *m_fleet;
    FleetPage *m_fleetPage;
    QTreeWidget *m_view;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_policy;
    QLabel *m_hint;
    QLabel *m_result;
    QStringList m_results;
};

} // namespace mamori::ui
