// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPair>
#include <QUuid>

namespace mamori::ui {

// What the administrator has selected on the fleet page: pages that act on
// it (Scans, Performance, the window's Remove Appliance) are handed this
// instead of the page.
class FleetSelection : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // The current row's host (0: none) and VM (null on a host row).
    int currentHost() const { return m_host; }
    QUuid currentVm() const { return m_vm; }
    // Every selected VM row, as (host id, VM id).
    QList<QPair<int, QUuid>> selectedVms() const { return m_selected; }

    void set(int host, const QUuid &vm, const QList<QPair<int, QUuid>> &selected);

Q_SIGNALS:
    void changed();

private:
    int m_host = 0;
    QUuid m_vm;
    QList<QPair<int, QUuid>> m_selected;
};

} // namespace mamori::ui
