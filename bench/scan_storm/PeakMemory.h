// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

// The peak of the summed PSS of a process tree, sampled on a thread of its
// own every few milliseconds: a loop that also waits on HTTP answers samples
// too seldom and misses short peaks (an Argon2 login holds 64 MiB for 0.2 s;
// a scanned file lives for milliseconds).
//
// A child that shares its parent's memory (the moment between a
// posix_spawn-style clone and its exec) is counted once, not twice.
//
// While excluded() is set, samples go to a peak of their own: the bench sets
// it around the one request it makes that is not scanning (the login).
class PeakMemory
{
public:
    explicit PeakMemory(std::vector<pid_t> roots, int intervalMs = 10);
    ~PeakMemory();
    PeakMemory(const PeakMemory &) = delete;
    PeakMemory &operator=(const PeakMemory &) = delete;

    void setExcluded(bool excluded) { m_excluded.store(excluded); }
    // Stops sampling; the peaks stay readable.
    void stop();

    std::int64_t peakBytes() const { return m_peak.load(); }
    std::int64_t excludedPeakBytes() const { return m_excludedPeak.load(); }
    std::int64_t samples() const { return m_samples.load(); }
    // Whether every process's PSS could be read (else RSS was summed).
    bool pss() const { return m_pss.load(); }
    // Every process seen in the tree, for the caller's descendant count.
    std::vector<pid_t> seen() const;

    // The processes that map a file whose path contains `needle` now, but
    // not from under `ignoredDir` (private copies share nothing). PSS splits
    // a shared page between the processes that map it: one left over from
    // an earlier run makes the measured ones look smaller.
    static std::vector<pid_t> processesMapping(const char *needle, const std::string &ignoredDir);

    // Summed PSS (or RSS) of `roots` and their descendants now.
    static std::int64_t sample(
        const std::vector<pid_t> &roots, bool *pss, std::vector<pid_t> *tree = nullptr);

private:
    void run(int intervalMs);

    const std::vector<pid_t> m_roots;
    std::atomic_bool m_stop {false};
    std::atomic_bool m_excluded {false};
    std::atomic_bool m_pss {true};
    std::atomic<std::int64_t> m_peak {0};
    std::atomic<std::int64_t> m_excludedPeak {0};
    std::atomic<std::int64_t> m_samples {0};
    mutable std::mutex m_seenLock;
    std::vector<pid_t> m_seen;
    std::thread m_thread;
};
