// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <QStringList>

// The command that runs `program` from private copies of itself, of every
// library it links and of the dynamic loader, all in `dir`: its pages are
// then its own, shared with no other process.
//
// Why: the bench's desk workloads stand for the VMs' own activity. They are
// `mamori-appliance lab-workload` processes, and PSS splits a page between
// the processes that map it, so desks run from the real files would take a
// share of the appliance's and clamscan's library pages, which no VM's
// processes do on a real host (docs/benchmarks.md, image VMs). Empty on
// failure, with *error set.
QStringList privateCopyCommand(const QString &program, const QString &dir, QString *error);
