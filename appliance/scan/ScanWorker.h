// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/scan/ScanTypes.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace mamori::appliance {

class ScanCache;

// Runs one scan job on a thread of its own.
//
// Create it on the owner thread (the appliance's main thread), connect its
// signals, then start(). Signals are emitted from the scan thread, so
// receivers on the owner thread get them queued, in order; finished() is
// always the last one. cancel(), pause() and resume() may be called from any
// thread. Delete the worker (deleteLater() from the finished() slot is fine)
// only on the owner thread: the destructor cancels and joins the thread. The
// ScanCache must outlive the worker; the engine is held by the request.
//
// Cancellation and pausing take effect between files (and between read
// chunks while a file is hashed); libclamav cannot be interrupted inside
// one file, which the engine's size limits keep short.
class ScanWorker : public QObject
{
    Q_OBJECT

public:
    ScanWorker(ScanRequest request, ScanCache &cache, QObject *parent = nullptr);
    ~ScanWorker() override;

    // The checks start() makes before scanning, for the scheduler to refuse
    // a request before queueing it: a known kind, an engine, an existing
    // root, and custom paths (in the API's escaped form) that all resolve
    // inside the root without a symbolic link. errorCode is
    // a protocol error code name ("path_outside_vm", "invalid_argument",
    // "not_found", "unavailable").
    static bool validate(const ScanRequest &request, QString *errorCode, QString *message);
    // See ScanTargets::resolveInsideRoot.
    static bool resolveInsideRoot(
        const QString &root, const QString &vmPath, QByteArray *normalized, QString *error);

    const ScanRequest &request() const { return m_request; }

    // Starts the scan thread; false if already started. A request that
    // fails validate() for anything but the tree (a custom path the guest
    // turned into a link since, which is reported as a file error) ends in
    // finished(Failed) without touching a file.
    bool start();
    void cancel();
    // A paused worker blocks before its next file and resumes there.
    void pause();
    void resume();
    bool isPaused() const { return m_paused.load(); }
    bool isCancelled() const { return m_cancelled.load(); }

Q_SIGNALS:
    // At most about 4 per second, and once more at the end.
    void progress(const mamori::appliance::ScanProgress &progress);
    void detection(const mamori::appliance::Detection &detection);
    // Not fully scanned (limits exceeded, encrypted archive): never cached,
    // so it is reported again by every scan until it is dealt with.
    void incomplete(const QString &vmPath, const QString &reason);
    void fileError(const QString &vmPath, const QString &reason);
    // When the scan thread actually blocks on pause() and when it goes on.
    void pausedChanged(bool paused);
    void finished(const mamori::appliance::ScanOutcome &outcome);

private:
    static bool checkRequest(
        const ScanRequest &request, bool withTree, QString *errorCode, QString *message);
    void run();
    bool checkpoint();

    const ScanRequest m_request;
    ScanCache &m_cache;
    std::thread m_thread;
    std::atomic_bool m_cancelled {false};
    std::atomic_bool m_paused {false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

} // namespace mamori::appliance
