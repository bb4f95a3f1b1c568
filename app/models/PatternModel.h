// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/PatternStatus.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>

namespace mamori::console {

// The pattern file of every appliance, one row each: active version, the
// newest one at its update source and since when, whether it is outdated,
// and the result of the console's last update or rollback.
class PatternModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        HostColumn,
        ActiveColumn,
        NewestColumn,
        SinceColumn,
        StatusColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role {
        HostIdRole = Qt::UserRole + 1, // int
        OutdatedRole, // bool: no pattern, or a newer one waits
    };

    explicit PatternModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Shown beside an outdated appliance's status (drawn by the GUI).
    void setWarningIcon(const QIcon &icon);
    // Adds the appliance (at the end) or renames it.
    void setHost(int hostId, const QString &name);
    void removeHost(int hostId);
    void setOnline(int hostId, bool online);
    void setPatterns(int hostId, const PatternStatus &patterns);
    // The outcome of the console's last update or rollback of it.
    void setResult(int hostId, const QString &text);

    QModelIndex hostIndex(int hostId, int column = 0) const;
    // nullptr until its first answer.
    const PatternStatus *patterns(int hostId) const;
    QString result(int hostId) const;

    void retranslate();

private:
    struct Row
    {
        int hostId = 0;
        QString name;
        bool online = false;
        bool known = false;
        PatternStatus patterns;
        QString result;
    };
    Row *rowOf(int hostId, int *row = nullptr);
    void announce(int row, int first = HostColumn, int last = ColumnCount - 1);

    QList<Row> m_rows;
    QIcon m_warning;
};

} // namespace mamori::console
