// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace mamori::appliance {

// Cancel, pause and resume of a scan thread, callable from any thread; the
// scan thread calls checkpoint() between files. (ScanWorker has the same
// logic inline; image scans use this.)
class ScanControl
{
public:
    void cancel()
    {
        {
            std::lock_guard lock(m_mutex);
            m_cancelled = true;
        }
        m_wake.notify_all();
    }
    void pause()
    {
        std::lock_guard lock(m_mutex);
        m_paused = true;
    }
    void resume()
    {
        {
            std::lock_guard lock(m_mutex);
            m_paused = false;
        }
        m_wake.notify_all();
    }
    bool isPaused() const { return m_paused.load(); }
    bool isCancelled() const { return m_cancelled.load(); }
    const std::atomic_bool &cancelledFlag() const { return m_cancelled; }

    // Blocks while paused, telling `pausedChanged` when it starts and stops
    // waiting. False once cancelled.
    bool checkpoint(const std::function<void(bool)> &pausedChanged)
    {
        if (m_paused.load() && !m_cancelled.load()) {
            pausedChanged(true);
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return !m_paused.load() || m_cancelled.load(); });
            }
            pausedChanged(false);
        }
        return !m_cancelled.load();
    }

private:
    std::atomic_bool m_cancelled {false};
    std::atomic_bool m_paused {false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

} // namespace mamori::appliance
