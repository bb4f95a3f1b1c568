// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/scan/ScanTargets.h"

#include "appliance/fs/GuestPath.h"
#include "appliance/fs/PosixIo.h"
#include "protocol/ErrorCode.h"

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

bool setError(QString *error, ErrorCode code)
{
    if (error)
        *error = errorCodeName(code);
    return false;
}

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

} // namespace

QString ScanTargets::canonicalRoot(const QString &root, QString *error)
{
    char *resolved =
        root.isEmpty() ? nullptr : ::realpath(QFile::encodeName(root).constData(), nullptr);
    const QString canonical = resolved ? QFile::decodeName(resolved) : QString();
    std::free(resolved);
    struct stat st;
    if (canonical.isEmpty() || ::stat(QFile::encodeName(canonical).constData(), &st) != 0
        || !S_ISDIR(st.st_mode)) {
        setError(error, ErrorCode::NotFound);
        return {};
    }
    return canonical;
}

bool ScanTargets::parseVmPath(const QString &vmPath, QByteArray *normalized, QString *error)
{
    QByteArray bytes;
    if (vmPath.isEmpty() || !fs::parseDisplayPath(vmPath, &bytes) || bytes.contains('\0'))
        return setError(error, ErrorCode::InvalidArgument);
    QByteArray path;
    if (!fs::normalizeVmPath(bytes, &path))
        return setError(error, ErrorCode::PathOutsideVm);
    if (normalized)
        *normalized = path;
    return true;
}

bool ScanTargets::resolveInsideRoot(
    const QString &root, const QString &vmPath, QByteArray *normalized, QString *error)
{
    QByteArray path;
    if (!parseVmPath(vmPath, &path, error))
        return false;
    const fs::VmRoot vmRoot(root);
    if (!vmRoot.isOpen())
        return setError(error, ErrorCode::NotFound);
    if (!vmRoot.open(path, O_PATH).valid() && errno != ENOENT && errno != ENOTDIR)
        return setError(error,
            errno == ELOOP || errno == EXDEV ? ErrorCode::PathOutsideVm : ErrorCode::NotFound);
    if (normalized)
        *normalized = path;
    if (error)
        error->clear();
    return true;
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

bool Exclusions::matches(QByteArrayView vmPath) const
{
    if (!m_paths.empty()) {
        const QString path = fs::displayPath(vmPath);
        for (const auto &re : m_paths) {
            if (re.match(path).hasMatch())
                return true;
        }
    }
    if (m_names.empty())
        return false;
    const QString name = fs::displayPath(vmPath.sliced(vmPath.lastIndexOf('/') + 1));
    for (const auto &re : m_names) {
        if (re.match(name).hasMatch())
            return true;
    }
    return false;
}

bool Exclusions::matchesSelfOrAncestor(QByteArrayView vmPath) const
{
    for (qsizetype i = vmPath.indexOf('/', 1); i > 0; i = vmPath.indexOf('/', i + 1)) {
        if (matches(vmPath.first(i)))
            return true;
    }
    return vmPath != "/" && matches(vmPath);
}

TreeWalker::TreeWalker(const Exclusions &exclusions, Callbacks callbacks)
    : m_exclusions(exclusions), m_callbacks(std::move(callbacks))
{ }

bool TreeWalker::walkDirectory(int dirFd, const QByteArray &vmPath)
{
    struct Frame
    {
        DIR *dir;
        QByteArray vmPath; // empty for the root, so that children are "/name"
    };
    std::vector<Frame> stack;
    const auto push = [&](int fd, const QByteArray &path) {
        DIR *dir = ::fdopendir(fd);
        if (!dir) {
            m_callbacks.error(path, errnoText());
            ::close(fd);
        } else if (m_callbacks.directory && !m_callbacks.directory(fd, path)) {
            ::closedir(dir);
        } else {
            stack.push_back({dir, path == "/" ? QByteArray() : path});
        }
    };
    push(dirFd, vmPath);
    bool going = true;
    while (going && !stack.empty()) {
        DIR *dir = stack.back().dir;
        errno = 0;
        const dirent *entry = ::readdir(dir);
        if (!entry) {
            if (errno != 0) {
                const QByteArray &parent = stack.back().vmPath;
                m_callbacks.error(parent.isEmpty() ? QByteArray("/") : parent, errnoText());
            }
            ::closedir(dir);
            stack.pop_back();
            continue;
        }
        const char *name = entry->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
            continue;
        const QByteArray path = stack.back().vmPath + '/' + name;
        const int parentFd = ::dirfd(dir);
        struct stat st;
        if (::fstatat(parentFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT) // deleted since readdir: a live guest does that
                m_callbacks.error(path, errnoText());
            continue;
        }
        if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
            continue;
        if (!m_exclusions.isEmpty() && m_exclusions.matches(path)) {
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
            m_callbacks.error(path, errnoText());
    }
    for (const Frame &frame : stack)
        ::closedir(frame.dir);
    return going;
}

bool TreeWalker::walkPath(const fs::VmRoot &root, const QByteArray &vmPath)
{
    if (m_exclusions.matchesSelfOrAncestor(vmPath)) {
        m_callbacks.excluded(vmPath);
        return true;
    }
    const auto fail = [&](int err) {
        m_callbacks.error(
            vmPath, err == ELOOP || err == EXDEV ? fs::resolveErrorText(err) : errnoText(err));
        return true;
    };
    if (vmPath == "/") {
        fs::Fd dir = root.open(vmPath, O_RDONLY | O_DIRECTORY);
        return dir.valid() ? walkDirectory(dir.release(), vmPath) : fail(errno);
    }
    QByteArray name;
    const fs::Fd parent = root.openParent(vmPath, &name);
    if (!parent.valid())
        return fail(errno);
    struct stat st;
    if (::fstatat(parent.get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return fail(errno);
    if (S_ISLNK(st.st_mode))
        return fail(ELOOP);
    if (S_ISDIR(st.st_mode)) {
        const int dir = ::openat(parent.get(), name.constData(), kDirFlags);
        return dir >= 0 ? walkDirectory(dir, vmPath) : fail(errno);
    }
    if (S_ISREG(st.st_mode))
        return m_callbacks.file(parent.get(), name.constData(), vmPath, st);
    m_callbacks.error(vmPath, QStringLiteral("not a regular file"));
    return true;
}

} // namespace mamori::appliance
