// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace mamori::appliance::image {

// The appliance's runtime folder for the NBD sockets of image scans:
// systemd's $RUNTIME_DIRECTORY when it sets one, else DATA/run. Made 0711;
// what a previous run left there (sockets of exports that ended with it) is
// removed. When the folder's path is too long for a Unix socket, a private
// folder under /tmp is used instead. Empty (and *error) on failure.
QString prepareRuntimeDirectory(const QString &dataDir, QString *error);

} // namespace mamori::appliance::image
