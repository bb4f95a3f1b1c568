// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/scan/ScanTargets.h"

#include "appliance/fs/PosixIo.h"
#include "protocol/ErrorCode.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace mamori::appliance {
namespace {

using fs::errnoText;

using protocol::ErrorCode;
using protocol::errorCodeName;

QString realPath(const QString &path, int *error)
{
    char *resolved = ::realpath(QFile::encodeName(path).constData(), nullptr);
    if (!resolved) {
        *error = errno;
        return {};
    }
    const QString result = QFile::decodeName(resolved);
    std::free(resolved);
    return result;
}

bool isInside(const QString &canonicalRoot, const QString &path)
{
    return canonicalRoot == QLatin1String("/") || path == canonicalRoot
        || path.startsWith(canonicalRoot + QLatin1Char('/'));
}

QString joinPath(const QString &dir, const QString &rest)
{
    if (rest.isEmpty())
        return dir;
    return dir.endsWith(QLatin1Char('/')) ? dir + rest : dir + QLatin1Char('/') + rest;
}

bool setError(QString *error, ErrorCode code)
{
    if (error)
        *error = errorCodeName(code);
    return false;
}

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

} // namespace

bool ScanTargets::normalizeVmPath(const QString &vmPath, QString *normalized)
{
    QStringList parts;
    for (const QString &part : vmPath.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (parts.isEmpty())
                return false;
            parts.removeLast();
            continue;
        }
        parts.append(part);
    }
    *normalized = QLatin1Char('/') + parts.join(QLatin1Char('/'));
    return true;
}

QString ScanTargets::canonicalRoot(const QString &root, QString *error)
{
    int err = 0;
    const QString canonical = root.isEmpty() ? QString() : realPath(root, &err);
    struct stat st;
    if (canonical.isEmpty() || ::stat(QFile::encodeName(canonical).constData(), &st) != 0
        || !S_ISDIR(st.st_mode)) {
        setError(error, ErrorCode::NotFound);
        return {};
    }
    return canonical;
}

bool ScanTargets::resolveInsideRoot(
    const QString &root, const QString &vmPath, QString *hostPath, QString *error)
{
    if (vmPath.isEmpty() || vmPath.contains(QChar(0)))
        return setError(error, ErrorCode::InvalidArgument);
    QString normalized;
    if (!normalizeVmPath(vmPath, &normalized))
        return setError(error, ErrorCode::PathOutsideVm);
    const QString rootC = canonicalRoot(root, error);
    if (rootC.isEmpty())
        return false;

    // realpath() needs an existing path: resolve the longest existing prefix
    // and append the rest, which cannot hold a link since it does not exist.
    QStringList head = normalized.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList tail;
    QString resolved;
    for (;;) {
        const QString candidate = joinPath(rootC, head.join(QLatin1Char('/')));
        int err = 0;
        resolved = realPath(candidate, &err);
        if (!resolved.isEmpty())
            break;
        if ((err != ENOENT && err != ENOTDIR) || head.isEmpty())
            return setError(error, err == ELOOP ? ErrorCode::PathOutsideVm : ErrorCode::NotFound);
        struct stat st;
        const QByteArray native = QFile::encodeName(candidate);
        if (::lstat(native.constData(), &st) == 0 && S_ISLNK(st.st_mode)) {
            // A dangling link: judge where it points, lexically.
            char target[4096];
            const ssize_t n = ::readlink(native.constData(), target, sizeof target - 1);
            if (n <= 0)
                return setError(error, ErrorCode::NotFound);
            const QString link = QFile::decodeName(QByteArray(target, n));
            head.removeLast();
            const QString parent = realPath(joinPath(rootC, head.join(QLatin1Char('/'))), &err);
            const QString pointed =
                QDir::cleanPath(link.startsWith(QLatin1Char('/')) ? link : joinPath(parent, link));
            return setError(error,
                !parent.isEmpty() && isInside(rootC, pointed) ? ErrorCode::NotFound
                                                              : ErrorCode::PathOutsideVm);
        }
        tail.prepend(head.takeLast());
    }
    if (!isInside(rootC, resolved))
        return setError(error, ErrorCode::PathOutsideVm);
    if (hostPath)
        *hostPath = joinPath(resolved, tail.join(QLatin1Char('/')));
    if (error)
        error->clear();
    return true;
}

QString ScanTargets::vmPathOf(const QString &canonicalRoot, const QString &hostPath)
{
    if (canonicalRoot == QLatin1String("/"))
        return hostPath;
    const QString rest = hostPath.mid(canonicalRoot.size());
    return rest.isEmpty() ? QStringLiteral("/") : rest;
}

Exclusions::Exclusions(const QStringList &globs)
{
    for (QString glob : globs) {
        glob = glob.trimmed();
        while (glob.size() > 1 && glob.endsWith(QLatin1Char('/')))
            glob.chop(1);
        if (glob.isEmpty())
            continue;
        QRegularExpression re(QRegularExpression::wildcardToRegularExpression(glob),
            QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid())
            continue;
        re.optimize();
        (glob.startsWith(QLatin1Char('/')) ? m_paths : m_names).push_back(std::move(re));
    }
}

bool Exclusions::matches(const QString &vmPath) const
{
    for (const auto &re : m_paths) {
        if (re.match(vmPath).hasMatch())
            return true;
    }
    if (m_names.empty())
        return false;
    const QString name = vmPath.mid(vmPath.lastIndexOf(QLatin1Char('/')) + 1);
    for (const auto &re : m_names) {
        if (re.match(name).hasMatch())
            return true;
    }
    return false;
}

bool Exclusions::matchesSelfOrAncestor(const QString &vmPath) const
{
    for (qsizetype i = vmPath.indexOf(QLatin1Char('/'), 1); i > 0;
         i = vmPath.indexOf(QLatin1Char('/'), i + 1)) {
        if (matches(vmPath.left(i)))
            return true;
    }
    return vmPath != QLatin1String("/") && matches(vmPath);
}

TreeWalker::TreeWalker(const Exclusions &exclusions, Callbacks callbacks)
    : m_exclusions(exclusions), m_callbacks(std::move(callbacks))
{ }

bool TreeWalker::walkDirectory(int dirFd, const QString &vmPath)
{
    struct Frame
    {
        DIR *dir;
        QString vmPath;
    };
    std::vector<Frame> stack;
    const auto push = [&](int fd, const QString &path) {
        if (DIR *dir = ::fdopendir(fd)) {
            stack.push_back({dir, path == QLatin1String("/") ? QString() : path});
        } else {
            m_callbacks.error(path, errnoText(errno));
            ::close(fd);
        }
    };
    push(dirFd, vmPath);
    bool going = true;
    while (going && !stack.empty()) {
        DIR *dir = stack.back().dir;
        const QString parentPath = stack.back().vmPath;
        errno = 0;
        const dirent *entry = ::readdir(dir);
        if (!entry) {
            if (errno != 0)
                m_callbacks.error(
                    parentPath.isEmpty() ? QStringLiteral("/") : parentPath, errnoText(errno));
            ::closedir(dir);
            stack.pop_back();
            continue;
        }
        const char *name = entry->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
            continue;
        const QString path = parentPath + QLatin1Char('/') + QFile::decodeName(name);
        const int parentFd = ::dirfd(dir);
        struct stat st;
        if (::fstatat(parentFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT) // deleted since readdir: a live guest does that
                m_callbacks.error(path, errnoText(errno));
            continue;
        }
        if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
            continue;
        if (m_exclusions.matches(path)) {
            m_callbacks.excluded(path);
            continue;
        }
        if (S_ISREG(st.st_mode)) {
            going = m_callbacks.file(parentFd, name, path, st);
            continue;
        }
        if (stack.size() >= std::size_t(kMaxDepth)) {
            m_callbacks.error(path, QStringLiteral("directories nested too deeply to scan"));
            continue;
        }
        const int fd = ::openat(parentFd, name, kDirFlags);
        if (fd >= 0)
            push(fd, path);
        else if (errno != ENOENT && errno != ELOOP && errno != ENOTDIR)
            m_callbacks.error(path, errnoText(errno));
    }
    for (const Frame &frame : stack)
        ::closedir(frame.dir);
    return going;
}

bool TreeWalker::walkPath(int rootFd, const QString &vmPath)
{
    if (m_exclusions.matchesSelfOrAncestor(vmPath)) {
        m_callbacks.excluded(vmPath);
        return true;
    }
    const QStringList parts = vmPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    int fd = ::fcntl(rootFd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        m_callbacks.error(vmPath, errnoText(errno));
        return true;
    }
    const auto fail = [&](int err) {
        m_callbacks.error(vmPath,
            err == ELOOP ? QStringLiteral("a symbolic link: not followed") : errnoText(err));
        ::close(fd);
        return true;
    };
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const int next = ::openat(fd, QFile::encodeName(parts[i]).constData(), kDirFlags);
        if (next < 0)
            return fail(errno);
        ::close(fd);
        fd = next;
    }
    if (parts.isEmpty())
        return walkDirectory(fd, QStringLiteral("/"));
    const QByteArray last = QFile::encodeName(parts.last());
    struct stat st;
    if (::fstatat(fd, last.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(errno);
    if (S_ISLNK(st.st_mode))
        return fail(ELOOP);
    if (S_ISDIR(st.st_mode)) {
        const int dir = ::openat(fd, last.constData(), kDirFlags);
        const int err = errno;
        ::close(fd);
        if (dir < 0) {
            m_callbacks.error(vmPath, errnoText(err));
            return true;
        }
        return walkDirectory(dir, vmPath);
    }
    bool going = true;
    if (S_ISREG(st.st_mode))
        going = m_callbacks.file(fd, last.constData(), vmPath, st);
    else
        m_callbacks.error(vmPath, QStringLiteral("not a regular file"));
    ::close(fd);
    return going;
}

} // namespace mamori::appliance
