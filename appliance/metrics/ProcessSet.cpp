// SPDX-License-Identifier: GPL-2.0-or-later
#include "ProcessSet.h"

#include <QSet>

namespace mamori::appliance {

namespace {

struct Delta
{
    qint64 ticks = 0;
    qint64 readBytes = 0;
    qint64 writeBytes = 0;
    qint64 rchar = 0;
    qint64 wchar = 0;

    void add(const procfs::ProcStat &s, const procfs::ProcIo &io, int sign)
    {
        ticks += sign * qint64(s.cpuTicks);
        readBytes += sign * qint64(io.readBytes);
        writeBytes += sign * qint64(io.writeBytes);
        rchar += sign * qint64(io.rchar);
        wchar += sign * qint64(io.wchar);
    }
};

} // namespace

bool ProcessSet::read(qint64 pid, Reading *out)
{
    auto it = m_files.find(pid);
    if (it == m_files.end()) {
        const QByteArray dir = "/proc/" + QByteArray::number(pid) + '/';
        it = m_files
                 .emplace(pid,
                     Files {procfs::KeptFile(dir + "stat"), procfs::KeptFile(dir + "statm"),
                         procfs::KeptFile(dir + "io")})
                 .first;
    }
    Files &files = it->second;
    const auto stat = files.stat.read();
    const auto parsed = stat ? procfs::parsePidStat(*stat) : std::nullopt;
    if (!parsed) {
        m_files.erase(it);
        return false;
    }
    out->stat = *parsed;
    const auto statm = files.statm.read();
    out->rssPages = statm ? procfs::parseStatmResidentPages(*statm).value_or(0) : 0;
    // Unreadable without ptrace rights over the process: then no I/O rather
    // than no sample.
    const auto io = files.io.read();
    out->io = io ? procfs::parsePidIo(*io).value_or(procfs::ProcIo {}) : procfs::ProcIo {};
    return true;
}

QList<qint64> ProcessSet::members(procfs::ChildrenLookup *children) const
{
    if (m_mode == Mode::Listed)
        return m_pids;
    if (!children) {
        QList<qint64> known = m_prev.keys();
        for (qint64 pid : m_pids) {
            if (!m_prev.contains(pid))
                known.append(pid);
        }
        return known;
    }
    QList<qint64> out;
    QSet<qint64> seen;
    QList<qint64> queue = m_pids;
    while (!queue.isEmpty()) {
        const qint64 pid = queue.takeLast();
        if (seen.contains(pid))
            continue;
        seen.insert(pid);
        out.append(pid);
        queue.append((*children)(pid));
    }
    return out;
}

bool ProcessSet::update(procfs::ChildrenLookup *children)
{
    QHash<qint64, Reading> current;
    for (qint64 pid : members(children)) {
        Reading r;
        if (read(pid, &r))
            current.insert(pid, r);
    }
    if (current.isEmpty()) {
        reset();
        return false;
    }

    const auto samePid = [](const QHash<qint64, Reading> &in, qint64 pid, quint64 start) {
        const auto it = in.constFind(pid);
        return it != in.constEnd() && it->stat.startTime == start;
    };
    // New descendants count from birth only once a full walk has been made:
    // before it, a "new" member may just be an old one not yet found.
    const bool countNew = m_primed && m_discovered && m_mode == Mode::Tree;
    Delta d;
    for (auto it = current.cbegin(); it != current.cend(); ++it) {
        const auto before = m_prev.constFind(it.key());
        if (before != m_prev.cend() && before->stat.startTime == it->stat.startTime) {
            d.add(it->stat, it->io, +1);
            d.add(before->stat, before->io, -1);
        } else if (countNew && !m_pids.contains(it.key())) {
            d.add(it->stat, it->io, +1);
        }
        if (it->io.readBytes + it->io.writeBytes > 0)
            m_storageSeen = true;
    }
    for (auto it = m_prev.cbegin(); it != m_prev.cend(); ++it) {
        if (samePid(current, it.key(), it->stat.startTime))
            continue;
        const auto parent = m_prev.constFind(it->stat.ppid);
        if (parent != m_prev.cend() && samePid(current, it->stat.ppid, parent->stat.startTime))
            d.add(it->stat, it->io, -1);
    }

    const bool useChars = m_charFallback && !m_storageSeen;
    m_ticks += quint64(qMax<qint64>(0, d.ticks));
    m_read += double(qMax<qint64>(0, useChars ? d.rchar : d.readBytes));
    m_write += double(qMax<qint64>(0, useChars ? d.wchar : d.writeBytes));
    m_rssPages = 0;
    for (const Reading &r : std::as_const(current))
        m_rssPages += r.rssPages;
    m_prev = std::move(current);
    for (auto it = m_files.begin(); it != m_files.end();) {
        if (m_prev.contains(it->first))
            ++it;
        else
            it = m_files.erase(it);
    }
    m_primed = true;
    if (children)
        m_discovered = true;
    return true;
}

SourceCounters ProcessSet::counters() const
{
    SourceCounters c;
    c.cpuSeconds = double(m_ticks) / double(procfs::clockTicksPerSecond());
    c.memoryBytes = m_rssPages * procfs::pageSize();
    c.readBytes = m_read;
    c.writeBytes = m_write;
    return c;
}

void ProcessSet::reset()
{
    m_prev.clear();
    m_files.clear();
    m_primed = false;
    m_discovered = false;
    m_storageSeen = false;
    m_ticks = 0;
    m_rssPages = 0;
    m_read = 0;
    m_write = 0;
}

} // namespace mamori::appliance
