// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace mamori::console {
struct Vm;
} // namespace mamori::console

namespace mamori::ui {

// Rows of the HTML detail tables (the Hosts and VMs page's pane, a VM's
// page). Every value is escaped: names and paths may hold anything.
class DetailRows
{
    Q_DECLARE_TR_FUNCTIONS(DetailRows)

public:
    static QString row(const QString &label, const QString &value);
    // Where the VM's files are: its folder on the host, or each disk and
    // its golden image.
    static QString storage(const console::Vm &vm);
};

} // namespace mamori::ui
