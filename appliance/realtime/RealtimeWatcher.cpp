// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/realtime/RealtimeWatcher.h"

#include "appliance/fs/GuestPath.h"
#include "appliance/fs/PosixIo.h"
#include "appliance/fs/VmRoot.h"
#include "appliance/scan/ScanTargets.h"

#include <QFile>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

// No IN_DONT_FOLLOW: the watch is placed through /proc/self/fd/N, a link to
// the very folder that was opened without following anything.
constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF
    | IN_ONLYDIR | IN_EXCL_UNLINK;
// Changes are collected for a moment so that a file written in a burst is
// scanned once, still well within a second.
constexpr int kSettleMs = 200;
// Folders as deep as the scan walk goes, and no deeper: each level of the
// walk holds a descriptor open.
constexpr int kMaxDepth = TreeWalker::kMaxDepth;

int depthOf(const QByteArray &vmPath)
{
    return vmPath == "/" ? 0 : int(vmPath.count('/'));
}

QByteArray childPath(const QByteArray &dir, const char *name)
{
    return (dir == "/" ? QByteArray() : dir) + '/' + name;
}

} // namespace

RealtimeWatcher::RealtimeWatcher(QObject *parent) : QObject(parent)
{
    m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0)
        return;
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &RealtimeWatcher::readEvents);
    m_flush.setSingleShot(true);
    m_flush.setInterval(kSettleMs);
    connect(&m_flush, &QTimer::timeout, this, &RealtimeWatcher::flushPending);
}

RealtimeWatcher::~RealtimeWatcher()
{
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RealtimeWatcher::watch(const QString &vmId, const QString &root, QString *error)
{
    if (m_fd < 0) {
        *error = QStringLiteral("inotify is not available: %1").arg(fs::errnoText());
        return false;
    }
    unwatch(vmId);
    if (!fs::VmRoot(root).isOpen()) {
        *error = QStringLiteral("%1 is not a readable folder").arg(root);
        return false;
    }
    m_roots.insert(vmId, {root, false});
    addTree(vmId, "/", false);
    return true;
}

void RealtimeWatcher::unwatch(const QString &vmId)
{
    if (!m_roots.remove(vmId))
        return;
    m_pending.remove(vmId);
    for (auto it = m_dirs.begin(); it != m_dirs.end();) {
        if (it->vmId == vmId) {
            inotify_rm_watch(m_fd, it.key());
            it = m_dirs.erase(it);
        } else {
            ++it;
        }
    }
}

bool RealtimeWatcher::addWatch(int dirFd, const QString &vmId, const QByteArray &vmPath, int *err)
{
    char procPath[64];
    std::snprintf(procPath, sizeof procPath, "/proc/self/fd/%d", dirFd);
    int wd = inotify_add_watch(m_fd, procPath, kMask);
    if (wd < 0 && errno == ENOENT && ::access("/proc/self/fd", F_OK) != 0) {
        // No /proc: the folder's host path, with the last component not
        // followed. Only where events come from depends on it; every file
        // they name is opened beneath the root again.
        QByteArray host = QFile::encodeName(m_roots.value(vmId).hostRoot);
        if (vmPath != "/")
            host += vmPath;
        wd = inotify_add_watch(m_fd, host.constData(), kMask | IN_DONT_FOLLOW);
    }
    if (wd < 0) {
        *err = errno;
        return errno != ENOSPC;
    }
    m_dirs.insert(wd, {vmId, vmPath});
    return true;
}

void RealtimeWatcher::addTree(const QString &vmId, const QByteArray &start, bool newFiles)
{
    const auto rootIt = m_roots.constFind(vmId);
    if (rootIt == m_roots.constEnd())
        return;
    int failures = 0;
    QString firstFailure;
    const auto failed = [&](const QByteArray &vmPath, const QString &why) {
        if (failures++ == 0)
            firstFailure = QStringLiteral("%1: %2").arg(fs::displayPath(vmPath), why);
    };
    bool outOfWatches = false;
    const auto watchFolder = [&](int dirFd, const QByteArray &vmPath) {
        if (outOfWatches)
            return false;
        if (depthOf(vmPath) >= kMaxDepth) {
            failed(vmPath, QStringLiteral("nested deeper than %1 folders").arg(kMaxDepth));
            return false;
        }
        int err = 0;
        outOfWatches = !addWatch(dirFd, vmId, vmPath, &err);
        if (err != 0 && !outOfWatches)
            failed(vmPath, fs::errnoText(err)); // its subfolders are still watched
        return !outOfWatches;
    };
    const auto file = [&](int, const char *, const QByteArray &vmPath, const struct stat &) {
        if (newFiles)
            m_pending[vmId].insert(vmPath);
        return !outOfWatches;
    };

    fs::Fd dir = fs::VmRoot(rootIt->hostRoot).open(start, O_RDONLY | O_DIRECTORY);
    if (!dir.valid()) {
        if (errno != ENOENT && errno != ENOTDIR) // gone again already: nothing to watch
            failed(start, fs::resolveErrorText(errno));
    } else {
        const Exclusions none;
        TreeWalker(none, {file, [](const QByteArray &) {}, failed, watchFolder})
            .walkDirectory(dir.release(), start);
    }

    if (outOfWatches) {
        // Out of watches: report it as an overflow so that the VM gets a
        // quick scan instead of silently missing changes.
        Q_EMIT overflowed(vmId);
        return;
    }
    Root &r = m_roots[vmId];
    if (failures > 0 && !r.failureReported) {
        r.failureReported = true;
        Q_EMIT watchFailed(vmId,
            QStringLiteral("folders that cannot be watched: %1 (the first: %2); files written "
                           "there are found by scans only")
                .arg(failures)
                .arg(firstFailure));
    }
}

void RealtimeWatcher::readEvents()
{
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (ssize_t at = 0; at < n;) {
            const auto *e = reinterpret_cast<const inotify_event *>(buffer + at);
            at += ssize_t(sizeof(inotify_event) + e->len);
            if (e->mask & IN_Q_OVERFLOW) {
                for (const QString &vm : m_roots.keys())
                    Q_EMIT overflowed(vm);
                continue;
            }
            const auto dir = m_dirs.constFind(e->wd);
            if (dir == m_dirs.constEnd())
                continue;
            if (e->mask & IN_IGNORED) {
                m_dirs.remove(e->wd);
                continue;
            }
            if (e->len == 0)
                continue;
            const QByteArray path = childPath(dir->vmPath, e->name);
            const QString vm = dir->vmId;
            if (e->mask & IN_ISDIR) {
                // A new folder: watch it, and scan what landed in it before
                // the watch existed.
                if (e->mask & (IN_CREATE | IN_MOVED_TO))
                    addTree(vm, path, true);
            } else if (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
                m_pending[vm].insert(path);
            }
        }
    }
    // Flush a fixed time after the first change, so that a steady stream of
    // writes cannot postpone scanning forever.
    if (!m_pending.isEmpty() && !m_flush.isActive())
        m_flush.start();
}

void RealtimeWatcher::flushPending()
{
    const auto pending = std::exchange(m_pending, {});
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        for (const QByteArray &path : it.value())
            Q_EMIT fileChanged(it.key(), path);
    }
}

} // namespace mamori::appliance
