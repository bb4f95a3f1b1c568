// SPDX-License-Identifier: GPL-2.0-or-later
#include "IncidentModel.h"

#include "StatusText.h"
#include "TableRetranslation.h"

#include <QFont>

#include <algorithm>

namespace mamori::console {
namespace {

// The columns whose text differs between two states of an incident.
std::pair<int, int> changedColumns(const Incident &a, const Incident &b)
{
    using C = IncidentModel::Column;
    int first = C::ColumnCount, last = -1;
    const auto mark = [&](bool changed, C column) {
        if (changed) {
            first = std::min<int>(first, column);
            last = std::max<int>(last, column);
        }
    };
    mark(a.severity != b.severity, C::SeverityColumn);
    mark(a.lastSeen != b.lastSeen, C::TimeColumn);
    mark(a.vmName != b.vmName, C::VmColumn);
    mark(a.threat != b.threat, C::ThreatColumn);
    mark(a.path != b.path, C::FileColumn);
    mark(a.action != b.action, C::ActionColumn);
    // A new incident is shown in bold: its state changes every cell.
    if (a.state != b.state)
        return {C::SeverityColumn, C::ColumnCount - 1};
    mark(a.assignee != b.assignee, C::AssigneeColumn);
    return {first, last};
}

} // namespace

IncidentModel::IncidentModel(QObject *parent) : QAbstractTableModel(parent) { }

int IncidentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncidentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void IncidentModel::setHost(int hostId, const QString &name)
{
    if (m_hostNames.value(hostId) == name && m_hostNames.contains(hostId))
        return;
    m_hostNames.insert(hostId, name);
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].hostId == hostId)
            emit dataChanged(index(row, HostColumn), index(row, HostColumn));
    }
}

void IncidentModel::removeHost(int hostId)
{
    m_hostNames.remove(hostId);
    QList<int> rows;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].hostId == hostId)
            rows.append(row);
    }
    removeRows(rows);
}

void IncidentModel::setIncidents(int hostId, const QList<Incident> &incidents)
{
    QSet<QString> listed;
    for (const Incident &incident : incidents) {
        listed.insert(incident.id);
        applyIncident(hostId, incident);
    }
    QList<int> gone;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].hostId == hostId && !listed.contains(m_rows[row].incident.id))
            gone.append(row);
    }
    removeRows(gone);
}

void IncidentModel::applyIncident(int hostId, const Incident &incident)
{
    const auto it = m_rowOf.constFind(Key(hostId, incident.id));
    if (it == m_rowOf.cend()) {
        const int row = int(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.append({hostId, incident});
        m_rowOf.insert(Key(hostId, incident.id), row);
        endInsertRows();
        return;
    }
    Incident &known = m_rows[*it].incident;
    const auto [first, last] = changedColumns(known, incident);
    // A list entry has no history: keep what a detail answer brought.
    const bool keepHistory = known.hasHistory && !incident.hasHistory;
    const QList<IncidentStep> history = known.history;
    known = incident;
    if (keepHistory) {
        known.history = history;
        known.hasHistory = true;
    }
    if (first <= last)
        emit dataChanged(index(*it, first), index(*it, last));
}

// Rows in ascending order; each run of adjacent ones goes in one signal.
void IncidentModel::removeRows(const QList<int> &rows)
{
    for (qsizetype end = rows.size() - 1; end >= 0;) {
        qsizetype begin = end;
        while (begin > 0 && rows[begin - 1] == rows[begin] - 1)
            --begin;
        beginRemoveRows({}, rows[begin], rows[end]);
        for (qsizetype i = begin; i <= end; ++i)
            m_rowOf.remove(Key(m_rows[rows[i]].hostId, m_rows[rows[i]].incident.id));
        m_rows.remove(rows[begin], rows[end] - rows[begin] + 1);
        for (int row = rows[begin]; row < m_rows.size(); ++row)
            m_rowOf[Key(m_rows[row].hostId, m_rows[row].incident.id)] = row;
        endRemoveRows();
        end = begin - 1;
    }
}

QModelIndex IncidentModel::find(int hostId, const QString &id, int column) const
{
    const auto it = m_rowOf.constFind(Key(hostId, id));
    return it == m_rowOf.cend() ? QModelIndex() : index(*it, column);
}

const Incident *IncidentModel::incident(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size())
        return nullptr;
    return &m_rows[index.row()].incident;
}

const Incident *IncidentModel::incident(int hostId, const QString &id) const
{
    return incident(find(hostId, id));
}

QList<Incident> IncidentModel::incidents(int hostId) const
{
    QList<Incident> out;
    for (const Row &r : m_rows) {
        if (r.hostId == hostId)
            out.append(r.incident);
    }
    return out;
}

std::array<int, int(Severity::Unknown) + 1> IncidentModel::openBySeverity() const
{
    std::array<int, int(Severity::Unknown) + 1> counts {};
    for (const Row &r : m_rows) {
        if (r.incident.isOpen())
            ++counts[size_t(r.incident.severity)];
    }
    return counts;
}

QVariant IncidentModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    const Incident &i = r.incident;
    switch (role) {
    case IdRole:
        return i.id;
    case HostIdRole:
        return r.hostId;
    case StateRole:
        return int(i.state);
    case SeverityRole:
        return int(i.severity);
    case SortRole:
        if (index.column() == SeverityColumn)
            return int(i.severity);
        if (index.column() == TimeColumn)
            return i.lastSeen;
        return data(index, Qt::DisplayRole);
    case Qt::FontRole:
        if (i.state == IncidentState::New) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        // The whole path, which the column elides: as text, never as markup
        // (the guest chose the name).
        return index.column() == FileColumn ? StatusText::toolTip(i.path) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case SeverityColumn:
        return StatusText::severity(i.severity);
    case TimeColumn:
        return StatusText::time(i.lastSeen);
    case HostColumn:
        return m_hostNames.value(r.hostId);
    case VmColumn:
        return i.vmName;
    case ThreatColumn:
        return i.threat;
    case FileColumn:
        return i.path;
    case ActionColumn:
        return StatusText::fileAction(i.action);
    case StateColumn:
        return StatusText::incidentState(i.state);
    case AssigneeColumn:
        return i.assignee;
    }
    return {};
}

QVariant IncidentModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case TimeColumn:
        return tr("Time");
    case HostColumn:
        return tr("Host");
    case VmColumn:
        return tr("VM");
    case ThreatColumn:
        return tr("Threat");
    case FileColumn:
        return tr("File");
    case ActionColumn:
        return tr("Action taken");
    case StateColumn:
        return tr("State");
    case AssigneeColumn:
        return tr("Assignee");
    }
    return {};
}

void IncidentModel::retranslate()
{
    announceRetranslation(*this);
}

void IncidentFilterModel::setStateFilter(StateFilter state)
{
    m_state = state;
    invalidateFilter();
}

void IncidentFilterModel::setSeverityFilter(std::optional<Severity> severity)
{
    m_severity = severity;
    invalidateFilter();
}

void IncidentFilterModel::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

void IncidentFilterModel::setSubjectFilter(const QUuid &vm, const QString &threat)
{
    m_vm = vm;
    m_threat = threat;
    invalidateFilter();
}

void IncidentFilterModel::setTimeFilter(const QDateTime &from, const QDateTime &to)
{
    m_from = from;
    m_to = to;
    invalidateFilter();
}

bool IncidentFilterModel::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    const QModelIndex first = sourceModel()->index(row, 0, parent);
    if (!m_vm.isNull() || !m_threat.isEmpty() || m_from.isValid() || m_to.isValid()) {
        const auto *model = qobject_cast<const IncidentModel *>(sourceModel());
        const Incident *i = model ? model->incident(first) : nullptr;
        if (!i || (!m_vm.isNull() && i->vm != m_vm)
            || (!m_threat.isEmpty() && i->threat != m_threat)
            || (m_from.isValid() && i->firstSeen < m_from)
            || (m_to.isValid() && i->firstSeen >= m_to))
            return false;
    }
    const auto state = IncidentState(first.data(IncidentModel::StateRole).toInt());
    switch (m_state) {
    case StateFilter::Open:
        if (state == IncidentState::Resolved)
            return false;
        break;
    case StateFilter::All:
        break;
    case StateFilter::New:
        if (state != IncidentState::New)
            return false;
        break;
    case StateFilter::Acknowledged:
        if (state != IncidentState::Acknowledged)
            return false;
        break;
    case StateFilter::Resolved:
        if (state != IncidentState::Resolved)
            return false;
        break;
    }
    if (m_severity && first.data(IncidentModel::SeverityRole).toInt() != int(*m_severity))
        return false;
    if (m_search.isEmpty())
        return true;
    for (int col = 0; col < IncidentModel::ColumnCount; ++col) {
        if (sourceModel()
                ->index(row, col, parent)
                .data()
                .toString()
                .contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace mamori::console
