// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QTimer>
#include <QUuid>
#include <QWidget>

class QComboBox;
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
    QTimer m_fit; // sizing the columns waits for a batch of rows to be in
};

} // namespace mamori::ui
