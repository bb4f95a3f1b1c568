// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/scan/AccessGuard.h"

#include "appliance/engine/ScanEngine.h"
#include "appliance/fs/GuestPath.h"
#include "appliance/fs/PosixIo.h"
#include "appliance/fs/VmRoot.h"
#include "appliance/scan/FileScanner_p.h"
#include "appliance/scan/ScanCache.h"

#include <QFileInfo>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

QString failure(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what), fs::errnoText());
}

int openFanotify()
{
    return ::fanotify_init(
        FAN_CLASS_CONTENT | FAN_CLOEXEC | FAN_NONBLOCK, O_RDONLY | O_LARGEFILE | O_CLOEXEC);
}

// The kernel's name of the file behind `fd`, as bytes: a guest's names need
// not be text.
QByteArray pathOfFd(int fd)
{
    char link[64];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    char target[PATH_MAX];
    const ssize_t n = ::readlink(link, target, sizeof target);
    return n > 0 ? QByteArray(target, n) : QByteArray();
}

} // namespace

AccessGuard::AccessGuard(ScanCache &cache, QObject *parent) : QObject(parent), m_cache(cache) { }

AccessGuard::~AccessGuard()
{
    stop();
}

bool AccessGuard::isSupported(QString *why)
{
    const int fd = openFanotify();
    if (fd < 0) {
        if (why)
            *why = failure("fanotify_init");
        return false;
    }
    ::close(fd);
    return true;
}

bool AccessGuard::isGuarding(const QString &vmId) const
{
    std::lock_guard lock(m_mutex);
    return m_fd >= 0 && m_roots.contains(vmId);
}

void AccessGuard::setEngine(const Engine &engine)
{
    std::lock_guard lock(m_mutex);
    m_engine = engine;
}

void AccessGuard::setAllowedHashes(const QSet<QString> &sha256s)
{
    std::lock_guard lock(m_mutex);
    m_allowed = sha256s;
}

bool AccessGuard::setRoots(const QHash<QString, QString> &roots, QString *error)
{
    QHash<QString, QString> canonical;
    for (auto it = roots.begin(); it != roots.end(); ++it) {
        // The kernel names files by their real path.
        const QString root = QFileInfo(it.value()).canonicalFilePath();
        if (!root.isEmpty())
            canonical.insert(it.key(), root);
    }
    QHash<QString, QByteArray> rootBytes;
    for (auto it = canonical.cbegin(); it != canonical.cend(); ++it)
        rootBytes.insert(it.key(), QFile::encodeName(it.value()));
    {
        std::lock_guard lock(m_mutex);
        if (canonical == m_roots && (m_fd >= 0) == !canonical.isEmpty())
            return true;
    }
    if (canonical.isEmpty()) {
        stop();
        std::lock_guard lock(m_mutex);
        m_roots.clear();
        m_rootBytes.clear();
        return true;
    }
    if (m_fd < 0 && !start(error))
        return false;
    if (!mark(canonical, error)) {
        stop();
        return false;
    }
    std::lock_guard lock(m_mutex);
    m_roots = canonical;
    m_rootBytes = rootBytes;
    return true;
}

bool AccessGuard::start(QString *error)
{
    m_fd = openFanotify();
    if (m_fd < 0) {
        *error = failure("fanotify_init");
        return false;
    }
    m_wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_wake < 0) {
        *error = failure("eventfd");
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_stopping = false;
    m_reader = std::thread([this] { readLoop(); });
    m_scanner = std::thread([this] { scanLoop(); });
    return true;
}

// Marks the mounts that hold the roots (a mount mark covers a whole tree;
// inode marks would need one per folder, kept up to date as folders come
// and go). Marks of mounts no longer needed are dropped by starting over.
bool AccessGuard::mark(const QHash<QString, QString> &roots, QString *error)
{
    if (::fanotify_mark(m_fd, FAN_MARK_FLUSH | FAN_MARK_MOUNT, 0, AT_FDCWD, nullptr) != 0) {
        *error = failure("fanotify_mark");
        return false;
    }
    for (const QString &root : roots) {
        if (::fanotify_mark(m_fd, FAN_MARK_ADD | FAN_MARK_MOUNT, FAN_OPEN_PERM, AT_FDCWD,
                QFile::encodeName(root).constData())
            != 0) {
            *error = failure("fanotify_mark") + QStringLiteral(" (%1)").arg(root);
            return false;
        }
    }
    return true;
}

void AccessGuard::stop()
{
    if (m_fd < 0)
        return;
    m_stopping = true;
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wake, &one, sizeof one);
    m_queued.notify_all();
    m_reader.join();
    m_scanner.join();
    std::deque<Pending> left;
    {
        std::lock_guard lock(m_mutex);
        left.swap(m_queue);
    }
    for (const Pending &p : left)
        respond(p.fd, true);
    // Closing the group allows whatever the kernel still holds for it.
    ::close(m_fd);
    ::close(m_wake);
    m_fd = m_wake = -1;
}

void AccessGuard::respond(int fd, bool allow)
{
    struct fanotify_response response
    {
    };
    response.fd = fd;
    response.response = allow ? FAN_ALLOW : FAN_DENY;
    while (::write(m_fd, &response, sizeof response) < 0 && errno == EINTR) { }
    ::close(fd);
}

bool AccessGuard::findRoot(const QByteArray &hostPath, Pending *p) const
{
    for (auto it = m_rootBytes.begin(); it != m_rootBytes.end(); ++it) {
        const QByteArray &root = it.value();
        if (!hostPath.startsWith(root))
            continue;
        const QByteArray rest = root == "/" ? hostPath : hostPath.mid(root.size());
        if (!rest.isEmpty() && !rest.startsWith('/'))
            continue;
        p->vmId = it.key();
        p->root = m_roots.value(it.key());
        p->vmPath = rest.isEmpty() ? QByteArray("/") : rest;
        return true;
    }
    return false;
}

void AccessGuard::readLoop()
{
    const pid_t self = ::getpid();
    alignas(struct fanotify_event_metadata) char buffer[64 * 1024];
    pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_wake, POLLIN, 0}};
    while (!m_stopping) {
        if (::poll(fds, 2, -1) < 0 && errno != EINTR)
            break;
        if (fds[1].revents)
            break;
        const ssize_t len = ::read(m_fd, buffer, sizeof buffer);
        if (len <= 0)
            continue;
        auto *event = reinterpret_cast<const struct fanotify_event_metadata *>(buffer);
        for (ssize_t left = len; FAN_EVENT_OK(event, left); event = FAN_EVENT_NEXT(event, left)) {
            if (event->vers != FANOTIFY_METADATA_VERSION || event->fd < 0)
                continue;
            if (!(event->mask & FAN_OPEN_PERM)) {
                ::close(event->fd);
                continue;
            }
            if (event->pid == self) {
                respond(event->fd, true);
                continue;
            }
            Pending p;
            p.fd = event->fd;
            struct stat st;
            bool queue = false;
            {
                std::lock_guard lock(m_mutex);
                if (findRoot(pathOfFd(event->fd), &p) && ::fstat(p.fd, &st) == 0
                    && S_ISREG(st.st_mode) && st.st_size > 0) {
                    const auto known = m_cache.digestForStat(detail::FileScanner::keyOf(st));
                    queue = !(known && m_cache.isClean(*known, m_engine.patternVersion));
                }
                if (queue)
                    m_queue.push_back(p);
            }
            if (queue)
                m_queued.notify_one();
            else
                respond(p.fd, true);
        }
    }
}

void AccessGuard::scanLoop()
{
    // One scanner (buffers, memfd) for as long as the engine stays the same.
    Engine current;
    std::unique_ptr<detail::FileScanner> scanner;
    for (;;) {
        Pending p;
        {
            std::unique_lock lock(m_mutex);
            m_queued.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                return;
            p = m_queue.front();
            m_queue.pop_front();
            if (m_engine.engine != current.engine
                || m_engine.patternVersion != current.patternVersion) {
                scanner.reset();
                current = m_engine;
                if (current.engine)
                    scanner = std::make_unique<detail::FileScanner>(
                        *current.engine, m_cache, current.patternVersion, m_stopping);
            }
        }
        decide(p, scanner.get());
    }
}

void AccessGuard::decide(const Pending &p, detail::FileScanner *scanner)
{
    // What is scanned is the descriptor the kernel handed over, never a path.
    const QString vmPath = fs::displayPath(p.vmPath);
    struct stat st;
    if (!scanner || ::fstat(p.fd, &st) != 0) {
        respond(p.fd, true);
        return;
    }
    const detail::FileScanner::Result r = scanner->scan(p.fd, st, vmPath);
    bool allow = r.kind != detail::FileScanner::Result::Infected;
    if (!allow) {
        std::lock_guard lock(m_mutex);
        allow = m_allowed.contains(r.sha256);
    }
    respond(p.fd, allow);
    switch (r.kind) {
    case detail::FileScanner::Result::Infected: {
        if (allow)
            break;
        ++m_denied;
        Detection d;
        d.vmId = p.vmId;
        d.jobId = QStringLiteral("realtime");
        d.vmPath = p.vmPath;
        d.root = p.root;
        d.hostPath = fs::VmFile {p.root, p.vmPath}.hostPath();
        d.threat = r.threat;
        d.sha256 = r.sha256;
        d.size = qint64(st.st_size);
        Q_EMIT detection(d);
        break;
    }
    case detail::FileScanner::Result::Incomplete:
    case detail::FileScanner::Result::Error:
        Q_EMIT incomplete(p.vmId, vmPath, r.reason);
        break;
    default:
        break;
    }
}

} // namespace mamori::appliance
