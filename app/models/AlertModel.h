// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/Alert.h"

#include <QAbstractTableModel>
#include <QList>

namespace mamori::console {

class FleetModel;

// The latest alerts of the whole fleet, newest first: when, which appliance,
// what happened, in the current language (retranslate() after a switch).
// Every role gets them: the appliance sends each role the events it may see.
class AlertModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, ApplianceColumn, AlertColumn, DetailColumn, ColumnCount };
    enum Role { ApplianceIdRole = Qt::UserRole + 1, TypeRole };
    static constexpr int kMaxAlerts = 200;

    // Appliance and VM names come from `fleet`.
    explicit AlertModel(const FleetModel *fleet, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void addAlert(const Alert &alert);
    // Its alerts leave with the appliance.
    void removeHost(int applianceId);
    const Alert *alert(int row) const;
    // The alert's sentence with the fleet's names, as the Details column shows it.
    QString describe(const Alert &alert) const;
    void retranslate();

private:
    const FleetModel *m_fleet;
    QList<Alert> m_alerts; // newest first
};

} // namespace mamori::console
