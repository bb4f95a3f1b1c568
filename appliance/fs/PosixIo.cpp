// SPDX-License-Identifier: GPL-2.0-or-later
#include "appliance/fs/PosixIo.h"

#include "appliance/fs/Fd.h"

#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::appliance::fs {

void Fd::reset(int fd)
{
    if (m_fd >= 0) {
        const int saved = errno;
        ::close(m_fd);
        errno = saved;
    }
    m_fd = fd;
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

qsizetype readSome(int fd, char *data, qsizetype size)
{
    for (;;) {
        const ssize_t n = ::read(fd, data, static_cast<size_t>(size));
        if (n < 0 && errno == EINTR)
            continue;
        return n;
    }
}

bool syncDirectory(int dirFd)
{
    return ::fsync(dirFd) == 0 || errno == EINVAL;
}

bool replaceFile(
    const QString &path, const std::function<bool(int fd)> &fill, QString *why, mode_t mode)
{
    QByteArray tmp = QFile::encodeName(path) + ".tmp-XXXXXX";
    Fd fd(::mkostemp(tmp.data(), O_CLOEXEC));
    if (!fd.valid()) {
        *why = QStringLiteral("cannot create a file beside it: %1").arg(errnoText());
        return false;
    }
    const auto fail = [&](const char *step) {
        *why = QStringLiteral("%1: %2").arg(QLatin1String(step), errnoText());
        fd.reset();
        ::unlink(tmp.constData());
        return false;
    };
    if (::fchmod(fd.get(), mode) != 0 || !fill(fd.get()))
        return fail("cannot write");
    if (::fsync(fd.get()) != 0)
        return fail("cannot sync");
    if (::close(fd.release()) != 0)
        return fail("cannot write");
    if (::rename(tmp.constData(), QFile::encodeName(path).constData()) != 0)
        return fail("cannot rename");
    const Fd dir(::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(),
        O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.valid())
        syncDirectory(dir.get());
    return true;
}

} // namespace mamori::appliance::fs
