// SPDX-License-Identifier: GPL-2.0-or-later
#include "PeakMemory.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

// Plain reads: /proc files are small, and this thread must not allocate much
// or take locks the measured processes' tools would notice.
std::string readProc(pid_t pid, const char *name)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/%s", int(pid), name);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        text.append(buffer, size_t(n));
    }
    ::close(fd);
    return text;
}

// "Key:   1234 kB" -> 1234, or -1.
long long field(const std::string &text, const char *key)
{
    const std::string k = std::string("\n") + key + ':';
    const std::string::size_type at = ("\n" + text).find(k);
    if (at == std::string::npos)
        return -1;
    return std::strtoll(text.c_str() + at + k.size() - 1, nullptr, 10);
}

// The children of every thread of `pid` (a thread that forks is the
// child's parent), without walking all of /proc for each sample.
std::vector<pid_t> childrenOf(pid_t pid)
{
    std::vector<pid_t> out;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/task", int(pid));
    DIR *tasks = ::opendir(path);
    if (!tasks)
        return out;
    while (const dirent *e = ::readdir(tasks)) {
        if (e->d_name[0] == '.')
            continue;
        const std::string list =
            readProc(pid, ("task/" + std::string(e->d_name) + "/children").c_str());
        const char *at = list.c_str();
        for (;;) {
            char *end = nullptr;
            const long child = std::strtol(at, &end, 10);
            if (end == at)
                break;
            out.push_back(pid_t(child));
            at = end;
        }
    }
    ::closedir(tasks);
    return out;
}

bool sharesMemoryWith(pid_t a, pid_t b)
{
    return ::syscall(SYS_kcmp, a, b, KCMP_VM, 0, 0) == 0;
}

} // namespace

PeakMemory::PeakMemory(std::vector<pid_t> roots, int intervalMs) : m_roots(std::move(roots))
{
    m_thread = std::thread([this, intervalMs] { run(intervalMs); });
}

PeakMemory::~PeakMemory()
{
    stop();
}

void PeakMemory::stop()
{
    m_stop.store(true);
    if (m_thread.joinable())
        m_thread.join();
}

std::vector<pid_t> PeakMemory::seen() const
{
    const std::lock_guard lock(m_seenLock);
    return m_seen;
}

std::vector<pid_t> PeakMemory::processesMapping(const char *needle, const std::string &ignoredDir)
{
    std::vector<pid_t> out;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return out;
    while (const dirent *e = ::readdir(proc)) {
        char *end = nullptr;
        const long pid = std::strtol(e->d_name, &end, 10);
        if (end == e->d_name || *end != '\0' || pid == long(::getpid()))
            continue;
        const std::string maps = readProc(pid_t(pid), "maps");
        for (std::string::size_type at = maps.find(needle); at != std::string::npos;
             at = maps.find(needle, at + 1)) {
            const std::string::size_type lineStart = maps.rfind('\n', at) + 1;
            const std::string::size_type path = maps.find('/', lineStart);
            if (ignoredDir.empty() || path == std::string::npos
                || maps.compare(path, ignoredDir.size(), ignoredDir) != 0) {
                out.push_back(pid_t(pid));
                break;
            }
        }
    }
    ::closedir(proc);
    return out;
}

std::int64_t PeakMemory::sample(
    const std::vector<pid_t> &roots, bool *pss, std::vector<pid_t> *tree)
{
    std::int64_t total = 0;
    std::vector<std::pair<pid_t, pid_t>> todo; // (pid, parent)
    for (pid_t r : roots)
        todo.emplace_back(r, 0);
    while (!todo.empty()) {
        const auto [pid, parent] = todo.back();
        todo.pop_back();
        for (pid_t child : childrenOf(pid))
            todo.emplace_back(child, pid);
        if (parent > 0 && sharesMemoryWith(pid, parent))
            continue; // not exec'd yet: its pages are its parent's
        const std::string rollup = readProc(pid, "smaps_rollup");
        long long kb = field(rollup, "Pss");
        if (kb < 0 && !rollup.empty())
            *pss = false;
        if (kb < 0) {
            kb = field(readProc(pid, "status"), "VmRSS");
            if (kb >= 0)
                *pss = false;
        }
        if (kb > 0)
            total += kb * 1024;
        if (tree)
            tree->push_back(pid);
    }
    return total;
}

void PeakMemory::run(int intervalMs)
{
    using namespace std::chrono;
    auto next = steady_clock::now();
    while (!m_stop.load()) {
        bool pss = true;
        std::vector<pid_t> tree;
        // Read the flag before and after: a sample that overlaps the
        // excluded window in any part counts as excluded.
        const bool excludedBefore = m_excluded.load();
        const std::int64_t bytes = sample(m_roots, &pss, &tree);
        const bool excluded = excludedBefore || m_excluded.load();
        std::atomic<std::int64_t> &peak = excluded ? m_excludedPeak : m_peak;
        if (bytes > peak.load())
            peak.store(bytes);
        if (!pss)
            m_pss.store(false);
        m_samples.fetch_add(1);
        {
            const std::lock_guard lock(m_seenLock);
            for (pid_t p : tree) {
                if (std::find(m_seen.begin(), m_seen.end(), p) == m_seen.end())
                    m_seen.push_back(p);
            }
        }
        next += milliseconds(intervalMs);
        const auto now = steady_clock::now();
        if (next < now)
            next = now; // a slow sample: no burst to catch up
        else
            std::this_thread::sleep_until(next);
    }
}
