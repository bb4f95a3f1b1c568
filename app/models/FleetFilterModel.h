// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "protocol/ProtectionStatus.h"

#include <QCollator>
#include <QList>
#include <QSortFilterProxyModel>

namespace mamori::console {

// Filters a FleetModel by protection status and by name, and sorts it by
// FleetModel::SortRole ("desk-2" before "desk-10"; numbers and times as
// numbers). A host stays visible while any of its VMs match.
class FleetFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit FleetFilterModel(QObject *parent = nullptr);

    // Rows whose shown status (FleetModel::StatusRole) is one of these; an
    // empty list shows every status.
    void setStatusFilter(const QList<protocol::ProtectionStatus> &statuses);
    QList<protocol::ProtectionStatus> statusFilter() const;
    // Case-insensitive, anywhere in the name. A VM also matches through its
    // host's name, so that searching for a host lists its VMs.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    quint32 m_statusMask = 0; // bit n: ProtectionStatus(n); 0: all
    QString m_search;
    QCollator m_collator;
};

} // namespace mamori::console
