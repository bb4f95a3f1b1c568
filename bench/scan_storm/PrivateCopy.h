// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <QStringList>

// The command that runs `program` from private copies of itself, of every
// library it links and of the dynamic loader, all in `dir`: its pages are
// then its own, shared with no other process.
//
// Why: PSS splits a page between the processes that map it, and processes
// in different VMs share no page. The bench's desk workloads stand for the
// VMs' own activity (`mamori-appliance lab-workload` processes): from the
// real files they would take a share of the appliance's library pages.
// Its 25 agents (clamscan) stand for software in 25 VMs: from the real
// files they would split their libraries' pages 25 ways. Neither happens on
// a real host (docs/benchmarks.md, image VMs). Empty on failure, with
// *error set.
QStringList privateCopyCommand(const QString &program, const QString &dir, QString *error);

// The files the dynamic loader maps to start `program`: the program, every
// library it links (as ldd resolves them) and the loader. Empty on failure,
// with *error set.
QStringList programFiles(const QString &program, QString *error);
