// SPDX-License-Identifier: GPL-2.0-or-later
#include "AuditModel.h"

#include "AuditText.h"
#include "StatusText.h"
#include "TableRetranslation.h"

namespace mamori::console {

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void AuditModel::append(const QList<AuditRecord> &records)
{
    if (records.isEmpty())
        return;
    const int first = int(m_records.size());
    beginInsertRows({}, first, first + int(records.size()) - 1);
    m_records.append(records);
    endInsertRows();
}

void AuditModel::clear()
{
    if (m_records.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_records.size()) - 1);
    m_records.clear();
    endRemoveRows();
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_records.size())
        return {};
    const AuditRecord &r = m_records[index.row()];
    if (role == Qt::EditRole && index.column() == SeqColumn)
        return r.seq; // sorts as a number
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case SeqColumn:
        return r.seq;
    case TimeColumn:
        return r.time.isValid() ? StatusText::time(r.time) : r.timeText;
    case UserColumn:
        return r.user;
    case RoleColumn:
        return AuditText::role(r.role);
    case SourceColumn:
        return r.source;
    case ActionColumn:
        return AuditText::action(r.action);
    case TargetColumn:
        return AuditText::target(r, m_vmName);
    case OutcomeColumn:
        return outcomeText(r.outcome);
    case DetailColumn:
        return AuditText::detail(r);
    }
    return {};
}

QString AuditModel::outcomeText(const QString &outcome)
{
    return AuditText::outcome(outcome);
}

void AuditModel::setVmNames(const AuditText::VmName &vmName)
{
    m_vmName = vmName;
}

QVariant AuditModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("No.");
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case RoleColumn:
        return tr("Role");
    case SourceColumn:
        return tr("From");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case OutcomeColumn:
        return tr("Outcome");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

void AuditModel::retranslate()
{
    announceRetranslation(*this);
}

int ActionLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_actions.size());
}

int ActionLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ActionLogModel::setActions(const QList<ActionRecord> &actions)
{
    // What is new is on top: the rows below it are those already shown.
    qsizetype fresh = 0;
    const qint64 newestShown = m_actions.isEmpty() ? -1 : m_actions.first().id;
    while (fresh < actions.size() && actions[fresh].id > newestShown)
        ++fresh;
    bool rest = actions.size() - fresh == m_actions.size();
    for (qsizetype i = 0; rest && i < m_actions.size(); ++i)
        rest = actions[fresh + i].id == m_actions[i].id;
    if (!rest) {
        // Pruned or another log: show the new list row by row.
        if (!m_actions.isEmpty()) {
            beginRemoveRows({}, 0, int(m_actions.size()) - 1);
            m_actions.clear();
            endRemoveRows();
        }
        fresh = actions.size();
    }
    if (fresh == 0)
        return;
    beginInsertRows({}, 0, int(fresh) - 1);
    m_actions = actions.mid(0, fresh) + m_actions;
    endInsertRows();
}

QVariant ActionLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_actions.size()
        || (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole))
        return {};
    const ActionRecord &a = m_actions[index.row()];
    if (role == Qt::ToolTipRole)
        return index.column() == OutcomeColumn && a.outcome != QLatin1String("success")
            ? StatusText::toolTip(a.outcome)
            : QVariant();
    switch (index.column()) {
    case TimeColumn:
        return StatusText::time(a.time);
    case ApplianceColumn:
        return a.applianceName;
    case ActionColumn:
        return AuditText::action(a.action);
    case TargetColumn:
        return AuditText::requestTarget(a.target);
    case OutcomeColumn:
        // A failure was logged with the error's technical text: the words
        // here, that text on hover.
        return a.outcome == QLatin1String("success")
            ? AuditText::outcome(a.outcome)
            : AuditText::outcome(QStringLiteral("failure"));
    }
    return {};
}

QVariant ActionLogModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ApplianceColumn:
        return tr("Appliance");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case OutcomeColumn:
        return tr("Outcome");
    }
    return {};
}

void ActionLogModel::retranslate()
{
    announceRetranslation(*this);
}

} // namespace mamori::console
