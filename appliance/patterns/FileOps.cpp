// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/fs/Fd.h"
#include "appliance/fs/PosixIo.h"
#include "appliance/patterns/FileOps_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance::fileops {

using fs::errnoText;

namespace {

QByteArray encoded(const QString &path)
{
    return QFile::encodeName(path);
}

// Writes a fresh temporary file beside `path` and returns its name.
QString writeTemporary(const QString &path, const QByteArray &data, int mode, QString *error)
{
    char random[8];
    randombytes_buf(random, sizeof random);
    const QString temporary = path + QStringLiteral(".tmp-")
        + QString::fromLatin1(QByteArray(random, sizeof random).toHex());
    const int fd = ::open(
        encoded(temporary).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) {
        *error = QStringLiteral("cannot create %1: %2").arg(temporary, errnoText());
        return {};
    }
    // The umask must not widen or narrow what the caller asked for.
    bool ok = ::fchmod(fd, mode_t(mode)) == 0 && fs::writeAll(fd, data.constData(), data.size())
        && ::fsync(fd) == 0;
    const QString why = errnoText();
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        *error = QStringLiteral("cannot write %1: %2").arg(temporary, why);
        ::unlink(encoded(temporary).constData());
        return {};
    }
    return temporary;
}

} // namespace

bool syncFile(const QString &path, QString *error)
{
    const int fd = ::open(encoded(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    if (!ok)
        *error = QStringLiteral("cannot sync %1: %2").arg(path, errnoText());
    if (fd >= 0)
        ::close(fd);
    return ok;
}

bool syncDirectory(const QString &path, QString *error)
{
    const fs::Fd fd(::open(encoded(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    const bool ok = fd.valid() && fs::syncDirectory(fd.get());
    if (!ok)
        *error = QStringLiteral("cannot sync %1: %2").arg(path, errnoText());
    return ok;
}

bool writeAtomically(const QString &path, const QByteArray &data, int mode, QString *error)
{
    const QString temporary = writeTemporary(path, data, mode, error);
    if (temporary.isEmpty())
        return false;
    if (::rename(encoded(temporary).constData(), encoded(path).constData()) != 0) {
        *error = QStringLiteral("cannot replace %1: %2").arg(path, errnoText());
        ::unlink(encoded(temporary).constData());
        return false;
    }
    return syncDirectory(QFileInfo(path).absolutePath(), error);
}

bool createExclusively(const QString &path, const QByteArray &data, int mode, QString *error)
{
    const QString temporary = writeTemporary(path, data, mode, error);
    if (temporary.isEmpty())
        return false;
    // link() fails if `path` exists: the file appears complete or not at all
    // and never replaces one that is already there.
    const bool linked = ::link(encoded(temporary).constData(), encoded(path).constData()) == 0;
    const int linkErrno = errno;
    ::unlink(encoded(temporary).constData());
    if (!linked) {
        errno = linkErrno;
        *error = linkErrno == EEXIST
            ? QStringLiteral("%1 already exists").arg(path)
            : QStringLiteral("cannot create %1: %2").arg(path, errnoText());
        return false;
    }
    return syncDirectory(QFileInfo(path).absolutePath(), error);
}

void removeTree(const QString &path)
{
    const QFileInfo info(path);
    if (info.isSymLink() || !info.isDir()) {
        ::unlink(encoded(path).constData());
        return;
    }
    // QDir::removeRecursively does not follow symbolic links into other trees.
    QDir(path).removeRecursively();
}

DirectoryLock::DirectoryLock(const QString &lockFile)
{
    m_fd = ::open(encoded(lockFile).constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (m_fd < 0) {
        m_error = QStringLiteral("cannot open %1: %2").arg(lockFile, errnoText());
        return;
    }
    int rc;
    do {
        rc = ::flock(m_fd, LOCK_EX);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        m_error = QStringLiteral("cannot lock %1: %2").arg(lockFile, errnoText());
        ::close(m_fd);
        m_fd = -1;
    }
}

DirectoryLock::~DirectoryLock()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace mamori::appliance::fileops
