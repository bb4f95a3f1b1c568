// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QStringList>

namespace mamori::appliance::image {

// The command-line tools image VMs use (qemu-nbd, qemu-img, mkfs.ext4,
// mkntfs). Unprivileged users have no /usr/sbin on their PATH, yet
// mkfs.ext4 and mkntfs work for them on plain files: look there too.
QString findTool(const QString &name);

// Runs a tool to its end (for the lab and the tests, never on the
// appliance's main thread); false (and *error with its stderr) unless it
// exits with 0.
bool runTool(const QString &name, const QStringList &args, QString *error,
    QByteArray *output = nullptr, int timeoutMs = 600000);

} // namespace mamori::appliance::image
