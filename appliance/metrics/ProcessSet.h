// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ProcFs.h"

#include <QHash>
#include <QList>

#include <unordered_map>

namespace mamori::appliance {

// Counters of one measured thing since it was first read. CPU and I/O only
// grow; memory is the current value.
struct SourceCounters
{
    double cpuSeconds = 0;
    qint64 memoryBytes = 0;
    double readBytes = 0;
    double writeBytes = 0;
};

// The summed resource use of a set of processes, read from /proc.
//
// A process's CPU time and I/O counters include those of the children it has
// reaped (cutime/cstime, and the kernel adds a reaped child's I/O to its
// parent's /proc/PID/io). So when a member we have already counted exits and
// its parent is a member, the parent's counters jump by the child's whole
// life: we subtract what we had already counted of the child. A process
// that exits and is reaped by a non-member loses at most its last interval.
// A descendant found later counts from its birth (its counters start at 0 at
// fork); a listed PID that appears later counts from when it is first seen.
class ProcessSet
{
public:
    enum class Mode {
        Listed, // exactly the given PIDs
        Tree, // the given PIDs and all their descendants
    };

    void setMode(Mode mode) { m_mode = mode; }
    // Replaces the PIDs; readings of those that stay are kept.
    void setPids(const QList<qint64> &pids) { m_pids = pids; }
    // rchar/wchar (bytes through read()/write(), cache hits included) stand
    // in for read_bytes/write_bytes while the latter have never been non-zero
    // for any member: kernels without task I/O accounting, some sandboxes.
    void setCharFallback(bool on) { m_charFallback = on; }

    // Reads every member. `children` (pid -> child PIDs of the whole system)
    // rediscovers the descendants in Tree mode; without it the members known
    // from the last rediscovery are read. False when no member exists.
    bool update(procfs::ChildrenLookup *children);
    SourceCounters counters() const;
    void reset();
    int memberCount() const { return int(m_prev.size()); }

private:
    struct Reading
    {
        procfs::ProcStat stat;
        qint64 rssPages = 0;
        procfs::ProcIo io;
    };
    struct Files
    {
        procfs::KeptFile stat, statm, io;
    };
    bool read(qint64 pid, Reading *out);
    QList<qint64> members(procfs::ChildrenLookup *children) const;

    Mode m_mode = Mode::Listed;
    QList<qint64> m_pids;
    bool m_charFallback = false;
    bool m_primed = false;
    bool m_discovered = false;
    bool m_storageSeen = false;
    QHash<qint64, Reading> m_prev;
    std::unordered_map<qint64, Files> m_files;
    quint64 m_ticks = 0;
    qint64 m_rssPages = 0;
    double m_read = 0;
    double m_write = 0;
};

} // namespace mamori::appliance
