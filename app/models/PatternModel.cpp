// SPDX-License-Identifier: GPL-2.0-or-later
#include "PatternModel.h"

#include "StatusText.h"
#include "TableRetranslation.h"

#include <QFont>

namespace mamori::console {

PatternModel::PatternModel(QObject *parent) : QAbstractTableModel(parent) { }

int PatternModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PatternModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

PatternModel::Row *PatternModel::rowOf(int hostId, int *row)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].hostId == hostId) {
            if (row)
                *row = i;
            return &m_rows[i];
        }
    }
    return nullptr;
}

void PatternModel::announce(int row, int first, int last)
{
    emit dataChanged(index(row, first), index(row, last));
}

void PatternModel::setWarningIcon(const QIcon &icon)
{
    m_warning = icon;
    retranslate();
}

void PatternModel::setHost(int hostId, const QString &name)
{
    int at = 0;
    if (Row *r = rowOf(hostId, &at)) {
        if (r->name != name) {
            r->name = name;
            announce(at, HostColumn, HostColumn);
        }
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    Row r;
    r.hostId = hostId;
    r.name = name;
    m_rows.append(r);
    endInsertRows();
}

void PatternModel::removeHost(int hostId)
{
    int at = 0;
    if (!rowOf(hostId, &at))
        return;
    beginRemoveRows({}, at, at);
    m_rows.removeAt(at);
    endRemoveRows();
}

void PatternModel::setOnline(int hostId, bool online)
{
    int at = 0;
    Row *r = rowOf(hostId, &at);
    if (!r || r->online == online)
        return;
    r->online = online;
    announce(at, StatusColumn, StatusColumn);
}

void PatternModel::setPatterns(int hostId, const PatternStatus &patterns)
{
    int at = 0;
    Row *r = rowOf(hostId, &at);
    if (!r || (r->known && r->patterns == patterns))
        return;
    r->patterns = patterns;
    r->known = true;
    announce(at);
}

void PatternModel::setResult(int hostId, const QString &text)
{
    int at = 0;
    Row *r = rowOf(hostId, &at);
    if (!r || r->result == text)
        return;
    r->result = text;
    announce(at, ResultColumn, ResultColumn);
}

QModelIndex PatternModel::hostIndex(int hostId, int column) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].hostId == hostId)
            return index(i, column);
    }
    return {};
}

const PatternStatus *PatternModel::patterns(int hostId) const
{
    for (const Row &r : m_rows) {
        if (r.hostId == hostId)
            return r.known ? &r.patterns : nullptr;
    }
    return nullptr;
}

QString PatternModel::result(int hostId) const
{
    for (const Row &r : m_rows) {
        if (r.hostId == hostId)
            return r.result;
    }
    return {};
}

QVariant PatternModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    const PatternStatus &p = r.patterns;
    const bool outdated = r.known && p.isOutdated();
    switch (role) {
    case HostIdRole:
        return r.hostId;
    case OutdatedRole:
        return outdated;
    case Qt::FontRole:
        if (outdated) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == StatusColumn && outdated && !m_warning.isNull()
            ? QVariant(m_warning)
            : QVariant();
    case Qt::ToolTipRole:
        return index.column() == ResultColumn ? StatusText::toolTip(r.result) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case HostColumn:
        return r.name;
    case ActiveColumn:
        return p.active ? p.active->version : tr("None");
    case NewestColumn:
        return p.source.newest;
    case SinceColumn:
        return outdated && p.active ? StatusText::time(p.source.seenSince) : QString();
    case StatusColumn:
        if (!r.online)
            return tr("Not connected");
        if (!p.active)
            return tr("Outdated: no pattern file installed");
        if (outdated)
            return tr("Outdated: a newer pattern file is available");
        if (!p.source.heldBack.isEmpty())
            return tr("Held back after rollback: %1 is not installed until you allow it again")
                .arg(p.source.heldBack);
        if (!p.source.error.isEmpty())
            return tr("Up to date as far as known; the update source failed: %1")
                .arg(p.source.error);
        return tr("Up to date");
    case ResultColumn:
        return r.result;
    }
    return {};
}

QVariant PatternModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case HostColumn:
        return tr("Host");
    case ActiveColumn:
        return tr("Active pattern");
    case NewestColumn:
        return tr("Newest at the source");
    case SinceColumn:
        return tr("Available since");
    case StatusColumn:
        return tr("Status");
    case ResultColumn:
        return tr("Last result");
    }
    return {};
}

void PatternModel::retranslate()
{
    announceRetranslation(*this);
}

} // namespace mamori::console
