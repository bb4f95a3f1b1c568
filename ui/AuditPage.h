// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/AuditRecord.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;

namespace mamori::console {
class ActionLogModel;
class AuditModel;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

// One appliance's audit log, paged in, searched and checked; and the
// administrator's own actions as logged by this console.
class AuditPage : public QWidget
{
    Q_OBJECT

public:
    explicit AuditPage(console::Fleet *fleet, QWidget *parent = nullptr);

    QComboBox *appliance() const { return m_appliance; }
    QSortFilterProxyModel *auditModel() const { return m_filter; }
    QSortFilterProxyModel *actionsModel() const { return m_actionsFilter; }
    QLabel *chainLabel() const { return m_chain; }
    QLineEdit *search() const { return m_search; }
    // Fetches the whole log of the chosen appliance, 1,000 records a page.
    void load();
    void loadActions();
    // Both logs again (the Reload button, View › Refresh).
    void refresh();
    bool loading() const { return m_loading; }

Q_SIGNALS:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void fillAppliances();
    void fetchPage(int hostId, qint64 after, quint64 generation);
    void finish();
    void checkRememberedHead();
    void showCheck();

    console::Fleet *m_fleet;
    QComboBox *m_appliance;
    QPushButton *m_reload;
    QLineEdit *m_search;
    QLabel *m_chain;
    QTabWidget *m_tabs;
    console::AuditModel *m_records;
    QSortFilterProxyModel *m_filter;
    QTableView *m_view;
    console::ActionLogModel *m_actions;
    QSortFilterProxyModel *m_actionsFilter;
    QTableView *m_actionsView;
    QList<console::AuditRecord> m_fetched;
    quint64 m_generation = 0;
    bool m_loading = false;
    QString m_error;
    console::AuditChainCheck m_check;
    console::AuditEnd m_head;
    console::AuditEnd m_anchor;
    console::AuditEnd m_headGone; // the verified head no longer there
    int m_hostId = 0;
    bool m_checked = false;
};

} // namespace mamori::ui
