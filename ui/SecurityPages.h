// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QJsonObject>
#include <QSortFilterProxyModel>
#include <QString>

#include <functional>

class QWidget;

namespace mamori::console {
class ApplianceConnection;
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

class FleetPage;
class MainWindow;

// Adds the security pages to the main window, in this order: Scans, Pattern
// Files, Incidents, Audit Log.
void addSecurityPages(MainWindow *window, console::Fleet *fleet, FleetPage *fleetPage);

// Asks before a destructive action; true to go ahead. Pages keep one in a
// member so that tests can replace it.
using ConfirmFunction = std::function<bool(const QString &question)>;
// A question box whose default (Enter, Escape) is the safe answer.
ConfirmFunction defaultConfirm(QWidget *parent);

class SecurityText
{
    Q_DECLARE_TR_FUNCTIONS(mamori::ui::SecurityText)

public:
    // The role name as the glossary says it ("security administrator").
    static QString roleName(const QString &role);
    // Why the role may not do this: "Your role on this appliance
    // (virtualization administrator) may not start scans." `deed` is the
    // translated verb phrase ("start scans").
    static QString roleRefusal(const console::ApplianceConnection *connection, const QString &deed);
    static QString severityText(const QString &severity);
    static QString incidentStateText(const QString &state);
    static QString fileActionText(const QString &action);
    static QString jobStateText(const QString &state);
    static QString scanKindText(const QString &kind);
    // "on", "off", "block" as the policy and the VM list give them.
    static QString realtimeModeText(const QString &mode);
    // An incident's "source": "realtime" or a scan job's id.
    static QString detectionSourceText(const QString &source);
    // An ISO 8601 time from the appliance in the local zone, short form.
    static QString timeText(const QString &iso);
    static QString bytesText(qint64 bytes);
};

// Every incident of every appliance the console follows, one row each.
class IncidentModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Severity, Time, Host, Vm, Threat, File, ActionTaken, State, Assignee, ColCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        HostIdRole,
        StateRole,
        SeverityRole,
        RecordRole,
        SortRole
    };

    explicit IncidentModel(console::Fleet *fleet, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    void reload();
    QModelIndex find(int hostId, const QString &id) const;

private:
    struct Row
    {
        int hostId;
        QString host;
        QJsonObject record;
    };
    console::Fleet *m_fleet;
    QList<Row> m_rows;
};

// Filters by state ("open" = not resolved) and severity, and searches every column.
class IncidentFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setStateFilter(const QString &state);
    void setSeverityFilter(const QString &severity);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    QString m_state;
    QString m_severity;
    QString m_search;
};

} // namespace mamori::ui
