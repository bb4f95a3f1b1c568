// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Confirm.h"
#include "ReportWriter.h"
#include "app/records/Incident.h"

#include <QDateTime>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;
class QToolButton;

namespace mamori::console {
class Fleet;
class IncidentFilterModel;
} // namespace mamori::console

namespace mamori::ui {

// Every incident of the fleet (console::IncidentModel), filtered and
// searched; actions on the selected ones, the chosen one in detail with its
// history, and the report.
class IncidentsPage : public QWidget
{
    Q_OBJECT

public:
    using ResourcesFunction = std::function<ReportResources()>;

    // `resources` gives the report its resource section (may be empty).
    IncidentsPage(
        console::Fleet *fleet, ResourcesFunction resources = {}, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    console::IncidentFilterModel *filterModel() const { return m_filter; }
    QTextBrowser *detail() const { return m_detail; }
    QLabel *resultLabel() const { return m_result; }
    // Says the time span the list is limited to (hidden when none).
    QLabel *timeFilterLabel() const { return m_timeLabel; }
    QPushButton *actionButton(console::IncidentAction action) const;
    // Runs `action` on every selected incident (one when it does not apply
    // to several), after confirmation when it is destructive.
    void runAction(
        console::IncidentAction action, const QString &note, const QString &assignee = {});
    // Opens the note dialog for `action` on the selection ("incidentNoteDialog").
    void askAction(console::IncidentAction action);
    void openReport();

    // A drill-down (Overview, a VM's page): the incidents of one VM and/or
    // threat and/or severity, open ones unless `allStates`. `label` goes to
    // the search box, so that the admin sees why the list is short; editing
    // the search ends the drill-down.
    struct Filter
    {
        QUuid vm;
        QString threat;
        std::optional<console::Severity> severity;
        bool allStates = false;
        QString label;
        // Only the incidents first detected in [from, to) (a bar of the
        // detections trend); shown beside the search box with a button that
        // ends it, as editing the search does.
        QDateTime from;
        QDateTime to;
    };
    void showFilter(const Filter &filter);

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
    // The targets `action` applies to in their incident's state; `refusal`
    // gets why it does not apply to the first of the others.
    QList<Target> applicableTargets(console::IncidentAction action, const QList<Target> &targets,
        QString *refusal = nullptr) const;
    void loadDetail();
    void showDetail(const console::Incident &incident, const QString &host);
    static QString actionLabel(console::IncidentAction action);
    void setTimeFilter(const QDateTime &from, const QDateTime &to);
    void showTimeFilter();

    console::Fleet *m_fleet;
    ResourcesFunction m_resources;
    console::IncidentFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_state;
    QComboBox *m_severity;
    QLabel *m_timeLabel;
    QToolButton *m_timeClear;
    QTableView *m_view;
    QTextBrowser *m_detail;
    QLabel *m_result;
    QPushButton *m_report;
    QList<QPushButton *> m_actions;
    quint64 m_detailRequest = 0;
};

} // namespace mamori::ui
