// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

// A program as the dynamic loader starts it: the program, every library it
// links (as ldd resolves them, once) and the loader.
class LinkedProgram
{
public:
    // Not valid on failure, with *error set.
    static LinkedProgram resolve(const QString &program, QString *error);
    bool isValid() const { return !m_loader.isEmpty(); }

    // Its files where they are (none if not valid).
    QStringList files() const;

    // Private copies of the program, its libraries and the loader, all in
    // one folder: `command` runs the program from them, so that its pages
    // are its own, shared with no other process; `files` are the copies.
    //
    // Why: PSS splits a page between the processes that map it, and
    // processes in different VMs share no page. The bench's desk workloads
    // stand for the VMs' own activity (`mamori-appliance lab-workload`
    // processes): from the real files they would take a share of the
    // appliance's library pages. Its 25 agents (clamscan) stand for
    // software in 25 VMs: from the real files they would split their
    // libraries' pages 25 ways. Neither happens on a real host
    // (docs/benchmarks.md, image VMs).
    struct Copy
    {
        QStringList command;
        QStringList files;
    };
    // Empty on failure, with *error set (left as resolve() set it when this
    // is not valid).
    std::optional<Copy> copyTo(const QString &dir, QString *error) const;

private:
    QString m_program;
    QList<std::pair<QString, QString>> m_libraries; // (name the loader looks for, its file)
    QString m_loader;
};
