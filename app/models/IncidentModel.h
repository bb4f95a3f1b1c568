// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/Incident.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPair>
#include <QSortFilterProxyModel>

#include <array>
#include <optional>

namespace mamori::console {

// Every incident of every appliance the console follows, one row each. An
// incident's change repaints its changed cells; a new one is a row at the
// end (the views sort); nothing is reset.
class IncidentModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SeverityColumn,
        TimeColumn,
        HostColumn,
        VmColumn,
        ThreatColumn,
        FileColumn,
        ActionColumn,
        StateColumn,
        AssigneeColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // QString
        HostIdRole, // int
        StateRole, // int(IncidentState)
        SeverityRole, // int(Severity)
        SortRole, // severity by rank, times as times, else the text
    };

    explicit IncidentModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The appliance's name, for the Host column (and its rows' repaint).
    void setHost(int hostId, const QString &name);
    // Its incidents leave with it.
    void removeHost(int hostId);
    // The appliance's whole list (GET /api/v1/incidents): incidents it no
    // longer lists leave.
    void setIncidents(int hostId, const QList<Incident> &incidents);
    // One incident as an incident.* event or an action's answer carries it.
    void applyIncident(int hostId, const Incident &incident);

    QModelIndex find(int hostId, const QString &id, int column = 0) const;
    const Incident *incident(const QModelIndex &index) const;
    const Incident *incident(int hostId, const QString &id) const;
    QList<Incident> incidents(int hostId) const;
    // Unresolved incidents over the fleet, by int(Severity).
    std::array<int, int(Severity::Unknown) + 1> openBySeverity() const;

    // Call after installing another translator: texts are made in data().
    void retranslate();

private:
    struct Row
    {
        int hostId;
        Incident incident;
    };
    using Key = QPair<int, QString>;
    void removeRows(const QList<int> &rows);

    QList<Row> m_rows;
    QHash<Key, int> m_rowOf;
    QHash<int, QString> m_hostNames;
};

// Filters by state (open = not resolved) and severity, and searches every
// column.
class IncidentFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class StateFilter { Open, All, New, Acknowledged, Resolved };

    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setStateFilter(StateFilter state);
    // nullopt: every severity.
    void setSeverityFilter(std::optional<Severity> severity);
    void setSearchText(const QString &text);
    // Only the incidents of one VM and/or one threat (exact; null/empty:
    // any), for a drill-down from the Overview or a VM's page.
    void setSubjectFilter(const QUuid &vm, const QString &threat);
    QUuid vmFilter() const { return m_vm; }
    QString threatFilter() const { return m_threat; }
    // Only the incidents first detected in [from, to) (invalid: any time),
    // for a bar of the Overview's detections trend.
    void setTimeFilter(const QDateTime &from, const QDateTime &to);
    QDateTime timeFrom() const { return m_from; }
    QDateTime timeTo() const { return m_to; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    StateFilter m_state = StateFilter::Open;
    std::optional<Severity> m_severity;
    QString m_search;
    QUuid m_vm;
    QString m_threat;
    QDateTime m_from;
    QDateTime m_to;
};

} // namespace mamori::console
