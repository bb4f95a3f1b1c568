// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "AuditText.h"
#include "app/records/AuditRecord.h"
#include "app/store/ConsoleStore.h"

#include <QAbstractTableModel>
#include <QList>

namespace mamori::console {

// One appliance's audit log as it is paged in: records are appended, never
// reset. Shown in words (AuditText); the records keep the appliance's own.
class AuditModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SeqColumn,
        TimeColumn,
        UserColumn,
        RoleColumn,
        SourceColumn,
        ActionColumn,
        TargetColumn,
        OutcomeColumn,
        DetailColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void append(const QList<AuditRecord> &records);
    void clear();
    const QList<AuditRecord> &records() const { return m_records; }
    void retranslate();

    // An outcome as the appliance and the console log it (success, failure,
    // denied) in the admin's words; anything else (an error message the
    // console logged) as it is.
    static QString outcomeText(const QString &outcome);
    // Where VM names come from: targets show names, not ids.
    void setVmNames(const AuditText::VmName &vmName);

private:
    QList<AuditRecord> m_records;
    AuditText::VmName m_vmName;
};

// The administrator's own actions as this console logged them (ConsoleStore).
class ActionLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        ApplianceColumn,
        ActionColumn,
        TargetColumn,
        OutcomeColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Newest first, as ConsoleStore::actions() gives them: the rows already
    // shown stay, the new ones are inserted on top.
    void setActions(const QList<ActionRecord> &actions);
    void retranslate();

private:
    QList<ActionRecord> m_actions;
};

} // namespace mamori::console
