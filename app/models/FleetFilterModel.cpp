// SPDX-License-Identifier: GPL-2.0-or-later
#include "FleetFilterModel.h"

#include "FleetModel.h"

namespace mamori::console {

using protocol::ProtectionStatus;

FleetFilterModel::FleetFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(FleetModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // The C locale's collator compares code points and ignores numeric mode;
    // "desk-10" after "desk-9" matters more than the locale's finer rules.
    if (QLocale().language() == QLocale::C)
        m_collator = QCollator(QLocale(QLocale::English, QLocale::UnitedStates));
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

void FleetFilterModel::setStatusFilter(const QList<ProtectionStatus> &statuses)
{
    quint32 mask = 0;
    for (ProtectionStatus status : statuses)
        mask |= 1u << unsigned(status);
    if (mask == m_statusMask)
        return;
    m_statusMask = mask;
    invalidateFilter();
}

QList<ProtectionStatus> FleetFilterModel::statusFilter() const
{
    QList<ProtectionStatus> result;
    for (unsigned s = 0; s <= unsigned(ProtectionStatus::Infected); ++s) {
        if (m_statusMask & (1u << s))
            result.append(ProtectionStatus(s));
    }
    return result;
}

void FleetFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool FleetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, FleetModel::NameColumn, sourceParent);
    if (m_statusMask != 0) {
        const int status = index.data(FleetModel::StatusRole).toInt();
        if (!(m_statusMask & (1u << unsigned(status))))
            return false;
    }
    if (m_search.isEmpty())
        return true;
    if (index.data(Qt::DisplayRole).toString().contains(m_search, Qt::CaseInsensitive))
        return true;
    return sourceParent.isValid()
        && sourceParent.data(Qt::DisplayRole).toString().contains(m_search, Qt::CaseInsensitive);
}

bool FleetFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Hosts out of reach go after the live ones in either order: their
    // figures are old and are not ranked among current ones.
    const bool liveLeft = left.data(FleetModel::ReachableRole).toBool();
    const bool liveRight = right.data(FleetModel::ReachableRole).toBool();
    if (!left.parent().isValid() && liveLeft != liveRight)
        return sortOrder() == Qt::AscendingOrder ? liveLeft : liveRight;
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    if (l.typeId() == QMetaType::QString && r.typeId() == QMetaType::QString)
        return m_collator.compare(l.toString(), r.toString()) < 0;
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace mamori::console
