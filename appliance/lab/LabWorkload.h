// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <QStringList>

// One lab VM's "user": a process whose CPU, memory and disk use move the way a
// desk worker's do, so that the VM's metrics are alive. Bounded to about 3 %
// of one core on average and well under 64 MiB resident.
namespace mamori::appliance {

struct LabWorkloadOptions
{
    QString root; // the VM root; work happens under its user's Temp
    quint64 seed = 1; // the same seed gives the same sequence of actions
    qint64 durationMs = 0; // 0: until SIGTERM or SIGINT
};

// Runs until SIGTERM/SIGINT (exit code 0) or the duration ends.
int runLabWorkload(const LabWorkloadOptions &options);

// `mamori-appliance lab-workload --root VMROOT [--seed S] [--duration-ms MS]`.
// `args` starts with the program name, as QCoreApplication::arguments() does;
// a "lab-workload" word after it is skipped. Exit code 2 on a usage error.
int runLabWorkload(const QStringList &args);

} // namespace mamori::appliance
