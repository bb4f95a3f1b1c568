// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Confirm.h"
#include "protocol/ProtectionStatus.h"

#include <QTimer>
#include <QUuid>
#include <QWidget>

class QComboBox;
class QLabel;
class QMenu;
class QLineEdit;
class QTextBrowser;
class QTreeView;

namespace mamori::console {
class Fleet;
class FleetFilterModel;
} // namespace mamori::console

namespace mamori::ui {

class FleetSelection;

// The fleet: every host (appliance) and its VMs with their protection
// status, filtered and searched, and the selected one in detail. What is
// selected goes to `selection`, for the pages that act on it.
class FleetPage : public QWidget
{
    Q_OBJECT

public:
    FleetPage(console::Fleet *fleet, FleetSelection *selection, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    console::FleetFilterModel *filterModel() const { return m_filter; }
    QTextBrowser *detail() const { return m_detail; }
    // Host id and VM id (null for a host row) of the current row.
    int currentHost() const;
    QUuid currentVm() const;
    // A drill-down (the Overview's status chart): only the VMs of `status`.
    void showStatus(protocol::ProtectionStatus status);
    // The row's menu: open the VM's page, scan it now, isolate or release it
    // (each enabled only when it may run, the reason in its tooltip). Null
    // on a host row. The caller owns it.
    QMenu *contextMenu(const QModelIndex &index);
    QLabel *resultLabel() const { return m_result; }

    ConfirmFunction confirm;

Q_SIGNALS:
    // Double-click on a VM row, or "Open VM page" in its menu.
    void vmRequested(int hostId, const QUuid &vm);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateSelection();
    void updateDetail();
    void applyStatusFilter();
    void expandHosts();
    void fitColumns();

    console::Fleet *m_fleet;
    FleetSelection *m_selection;
    console::FleetFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_status;
    QTreeView *m_view;
    QTextBrowser *m_detail;
    QLabel *m_result;
    QTimer m_fit; // sizing the columns waits for a batch of rows to be in
};

} // namespace mamori::ui
