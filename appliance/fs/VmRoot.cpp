// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/fs/VmRoot.h"

#include "appliance/fs/GuestPath.h"
#include "appliance/fs/PosixIo.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace mamori::appliance::fs {
namespace {

constexpr int kNone = -1;
std::atomic_int g_forced {kNone};

// Whether openat2 works here: decided by the first call, since a kernel
// without it (or a seccomp filter that hides it) answers ENOSYS every time.
std::atomic_int g_haveOpenat2 {kNone};

bool environmentWantsWalk()
{
    static const bool walk = qgetenv("MAMORI_FS_RESOLVER") == "walk";
    return walk;
}

Fd openWithOpenat2(int dirFd, const QByteArray &relative, int flags, mode_t mode)
{
    struct open_how how
    {
    };
    how.flags = quint64(flags);
    how.mode = (flags & (O_CREAT | O_TMPFILE)) ? quint64(mode) : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    for (;;) {
        const long fd = ::syscall(SYS_openat2, dirFd, relative.constData(), &how, sizeof how);
        if (fd < 0 && errno == EINTR)
            continue;
        if (fd < 0 && errno == EAGAIN) // a concurrent rename; retry as the manual says
            continue;
        return Fd(int(fd));
    }
}

// One component at a time: every folder is opened with O_NOFOLLOW relative
// to the one before, so nothing but the names given is ever looked up.
Fd openByWalking(int dirFd, QByteArrayView relative, int flags, mode_t mode)
{
    Fd current;
    int at = dirFd;
    qsizetype start = 0;
    for (;;) {
        const qsizetype slash = relative.indexOf('/', start);
        const bool last = slash < 0;
        const QByteArray name =
            relative.sliced(start, (last ? relative.size() : slash) - start).toByteArray();
        if (!last) {
            const int next =
                ::openat(at, name.constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (next < 0) {
                // O_PATH | O_NOFOLLOW on a link says ENOTDIR: name it for what it is.
                const int err = errno;
                struct stat st;
                errno = ::fstatat(at, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0
                        && S_ISLNK(st.st_mode)
                    ? ELOOP
                    : err;
                return {};
            }
            current.reset(next);
            at = next;
            start = slash + 1;
            continue;
        }
        return Fd(::openat(at, name.constData(), flags, mode));
    }
}

// O_PATH | O_NOFOLLOW opens a symbolic link itself instead of failing.
Fd refuseLink(Fd fd, int flags)
{
    struct stat st;
    if (fd.valid() && (flags & O_PATH) && ::fstat(fd.get(), &st) == 0 && S_ISLNK(st.st_mode)) {
        errno = ELOOP;
        return {};
    }
    return fd;
}

bool hasDotDot(QByteArrayView relative)
{
    qsizetype start = 0;
    while (start <= relative.size()) {
        qsizetype slash = relative.indexOf('/', start);
        if (slash < 0)
            slash = relative.size();
        if (relative.sliced(start, slash - start) == "..")
            return true;
        start = slash + 1;
    }
    return false;
}

} // namespace

QString VmFile::hostPath() const
{
    if (root.isEmpty() || root == QLatin1String("/"))
        return displayPath(path);
    const QString base = root.endsWith(QLatin1Char('/')) ? root.chopped(1) : root;
    return path == "/" ? base : base + displayPath(path);
}

VmRoot::Resolver VmRoot::resolver()
{
    const int forced = g_forced.load();
    if (forced != kNone)
        return Resolver(forced);
    if (environmentWantsWalk())
        return Resolver::Walk;
    if (g_haveOpenat2.load() == kNone) {
        const Fd probe = openWithOpenat2(AT_FDCWD, ".", O_PATH | O_CLOEXEC, 0);
        g_haveOpenat2 = probe.valid() || errno != ENOSYS ? 1 : 0;
    }
    return g_haveOpenat2.load() == 1 ? Resolver::Openat2 : Resolver::Walk;
}

QString VmRoot::resolverName()
{
    return resolver() == Resolver::Openat2 ? QStringLiteral("openat2") : QStringLiteral("walk");
}

void VmRoot::forceResolver(std::optional<Resolver> resolver)
{
    g_forced = resolver ? int(*resolver) : kNone;
}

bool VmRoot::open(const QString &hostRoot)
{
    m_hostRoot = hostRoot;
    m_fd.reset();
    if (hostRoot.isEmpty()) {
        errno = ENOENT;
        return false;
    }
    m_fd.reset(::open(QFile::encodeName(hostRoot).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    return m_fd.valid();
}

Fd VmRoot::open(QByteArrayView vmPath, int flags, mode_t mode) const
{
    if (!m_fd.valid()) {
        errno = EBADF;
        return {};
    }
    qsizetype skip = 0;
    while (skip < vmPath.size() && vmPath[skip] == '/')
        ++skip;
    return openBeneath(m_fd.get(), vmPath.sliced(skip), flags, mode);
}

Fd VmRoot::openParent(QByteArrayView vmPath, QByteArray *name) const
{
    qsizetype end = vmPath.size();
    while (end > 0 && vmPath[end - 1] == '/')
        --end;
    const QByteArrayView trimmed = vmPath.first(end);
    const qsizetype slash = trimmed.lastIndexOf('/');
    const QByteArrayView last = trimmed.sliced(slash + 1);
    if (last.isEmpty() || last == "." || last == "..") {
        errno = last == ".." ? EXDEV : EINVAL;
        return {};
    }
    *name = last.toByteArray();
    return open(slash < 0 ? QByteArrayView() : trimmed.first(slash), O_RDONLY | O_DIRECTORY);
}

Fd openBeneath(int dirFd, QByteArrayView relative, int flags, mode_t mode)
{
    if (relative.contains('\0')) {
        errno = EINVAL;
        return {};
    }
    if (hasDotDot(relative)) {
        errno = EXDEV;
        return {};
    }
    flags |= O_CLOEXEC | O_NOFOLLOW;
    const QByteArray path = relative.isEmpty() ? QByteArray(".") : relative.toByteArray();
    if (VmRoot::resolver() == VmRoot::Resolver::Openat2) {
        Fd fd = openWithOpenat2(dirFd, path, flags, mode);
        if (fd.valid() || errno != ENOSYS) {
            g_haveOpenat2 = 1;
            return refuseLink(std::move(fd), flags);
        }
        g_haveOpenat2 = 0;
    }
    if (relative.isEmpty())
        return Fd(::openat(dirFd, ".", flags & ~O_NOFOLLOW, mode));
    return refuseLink(openByWalking(dirFd, path, flags, mode), flags);
}

QString resolveErrorText(int err)
{
    switch (err) {
    case ELOOP:
        return QStringLiteral("a component of the path is a symbolic link (never followed)");
    case EXDEV:
        return QStringLiteral("the path leaves the VM's root");
    case ENOENT:
        return QStringLiteral("a component of the path does not exist");
    case ENOTDIR:
        return QStringLiteral("a component of the path is not a folder");
    default:
        return errnoText(err);
    }
}

} // namespace mamori::appliance::fs
