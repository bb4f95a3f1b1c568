// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

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

// The fleet: every host (appliance) and its VMs with their protection
// status, filtered and searched, and the selected one in detail.
class FleetPage : public QWidget
{
    Q_OBJECT

public:
    explicit FleetPage(console::Fleet *fleet, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    console::FleetFilterModel *filterModel() const { return m_filter; }
    // Host id and VM id (null for a host row) of the current row.
    int currentHost() const;
    QString currentVm() const;

Q_SIGNALS:
    void currentChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateDetail();
    void applyStatusFilter();
    void fitColumns();

    console::Fleet *m_fleet;
    console::FleetFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_status;
    QTreeView *m_view;
    QTextBrowser *m_detail;
};

} // namespace mamori::ui
