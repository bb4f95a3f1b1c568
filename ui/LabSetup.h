// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QStringList>

namespace mamori::console {
class Fleet;
}

namespace mamori::ui {

// For the lab only (mamori-console --lab DIR): adds the lab host in each DIR,
// pinned to the certificate in its data folder and signed in as its
// security administrator from DIR/lab-credentials (mode 0600), with the
// password kept in memory only. A real appliance is added through the
// Add Appliance dialog, comparing fingerprints.
bool addLabAppliances(console::Fleet *fleet, const QStringList &dirs, QString *error);

} // namespace mamori::ui
