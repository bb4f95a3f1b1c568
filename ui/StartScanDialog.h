// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/ScanJob.h"

#include <QDialog>
#include <QList>
#include <QMap>
#include <QPair>
#include <QUuid>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace mamori::console {
class Fleet;
} // namespace mamori::console

namespace mamori::ui {

// Start scan: the VMs it will scan, listed by host with their status and
// ticked from what is selected on the Hosts and VMs page (all of a host
// when the host row is current), the kind of scan and, for a custom scan,
// the paths. OK stays disabled while nothing is ticked. Hosts whose role
// may not start scans are listed greyed with the reason.
class StartScanDialog : public QDialog
{
    Q_OBJECT

public:
    // `selected`: the VM rows selected, as (host id, VM id); `currentHost`:
    // the host of the current row when no VM is selected (0: none).
    StartScanDialog(console::Fleet *fleet, const QList<QPair<int, QUuid>> &selected,
        int currentHost, QWidget *parent = nullptr);

    QTreeWidget *vmList() const { return m_vms; }
    QPushButton *okButton() const { return m_ok; }
    // The ticked VMs by host.
    QMap<int, QList<QUuid>> plan() const;
    console::ScanKind kind() const;
    QStringList paths() const;
    void setAllChecked(bool checked);

private:
    void validate();
    bool checkPaths();
    int checkedCount() const;

    console::Fleet *m_fleet;
    QComboBox *m_kind;
    QLineEdit *m_paths;
    QTreeWidget *m_vms;
    QLabel *m_count;
    QLabel *m_error;
    QPushButton *m_ok;
};

} // namespace mamori::ui
