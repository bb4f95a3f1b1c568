// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QUuid>

#include <functional>

class QMenu;
class QModelIndex;

namespace mamori::ui {

class IncidentsPage;

using OpenVmFunction = std::function<void(int hostId, const QUuid &vm)>;

// The menu of an incident row: open its VM's page, then the page's own
// incident actions as they stand (the same buttons, enabled and explained
// the same way; choosing one clicks it). Null off a row. The caller owns it.
QMenu *incidentMenu(IncidentsPage *page, const QModelIndex &index, const OpenVmFunction &openVm);
// Gives the page's incident rows that menu on right-click (or the menu key).
void installIncidentMenu(IncidentsPage *page, const OpenVmFunction &openVm);

} // namespace mamori::ui
