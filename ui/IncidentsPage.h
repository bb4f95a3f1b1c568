// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "SecurityPages.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

class IncidentsPage : public QWidget
{
    Q_OBJECT

public:
    explicit IncidentsPage(console::Fleet *fleet, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    IncidentFilterModel *filterModel() const { return m_filter; }
    QTextBrowser *detail() const { return m_detail; }
    QLabel *resultLabel() const { return m_result; }
    QPushButton *actionButton(const QString &action) const;
    // Runs `action` on every selected incident (one when it does not apply
    // to several), after confirmation when it is destructive.
    void runAction(const QString &action, const QString &note, const QString &assignee = {});
    // Opens the note dialog for `action` on the selection ("incidentNoteDialog").
    void askAction(const QString &action);
    void openReport();

    ConfirmFunction confirm;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Target
    {
        int hostId;
        QString id;
    };
    void retranslate();
    QList<Target> selectedTargets() const;
    // A file inside an image VM's disk cannot be quarantined, deleted or
    // restored (image_vm_read_only): offers to isolate the VM instead.
    void offerIsolation(const Target &target);
    void updateActions();
    void loadDetail();
    void showDetail(const QJsonObject &record, const QString &host);
    QString actionLabel(const QString &action) const;

    console::Fleet *m_fleet;
    IncidentModel *m_model;
    IncidentFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_state;
    QComboBox *m_severity;
    QTableView *m_view;
    QTextBrowser *m_detail;
    QLabel *m_result;
    QPushButton *m_report;
    QList<QPushButton *> m_actions;
    quint64 m_detailRequest = 0;
};

} // namespace mamori::ui
