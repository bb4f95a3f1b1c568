// SPDX-License-Identifier: GPL-2.0-or-later
#include "FleetSelection.h"

namespace mamori::ui {

void FleetSelection::set(int host, const QUuid &vm, const QList<QPair<int, QUuid>> &selected)
{
    if (host == m_host && vm == m_vm && selected == m_selected)
        return;
    m_host = host;
    m_vm = vm;
    m_selected = selected;
    Q_EMIT changed();
}

} // namespace mamori::ui
