// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/realtime/RealtimeWatcher.h"

#include "appliance/fs/PosixIo.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF
    | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK;
// Changes are collected for a moment so that a file written in a burst is
// scanned once, still well within a second.
constexpr int kSettleMs = 200;

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
    if (!QFileInfo(root).isDir()) {
        *error = QStringLiteral("%1 is not a readable folder").arg(root);
        return false;
    }
    m_roots.insert(vmId, root);
    addTree(vmId, root);
    return true;
}

void RealtimeWatcher::unwatch(const QString &vmId)
{
    if (!m_roots.remove(vmId))
        return;
    for (auto it = m_dirs.begin(); it != m_dirs.end();) {
        if (it->vmId == vmId) {
            inotify_rm_watch(m_fd, it.key());
            it = m_dirs.erase(it);
        } else {
            ++it;
        }
    }
}

void RealtimeWatcher::addTree(const QString &vmId, const QString &dir)
{
    QStringList dirs {dir};
    QDirIterator it(dir, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::NoSymLinks,
        QDirIterator::Subdirectories);
    while (it.hasNext())
        dirs.append(it.next());
    for (const QString &d : dirs) {
        const int wd = inotify_add_watch(m_fd, QFile::encodeName(d).constData(), kMask);
        if (wd < 0) {
            // Out of watches: report it as an overflow so the VM gets a
            // quick scan instead of silently missing changes.
            Q_EMIT overflowed(vmId);
            return;
        }
        m_dirs.insert(wd, {vmId, d});
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
            const QString path = dir->path + QLatin1Char('/') + QFile::decodeName(e->name);
            if (e->mask & IN_ISDIR) {
                // A new folder: watch it, and scan what landed in it before
                // the watch existed.
                if (e->mask & (IN_CREATE | IN_MOVED_TO)) {
                    const QString vm = dir->vmId;
                    addTree(vm, path);
                    QDirIterator files(path, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
                    while (files.hasNext())
                        m_pending.insert(files.next(), vm);
                }
            } else if (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
                m_pending.insert(path, dir->vmId);
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
    for (auto it = pending.begin(); it != pending.end(); ++it)
        Q_EMIT fileChanged(it.value(), it.key());
}

} // namespace mamori::appliance
