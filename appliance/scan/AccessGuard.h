// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/scan/ScanTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace mamori::appliance {

class ScanCache;
class ScanEngine;
namespace detail {
class FileScanner;
}

// On-access blocking, the real-time mode "block": with fanotify permission
// events, opening a file under the root of a VM in that mode waits until the
// file is found clean, and fails with EPERM when it is infected, the way
// on-access products deny access. It needs CAP_SYS_ADMIN (the appliance runs
// as root on a real host); elsewhere setRoots() fails and says why, and the
// VM keeps the real-time scanning after writing that mode "on" gives.
//
// Threads. A reader thread answers at once every open that needs no scan:
// the appliance's own (its scans, libclamav's temporary files: waiting for
// ourselves would deadlock), files outside the guarded roots (the mark is on
// the whole mount), and files the scan cache knows clean by their stat. It
// never waits on anything else, so the rest of the mount stays fast. One scan
// thread decides the remaining files in order, with the scan cache.
//
// Fail-open where no verdict is possible (no pattern yet, a file over the size
// limit, a read error): denying every open of a desktop because of a problem
// of the appliance would be worse than the gap, which incomplete() reports.
// If the appliance dies, the kernel allows whatever was waiting.
class AccessGuard : public QObject
{
    Q_OBJECT

public:
    struct Engine
    {
        std::shared_ptr<const ScanEngine> engine;
        QString patternVersion;
    };

    explicit AccessGuard(ScanCache &cache, QObject *parent = nullptr);
    ~AccessGuard() override;

    // Whether fanotify permission events can be used here, and if not, why.
    static bool isSupported(QString *why);

    // VM id → host root of every VM in mode "block". An empty map stops
    // guarding. False (with why) when fanotify cannot be used.
    bool setRoots(const QHash<QString, QString> &roots, QString *error);
    bool isActive() const { return m_fd >= 0; }
    bool isGuarding(const QString &vmId) const;

    // Both thread-safe; the scan thread picks them up for its next file.
    void setEngine(const Engine &engine);
    // SHA-256 (hex) of contents the admin allowed: never denied.
    void setAllowedHashes(const QSet<QString> &sha256s);

    qint64 deniedOpens() const { return m_denied.load(); }

Q_SIGNALS:
    // From the scan thread (receivers get them queued).
    void detection(const mamori::appliance::Detection &detection);
    void incomplete(const QString &vmId, const QString &vmPath, const QString &reason);

private:
    struct Pending
    {
        int fd = -1;
        QString vmId;
        QString root;
        QByteArray vmPath; // bytes: a guest's names need not be text
    };

    bool start(QString *error);
    void stop();
    bool mark(const QHash<QString, QString> &roots, QString *error);
    void readLoop();
    void scanLoop();
    void decide(const Pending &pending, detail::FileScanner *scanner);
    // Writes the kernel's answer and closes the event's descriptor.
    void respond(int fd, bool allow);
    // Fills the VM, its root and the path inside it for a host path.
    bool findRoot(const QByteArray &hostPath, Pending *pending) const;

    ScanCache &m_cache;
    int m_fd = -1;
    int m_wake = -1; // eventfd that stops the reader
    std::thread m_reader;
    std::thread m_scanner;
    std::atomic_bool m_stopping {false};
    std::atomic<qint64> m_denied {0};

    mutable std::mutex m_mutex; // guards everything below
    std::condition_variable m_queued;
    std::deque<Pending> m_queue;
    QHash<QString, QString> m_roots; // VM id → canonical root
    QHash<QString, QByteArray> m_rootBytes; // the same, as the kernel names it
    Engine m_engine;
    QSet<QString> m_allowed;
};

} // namespace mamori::appliance
