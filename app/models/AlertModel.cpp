// SPDX-License-Identifier: GPL-2.0-or-later
#include "AlertModel.h"

#include "AlertText.h"
#include "FleetModel.h"
#include "StatusText.h"
#include "TableRetranslation.h"

namespace mamori::console {

AlertModel::AlertModel(const FleetModel *fleet, QObject *parent)
    : QAbstractTableModel(parent), m_fleet(fleet)
{ }

int AlertModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void AlertModel::addAlert(const Alert &alert)
{
    beginInsertRows({}, 0, 0);
    m_alerts.prepend(alert);
    endInsertRows();
    if (m_alerts.size() > kMaxAlerts) {
        const int last = int(m_alerts.size()) - 1;
        beginRemoveRows({}, kMaxAlerts, last);
        m_alerts.resize(kMaxAlerts);
        endRemoveRows();
    }
}

void AlertModel::removeHost(int applianceId)
{
    for (int row = int(m_alerts.size()) - 1; row >= 0; --row) {
        if (m_alerts[row].applianceId != applianceId)
            continue;
        int first = row;
        while (first > 0 && m_alerts[first - 1].applianceId == applianceId)
            --first;
        beginRemoveRows({}, first, row);
        m_alerts.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
}

const Alert *AlertModel::alert(int row) const
{
    return row >= 0 && row < m_alerts.size() ? &m_alerts[row] : nullptr;
}

QString AlertModel::describe(const Alert &alert) const
{
    return AlertText::describe(alert, [this](const QUuid &vm) {
        const Vm *known = m_fleet ? m_fleet->vm(vm) : nullptr;
        return known ? known->name : QString();
    });
}

QVariant AlertModel::data(const QModelIndex &index, int role) const
{
    const Alert *a = index.isValid() ? alert(index.row()) : nullptr;
    if (!a)
        return {};
    switch (role) {
    case ApplianceIdRole:
        return a->applianceId;
    case TypeRole:
        return a->type;
    case Qt::ToolTipRole:
        return index.column() == DetailColumn ? StatusText::toolTip(describe(*a)) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return StatusText::time(a->time);
        case ApplianceColumn:
            return m_fleet ? m_fleet->hostIndex(a->applianceId).data().toString() : QString();
        case AlertColumn:
            return AlertText::typeName(a->type);
        case DetailColumn:
            return describe(*a);
        }
    }
    return {};
}

QVariant AlertModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ApplianceColumn:
        return tr("Appliance");
    case AlertColumn:
        return tr("Alert");
    case DetailColumn:
        return tr("Details");
    }
    return {};
}

void AlertModel::retranslate()
{
    announceRetranslation(*this);
}

} // namespace mamori::console
